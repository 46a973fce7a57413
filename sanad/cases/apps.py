from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sanad.cases"

    def ready(self) -> None:
        # Imported here, once every app's models are loaded (Django's documented place for receivers).
        from sanad.cases import school_link

        school_link.connect()
