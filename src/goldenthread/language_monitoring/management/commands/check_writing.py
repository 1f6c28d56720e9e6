"""Check the writing of every monitored record never checked, or checked under other rules (`--all`: every record afresh).

Run after a deploy that changes the shipped rules, or to fill in records saved while no task
worker ran. It checks in this process, through the same function the background task uses.
"""

from django.core.management.base import BaseCommand

from goldenthread.core.audit import acting_as

from ...checking import check_records, records_to_check


class Command(BaseCommand):
    help = "Check the writing of monitored records not yet checked under the rules as they stand (--all: every record, afresh)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Check every monitored record again, changed or not.")

    def handle(self, *args, **options):
        every = options["all"]
        with acting_as(None):
            outcomes = check_records(list(records_to_check(every=every)), force=every)
        checked, unchanged, removed = outcomes["checked"], outcomes["unchanged"], outcomes["removed"]
        self.stdout.write(f"Writing checked: {checked} record(s) checked, {unchanged} unchanged, {removed} with no words or gone.")
