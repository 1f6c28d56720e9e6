from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the platform in production: health checks, metrics, structured logs, backups and restores. No pages for people, no menu."""

    name = "goldenthread.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        import logging

        from django.core.signals import got_request_exception

        from . import metrics  # noqa: F401 (counts sign-in failures and lockouts from their signals)
        from .database_faults import QuietDatabaseFaults, note_database_fault

        # A database that is away, read-only or full: a calm 503 and one log line (operations.database_faults).
        got_request_exception.connect(note_database_fault, dispatch_uid="goldenthread.operations.database_faults")
        logging.getLogger("django.request").addFilter(QuietDatabaseFaults())
