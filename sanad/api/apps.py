from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sanad.api"
    label = "api"
    verbose_name = "Partner API"
