"""No view of family data escapes the access log.

Every route of the family pages and the families API is walked: each page that shows any
of a family's record (its name, household, story, profiles, chronology, contact details,
team, agreements or access log) must write at least one access log line for that family,
in that request, on the right basis; and someone another agency, outside the team and
without the family's agreement, must be refused (403), with the refusal in the log and
nothing of the family in the response. A new page must be placed in one list or the other
before these tests pass.
"""

import pytest
from django.urls import URLPattern, reverse

from goldenthread.core.tests.tokens import working_token
from goldenthread.families import services
from goldenthread.families import urls as family_urls
from goldenthread.families.api import router as families_api
from goldenthread.families.models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    JoinRequest,
)
from tests.family_fixtures import family_data_in

Basis = AccessLogEntry.Basis
API = "/api/v1/families"

# Pages that show some of a family's record, and what a lead practitioner's look is logged as.
FAMILY_DATA_PAGES = {
    "overview": "the parts of the record the person may see",
    "edit-story": "a story entry, in the form to change it",
    "edit-details": "the family's name, lawful basis and contact details, in the form to change them",
    "edit-person": "a person's details, in the form to change them",
    "profile": "a one-page profile",
    "edit-profile": "a one-page profile, in the form to change it",
    "consents": "the family's agreements",
    "record-consent": "the household's names, to choose who gave the agreement",
    "withdraw-consent": "one of the family's agreements",
    "make-lead": "the team around the family",
    "access-account": "who has looked at the record",
    "access-account-pdf": "who has looked at the record, to print",
    "export-json": "the whole record, as JSON",
    "export-pdf": "the whole record, as PDF",
}
# Pages for a family that show nothing of its record (its reference only), or no family at all.
NO_FAMILY_DATA = {
    "your-families": "a list across families: covered by its own test below",
    "search": "search before create: a form; matches are logged by the service (POST)",
    "new": "a form for a new family",
    "reviews": "the data protection lead's list: each family shown is logged (families/tests/test_emergency_review_log.py)",
    "review": "one emergency access for the data protection lead: logged (families/tests/test_emergency_review_log.py)",
    "retention": "the partnership admin's retention rule",
    "ask-to-join": "a form; shows the reference only",
    "add-story": "an empty form; shows the reference only",
    "add-person": "an empty form; shows the reference only",
    "add-chronology": "an empty form; shows the reference only",
    "decide-join-request": "answers POST only",
    "leave-team": "a question; shows the reference only",
    "close": "a question about closing the record; shows the reference only",
    "reopen": "a question about opening the record again; shows the reference only",
    "emergency": "a form to start emergency access; shows the reference only",
}
# The families API: every GET route shows family data.
API_ROUTES = {"", "/{public_id}", "/{public_id}/access-log"}


def route_names():
    return {pattern.name for pattern in family_urls.urlpatterns if isinstance(pattern, URLPattern)}


def address(name, family, *, story_entry=None, person=None, join_request=None, consent=None, emergency=None):
    """The address of a page, with the ids it needs taken from the family's own records."""
    pattern = next(p for p in family_urls.urlpatterns if p.name == name)
    ids = {
        "family_id": family.public_id,
        "entry_id": getattr(story_entry, "public_id", None),
        "person_id": getattr(person, "public_id", None),
        "request_id": getattr(join_request, "public_id", None),
        "consent_id": getattr(consent, "public_id", None),
        "access_id": getattr(emergency, "public_id", None),
    }
    kwargs = {key: ids[key] for key in pattern.pattern.converters}
    return reverse(f"families:{name}", kwargs=kwargs)


