"""Reports already in a case were triaged when they joined it: the queue now reads
Report.triaged_at instead of the public status."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def mark_triaged(apps, schema_editor):
    Report = apps.get_model("intake", "Report")
    CaseReport = apps.get_model("cases", "CaseReport")
    linked_at = CaseReport.objects.filter(report=OuterRef("pk")).values("linked_at")[:1]
    Report.objects.filter(triaged_at__isnull=True, case_link__isnull=False).update(triaged_at=Subquery(linked_at))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_referral_file_erased_with_its_file"),
        ("intake", "0010_report_triaged_at"),
    ]

    operations = [migrations.RunPython(mark_triaged, migrations.RunPython.noop)]
