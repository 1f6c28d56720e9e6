"""Exports of the record (JSON and PDF) hold only what the person may see and are logged; the family's
printable account says who looked, when and why."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from goldenthread.families import access, exports, services
from goldenthread.families.models import AccessLogEntry, Part

from .test_access_support import agree, log_lines, start_emergency

Basis = AccessLogEntry.Basis


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_recording_team_exports_the_whole_record(family, practitioner):
    data = exports.export_json(practitioner, family)

    assert data["family_name"] == "The Brightwater family (fictional)"
    assert data["story"][0]["story"].startswith("We moved to Riverbend")
    assert data["profiles"][0]["important_to_me"] == "My cat, Biscuit"
    assert data["chronology"][0]["what_happened"] == "Moved house"
    assert data["contact_details"] == "1 Example Row, Riverbend (fictional)"
    assert [p["first_name"] for p in data["household"]] == ["Wrenna", "Marnie"]
    assert data["team"][0] == {
        "name": "Riley Shah",
        "job_title": "Social worker",
        "organisation": "Riverbend Children's Services",
        "is_lead": True,
        "joined_on": data["team"][0]["joined_on"],
    }


def test_an_export_holds_only_the_parts_the_family_agreed_to(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    data = exports.export_json(other_agency_practitioner, family)

    assert "story" in data
    for hidden in ("profiles", "chronology", "contact_details"):
        assert hidden not in data
    text = str(data)
    for secret in ("Biscuit", "Moved house", "Example Row"):
        assert secret not in text


def test_each_exported_part_is_logged_as_an_export_with_its_basis(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    exports.export_json(other_agency_practitioner, family)

    lines = {line.part: line.basis for line in log_lines(family, other_agency_practitioner, action="export")}
    assert lines == {Part.STORY: Basis.CONSENT, access.HOUSEHOLD: Basis.CONSENT, access.TEAM: Basis.TEAM, access.CONSENTS: Basis.TEAM}


def test_someone_outside_the_team_cannot_export_and_the_refusal_is_logged(family, champion):
    with pytest.raises(PermissionDenied):
        exports.export_json(champion, family)
    with pytest.raises(PermissionDenied):
        exports.export_pdf(champion, family)

    assert [line.basis for line in log_lines(family, champion)] == [Basis.REFUSED, Basis.REFUSED]


def test_the_pdf_export_holds_the_visible_parts_only(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    text = pdf_text(exports.export_pdf(other_agency_practitioner, family))

    assert family.reference in text
    assert "Wrenna loves drawing" in text
    assert "Biscuit" not in text and "Moved house" not in text and "Example Row" not in text
    assert log_lines(family, other_agency_practitioner, action="export", part=Part.STORY).get().basis == Basis.CONSENT


def test_the_pdf_shows_typed_markup_as_text(family, practitioner):
    services.add_story_entry(
        family, by=practitioner, story="<b>bold</b> & <script>x</script>", who_was_there="Wrenna", told_on=family.created_at.date(), how_agreed="Agreed"
    )

    text = pdf_text(exports.export_pdf(practitioner, family))

    assert "<b>bold</b> & <script>x</script>" in text


def test_an_emergency_export_is_logged_as_emergency(family, other_agency_lead):
    emergency = start_emergency(other_agency_lead, family)

    exports.export_json(other_agency_lead, family)

    lines = log_lines(family, other_agency_lead, action="export")
    assert {line.basis for line in lines} == {Basis.EMERGENCY}
    assert {line.emergency_id for line in lines} == {emergency.pk}


def test_the_subject_access_account_lists_who_looked_what_when_and_why(family, practitioner, other_agency_practitioner, community_health, champion):
    agree(family, community_health, [Part.STORY], by=practitioner)
    access.read(other_agency_practitioner, family, Part.STORY)
    access.read(champion, family, Part.PROFILES)

    rows = exports.subject_access_account(family)

    casey = [row for row in rows if row["who"] == "Casey Evans" and row["what"] == "Looked at the family's story"]
    assert casey and casey[0]["why"] == "The family agreed that their organisation may see this"
    assert casey[0]["organisation"] == "Riverbend Community Health"
    refused = [row for row in rows if row["who"] == "Jo Park"]
    assert refused[0]["refused"] and "not allowed" in refused[0]["what"]
    assert [row["when"] for row in rows] == sorted(row["when"] for row in rows)


@pytest.mark.parametrize("person", ["practitioner", "data_protection_lead", "family_member"])
def test_the_recording_team_the_data_protection_lead_and_the_family_can_produce_the_account(request, person, family):
    user = request.getfixturevalue(person)

    text = pdf_text(exports.subject_access_pdf(family, user=user))

    assert "Who has looked at your family" in text
    assert "Riley Shah" in text
    line = log_lines(family, user, action="export", part=access.ACCESS_LOG).get()
    assert line.basis in (Basis.RECORDING_ORGANISATION, Basis.DATA_PROTECTION, Basis.FAMILY_MEMBER)


@pytest.mark.parametrize("person", ["other_agency_practitioner", "champion", "partnership_lead", "organisation_lead"])
def test_nobody_else_can_produce_the_account(request, person, family):
    user = request.getfixturevalue(person)

    with pytest.raises(PermissionDenied):
        exports.subject_access_pdf(family, user=user)

    assert log_lines(family, user).get().basis == Basis.REFUSED


def test_the_account_marks_emergency_access(family, other_agency_lead, practitioner):
    start_emergency(other_agency_lead, family)
    access.read(other_agency_lead, family, Part.STORY)

    rows = exports.subject_access_account(family)
    text = pdf_text(exports.subject_access_pdf(family))

    assert [row for row in rows if row["who"] == "Drew Hughes" and row["emergency"]]
    assert "Emergency access" in text
