from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sanad.audit"
