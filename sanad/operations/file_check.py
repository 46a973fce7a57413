"""Every sealed file and pack read back and compared with what was recorded when it was made:
after a restore, a move to another store, or a doubt (manage.py verify_files)."""

import hashlib
from dataclasses import dataclass, field

from sanad.cases.models import Referral
from sanad.cases.pack import read_pack
from sanad.evidence import crypto
from sanad.evidence.integrity import read_file
from sanad.evidence.models import Evidence


@dataclass
class FileCheck:
    files: int = 0
    files_matching: int = 0
    packs: int = 0
    packs_matching: int = 0
    problems: list[str] = field(default_factory=list)  # ids and what went wrong, never content

    @property
    def intact(self) -> bool:
        return not self.problems


def check_files() -> FileCheck:
    result = FileCheck()
    for evidence in Evidence.objects.order_by("received_at").iterator():
        result.files += 1
        try:
            matches = hashlib.sha256(read_file(evidence)).hexdigest() == evidence.sha256
        except (OSError, crypto.TamperedError) as error:
            result.problems.append(f"evidence {evidence.pk}: cannot be read ({error})")
            continue
        if matches:
            result.files_matching += 1
        else:
            result.problems.append(f"evidence {evidence.pk}: does not match the hash taken at capture")
    for referral in Referral.objects.exclude(pack_name="").order_by("pk").iterator():
        result.packs += 1
        try:
            matches = hashlib.sha256(read_pack(referral)).hexdigest() == referral.pack_sha256
        except (OSError, crypto.TamperedError) as error:
            result.problems.append(f"pack of referral {referral.pk}: cannot be read ({error})")
            continue
        if matches:
            result.packs_matching += 1
        else:
            result.problems.append(f"pack of referral {referral.pk}: does not match its recorded hash")
    return result
