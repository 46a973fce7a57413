from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "sanad.operations"
    verbose_name = "operations"

    def ready(self) -> None:
        from sanad.operations import checks  # noqa: F401  (registers the start-up checks)
