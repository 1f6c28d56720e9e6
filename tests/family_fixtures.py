"""A fictional family and the people around it, for the tests that walk the family pages.

Riley Shah (Riverbend Children's Social Care) records the Brightwater family and leads
the team; Casey Evans (Riverbend Community Health) is in the team, and the family agrees
that health may see the story and the one-page profiles only. Morgan Reyes works for a
third agency, the Riverbend Youth Service, and is in no team. Everyone here is made up.

The root `conftest.py` loads these fixtures for every test (`pytest_plugins`); import the
constants and helpers by name.
"""

from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.core.tests.two_step import code_for, signed_in_with_two_steps
from goldenthread.families import services
from goldenthread.families.models import ConsentAgreement, Part, TeamMember
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

__all__ = [
    "CHILD_NAME",
    "CONTACT",
    "FAMILY_NAME",
    "PROFILE_TEXT",
    "STORY",
    "code_for",
    "family_data_in",
    "family_member",
    "recorded_family",
    "third_agency",
    "third_agency_practitioner",
    "two_step",
    "verified_client",
]

FAMILY_NAME = "The Brightwater family"
CHILD_NAME = "Wrenna"
STORY = "Wrenna loves the swings at Ferry Lane park and wants her nan to come to every meeting."
PROFILE_TEXT = "Wrenna makes everyone laugh with her animal impressions."
CONTACT = "3 Example Row, Riverbend (a made-up address), 07700 900101"
CHRONOLOGY = "Wrenna started at the nursery at the family hub."


def two_step(user) -> TOTPDevice:
    """A confirmed authenticator for the person, as if they had set it up themselves."""
    return TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)


@pytest.fixture
def verified_client():
    """A signed-in client that has passed two-step verification (typing a code) and accepted the terms."""

    def make(user, *, accept_terms=True):
        client = signed_in_with_two_steps(user)
        if accept_terms:
            core_services.accept_terms(user, by=user)
        return client

    return make


@pytest.fixture
def third_agency(db):
    return Organisation.objects.create(name="Riverbend Youth Service", sector=Sector.VOLUNTARY, area="East Riverbend")


@pytest.fixture
def third_agency_practitioner(third_agency):
    from goldenthread.core.models import User

    user = User.objects.create_user("morgan.reyes@youth.example", "a-long-test-password", full_name="Morgan Reyes", job_title="Youth worker")
    Membership.objects.create(user=user, organisation=third_agency, role=Role.PRACTITIONER)
    return user


@pytest.fixture
def recorded_family(practitioner, childrens_services, other_agency_practitioner, community_health):
    """The Brightwater family: recorded by Riley, with Casey in the team and an agreement for health (story, profiles)."""
    family = services.create_family(
        childrens_services,
        by=practitioner,
        family_name=FAMILY_NAME,
        lawful_basis="public-task",
        lawful_basis_note="Support for a child in need, with the family's agreement.",
        contact_details=CONTACT,
        people=[
            {"first_name": CHILD_NAME, "last_name": "Brightwater", "date_of_birth": date(2019, 4, 2), "role_in_family": "child", "is_focus": True},
            {"first_name": "Marnie", "last_name": "Brightwater", "date_of_birth": date(1990, 1, 9), "role_in_family": "parent", "is_focus": False},
        ],
    )
    services.add_story_entry(
        family, by=practitioner, story=STORY, who_was_there="Wrenna and Marnie", told_on=date(2025, 3, 1), how_agreed="Marnie read it back and agreed"
    )
    child = family.people.get(is_focus=True)
    services.save_profile(
        child,
        by=practitioner,
        version=0,
        liked_and_admired=PROFILE_TEXT,
        important_to_me="My nan",
        how_to_support_me="Tell me what is next",
        written_with="Wrenna and Marnie",
    )
    services.add_chronology_entry(family, by=practitioner, occurred_on=date(2025, 2, 1), what_happened=CHRONOLOGY, meaning_for_child="New friends")
    TeamMember.objects.create(family=family, user=other_agency_practitioner, organisation=community_health, added_by=practitioner)
    services.record_consent(
        family,
        by=practitioner,
        organisation=community_health,
        parts=[Part.STORY, Part.PROFILES],
        given_by=family.people.get(first_name="Marnie"),
        method=ConsentAgreement.Method.IN_PERSON,
    )
    return family


@pytest.fixture
def family_member(recorded_family):
    """Marnie Brightwater, Wrenna's parent, with her own sign-in to her family's record (fictional).

    Module fixtures of the same name (the families app's own test families) take her place there.
    """
    from goldenthread.core.models import User
    from goldenthread.families import access

    marnie = User.objects.create_user("marnie.brightwater@family.example", "a-long-test-password", full_name="Marnie Brightwater")
    person = recorded_family.people.get(first_name="Marnie")
    person.account = marnie
    person.save()
    access.forget()
    return marnie


def family_data_in(content: str) -> list[str]:
    """Which pieces of the Brightwater family's record appear in a page or file."""
    pieces = {
        "family name": FAMILY_NAME,
        "story": STORY,
        "profile": PROFILE_TEXT,
        "contact details": "07700 900101",
        "chronology": CHRONOLOGY,
        "child's name": CHILD_NAME,
    }
    return [what for what, text in pieces.items() if text in content]
