from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sanad.audit"

    def ready(self) -> None:
        from sanad.audit import checks  # noqa: F401  (registers the audit key check)
