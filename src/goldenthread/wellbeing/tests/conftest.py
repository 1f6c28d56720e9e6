"""What the wellbeing tests share. Riley Shah (practitioner, Riverbend Children's Services) checks in; Sam Okafor leads Riverbend; Alex Morgan leads the partnership. Everything is fictional."""

import pytest

from goldenthread.wellbeing import services

HEAVY_WEEK = {"weight": 5, "carried-home": 4, "sleep": 2, "support": 4, "connection": 3, "satisfaction": 4}
EASIER_WEEK = {"weight": 2, "carried-home": 1, "sleep": 4, "support": 5, "connection": 4, "satisfaction": 5}


@pytest.fixture
def riley_check_in(practitioner):
    return services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words="The home visit on Tuesday stayed with me (fictional).")


@pytest.fixture
def talk_now(partnership_lead):
    return services.add_support(
        by=partnership_lead,
        name="Riverbend listening line (fictional)",
        kind="crisis",
        description="Someone to talk to, any time, in confidence.",
        how_to_reach="Call 0300 000 0000 (fictional), day or night",
    )


@pytest.fixture
def employee_assistance(partnership_lead):
    return services.add_support(
        by=partnership_lead,
        name="Employee assistance programme (fictional)",
        kind="employee-assistance",
        description="Free, confidential counselling and advice for staff.",
        how_to_reach="Call 0300 000 0001 (fictional)",
    )


@pytest.fixture
def peer_support(partnership_lead):
    return services.add_support(
        by=partnership_lead,
        name="Peer support circle (fictional)",
        kind="peer-support",
        description="Colleagues trained to listen.",
        how_to_reach="E-mail peers@riverbend.example",
    )
