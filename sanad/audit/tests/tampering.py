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
