"""A fictional family the access tests share, made the way people make it: through the services.

The Testbrook family (clearly fictional) is recorded by Riverbend Children's Services; Riley
Shah (practitioner) is the lead practitioner and Casey Evans (other_agency_practitioner, of
Riverbend Community Health) is in the team. Mia Testbrook is the child at the centre; her
parent Jordan has their own account. No test lives here: only fixtures and helpers.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.core.models import User
from goldenthread.families import access, services
from goldenthread.families.models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    LawfulBasis,
    Part,
    Person,
)

CONTENT = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT]
EVERY_PART = list(access.ALL_PARTS)


def record_family(practitioner, organisation, *, family_name="The Testbrook family (fictional)"):
    family = services.create_family(
        organisation,
        by=practitioner,
        family_name=family_name,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        lawful_basis_note="Early help assessment, fictional example",
        contact_details="1 Example Row, Riverbend (fictional)",
        people=[
            {"first_name": "Mia", "last_name": "Testbrook", "date_of_birth": date(2015, 3, 4), "role_in_family": "child", "is_focus": True},
            {"first_name": "Jordan", "last_name": "Testbrook", "date_of_birth": date(1988, 7, 1), "role_in_family": "parent"},
        ],
    )
    services.add_story_entry(
        family,
        by=practitioner,
        story="We moved to Riverbend last spring. Mia loves drawing and misses her old school.",
        who_was_there="Jordan, Mia and Riley",
        told_on=timezone.localdate(),
        how_agreed="Jordan read it back and agreed",
    )
    mia = family.people.get(first_name="Mia")
    services.save_profile(
        mia,
        by=practitioner,
        version=None,
        liked_and_admired="Kind and funny",
        important_to_me="My cat, Biscuit",
        how_to_support_me="Tell me what will happen next",
    )
    services.add_chronology_entry(
        family, by=practitioner, occurred_on=timezone.localdate() - timedelta(days=30), what_happened="Moved house", meaning_for_child="Mia changed school"
    )
    return family


@pytest.fixture
def family(practitioner, other_agency_practitioner, childrens_services, community_health):
    """Recorded by children's services; the health visitor has joined the team (no agreement yet)."""
    recorded = record_family(practitioner, childrens_services)
    join = services.request_to_join(recorded, by=other_agency_practitioner, organisation=community_health, reason="Health visitor for Mia")
    services.decide_join_request(join, by=practitioner, accept=True)
    return recorded


@pytest.fixture
def family_member(family):
    """Jordan, Mia's parent, with their own sign-in."""
    user = User.objects.create_user("jordan.testbrook@family.example", "a-long-test-password", full_name="Jordan Testbrook")
    Person.objects.filter(family=family, first_name="Jordan").update(account=user)
    access.forget()
    return user


@pytest.fixture
def mia(family):
    return family.people.get(first_name="Mia")


def agree(family, organisation, parts, *, by, valid_from=None, valid_until=None):
    """The family agrees that `organisation` may see `parts` (recorded by the lead practitioner)."""
    return services.record_consent(
        family,
        by=by,
        organisation=organisation,
        parts=parts,
        valid_from=valid_from,
        valid_until=valid_until,
        given_by=family.people.get(first_name="Jordan"),
        given_by_name="Jordan Testbrook",
        method=ConsentAgreement.Method.IN_PERSON,
    )


CONSENT_STATES = ["none", "full", "partial", "expired", "withdrawn"]


def set_consent(state, family, organisation, practitioner):
    """Put the family's agreement with `organisation` into one of the states the matrix covers."""
    today = timezone.localdate()
    if state == "full":
        agree(family, organisation, CONTENT, by=practitioner)
    elif state == "partial":
        agree(family, organisation, [Part.STORY], by=practitioner)
    elif state == "expired":
        agree(family, organisation, CONTENT, by=practitioner, valid_from=today - timedelta(days=60), valid_until=today - timedelta(days=1))
    elif state == "withdrawn":
        consent = agree(family, organisation, CONTENT, by=practitioner)
        services.withdraw_consent(consent, by=practitioner, note="Jordan asked us to stop sharing")


def start_emergency(user, family, *, expired=False):
    emergency = services.start_emergency_access(family, by=user, reason="A report this evening that Mia may be at risk tonight.")
    if expired:
        EmergencyAccess.objects.filter(pk=emergency.pk).update(started_at=timezone.now() - timedelta(hours=5), expires_at=timezone.now() - timedelta(hours=3))
        access.forget()
    return emergency


def safeguarded(user):
    """Two-step verification set up and the current terms accepted, as the website asks."""
    TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
    core_services.accept_terms(user, by=user)
    return user


def log_lines(family, user=None, **filters):
    found = AccessLogEntry.objects.filter(family_reference=family.reference, **filters)
    if user is not None:
        found = found.filter(user=user)
    return found.order_by("id")


def last_line(family, user):
    return log_lines(family, user).last()
