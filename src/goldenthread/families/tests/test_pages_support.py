"""What the page and form tests share: the fictional Brightwater family and signed-in browsers.

The Brightwater family (clearly fictional) is recorded by Riverbend Children's Services, with
Riley Shah (practitioner) as lead practitioner. Casey Evans (health visitor, Riverbend
Community Health) is in the team. Marnie, Wrenna's parent, has their own sign-in when a test asks
for `family_member`. No test lives here: only fixtures and helpers.
"""

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.families import services
from goldenthread.families.models import ConsentAgreement, LawfulBasis
from tests.family_fixtures import CONTACT, STORY  # noqa: F401

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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


def agree(family, organisation, parts, *, by, valid_from=None, valid_until=None):
    return services.record_consent(
        family,
        by=by,
        organisation=organisation,
        parts=parts,
        valid_from=valid_from,
        valid_until=valid_until,
        given_by=family.people.get(first_name="Marnie"),
        given_by_name="Marnie Brightwater",
        method=ConsentAgreement.Method.IN_PERSON,
    )


def url(name, *args):
    return reverse(f"families:{name}", args=args)


def family_urls(family, wrenna, story_entry, consent=None):
    """Every page about one family, by name, so each test can walk them all."""
    f = family.public_id
    urls = {
        "overview": url("overview", f),
        "ask-to-join": url("ask-to-join", f),
        "edit-details": url("edit-details", f),
        "close": url("close", f),
        "reopen": url("reopen", f),
        "add-story": url("add-story", f),
        "edit-story": url("edit-story", f, story_entry.public_id),
        "add-person": url("add-person", f),
        "profile": url("profile", f, wrenna.public_id),
        "edit-person": url("edit-person", f, wrenna.public_id),
        "edit-profile": url("edit-profile", f, wrenna.public_id),
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
        "story": "Marnie told us about the move, in their own words.",
        "who_was_there": "Marnie and Riley",
        "told_on_0": str(today.day),
        "told_on_1": str(today.month),
        "told_on_2": str(today.year),
        "how_agreed": "Marnie read it back and agreed",
    }
    data.update(overrides)
    return data


REASON = "A teacher reported that Wrenna arrived with an unexplained injury this morning (fictional)."
