"""Installs the profile's reference data: platforms, deadlines and emergency numbers.

Deadlines and numbers come from the settings (SANAD_URGENCY_DEADLINES, SANAD_REFERRAL_DEADLINES,
SANAD_EMERGENCY_NUMBERS: the Morocco profile unless the installation set them); afterwards
administrators change them in the reference data. Existing rows are left as they are.
"""

from django.conf import settings
from django.db import migrations

from sanad.reference.profile import PLATFORMS, names



def install(apps, schema_editor):
    Platform = apps.get_model("reference", "Platform")
    Deadline = apps.get_model("reference", "Deadline")
    EmergencyNumber = apps.get_model("reference", "EmergencyNumber")
    for position, (code, name_ar, name_fr, name_en) in enumerate(PLATFORMS, start=1):
        Platform.objects.get_or_create(
            code=code, defaults={"name_ar": name_ar, "name_fr": name_fr, "name_en": name_en, "position": position}
        )
    for level, duration in settings.SANAD_URGENCY_DEADLINES.items():
        Deadline.objects.get_or_create(kind="first_action", key=level, defaults={"duration": duration})
    for target, duration in settings.SANAD_REFERRAL_DEADLINES.items():
        Deadline.objects.get_or_create(kind="referral", key=target, defaults={"duration": duration})
    if not EmergencyNumber.objects.exists():
        for position, (label, number) in enumerate(settings.SANAD_EMERGENCY_NUMBERS.items(), start=1):
            named = names(label)
            EmergencyNumber.objects.create(
                name_ar=named["ar"], name_fr=named["fr"], name_en=named["en"], number=number, position=position
            )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_reference_data")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
