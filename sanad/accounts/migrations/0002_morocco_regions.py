"""The Morocco profile's twelve regions (each with its regional academy of education)."""

from django.db import migrations

REGIONS = [
    ("tanger-tetouan-al-hoceima", "طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma", "Tangier-Tetouan-Al Hoceima"),
    ("oriental", "الشرق", "L'Oriental", "Oriental"),
    ("fes-meknes", "فاس مكناس", "Fès-Meknès", "Fez-Meknes"),
    ("rabat-sale-kenitra", "الرباط سلا القنيطرة", "Rabat-Salé-Kénitra", "Rabat-Sale-Kenitra"),
    ("beni-mellal-khenifra", "بني ملال خنيفرة", "Béni Mellal-Khénifra", "Beni Mellal-Khenifra"),
    ("casablanca-settat", "الدار البيضاء سطات", "Casablanca-Settat", "Casablanca-Settat"),
    ("marrakech-safi", "مراكش آسفي", "Marrakech-Safi", "Marrakesh-Safi"),
    ("draa-tafilalet", "درعة تافيلالت", "Drâa-Tafilalet", "Draa-Tafilalet"),
    ("souss-massa", "سوس ماسة", "Souss-Massa", "Souss-Massa"),
    ("guelmim-oued-noun", "كلميم واد نون", "Guelmim-Oued Noun", "Guelmim-Oued Noun"),
    ("laayoune-sakia-el-hamra", "العيون الساقية الحمراء", "Laâyoune-Sakia El Hamra", "Laayoune-Sakia El Hamra"),
    ("dakhla-oued-ed-dahab", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab", "Dakhla-Oued Ed-Dahab"),
]


def load(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    for position, (code, name_ar, name_fr, name_en) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(
            code=code, defaults={"name_ar": name_ar, "name_fr": name_fr, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
