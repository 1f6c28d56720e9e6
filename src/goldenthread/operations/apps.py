from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the platform in production: health checks, metrics, structured logs, backups and restores. No pages for people, no menu."""

    name = "goldenthread.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        from . import metrics  # noqa: F401 (counts sign-in failures and lockouts from their signals)
