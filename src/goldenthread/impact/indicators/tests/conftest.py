"""What the indicators tests share: a computed indicator (organisations that signed the pledge) and one entered by hand (children who say they were listened to), kept by Alex Morgan. Everyone is fictional."""

from datetime import date

import pytest
from django.test import Client

from goldenthread.impact.indicators import services


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def fields(**changes) -> dict:
    values = {
        "name": "Organisations that have signed the pledge",
        "definition": "The share of our member organisations that have signed the pledge.",
        "outcome_key": "system-learns",
        "source": "computed",
        "computation_key": "pledges.signed",
        "unit": "percent",
        "baseline": "40",
        "baseline_on": date(2025, 4, 1),
        "target": "90",
        "direction": "higher",
        "amber_margin": "10",
        "frequency": "quarterly",
        "responsible": "Partnership manager",
    }
    return {**values, **changes}


@pytest.fixture
def computed_indicator(partnership_lead):
    return services.add_indicator(by=partnership_lead, **fields())


@pytest.fixture
def by_hand_indicator(partnership_lead):
    return services.add_indicator(
        by=partnership_lead,
        **fields(
            name="Children who say they were listened to",
            definition="The share of children who say, at their review, that they were listened to.",
            outcome_key="children-feel-heard",
            source="by-hand",
            computation_key="",
            unit="percent",
            baseline="52",
            target="80",
            amber_margin="5",
            frequency="monthly",
        ),
    )


@pytest.fixture
def joined_in_2025(db):
    """Every organisation joined the partnership in 2025, so it counts in a 2026 period (a figure counts those that had joined by the period's end)."""
    from goldenthread.partnership.models import Organisation

    def backdate():
        Organisation.objects.update(joined_on=date(2025, 1, 1))

    return backdate
