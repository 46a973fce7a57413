"""A report's arrival in its status history is its own `submitted_at`: drop the rows that repeated it."""

from django.db import migrations
from django.db.models import F


def drop_arrival_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    StatusChange = apps.get_model("intake", "StatusChange")
    StatusChange.objects.filter(status="received", at=F("report__submitted_at")).delete()


def restore_arrival_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    Report = apps.get_model("intake", "Report")
    StatusChange = apps.get_model("intake", "StatusChange")
    arrivals = Report.objects.values_list("pk", "submitted_at").iterator()
    StatusChange.objects.bulk_create(
        (StatusChange(report_id=pk, status="received", at=at) for pk, at in arrivals), batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0004_ratebucket")]

    operations = [migrations.RunPython(drop_arrival_rows, restore_arrival_rows, elidable=True)]
