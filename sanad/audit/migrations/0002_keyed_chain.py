"""The chain becomes keyed (HMAC with SANAD_AUDIT_KEY): existing events are linked again with
the key, in order, once. This is the only legitimate recomputation of the chain; checkpoints
outside the database start with the first one written after it (audit_checkpoint)."""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations


def _content(event) -> bytes:  # the same fields as AuditEvent.content()
    return json.dumps(
        {
            "seq": event.seq,
            "at": event.at.isoformat(),
            "actor": event.actor_id,
            "actor_name": event.actor_name,
            "role": event.role,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "detail": event.detail,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def link_again(apps, schema_editor) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    if not AuditEvent.objects.exists():
        return
    key = settings.SANAD_AUDIT_KEY.encode()
    previous = "0" * 64
    for event in AuditEvent.objects.order_by("seq").iterator():
        event.prev_hash = previous
        event.hash = hmac.new(key, previous.encode() + b"|" + _content(event), hashlib.sha256).hexdigest()
        event.save(update_fields=["prev_hash", "hash"])
        previous = event.hash
    AuditHead.objects.filter(pk=1).update(last_hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(link_again, migrations.RunPython.noop)]
