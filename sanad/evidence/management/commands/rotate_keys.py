from typing import cast

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Model

from sanad.evidence import crypto, storage
from sanad.evidence.crypto import Sealable
from sanad.evidence.models import FileKey


class Command(BaseCommand):
    help = (
        "Re-wrap every data key with the active key-encryption key (the first in SANAD_KEK): the sealed "
        "fields of every model (SEALED_FIELDS) and the key of every sealed file (FileKey rows: evidence, "
        "packs, previews...); a file still holding its own key (SEALED_FILES, written before keys were "
        "kept apart) is stored again with its key apart. Ciphertexts are not re-encrypted; safe to "
        "interrupt and run again. When it has finished, the old key can be removed from SANAD_KEK."
    )

    def handle(self, *args: object, **options: object) -> None:
        active = crypto.keyring().active_id
        for model in apps.get_models():
            fields = getattr(model, "SEALED_FIELDS", ())
            if fields:
                self.stdout.write(f"{model._meta.label}: {self._rewrap_rows(model, fields, active)} values re-wrapped")
            files = getattr(model, "SEALED_FILES", {})
            if files:
                moved = self._keep_keys_apart(model, files, active)
                self.stdout.write(f"{model._meta.label}: {moved} files stored again with their key apart")
        self.stdout.write(f"files: {storage.rewrap_keys(active)} keys re-wrapped")
        self.stdout.write(f"done: everything is wrapped with key {active}")

    def _rewrap_rows(self, model: type[Model], fields: tuple[str, ...], active: str) -> int:
        # _default_manager: a model's one manager, `objects`, under the name any model has.
        count = 0
        for row in model._default_manager.iterator():
            changed = []
            for field in fields:
                sealed = getattr(row, field)
                if sealed and crypto.sealed_with(bytes(sealed)) != active:
                    setattr(row, field, crypto.rewrap(bytes(sealed), context=cast(Sealable, row).seal_context(field)))
                    changed.append(field)
            if changed:
                with transaction.atomic():
                    model._default_manager.filter(pk=row.pk).update(**{field: getattr(row, field) for field in changed})
                count += len(changed)
        return count

    def _keep_keys_apart(self, model: type[Model], files: dict[str, str], active: str) -> int:
        """`files` maps a field holding a storage name to the attribute giving the file's seal context."""
        count = 0
        kept_apart = set(FileKey.objects.values_list("name", flat=True))
        for row in model._default_manager.iterator():
            for field, context in files.items():
                name = getattr(row, field)
                if not name or name in kept_apart:
                    continue
                sealed = crypto.rewrap(storage.read_raw(name), context=getattr(row, context))
                with transaction.atomic():
                    renamed = storage.keep_key_apart(name, sealed, context=getattr(row, context))
                    model._default_manager.filter(pk=row.pk, **{field: name}).update(**{field: renamed})
                storage.delete(name)
                count += 1
        return count
