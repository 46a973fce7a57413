# The committee secretary drafts and publishes the yearly review (stats).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_trainer_role"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(
                choices=[
                    ("administrator", "administrator"),
                    ("supervisor", "supervisor"),
                    ("analyst", "analyst"),
                    ("school_team", "school resource team"),
                    ("liaison", "liaison"),
                    ("ministry", "ministry viewer"),
                    ("trainer", "trainer"),
                    ("committee", "committee secretary"),
                ],
                default="analyst",
                max_length=16,
            ),
        ),
    ]
