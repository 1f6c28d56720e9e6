"""The one fictional family every test shares, and the people around it.

Riley Shah (Riverbend Children's Social Care) records the Brightwater family and leads
the team; Wrenna is the child at the centre and Marnie, her parent, has her own family account
(`family_member`: no password, signed in at the family's own door, `family_client`). Casey Evans (Riverbend Community Health) asked to join the team and
Riley agreed (`family`); in `recorded_family` Marnie has also agreed that health may see
the story and the one-page profiles. Morgan Reyes works for a third agency, the Riverbend
Youth Service, and is in no team. Everyone here is made up.

The root `conftest.py` loads these fixtures for every test (`pytest_plugins`); import the
constants and helpers by name.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.core.tests.two_step import code_for, signed_in_with_two_steps
from goldenthread.families import services
from goldenthread.families.models import ConsentAgreement, LawfulBasis, Part, Person
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

__all__ = [
    "CHILD_NAME",
    "CHRONOLOGY",
    "CONTACT",
    "FAMILY_NAME",
    "PROFILE_TEXT",
    "STORY",
    "code_for",
    "family_data_in",
    "family",
    "family_client",
    "family_member",
    "signed_in_at_the_door",
    "record_family",
    "recorded_family",
    "third_agency",
    "third_agency_practitioner",
    "two_step",
    "verified_client",
    "wrenna",
]

FAMILY_NAME = "The Brightwater family (fictional)"
CHILD_NAME = "Wrenna"
STORY = "We moved to Riverbend last spring. Wrenna loves drawing and misses her old school."
PROFILE_TEXT = "Kind and funny"
CONTACT = "1 Example Row, Riverbend (fictional)"
CHRONOLOGY = "Moved house"


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


def record_family(practitioner, organisation, *, family_name=FAMILY_NAME):
    """The Brightwater family as Riley records them, through the services: story, Wrenna's profile, one chronology entry."""
    family = services.create_family(
        organisation,
        by=practitioner,
        family_name=family_name,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        lawful_basis_note="Early help assessment, fictional example",
        contact_details=CONTACT,
        people=[
            {"first_name": CHILD_NAME, "last_name": "Brightwater", "date_of_birth": date(2015, 3, 4), "role_in_family": "child", "is_focus": True},
            {"first_name": "Marnie", "last_name": "Brightwater", "date_of_birth": date(1988, 7, 1), "role_in_family": "parent"},
        ],
    )
    services.add_story_entry(
        family,
        by=practitioner,
        story=STORY,
        who_was_there="Marnie, Wrenna and Riley",
        told_on=timezone.localdate(),
        how_agreed="Marnie read it back and agreed",
    )
    services.save_profile(
        family.people.get(first_name=CHILD_NAME),
        by=practitioner,
        version=None,
        liked_and_admired=PROFILE_TEXT,
        important_to_me="My cat, Biscuit",
        how_to_support_me="Tell me what will happen next",
    )
    services.add_chronology_entry(
        family, by=practitioner, occurred_on=timezone.localdate() - timedelta(days=30), what_happened=CHRONOLOGY, meaning_for_child="Wrenna changed school"
    )
    return family


@pytest.fixture
def family(practitioner, other_agency_practitioner, childrens_services, community_health):
    """The Brightwater family, recorded by Riley; Casey (health visitor) asked to join the team and Riley agreed. No agreement to share yet."""
    recorded = record_family(practitioner, childrens_services)
    join = services.request_to_join(recorded, by=other_agency_practitioner, organisation=community_health, reason="Health visitor for Wrenna")
    services.decide_join_request(join, by=practitioner, accept=True)
    return recorded


@pytest.fixture
def wrenna(family):
    """Wrenna Brightwater, the child at the centre of the family's record."""
    return family.people.get(first_name=CHILD_NAME)


@pytest.fixture
def recorded_family(family, practitioner, community_health):
    """The same Brightwater family, once Marnie has agreed that health may see the story and the one-page profiles."""
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
def family_member(family, practitioner):
    """Marnie Brightwater, Wrenna's parent, with her own family account (fictional): no password, only the family's own pages.

    She is made as her invitation makes her, and signs in at the family's own door (`family_client`)."""
    from goldenthread.core.models import User

    marnie = User.objects.create_user("marnie.brightwater@family.example", None, full_name="Marnie Brightwater", is_family_account=True)
    services.give_own_sign_in(Person.objects.get(family=family, first_name="Marnie"), by=practitioner, account=marnie)
    return marnie


def signed_in_at_the_door(user, client=None):
    """A client signed in as the family's door signs in a family account (after its one-time code), the short terms agreed."""
    from django.test import Client

    from goldenthread.family_door import rules as door_rules
    from goldenthread.family_door.models import TermsAgreed
    from goldenthread.family_door.views._common import SIGNED_IN_AT_THE_DOOR

    client = client or Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[SIGNED_IN_AT_THE_DOOR] = True
    session.save()
    TermsAgreed.objects.get_or_create(user=user, version=door_rules.terms().version)
    return client


@pytest.fixture
def family_client(db):
    """`family_client(user)`: a client signed in the family's way (at their door, their short terms agreed)."""
    return signed_in_at_the_door


def family_data_in(content: str) -> list[str]:
    """Which pieces of the Brightwater family's record appear in a page or file."""
    pieces = {
        "family name": FAMILY_NAME,
        "story": STORY,
        "profile": PROFILE_TEXT,
        "contact details": CONTACT,
        "chronology": CHRONOLOGY,
        "child's name": CHILD_NAME,
    }
    return [what for what, text in pieces.items() if text in content]
