from django.core.management.base import BaseCommand

from sanad.evidence import crypto, storage
from sanad.evidence.models import Evidence


class Command(BaseCommand):
    help = (
        "Re-wrap the data keys of every sealed file with the active key-encryption key "
        "(the first one in SANAD_KEK). Sealed database fields are re-wrapped by rotate_sealed_fields."
    )

    def handle(self, *args: object, **options: object) -> None:
        active = crypto.keyring().active_id
        moved = 0
        for evidence in Evidence.objects.iterator():
            name_sealed = bytes(evidence.original_name_sealed)
            if crypto.sealed_with(name_sealed) != active:
                evidence.original_name_sealed = crypto.rewrap(name_sealed, context=f"{evidence.context}:name")
                evidence.save(update_fields=["original_name_sealed"])
            sealed = storage.read_raw(evidence.storage_name)
            if crypto.sealed_with(sealed) != active:
                storage.write_raw(evidence.storage_name, crypto.rewrap(sealed, context=evidence.context))
                moved += 1
        self.stdout.write(f"{moved} files re-wrapped with key {active}")
