from django.apps import AppConfig


class TriageConfig(AppConfig):
    """Pure functions over text (no models): installed for its `suggest_triage` command."""

    name = "sanad.triage"
