"""Load the demo partnership's impact framework: a theory of change, its indicators, two years of figures, families' feedback, record audits and a board report.

Run after every other app's demo (its computed figures come from theirs). Each part writes
its own demo records in its `demo.py` (`load(rng, today)`), with its words in
`impact/data/demo/<part>.toml`; this command runs them in order, as the system, with one
random generator seeded with a fixed word, so every load gives the same demo. Running it
again changes nothing. Everything it writes is fictional.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.impact.feedback import demo as feedback_demo
from goldenthread.impact.indicators import demo as indicators_demo
from goldenthread.impact.quality import demo as quality_demo
from goldenthread.impact.reports import demo as reports_demo
from goldenthread.impact.theory import demo as theory_demo

PARTS = (theory_demo, indicators_demo, feedback_demo, quality_demo, reports_demo)


class Command(BaseCommand):
    help = "Load the demo partnership's impact framework: theory of change, indicators, feedback, audits and a board report (all fictional)."

    def handle(self, *args, **options):
        rng = random.Random("riverbend-impact")  # noqa: S311 (a seeded generator so every demo load is the same, not a secret)
        today = timezone.localdate()
        with acting_as(None), transaction.atomic():
            for part in PARTS:
                part.load(rng, today)
        self.stdout.write("Loaded the demo impact framework.")
