"""Queue the first run of the retention task, unless one is queued already (safe to run every time)."""

from django.core.management.base import BaseCommand

from goldenthread.families.tasks import schedule_retention


class Command(BaseCommand):
    help = "Start the daily retention task for family records (does nothing if it is already queued)."

    def handle(self, *args, **options):
        if schedule_retention():
            self.stdout.write("The retention task is queued; the task worker will run it every day from now on.")
        else:
            self.stdout.write("The retention task is already queued; nothing to do.")
