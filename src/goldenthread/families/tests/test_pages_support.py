"""What the page and form tests share: the fictional Brookfield family and signed-in browsers.

The Brookfield family (clearly fictional) is recorded by Riverbend Children's Services, with
Riley Shah (practitioner) as lead practitioner. Casey Evans (health visitor, Riverbend
Community Health) is in the team. Robin, Sky's parent, has their own sign-in when a test asks
for `family_member`. No test lives here: only fixtures and helpers.
"""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.core.models import User
from goldenthread.families import access, services
from goldenthread.families.models import ConsentAgreement, LawfulBasis, Person

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
STORY = "We moved to Riverbend last spring. Sky loves drawing and misses her old school."
CONTACT = "7 Willow Lane, Riverbend (fictional)"


def signed_in(user, *, two_step=True, terms=True):
    """A browser for `user`, signed in, with two-step verified and the terms accepted (unless told not)."""
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    if two_step:
        TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
        code = core_services.replace_recovery_codes(user, by=user)[0]
        response = client.post(reverse("core:two-step-verify"), {"code": code})
        assert response.status_code == 302
    if terms:
        core_services.accept_terms(user, by=user)
    return client


def record_family(practitioner, organisation):
    family = services.create_family(
        organisation,
        by=practitioner,
        family_name="The Brookfield family (fictional)",
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        lawful_basis_note="Early help assessment (fictional example)",
        contact_details=CONTACT,
        people=[
            {"first_name": "Sky", "last_name": "Brookfield", "date_of_birth": date(2016, 5, 9), "role_in_family": "child", "is_focus": True},
            {"first_name": "Robin", "last_name": "Brookfield", "date_of_birth": date(1987, 2, 3), "role_in_family": "parent"},
        ],
    )
    services.add_story_entry(
        family, by=practitioner, story=STORY, who_was_there="Robin, Sky and Riley", told_on=timezone.localdate(), how_agreed="Robin read it back and agreed"
    )
    sky = family.people.get(first_name="Sky")
    services.save_profile(
        sky, by=practitioner, version=None, liked_and_admired="Kind and funny", important_to_me="My dog, Pepper", how_to_support_me="Tell me what happens next"
    )
    services.add_chronology_entry(
        family, by=practitioner, occurred_on=timezone.localdate() - timedelta(days=20), what_happened="Moved house", meaning_for_child="Sky changed school"
    )
    return family


def agree(family, organisation, parts, *, by, valid_from=None, valid_until=None):
    return services.record_consent(
        family,
        by=by,
        organisation=organisation,
        parts=parts,
        valid_from=valid_from,
        valid_until=valid_until,
        given_by=family.people.get(first_name="Robin"),
        given_by_name="Robin Brookfield",
        method=ConsentAgreement.Method.IN_PERSON,
    )


@pytest.fixture
def family(practitioner, other_agency_practitioner, childrens_services, community_health):
    recorded = record_family(practitioner, childrens_services)
    join = services.request_to_join(recorded, by=other_agency_practitioner, organisation=community_health, reason="Health visitor for Sky")
    services.decide_join_request(join, by=practitioner, accept=True)
    return recorded


@pytest.fixture
def sky(family):
    return family.people.get(first_name="Sky")


@pytest.fixture
def family_member(family):
    """Robin, Sky's parent, with their own sign-in."""
    user = User.objects.create_user("robin.brookfield@family.example", "a-long-test-password", full_name="Robin Brookfield")
    Person.objects.filter(family=family, first_name="Robin").update(account=user)
    access.forget()
    return user


def url(name, *args):
    return reverse(f"families:{name}", args=args)


def family_urls(family, sky, story_entry, consent=None):
    """Every page about one family, by name, so each test can walk them all."""
    f = family.public_id
    urls = {
        "overview": url("overview", f),
        "ask-to-join": url("ask-to-join", f),
        "add-story": url("add-story", f),
        "edit-story": url("edit-story", f, story_entry.public_id),
        "add-person": url("add-person", f),
        "profile": url("profile", f, sky.public_id),
        "edit-person": url("edit-person", f, sky.public_id),
        "edit-profile": url("edit-profile", f, sky.public_id),
        "add-chronology": url("add-chronology", f),
        "leave-team": url("leave-team", f),
        "make-lead": url("make-lead", f),
        "consents": url("consents", f),
        "record-consent": url("record-consent", f),
        "emergency": url("emergency", f),
        "access-account": url("access-account", f),
        "access-account-pdf": url("access-account-pdf", f),
        "export-json": url("export-json", f),
        "export-pdf": url("export-pdf", f),
    }
    if consent is not None:
        urls["withdraw-consent"] = url("withdraw-consent", f, consent.public_id)
    return urls


def general_urls():
    return {name: url(name) for name in ("your-families", "search", "new", "reviews", "retention")}


def new_family_data(organisation, **overrides):
    data = {
        "organisation": str(organisation.public_id),
        "family_name": "The Ashgrove family (fictional)",
        "lawful_basis": LawfulBasis.SAFEGUARDING,
        "lawful_basis_note": "Concerns raised by school (fictional)",
        "contact_details": "2 Example Street (fictional)",
        "person-1-first_name": "Ash",
        "person-1-last_name": "Ashgrove",
        "person-1-preferred_name": "",
        "person-1-pronouns": "they/them",
        "person-1-date_of_birth_0": "1",
        "person-1-date_of_birth_1": "2",
        "person-1-date_of_birth_2": "2019",
        "person-1-role_in_family": "child",
        "person-2-first_name": "Lee",
        "person-2-role_in_family": "parent",
    }
    data.update(overrides)
    return data


def story_data(**overrides):
    today = timezone.localdate()
    data = {
        "story": "Robin told us about the move, in their own words.",
        "who_was_there": "Robin and Riley",
        "told_on_0": str(today.day),
        "told_on_1": str(today.month),
        "told_on_2": str(today.year),
        "how_agreed": "Robin read it back and agreed",
    }
    data.update(overrides)
    return data


REASON = "A teacher reported that Sky arrived with an unexplained injury this morning (fictional)."
