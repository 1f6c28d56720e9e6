"""Pledges the tests share, made the way a person makes them: through the services."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from goldenthread.pledges import services
from goldenthread.pledges.models import Commitment, Pledge, PledgeText, Strand

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def one_commitment_per_strand():
    text = PledgeText.current()
    return [Commitment.objects.filter(pledge_text=text, strand=value).first() for value in Strand.values]


def sign_for(organisation, lead, **overrides):
    fields = {
        "commitments": one_commitment_per_strand(),
        "vision": "Every child and family in Riverbend feels safe and heard when they meet us.",
        "how_we_will_do_it": "We will train every team and review our letters with families.",
        "priorities": "Training for all staff; reflective supervision; rewriting our letters.",
        "signatory_name": "Morgan Ellis",
        "signatory_role": "Chief executive",
        "signed_on": timezone.localdate(),
    }
    fields.update(overrides)
    return services.sign_pledge(organisation, by=lead, **fields)


def move_expiry(pledge, expires_on: date):
    """Let time pass: the pledge now ends on `expires_on`."""
    Pledge.objects.filter(pk=pledge.pk).update(expires_on=expires_on)
    pledge.refresh_from_db()
    return pledge


@pytest.fixture
def signed_pledge(childrens_services, organisation_lead):
    return sign_for(childrens_services, organisation_lead)


@pytest.fixture
def other_pledge(community_health, other_agency_lead):
    return sign_for(
        community_health,
        other_agency_lead,
        vision="Health visitors who listen first and ask once.",
        how_we_will_do_it="Home visits planned with families.",
        priorities="Wellbeing support for our teams.",
    )


@pytest.fixture
def full_action_plan(signed_pledge, organisation_lead):
    for value in Strand.values:
        services.add_action(
            signed_pledge,
            by=organisation_lead,
            strand=value,
            description=f"A first step under {value}",
            owner="Workforce team",
            due_on=timezone.localdate() + timedelta(days=90),
        )
    return signed_pledge


@pytest.fixture
def as_person(client):
    """Sign a test client in as one of the shared people."""

    def sign_in(user):
        if user is not None:
            client.force_login(user, backend=MODEL_BACKEND)
        return client

    return sign_in
