"""The family's details, and closing and opening the record, through the real pages.

Riley Shah (lead practitioner, the organisation holding the record) changes the fictional
Brightwater family's name, lawful basis and contact details, and closes the record and opens it
again. Casey Evans (health visitor, another agency in the team) may change the contact details
only once the family agrees that health may see them. Everyone else is refused with a 403 page
that says who can help, and the refusal is written to the access log. The shared family is in
test_pages_support.
"""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.middleware import FAMILY_ACCOUNT_REFUSED
from goldenthread.families import services
from goldenthread.families.models import AccessLogEntry, Family, LawfulBasis, Part

from .test_pages_support import CONTACT, agree, signed_in, url

Basis = AccessLogEntry.Basis
NEW_CONTACT = "2 Example Row, Riverbend (fictional). Marnie prefers a text message first."


def page_text(response):
    return unescape(response.content.decode())


def details_data(family, **overrides):
    data = {
        "family_name": "The Brightwater-Lee family (fictional)",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "lawful_basis_note": "Early help assessment, fictional example",
        "contact_details": NEW_CONTACT,
        "version": str(family.version),
    }
    data.update(overrides)
    return data


def closing_date(day):
    return {"closed_on_0": str(day.day), "closed_on_1": day.strftime("%B"), "closed_on_2": str(day.year)}


def refused_lines(family, user):
    return AccessLogEntry.objects.filter(family_reference=family.reference, user=user, basis=Basis.REFUSED)


# Changing the family's details ---------------------------------------------------------------


def test_the_lead_changes_the_familys_details_and_the_record_shows_them(practitioner, family):
    browser = signed_in(practitioner)

    form = page_text(browser.get(url("edit-details", family.public_id)))
    saved = browser.post(url("edit-details", family.public_id), details_data(family, lawful_basis=LawfulBasis.SAFEGUARDING))
    overview = page_text(browser.get(url("overview", family.public_id)))

    assert "Change the family's details" in form and CONTACT in form
    assert saved.status_code == 302
    assert "The family's details are saved." in overview
    assert "The Brightwater-Lee family (fictional)" in overview
    assert NEW_CONTACT in overview
    assert AccessLogEntry.objects.filter(family_reference=family.reference, user=practitioner, action="update", detail__startswith="Changed: ").exists()


def test_two_people_changing_the_familys_details_at_once_lose_nothing(practitioner, family):
    browser = signed_in(practitioner)
    read = family.version
    services.update_family_details(family, by=practitioner, version=read, contact_details="3 Newer Lane, Riverbend (fictional)")

    clash = browser.post(url("edit-details", family.public_id), details_data(family, version=str(read)))

    body = page_text(clash)
    assert clash.status_code == 409
    assert "<title>Error: " in body
    assert "Someone else saved the family's details while you were writing" in body
    assert "3 Newer Lane, Riverbend (fictional)" in body and NEW_CONTACT in body
    family.refresh_from_db()
    assert family.contact_details == "3 Newer Lane, Riverbend (fictional)"
    assert f'name="version" value="{family.version}"' in clash.content.decode()

    again = browser.post(url("edit-details", family.public_id), details_data(family))

    family.refresh_from_db()
    assert again.status_code == 302
    assert family.contact_details == NEW_CONTACT


@pytest.mark.parametrize(
    ("family_name", "message"),
    [
        ("   ", "Enter how the family would like to be known"),
        ("B" * 151, "How the family would like to be known must be 150 characters or fewer"),
    ],
)
def test_a_missing_or_too_long_name_is_explained_and_what_was_typed_is_kept(practitioner, family, family_name, message):
    response = signed_in(practitioner).post(url("edit-details", family.public_id), details_data(family, family_name=family_name))

    body = page_text(response)
    assert response.status_code == 400
    assert "<title>Error: " in body and "There is a problem" in body
    assert message in body
    assert NEW_CONTACT in body
    family.refresh_from_db()
    assert family.family_name == "The Brightwater family (fictional)"


def test_another_agency_the_family_agreed_may_see_the_contact_details_changes_only_them(practitioner, other_agency_practitioner, family, community_health):
    agree(family, community_health, [Part.CONTACT], by=practitioner)
    browser = signed_in(other_agency_practitioner)

    overview = page_text(browser.get(url("overview", family.public_id)))
    form = page_text(browser.get(url("edit-details", family.public_id)))
    saved = browser.post(url("edit-details", family.public_id), details_data(family, family_name="A name they should not set"))

    assert "Change the contact details" in overview
    assert "Change the family's details" not in overview and "Close this record" not in overview
    assert 'name="contact_details"' in form and 'name="family_name"' not in form and 'name="lawful_basis"' not in form
    assert saved.status_code == 302
    family.refresh_from_db()
    assert family.contact_details == NEW_CONTACT
    assert family.family_name == "The Brightwater family (fictional)"


