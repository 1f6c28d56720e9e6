"""Check the writing of every demo record, so the demo's writing figures show something.

Runs last in `manage.py load_demo`, after every loader whose records it checks; it writes only
this app's own rows (`WritingCheck`), as the system, through the same function the background
task uses. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from goldenthread.core.audit import acting_as

from ...checking import check_records, records_to_check


class Command(BaseCommand):
    help = "Check the writing of every monitored demo record (run after the other demo loaders)."

    def handle(self, *args, **options):
        with acting_as(None):
            outcomes = check_records(list(records_to_check()))
        self.stdout.write(f"Demo writing checked: {outcomes['checked']} record(s).")
