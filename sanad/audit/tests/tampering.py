"""Changes made to the audit table behind the application's back, as someone with direct
database access could: raw SQL, no model, no record()."""

from django.db import connection

CHANGE_DETAIL = {
    "postgresql": "UPDATE audit_auditevent SET detail = %s::jsonb WHERE seq = %s",
    "sqlite": "UPDATE audit_auditevent SET detail = %s WHERE seq = %s",
}


def change_detail(seq: int, detail_json: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(CHANGE_DETAIL[connection.vendor], [detail_json, seq])
        assert cursor.rowcount == 1


def change_action_and_rehash(seq: int, action: str, new_hash: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = %s, hash = %s WHERE seq = %s", [action, new_hash, seq])
        assert cursor.rowcount == 1


def delete_event(seq: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [seq])
        assert cursor.rowcount == 1


def cut_short(keep: int) -> None:
    """Delete every event after `keep` and move the head back to it, as an attacker covering tracks would."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq > %s", [keep])
        cursor.execute("SELECT hash FROM audit_auditevent WHERE seq = %s", [keep])
        last = cursor.fetchone()[0]
        cursor.execute("UPDATE audit_audithead SET last_seq = %s, last_hash = %s", [keep, last])


def wipe() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("DELETE FROM audit_audithead")


def delete_and_relink(seq: int, *, with_key: bytes) -> None:
    """Delete one event and recompute every later link and number with `with_key`, so the chain
    looks whole to anyone who checks it with that key."""
    import hashlib
    import hmac

    from sanad.audit.models import AuditEvent

    delete_event(seq)
    previous = AuditEvent.objects.filter(seq=seq - 1).values_list("hash", flat=True).first() or "0" * 64
    for event in AuditEvent.objects.filter(seq__gt=seq).order_by("seq"):
        event.seq -= 1
        event.prev_hash = previous
        event.hash = hmac.new(with_key, previous.encode() + b"|" + event.content(), hashlib.sha256).hexdigest()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [event.seq, event.prev_hash, event.hash, event.pk],
            )
        previous = event.hash
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audithead SET last_seq = last_seq - 1, last_hash = %s", [previous])
