"""What the roadmap tests share: the fictional Riverbend recovery response and a milestone of each kind.

Alex Morgan (the partnership team) keeps the whole-system and sector milestones; Sam Okafor
leads Riverbend Children's Services (children's social care) and keeps its own; Drew Hughes
leads Riverbend Community Health (health). Everything is fictional.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from goldenthread.partnership.models import Sector
from goldenthread.programme.roadmap import services
from goldenthread.programme.work.models import Programme


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def recovery(db):
    return Programme.objects.create(
        name="Riverbend recovery response (fictional)", purpose="A year of working together after the floods.", starts_on=in_days(-200)
    )


@pytest.fixture
def whole_system(recovery, partnership_lead):
    return services.add_milestone(
        recovery,
        by=partnership_lead,
        title="A shared plan agreed by every partner",
        description="Every partner knows what the response is for and who to call.",
        due_on=in_days(30),
        domains=["leadership", "partnership"],
        principles=["safety", "hope"],
    )


@pytest.fixture
def childrens_sector(recovery, partnership_lead):
    return services.add_milestone(
        recovery,
        by=partnership_lead,
        title="Supervision keeps time to reflect on the work",
        description="Every supervision session keeps time for how the work is sitting with the practitioner.",
        due_on=in_days(60),
        sector=Sector.CHILDRENS_SOCIAL_CARE,
        domains=["wellbeing"],
    )


@pytest.fixture
def health_sector(recovery, partnership_lead):
    return services.add_milestone(
        recovery,
        by=partnership_lead,
        title="One shared welcome letter from health visitors",
        description="Families get one letter, in plain words, that says who will visit and why.",
        due_on=in_days(90),
        sector=Sector.HEALTH,
        domains=["language"],
    )


@pytest.fixture
def own_milestone(recovery, organisation_lead, childrens_services):
    return services.add_milestone(
        recovery,
        by=organisation_lead,
        title="Every child's plan written with the family",
        description="Plans are written with children and parents, in the words they use.",
        due_on=in_days(120),
        organisation=childrens_services,
        domains=["language", "lived-experience"],
    )


@pytest.fixture
def other_agency_milestone(recovery, other_agency_lead, community_health):
    return services.add_milestone(
        recovery,
        by=other_agency_lead,
        title="Every clinic has a calm waiting area",
        description="A quiet corner in every clinic, with a named person to ask for.",
        due_on=in_days(150),
        organisation=community_health,
        domains=["safety"],
    )


@pytest.fixture
def every_kind(whole_system, childrens_sector, health_sector, own_milestone, other_agency_milestone):
    return {
        "whole_system": whole_system,
        "childrens_sector": childrens_sector,
        "health_sector": health_sector,
        "own": own_milestone,
        "other_agency": other_agency_milestone,
    }
