# ruff: noqa: F811 (pytest fixtures are imported by name and used as parameters)
"""A session linked to a family's record: the safeguards, who sees the family's story and chronology, and the log.

The Brightwater family (fictional, from the families tests) is recorded by Riverbend
Children's Services; Riley Shah leads the team and Casey Evans (Community Health) is in it.
Riley asks for a group supervision about Wrenna, invites Casey and Jo Park (champion, with no
place in the family's team) and facilitates; Sam Okafor is the accountable manager.
"""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.families.models import AccessLogEntry, ChronologyEntry, Part
from goldenthread.families.tests.test_pages_support import agree
from goldenthread.families.tests.test_pages_support import signed_in as verified
from goldenthread.supervision import services
from goldenthread.supervision.models import Session
from tests.family_fixtures import STORY

from .pages_support import acknowledge, arrange, ask, date_fields, page, signed_in

pytestmark = pytest.mark.django_db
CHRONOLOGY = "Moved house"


@pytest.fixture
def linked(family, practitioner, other_agency_practitioner, champion, organisation_lead):
    session = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion], reference="S.B., aged 9")
    arrange(session, practitioner, facilitator=practitioner, manager=organisation_lead)
    return acknowledge(session, practitioner, other_agency_practitioner, champion, organisation_lead)


def text_of(response):
    return unescape(response.content.decode())


def test_a_session_about_a_family_needs_two_step_verification_first(linked, practitioner):
    response = signed_in(practitioner).get(page("session", linked))
    assert response.status_code == 302
    assert reverse("core:two-step-setup") in response["Location"]


def test_the_recording_practitioner_has_the_story_and_chronology_at_hand_and_each_look_is_logged(linked, practitioner):
    response = verified(practitioner).get(page("session", linked))
    content = text_of(response)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert STORY in content and CHRONOLOGY in content
    logged = set(AccessLogEntry.objects.filter(family=linked.family, user=practitioner, action="view").values_list("part", flat=True))
    assert {"supervision", Part.STORY, Part.CHRONOLOGY} <= logged


def test_a_practitioner_with_no_place_in_the_team_is_refused_the_family_detail(linked, champion):
    response = verified(champion).get(page("session", linked))
    content = text_of(response)
    assert response.status_code == 200
    assert STORY not in content and CHRONOLOGY not in content
    assert "You cannot see the family's story" in content
    assert AccessLogEntry.objects.filter(family=linked.family, user=champion, part="supervision").exists()


def test_another_agency_sees_only_the_parts_the_family_agreed_to(linked, practitioner, other_agency_practitioner, community_health):
    agree(linked.family, community_health, [Part.STORY], by=practitioner)
    content = text_of(verified(other_agency_practitioner).get(page("session", linked)))
    assert STORY in content
    assert CHRONOLOGY not in content
    assert "You cannot see the chronology" in content


def test_nobody_outside_the_session_sees_it_even_with_two_step(linked, partnership_lead, trainer):
    for outsider in (partnership_lead, trainer):
        assert verified(outsider).get(page("session", linked)).status_code == 403


def test_the_facilitator_adds_a_brief_summary_to_the_familys_chronology(linked, practitioner):
    services.record_session(linked, by=practitioner, version=linked.version, held_on=timezone.localdate() - timedelta(days=1))
    client = verified(practitioner)
    assert client.post(page("chronology-summary", linked), {"summary": ""}).status_code == 400
    response = client.post(page("chronology-summary", linked), {"summary": "Agencies met and agreed who walks Wrenna to school."})
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get(family=linked.family, source="group supervision")
    assert entry.what_happened == "Agencies met and agreed who walks Wrenna to school."
    linked.refresh_from_db()
    assert linked.chronology_entry == entry
    assert client.get(page("chronology-summary", linked)).status_code == 302  # only once


def test_a_summary_that_blames_the_family_is_shown_its_findings_once_before_the_agencies_read_it(linked, practitioner):
    services.record_session(linked, by=practitioner, version=linked.version, held_on=timezone.localdate() - timedelta(days=1))
    client = verified(practitioner)
    summary = {"summary": "Mum failed to engage with the plan."}

    first = client.post(page("chronology-summary", linked), summary)

    assert first.status_code == 200
    assert "Before it goes on the family's chronology" in text_of(first)
    assert "‘failed to engage’" in text_of(first)
    assert not ChronologyEntry.objects.filter(family=linked.family, source="group supervision").exists()
    seen = first.content.decode().split('name="words_checked" value="', 1)[1].split('"', 1)[0]
    assert client.post(page("chronology-summary", linked), {**summary, "words_checked": seen}).status_code == 302
    assert ChronologyEntry.objects.get(family=linked.family, source="group supervision").what_happened == summary["summary"]


def test_only_the_facilitator_adds_to_the_chronology(linked, other_agency_practitioner, champion):
    for person in (other_agency_practitioner, champion):
        assert verified(person).get(page("chronology-summary", linked)).status_code == 403


def test_a_practitioner_links_a_family_from_their_own_teams(family, practitioner, other_agency_practitioner):
    day = timezone.localdate() + timedelta(days=5)
    data = {
        "kind": "group-supervision",
        "family": str(family.public_id),
        "situation_reference": "S.B.",
        "purpose": "Thinking about Wrenna's move (fictional)",
        "proposed_time": "09:30",
        "format": "in-person",
        "location": "Family hub, room 2",
        "invitees": [str(other_agency_practitioner.public_id)],
        **date_fields("proposed_date", day),
    }
    browser = verified(practitioner)
    shown = browser.get(reverse("supervision:request"))
    assert f"{family.family_name}, reference {family.reference}" in text_of(shown)
    response = browser.post(reverse("supervision:request"), data)
    assert response.status_code == 302
    assert Session.objects.get().family == family


def test_saving_the_record_is_logged_as_a_change_and_not_as_a_look_at_the_familys_record(linked, practitioner):
    data = {"version": str(linked.version), "going_well": "Wrenna has a friend at school.", **date_fields("held_on", timezone.localdate())}
    response = verified(practitioner).post(page("session", linked), data)
    assert response.status_code == 302
    lines = AccessLogEntry.objects.filter(family=linked.family, user=practitioner)
    assert not lines.filter(action="view").exists(), "nothing of the family's record was shown, so no look is logged"
    assert lines.filter(action="update", part="supervision").count() == 1
