from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "sanad.schools"
    default_auto_field = "django.db.models.BigAutoField"
