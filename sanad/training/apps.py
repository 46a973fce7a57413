from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "sanad.training"
    default_auto_field = "django.db.models.BigAutoField"