def test_the_lead_is_offered_each_change_and_a_family_member_none(practitioner, family_member, family, family_client):
    lead = page_text(signed_in(practitioner).get(url("overview", family.public_id)))
    marnie = family_client(family_member)
    refused = marnie.get(url("overview", family.public_id))
    own = page_text(marnie.get(reverse("family_door:home"))) + page_text(marnie.get(reverse("family_door:story")))

    assert "Change the family's details" in lead and "Change the contact details" in lead and "Close this record" in lead
    assert "Open this record again" not in lead
    assert refused.status_code == 403  # the team's pages are not hers: her own pages offer no change to the record
    for link in ("Change the family's details", "Change the contact details", "Close this record", "Open this record again"):
        assert link not in own


@pytest.mark.parametrize("page", ["edit-details", "close", "reopen"])
@pytest.mark.parametrize("person", ["third_agency_practitioner", "champion", "other_agency_practitioner"])
def test_people_outside_the_recording_team_are_refused_with_a_calm_page_and_the_refusal_is_logged(request, page, person, practitioner, family):
    """Outside the team, in the recording organisation but not the team, and another agency with no agreement for the contact details."""
    if page == "reopen":
        services.close_family(family, by=practitioner)
    user = request.getfixturevalue(person)
    browser = signed_in(user)
    before = record_of(family)

    for response in look_and_try(browser, page, family):
        body = page_text(response)
        assert response.status_code == 403, page
        assert "You cannot do this" in body
        assert "lead practitioner" in body
        assert "Brightwater" not in body and CONTACT not in body
    assert record_of(family) == before
    assert refused_lines(family, user).count() >= 2


def record_of(family):
    return Family.objects.values_list("family_name", "contact_details", "status", "version").get(pk=family.pk)


def look_and_try(browser, page, family):
    """Open the page, then send it a whole form: both answers."""
    return browser.get(url(page, family.public_id)), browser.post(url(page, family.public_id), {**details_data(family), **closing_date(timezone.localdate())})


@pytest.mark.parametrize("page", ["edit-details", "close", "reopen"])
def test_a_family_member_is_refused_these_pages_before_they_open_with_a_calm_page(page, practitioner, family, family_member, family_client):
    if page == "reopen":
        services.close_family(family, by=practitioner)
    browser = family_client(family_member)
    before = record_of(family)

    for response in look_and_try(browser, page, family):
        body = page_text(response)
        assert response.status_code == 403, page
        assert "You cannot do this" in body and FAMILY_ACCOUNT_REFUSED in body
        assert "Brightwater" not in body and CONTACT not in body
    assert record_of(family) == before


# Closing the record and opening it again -------------------------------------------------------


def test_the_lead_closes_the_record_on_a_past_date_typed_in_words_then_opens_it_again(practitioner, family):
    browser = signed_in(practitioner)
    ended = timezone.localdate() - timedelta(days=40)

    question = page_text(browser.get(url("close", family.public_id)))
    closed = browser.post(url("close", family.public_id), closing_date(ended))
    family.refresh_from_db()
    overview = page_text(browser.get(url("overview", family.public_id)))

    assert "The partnership keeps a closed record for 6 years, counted from the closing date" in question
    assert "anonymised" in question
    assert closed.status_code == 302
    assert (family.status, family.closed_on) == (Family.Status.CLOSED, ended)
    assert f"This record was closed on {ended:%-d %B %Y}" in overview
    assert "Open this record again" in overview and "Close this record" not in overview
    assert browser.get(url("close", family.public_id)).status_code == 302

    reopened = browser.post(url("reopen", family.public_id))
    family.refresh_from_db()
    overview = page_text(browser.get(url("overview", family.public_id)))

    assert reopened.status_code == 302
    assert (family.status, family.closed_on) == (Family.Status.OPEN, None)
    assert "The record is open again." in overview and "Close this record" in overview


def test_closing_without_a_date_closes_the_record_today(practitioner, family):
    response = signed_in(practitioner).post(url("close", family.public_id), {"closed_on_0": "", "closed_on_1": "", "closed_on_2": ""})

    family.refresh_from_db()
    assert response.status_code == 302
    assert (family.status, family.closed_on) == (Family.Status.CLOSED, timezone.localdate())


def test_a_closing_date_in_the_future_is_explained_and_the_record_stays_open(practitioner, family):
    response = signed_in(practitioner).post(url("close", family.public_id), closing_date(timezone.localdate() + timedelta(days=3)))

    body = page_text(response)
    family.refresh_from_db()
    assert response.status_code == 400
    assert "a record cannot be closed ahead of time" in body
    assert family.status == Family.Status.OPEN


def test_an_anonymised_record_cannot_be_opened_again_and_the_page_says_why(practitioner, family):
    services.close_family(family, by=practitioner, closed_on=timezone.localdate() - timedelta(days=365 * 10))
    services.anonymise_family(family, by=None, reason="closed for more than 6 years")
    browser = signed_in(practitioner)

    overview = page_text(browser.get(url("overview", family.public_id)))
    question = page_text(browser.get(url("reopen", family.public_id)))
    tried = browser.post(url("reopen", family.public_id))

    assert "Open this record again" not in overview
    assert "cannot be opened again" in question
    assert tried.status_code == 400
    assert "There is a problem" in page_text(tried) and "add them as a new family" in page_text(tried)
    family.refresh_from_db()
    assert family.status == Family.Status.CLOSED
