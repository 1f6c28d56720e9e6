"""Work out again every completed self-assessment round scored under a lower minimum than today's."""

from django.core.management.base import BaseCommand

from goldenthread.continuum.services import rescore_completed_rounds


class Command(BaseCommand):
    help = "Re-score completed rounds from their kept answers under today's minimum number of answers per statement."

    def handle(self, *args, **options):
        redone = rescore_completed_rounds(by=None)
        self.stdout.write(f"Rounds worked out again: {redone}")