@pytest.fixture
def records(recorded_family, third_agency_practitioner):
    """Every kind of object the family pages address, for the Brightwater family."""
    family = recorded_family
    join_request = JoinRequest.objects.create(
        family=family,
        user=third_agency_practitioner,
        organisation=third_agency_practitioner.memberships.get().organisation,
        reason="I am Wrenna's youth worker",
    )
    emergency = EmergencyAccess.objects.create(family=family, user=third_agency_practitioner, reason="A test of the routes only", expires_at=family.created_at)
    return {
        "story_entry": family.story_entries.get(),
        "person": family.people.get(is_focus=True),
        "join_request": join_request,
        "consent": ConsentAgreement.objects.get(family=family),
        "emergency": emergency,
    }


def log_written_during(family, action):
    """Run `action` and return the access log lines it wrote for the family."""
    last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = action()
    return response, list(AccessLogEntry.objects.filter(id__gt=last, family_reference=family.reference))


def content_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_family_page_is_either_logged_or_shows_no_family_data():
    names = route_names()
    assert not FAMILY_DATA_PAGES.keys() & NO_FAMILY_DATA.keys()
    assert names == FAMILY_DATA_PAGES.keys() | NO_FAMILY_DATA.keys(), (
        f"new pages to place in a list: {sorted(names - FAMILY_DATA_PAGES.keys() - NO_FAMILY_DATA.keys())}; "
        f"gone: {sorted(FAMILY_DATA_PAGES.keys() | NO_FAMILY_DATA.keys() - names)}"
    )


def test_every_families_api_route_is_walked():
    routes = {path for path, view in families_api.path_operations.items() if any("GET" in op.methods for op in view.operations)}
    assert routes == API_ROUTES


@pytest.mark.parametrize("name", sorted(FAMILY_DATA_PAGES))
def test_the_lead_practitioners_look_at_each_page_is_logged_on_the_recording_organisations_basis(name, records, recorded_family, practitioner, verified_client):
    family = recorded_family
    client = verified_client(practitioner)

    response, written = log_written_during(family, lambda: client.get(address(name, family, **records)))

    assert response.status_code == 200, name
    mine = [entry for entry in written if entry.user_id == practitioner.pk]
    assert mine, f"{name} ({FAMILY_DATA_PAGES[name]}) showed family data and wrote nothing to the access log"
    assert {entry.basis for entry in mine} == {Basis.RECORDING_ORGANISATION}, name


@pytest.mark.parametrize("name", ["overview", "edit-story", "profile", "edit-profile", "consents", "export-json", "export-pdf"])
def test_a_team_member_of_another_agency_is_logged_on_the_familys_agreement(name, records, recorded_family, other_agency_practitioner, verified_client):
    family = recorded_family
    client = verified_client(other_agency_practitioner)

    response, written = log_written_during(family, lambda: client.get(address(name, family, **records)))

    assert response.status_code == 200, name
    bases = {entry.basis for entry in written if entry.user_id == other_agency_practitioner.pk}
    assert bases & {Basis.CONSENT, Basis.TEAM}, f"{name} wrote no access log line on the family's agreement"
    assert Basis.RECORDING_ORGANISATION not in bases
    if name not in {"consents"}:
        assert Basis.CONSENT in bases, name


@pytest.mark.parametrize("name", sorted(FAMILY_DATA_PAGES))
def test_another_agency_without_agreement_is_refused_every_page_the_refusal_is_logged_and_nothing_shown(
    name, records, recorded_family, third_agency_practitioner, verified_client
):
    family = recorded_family
    client = verified_client(third_agency_practitioner)

    response, written = log_written_during(family, lambda: client.get(address(name, family, **records)))

    assert response.status_code == 403, name
    assert not family_data_in(content_of(response)), name
    refused = [entry for entry in written if entry.user_id == third_agency_practitioner.pk]
    assert refused, f"{name} refused {third_agency_practitioner.full_name} without writing it to the access log"
    assert {entry.basis for entry in refused} == {Basis.REFUSED}, name


