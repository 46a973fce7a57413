"""One regional academy of education (AREF) per region: the organisation its staff belong to."""

from django.db import migrations


def create_academies(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    Region = apps.get_model("accounts", "Region")
    Organisation = apps.get_model("accounts", "Organisation")
    for region in Region.objects.all():
        if not Organisation.objects.filter(kind="academy", region=region).exists():
            Organisation.objects.create(kind="academy", region=region, name=f"AREF {region.name_fr}")


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial"), ("accounts", "0002_morocco_regions")]
    operations = [migrations.RunPython(create_academies, migrations.RunPython.noop)]
