"""Load the whole fictional demo: each app's own loader, in the order the apps registered them."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from goldenthread.core.registry import demo_commands


class Command(BaseCommand):
    help = "Load every app's fictional demo data, in order (each app registers its loader in its AppConfig)."

    def handle(self, *args, **options):
        for command in demo_commands():
            self.stdout.write(f"Running {command}")
            call_command(command, stdout=self.stdout, stderr=self.stderr)
