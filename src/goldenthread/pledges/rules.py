"""Each field's rule for the pledge, written once: the forms build their fields from these,
and the services check them again for every other caller (see `core.rules`).

The action plan's fields (what, who, when, status) are the shared ones in `core.action_plan`.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from goldenthread.core.rules import DateRule, TextRule

VISION = TextRule("Our vision", 3000, "Write your organisation's vision", rows=5, hint="What will be different for the people you serve and for your staff.")
HOW_WE_WILL_DO_IT = TextRule("How we will do it", 3000, "Write how you will do it", rows=5)
PRIORITIES = TextRule("Our priorities for the next 12 months", 3000, "Write your priorities for the next 12 months", rows=5)
# The statement's parts, by field, so the service checks exactly what the form does.
STATEMENT = {"vision": VISION, "how_we_will_do_it": HOW_WE_WILL_DO_IT, "priorities": PRIORITIES}

SIGNATORY_NAME = TextRule(
    "Name of the senior person signing", 150, "Enter the name of the senior person signing", hint="For example, your chief executive, director or head teacher."
)
RENEWER_NAME = TextRule("Name of the senior person renewing", 150, "Enter the name of the senior person renewing")
SIGNATORY_ROLE = TextRule("Their job title", 150, "Enter their job title")
SIGNED_ON = DateRule(
    "Date signed",
    "Enter the date the pledge was signed, for example 27 3 2026",
    not_future=True,
    hint="For example, 27 3 2026",
    future_message="The date signed must be today or in the past",
)
SIGNED_TOO_LONG_AGO = "Enter a date in the last 12 months: a pledge signed before then has already run its year"

PROGRESS_SUMMARY = TextRule(
    "What has changed this year",
    4000,
    "Write what has changed this year",
    rows=8,
    hint="What you have done under each strand, what has made a difference, and what you have learned.",
)
WITHDRAWAL_REASON = TextRule(
    "Why the pledge is being withdrawn",
    500,
    "Write why the pledge is being withdrawn",
    rows=4,
    hint="The organisation's people will read this. Say what would let it be published again.",
)
PERSONAL_COMMITMENT = TextRule(
    "My pledge", 600, "Write your pledge in your own words", rows=4, hint="A short commitment in your own words, 600 characters at most."
)

STRAND_REQUIRED = "Choose the strand this action is for"
STRAND_UNKNOWN = "Choose one of the four strands"


def signed_on_problem(day: date) -> str | None:
    """What is wrong with a signing date: in the future, or so long ago that the pledge's year has run."""
    problem = SIGNED_ON.problem(day)
    if problem:
        return problem
    if day <= timezone.localdate() - timedelta(days=settings.GOLDENTHREAD_PLEDGE_TERM_DAYS):
        return SIGNED_TOO_LONG_AGO
    return None
