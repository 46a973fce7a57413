"""The restore drill (docs/backup.md): create data, back it up as production does, destroy
everything, restore into a fresh PostgreSQL cluster and a fresh evidence store, then prove it:
verify_audit passes, every evidence file opens and matches the hash taken at capture, the
referral's pack opens and verifies, and each report is followed with its receipt. It prints its
figures and exits non-zero on any failure. `make test` runs it with small data:

    .venv/bin/python scripts/restore_drill.py [--reports 24]

It starts its own clusters (Debian's PostgreSQL, `initdb` in a temporary folder) and removes them.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
    if not found:
        sys.exit("PostgreSQL is not installed: run scripts/bootstrap.sh dev")
    return found[-1]


def _as_postgres() -> list[str]:
    """PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user."""
    return ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


class Cluster:
    """A throwaway PostgreSQL cluster on a private port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bin = _bindir()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        folder.mkdir(parents=True)
        if os.getuid() == 0:
            shutil.chown(folder, "postgres")
        self.url = f"postgres://sanad@127.0.0.1:{self.port}/sanad"

    def start(self) -> None:
        run = _as_postgres()
        subprocess.run(
            [
                *run,
                self.bin / "initdb",
                "-D",
                self.folder / "data",
                "-U",
                "sanad",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [
                *run,
                self.bin / "pg_ctl",
                "-D",
                self.folder / "data",
                "-l",
                self.folder / "log",
                "-w",
                "-o",
                options,
                "start",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "sanad", "sanad"], check=True
        )

    def destroy(self) -> None:
        subprocess.run(
            [*_as_postgres(), self.bin / "pg_ctl", "-D", self.folder / "data", "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _env(cluster: Cluster, evidence: Path, keys: Path, var: Path) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "SANAD_VAR_DIR": str(var),
        "SANAD_DATABASE_URL": cluster.url,
        "SANAD_EVIDENCE_DIR": str(evidence),
        "SANAD_KEK_FILE": str(keys / "kek"),
        "SANAD_INDEX_KEY_FILE": str(keys / "index_key"),
        "SANAD_SECRET_KEY_FILE": str(keys / "secret_key"),
        "SANAD_AUDIT_KEY_FILE": str(keys / "audit_key"),
        # The audit chain's checkpoints live outside the database and outlive it (docs/security.md).
        "SANAD_AUDIT_CHECKPOINTS": f"file:{keys.parent / 'audit-anchor' / 'checkpoints.jsonl'}",
        "SANAD_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SANAD_EMAIL_BACKEND": "memory",
        "SANAD_ALLOWED_HOSTS": "testserver",
        "SANAD_SECURE_COOKIES": "false",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _phase(env: dict[str, str], phase: str, workdir: Path, reports: int = 0) -> dict:
    done = subprocess.run(
        [PYTHON, __file__, "--phase", phase, "--workdir", str(workdir), "--reports", str(reports)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"phase {phase} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


# --- The phases that run inside Django (a process of their own, with the drill's environment) ---


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
    import django

    django.setup()


def make_data(workdir: Path, count: int) -> dict:
    """Reports (half with files), a closed and a referred case with its pack; the receipts are
    kept apart, as the reporters keep them."""
    _setup()
    import hashlib
    import io

    from PIL import Image

    from sanad.accounts.models import Organisation, User
    from sanad.cases import actions as case_actions
    from sanad.cases.pack import build_referral_pack
    from sanad.evidence.actions import capture_file
    from sanad.intake import actions as intake_actions
    from sanad.intake.identifiers import normalise
    from sanad.intake.models import Report

    centre = Organisation.objects.create(name="Centre (exercice)", kind=Organisation.Kind.CENTRE)
    police = Organisation.objects.create(name="Police (exercice)", kind=Organisation.Kind.POLICE)
    analyst = User.objects.create_user("drill.analyst", organisation=centre, role=User.Role.ANALYST)
    receipts, hashes = {}, {}
    for number in range(count):
        report = Report(
            language="fr",
            danger_now=number % 7 == 0,
            self_harm=False,
            sextortion_deadline=False,
            reporter_role="victim",
            started="week",
            ongoing="yes",
            victim_age_band="13_15",
            victim_gender="girl" if number % 2 else "boy",
        )
        files = []
        if number % 2 == 0:
            picture = io.BytesIO()
            Image.new("RGB", (64 + number, 48), (number * 9 % 255, 80, 160)).save(picture, "PNG")
            files.append(capture_file(picture.getvalue(), name=f"capture-{number}.png", actor="reporter"))
        receipt = intake_actions.receive_report(
            report,
            description=f"Exercice de restauration, signalement fictif numéro {number}.",
            school="",
            contact="",
            categories=["harassment"],
            platforms=["instagram"],
            identifiers=[normalise(f"@drill.person{number}", platform="instagram")],
            evidence=files,
        )
        receipts[report.reference] = receipt
        for evidence in files:
            hashes[str(evidence.pk)] = evidence.sha256
    first, second = Report.objects.order_by("pk")[:2]
    closed = case_actions.open_case(first, by=analyst)
    case_actions.close_case(closed, outcome="resolved", by=analyst)
    referred = case_actions.open_case(second, by=analyst)
    referral = case_actions.refer_case(
        referred, target="police", organisation=police, brief="Exercice (fictif).", legal_ground="", by=analyst
    )
    build_referral_pack(referral.pk)
    referral.refresh_from_db()
    (workdir / "receipts.json").write_text(json.dumps(receipts))
    return {
        "reports": count,
        "files": len(hashes),
        "referral": referral.pk,
        "pack_sha256": referral.pack_sha256,
        "hashes": hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest(),
    }


def check_restored(workdir: Path) -> dict:
    """Everything a centre relies on, read back from the restored database, store and keys."""
    _setup()
    import hashlib

    from django.test import Client

    from sanad.audit.log import verify
    from sanad.cases.models import Referral
    from sanad.cases.pack import read_pack, verify_pack
    from sanad.intake.models import Report
    from sanad.operations.file_check import check_files

    broken = verify()
    files = check_files()
    referral = Referral.objects.exclude(pack_name="").get()
    pack = read_pack(referral)
    followed = 0
    for number, (reference, receipt) in enumerate(json.loads((workdir / "receipts.json").read_text()).items()):
        # Each reporter on their own phone: a documentation address (TEST-NET-1) of their own.
        client = Client(REMOTE_ADDR=f"192.0.2.{number % 250 + 1}")
        if client.post("/fr/follow-up/", {"receipt": receipt}).status_code != 302:
            continue
        shown = Report.objects.get(pk=client.session["sanad_followup"]["report"])
        page = client.get("/fr/follow-up/report/")
        followed += shown.reference == reference and page.status_code == 200 and "timeline" in page.content.decode()
    return {
        "audit_chain": "intact" if broken is None else f"broken at #{broken.seq}",
        "files": files.files,
        "files_matching_capture_hash": files.files_matching,
        "pack_sha256_matches": hashlib.sha256(pack).hexdigest() == referral.pack_sha256,
        "pack_verifies": verify_pack(pack, may_see=lambda checked: checked.pk == referral.pk).intact,
        "reports_followed_with_receipt": followed,
    }


# --- The drill -------------------------------------------------------------------------------


def drill(count: int) -> int:
    base = Path(tempfile.mkdtemp(prefix="sanad-drill-"))
    os.chmod(base, 0o755)  # the postgres user reaches its cluster folders inside
    keys, escrow, backups = base / "keys", base / "key-escrow", base / "backups"
    figures: dict[str, object] = {}
    source = Cluster(base / "source")
    restored = Cluster(base / "restored")
    try:
        started = time.monotonic()
        source.start()
        env = _env(source, base / "evidence", keys, base / "var")
        keys.mkdir()
        keygen = {name: value for name, value in env.items() if not name.endswith("_FILE")}
        _manage({**keygen, "SANAD_VAR_DIR": str(base / "keygen")}, "generate_keys")
        for name in ("kek", "index_key", "secret_key", "audit_key"):
            shutil.copy(base / "keygen" / "secrets" / name, keys / name)
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "collectstatic", "--no-input", "-v0")
        made = _phase(env, "make-data", base, count)
        figures["created"] = {key: made[key] for key in ("reports", "files")}
        figures["create_seconds"] = round(time.monotonic() - started, 1)
        (base / "audit-anchor").mkdir()
        _manage(env, "audit_checkpoint")  # as the scheduler does: the chain's head, signed, outside

        # Back up as the nightly job does; the keys go to their own escrow, never with the data.
        started = time.monotonic()
        backup_env = {**env, "SANAD_BACKUP_DIR": str(backups), "SANAD_BACKUP_KEEP_DAYS": "30"}
        done = subprocess.run(
            [ROOT / "scripts" / "backup.sh"], cwd=ROOT, env=backup_env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.exit(f"backup.sh failed:\n{done.stdout}\n{done.stderr}")
        shutil.copytree(keys, escrow)
        dump = next((backups / "database").glob("*.dump"))
        figures["backup"] = {
            "seconds": round(time.monotonic() - started, 1),
            "database_dump_bytes": dump.stat().st_size,
            "sealed_files_bytes": _size(backups / "files"),
        }

        # Destroy: the cluster, the evidence store and the live keys are gone.
        source.destroy()
        shutil.rmtree(base / "evidence")
        shutil.rmtree(keys)

        # Restore into a fresh cluster and a fresh store, with the keys from the escrow.
        started = time.monotonic()
        restored.start()
        subprocess.run(
            [restored.bin / "pg_restore", "--no-owner", "--exit-on-error", "-d", restored.url, dump],
            check=True,
            capture_output=True,
        )
        new_store = base / "evidence-restored"
        subprocess.run(["rsync", "-a", f"{backups / 'files' / 'latest'}/", f"{new_store}/"], check=True)
        shutil.copytree(escrow, keys)
        env = _env(restored, new_store, keys, base / "var-restored")
        figures["restore_seconds"] = round(time.monotonic() - started, 1)

        started = time.monotonic()
        _manage(env, "collectstatic", "--no-input", "-v0")  # as every deployment does (docs/deploy.md)
        figures["verify_audit"] = _manage(env, "verify_audit").strip()
        figures["verify_files"] = _manage(env, "verify_files").strip()
        checked = _phase(env, "check", base)
        figures["checked"] = checked
        figures["check_seconds"] = round(time.monotonic() - started, 1)
        ok = (
            checked["audit_chain"] == "intact"
            and checked["files"] == checked["files_matching_capture_hash"] == made["files"]
            and checked["pack_sha256_matches"]
            and checked["pack_verifies"]
            and checked["reports_followed_with_receipt"] == made["reports"]
        )
    finally:
        source.destroy()
        restored.destroy()
        shutil.rmtree(base, ignore_errors=True)
    print("Restore drill:", json.dumps(figures, indent=2))
    print("RESTORE DRILL PASSED" if ok else "RESTORE DRILL FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=24)
    parser.add_argument("--phase", choices=["make-data", "check"])
    parser.add_argument("--workdir", type=Path)
    options = parser.parse_args()
    if options.phase == "make-data":
        print(json.dumps(make_data(options.workdir, options.reports)))
        return 0
    if options.phase == "check":
        print(json.dumps(check_restored(options.workdir)))
        return 0
    return drill(options.reports)


if __name__ == "__main__":
    sys.exit(main())
