from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "sanad.evidence"

    def ready(self) -> None:
        from sanad.evidence import checks  # noqa: F401  (registers the key checks)
