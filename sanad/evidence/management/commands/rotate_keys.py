from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sanad.evidence import crypto, storage
from sanad.evidence.models import Evidence


class Command(BaseCommand):
    help = (
        "Re-wrap every data key with the active key-encryption key (the first in SANAD_KEK): "
        "sealed fields of every model that declares SEALED_FIELDS, and every sealed file (originals and previews). "
        "Ciphertexts are not re-encrypted; safe to interrupt and run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        active = crypto.keyring().active_id
        for model in apps.get_models():
            fields = getattr(model, "SEALED_FIELDS", ())
            if fields:
                self.stdout.write(f"{model._meta.label}: {self._rewrap_rows(model, fields, active)} values re-wrapped")
        files = 0
        for evidence in Evidence.objects.iterator():
            # The original and its sealed previews (clear and blurred), each under its own context.
            for name, context in evidence.sealed_files:
                sealed = storage.read_raw(name)
                if crypto.sealed_with(sealed) != active:
                    storage.write_raw(name, crypto.rewrap(sealed, context=context))
                    files += 1
        self.stdout.write(f"{files} files re-wrapped with key {active}")

    def _rewrap_rows(self, model, fields: tuple[str, ...], active: str) -> int:  # type: ignore[no-untyped-def]
        count = 0
        for row in model.objects.iterator():
            changed = []
            for field in fields:
                sealed = getattr(row, field)
                if sealed and crypto.sealed_with(bytes(sealed)) != active:
                    setattr(row, field, crypto.rewrap(bytes(sealed), context=row.seal_context(field)))
                    changed.append(field)
            if changed:
                with transaction.atomic():
                    model.objects.filter(pk=row.pk).update(**{field: getattr(row, field) for field in changed})
                count += len(changed)
        return count
