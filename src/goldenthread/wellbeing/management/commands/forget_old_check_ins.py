"""Apply the wellbeing retention rule now: delete every check-in older than the months the partnership keeps them.

Each check-in already queues the rule for its own day; this command is for a scheduler (cron)
as a safety net, or after the partnership shortens the period in `data/privacy.toml`.
"""

from django.core.management.base import BaseCommand

from goldenthread.wellbeing import services


class Command(BaseCommand):
    help = "Delete wellbeing check-ins older than the retention period (data/privacy.toml)."

    def handle(self, *args, **options):
        how_many = services.forget_old_check_ins()
        self.stdout.write(f"{how_many} check-in{'s' if how_many != 1 else ''} deleted by the retention rule.")