@pytest.mark.parametrize("name", ["edit-story", "profile", "edit-profile"])
def test_once_the_agreement_is_withdrawn_the_other_agency_is_refused_and_that_is_logged(
    name, records, recorded_family, practitioner, other_agency_practitioner, verified_client
):
    family = recorded_family
    services.withdraw_consent(records["consent"], by=practitioner, note="Marnie asked for it to end")
    client = verified_client(other_agency_practitioner)

    response, written = log_written_during(family, lambda: client.get(address(name, family, **records)))

    content = content_of(response)
    assert not {"story", "profile", "child's name"} & set(family_data_in(content)), name
    assert response.status_code == 403, name
    assert any(entry.basis == Basis.REFUSED for entry in written if entry.user_id == other_agency_practitioner.pk), name


def test_once_the_agreement_is_withdrawn_an_export_by_the_other_agency_holds_nothing_it_covered(
    records, recorded_family, practitioner, other_agency_practitioner, verified_client
):
    family = recorded_family
    services.withdraw_consent(records["consent"], by=practitioner, note="Marnie asked for it to end")
    client = verified_client(other_agency_practitioner)

    response, written = log_written_during(family, lambda: client.get(address("export-json", family, **records)))

    data = response.json() if response.status_code == 200 else {}
    assert not {"story", "profiles", "household", "contact_details", "chronology"} & set(data)
    assert not {"story", "profile", "child's name"} & set(family_data_in(content_of(response)))
    assert all(entry.basis != Basis.CONSENT for entry in written)


def test_your_families_list_logs_each_family_it_names(recorded_family, practitioner, other_agency_practitioner, verified_client):
    for person, basis in ((practitioner, Basis.RECORDING_ORGANISATION), (other_agency_practitioner, Basis.TEAM)):
        client = verified_client(person)

        response, written = log_written_during(recorded_family, lambda client=client: client.get(reverse("families:your-families")))

        assert "family name" in family_data_in(content_of(response))
        assert {entry.basis for entry in written if entry.user_id == person.pk} == {basis}


def test_your_families_shows_nothing_of_a_family_outside_the_persons_teams(recorded_family, third_agency_practitioner, verified_client):
    client = verified_client(third_agency_practitioner)

    response, written = log_written_during(recorded_family, lambda: client.get(reverse("families:your-families")))

    assert response.status_code == 200
    assert not family_data_in(content_of(response))
    assert not written


def _api_client(user, verified_client):
    verified_client(user)  # two-step set up and the terms accepted, as the API asks
    _, key = working_token(user, "Log coverage test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("route", sorted(API_ROUTES))
def test_each_api_route_logs_the_lead_practitioners_look(route, recorded_family, practitioner, verified_client, client):
    family = recorded_family
    headers = _api_client(practitioner, verified_client)

    response, written = log_written_during(family, lambda: client.get(API + route.replace("{public_id}", str(family.public_id)), **headers))

    assert response.status_code == 200, route
    mine = [entry for entry in written if entry.user_id == practitioner.pk]
    assert mine and {entry.basis for entry in mine} == {Basis.RECORDING_ORGANISATION}, route


@pytest.mark.parametrize("route", sorted(API_ROUTES - {""}))
def test_each_api_route_refuses_another_agency_logs_it_and_returns_nothing_of_the_family(
    route, recorded_family, third_agency_practitioner, verified_client, client
):
    family = recorded_family
    headers = _api_client(third_agency_practitioner, verified_client)

    response, written = log_written_during(family, lambda: client.get(API + route.replace("{public_id}", str(family.public_id)), **headers))

    assert response.status_code == 403, route
    assert not family_data_in(content_of(response)), route
    assert {entry.basis for entry in written if entry.user_id == third_agency_practitioner.pk} == {Basis.REFUSED}, route


def test_the_api_list_names_no_family_outside_the_persons_teams(recorded_family, third_agency_practitioner, verified_client, client):
    headers = _api_client(third_agency_practitioner, verified_client)

    response = client.get(API, **headers)

    assert response.status_code == 200
    assert response.json() == []
