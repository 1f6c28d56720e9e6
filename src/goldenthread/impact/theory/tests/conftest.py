"""What the theory-of-change tests share: a small published theory of change written by Alex Morgan (partnership lead), and a way to sign people in.

Everyone is fictional. Alex is on the partnership team, so writes and publishes; everyone in
the workforce reads; a family member's own account and the data protection lead (in no
organisation) read none of it.
"""

import pytest
from django.test import Client

from goldenthread.impact.theory import services
from goldenthread.impact.theory.models import Outcome

WORKFORCE = ["partnership_lead", "organisation_lead", "champion", "practitioner", "other_agency_practitioner", "other_agency_lead", "trainer"]
NOT_WORKFORCE = ["data_protection_lead", "family_member"]
KEEPERS = {"partnership_lead"}


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def write_small_theory(by) -> None:
    """Into the draft: three outcomes (short, medium, long), two activities, one assumption."""
    draft = services.start_draft(by=by)
    heard = services.add_outcome(
        draft,
        by=by,
        key="children-feel-heard",
        title="Children feel heard",
        horizon="short",
        for_whom="children",
        description="Adults listen and write down the child's own words.",
    )
    once = services.add_outcome(draft, by=by, title="Families tell their story once", horizon="medium", for_whom="families")
    learns = services.add_outcome(draft, by=by, key="system-learns", title="The system learns from families", horizon="long", for_whom="system")
    services.add_activity(draft, by=by, title="Training for every sector", description="A core programme for the whole workforce.", leads_to=[heard, learns])
    services.add_activity(draft, by=by, title="One story for each family", leads_to=[once])
    services.add_assumption(draft, by=by, text="Leaders keep giving people time to train and reflect.")
    return draft


@pytest.fixture
def in_force(partnership_lead):
    """Version 1, published."""
    draft = write_small_theory(partnership_lead)
    return services.publish(draft, by=partnership_lead, note="Our first theory of change.")


@pytest.fixture
def draft(in_force, partnership_lead):
    """Version 2, started as a copy of version 1."""
    return services.start_draft(by=partnership_lead)


@pytest.fixture
def draft_outcome(draft):
    return Outcome.objects.get(theory=draft, key="children-feel-heard")
