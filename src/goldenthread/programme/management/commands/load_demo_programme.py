"""Load the demo partnership's programme: a year of a fictional recovery response, its roadmap, resources, stories and champions.

Run after the partnership, training and wellbeing demos (the demo loader runs every app's
loader in order). Each part of the programme writes its own demo records in its `demo.py`
(`load(rng, today)`), with its words in `programme/data/demo/<part>.toml`; this command runs
them in order (the work part first: it starts the programme the roadmap hangs from), as the
system, with one random generator seeded with a fixed word, so every load gives the same
demo. Running it again changes nothing.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.programme.champions import demo as champions_demo
from goldenthread.programme.resources import demo as resources_demo
from goldenthread.programme.roadmap import demo as roadmap_demo
from goldenthread.programme.stories import demo as stories_demo
from goldenthread.programme.work import demo as work_demo

PARTS = (work_demo, roadmap_demo, resources_demo, stories_demo, champions_demo)


class Command(BaseCommand):
    help = "Load the demo partnership's programme: workstreams, roadmap, resources, stories and champions (all fictional)."

    def handle(self, *args, **options):
        rng = random.Random("riverbend-programme")  # noqa: S311 (fictional demo data, not a secret)
        today = timezone.localdate()
        with acting_as(None), transaction.atomic():
            for part in PARTS:
                part.load(rng, today)
        self.stdout.write("Loaded the demo programme.")
