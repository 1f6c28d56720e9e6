"""Load the demo's language rules: a language lead, one published rule of the partnership's own, one proposal waiting for review, one reviewed and waiting to be published, and one rule switched off.

Dafydd Amankwah, a social worker in the children in care service (whose team wrote a glossary
of words with the Children in Care Council), is the language lead (the partnership's demo data
gives him the role). The proposal
waits for the partnership lead to review it, so it is under "Waiting for you" on her home page.
Written as the system, straight through the ORM (the dates lie in the past, which the services
rightly refuse), and no e-mail is sent. Running it again changes nothing.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.language_rules.models import PartnershipRule, RulePublication, RuleReview, RuleSwitch, RuleVersion

LANGUAGE_LEAD = "dafydd.amankwah@care.riverbend.example"
REVIEWER = "morwenna.achterberg@partnership.riverbend.example"

PUBLISHED = {
    "rule_id": "partnership.time-out-room",
    "words": ["time out room", "=timeout room"],
    "message": "Our schools and homes call it the calm room: a place a child chooses to go to feel safe, not a place they are sent.",
    "reframes": ["calm room", "quiet space"],
    "must_flag": ["Kit spent the afternoon in the time out room at Willowmead.", "Staff took her to the time-out room after lunch."],
    "must_pass": ["Kit spent the afternoon in the calm room at Willowmead.", "We took some time out at the seaside."],
    "category": "care-system language",
    "severity": "suggestion",
    "why": "The Children in Care Council asked us to use the words their own homes use.",
}
PROPOSED = {
    "rule_id": "partnership.sin-bin",
    "words": ["sin bin"],
    "message": "Some of our schools still use this name for the reflection room. It tells a child they have done wrong before anyone has asked what happened.",
    "reframes": ["reflection room"],
    "must_flag": ["Ossian was sent to the sin bin before break."],
    "must_pass": ["Ossian went to the reflection room before break.", "The recycling bin by the gate is full."],
    "category": "labelling",
    "severity": "suggestion",
    "why": "The school council at Willowmead asked us to add it, after the glossary we wrote with the Children in Care Council.",
}
APPROVED = {
    "rule_id": "partnership.isolation-booth",
    "words": ["isolation booth", "consequence room"],
    "message": "A child sent to the isolation booth hears that they must be kept apart. Say where they went, who was with them and what helped them calm.",
    "reframes": ["a quiet room with an adult", "time to calm with an adult"],
    "must_flag": ["Ossian spent the morning in the isolation booth.", "Ossian was sent to the consequence room."],
    "must_pass": ["Ossian sat in the quiet room and we talked.", "The booth at the fair was his favourite."],
    "category": "labelling",
    "severity": "suggestion",
    "why": "Parents at the Willowmead family group told us the words still come up in plans written for their children.",
}
SWITCHED_OFF = ("jargon.taf", "Our partnership's early help meetings are called by their full name on every form, so the short form never reaches families.")


class Command(BaseCommand):
    help = "Load the demo's language rules and its language lead. Running it again changes nothing."

    def handle(self, *args, **options):
        if PartnershipRule.objects.exists():
            self.stdout.write("The demo's language rules are already loaded: nothing was changed.")
            return
        lead = User.objects.filter(email=LANGUAGE_LEAD).first()
        reviewer = User.objects.filter(email=REVIEWER).first()
        if lead is None or reviewer is None:
            self.stdout.write("Load the demo partnership first (load_demo_partnership): the demo's language rules need its people.")
            return
        with acting_as(None), transaction.atomic():
            now = timezone.now()
            published = self._version(PUBLISHED, lead, now - timedelta(days=40))
            RuleReview.objects.create(version=published, approved=True, reason="", reviewed_by=reviewer, reviewed_at=now - timedelta(days=38))
            RulePublication.objects.create(version=published, published_by=lead, published_at=now - timedelta(days=37))
            self._version(PROPOSED, lead, now - timedelta(days=3))
            approved = self._version(APPROVED, lead, now - timedelta(days=9))
            RuleReview.objects.create(version=approved, approved=True, reason="", reviewed_by=reviewer, reviewed_at=now - timedelta(days=6))
            rule_id, reason = SWITCHED_OFF
            RuleSwitch.objects.create(rule_id=rule_id, switched_on=False, reason=reason, switched_by=lead, switched_at=now - timedelta(days=20))
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded the demo's language rules: one published, one waiting for review, one reviewed and waiting to be published, one switched off."
            )
        )

    def _version(self, details, lead, when):
        details = dict(details)
        rule = PartnershipRule.objects.create(rule_id=details.pop("rule_id"), created_by=lead, created_at=when)
        return RuleVersion.objects.create(rule=rule, number=1, proposed_by=lead, proposed_at=when, **details)
