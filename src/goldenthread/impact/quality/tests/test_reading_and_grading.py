"""Reading and grading: two steps first, every read in the family's access log, a withdrawn agreement refuses the read, grades kept as given."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement
from goldenthread.impact.quality import rules, services
from goldenthread.impact.quality.models import AuditGrade, AuditItem, AuditRound
from tests.family_fixtures import CHRONOLOGY, PROFILE_TEXT, STORY

from .conftest import all_clearly, graded, signed_in, this_year

pytestmark = pytest.mark.django_db


def audit_lines(family):
    return AccessLogEntry.objects.filter(family_reference=family.reference, detail__startswith=rules.SAMPLE_DETAIL)


def test_a_password_alone_does_not_open_a_sampled_record(item, auditor, family):
    response = signed_in(auditor).get(reverse("impact:quality_item", args=[item.public_id]))
    assert response.status_code == 302
    assert STORY not in response.content.decode()
    assert not audit_lines(family).exists()


def test_the_auditor_reads_the_record_with_the_findings_alongside_and_every_read_is_logged(item, auditor, family, verified_client):
    client = verified_client(auditor)
    page = client.get(reverse("impact:quality_item", args=[item.public_id]))
    content = page.content.decode()
    assert page.status_code == 200
    assert STORY in content and PROFILE_TEXT in content and CHRONOLOGY in content
    assert "The language check found" in content
    lines = audit_lines(family).filter(action="view")
    assert sorted(lines.values_list("part", flat=True)) == ["chronology", "profiles", "story"]
    assert set(lines.values_list("basis", flat=True)) == {AccessLogEntry.Basis.RECORDING_ORGANISATION}
    assert set(lines.values_list("detail", flat=True)) == {rules.AUDIT_DETAIL}
    client.get(reverse("impact:quality_item", args=[item.public_id]))
    assert audit_lines(family).filter(action="view").count() == 6


def test_the_findings_of_the_language_check_are_shown_beside_a_text(auditor, family, partnership_lead, practitioner, verified_client):
    from django.utils import timezone

    family_services.add_story_entry(
        family,
        by=practitioner,
        story="Mum is non-compliant and refuses to engage.",
        who_was_there="Riley",
        told_on=timezone.localdate(),
        how_agreed="Read back",
    )
    drawn = services.draw_round(auditor, by=partnership_lead, period=this_year(), size=1, seed=3)
    content = verified_client(auditor).get(reverse("impact:quality_item", args=[drawn.items.get().public_id])).content.decode()
    assert "non-compliant" in content
    assert "You could write" in content


def test_grading_finishes_the_record_and_the_round(item, auditor, verified_client, family):
    client = verified_client(auditor)
    answers = {f"grade_{key}": grade for key, grade in graded(**{"child-voice": "in-part"}).items()}
    answers["note_child-voice"] = "We could hear more from Wrenna about her new school."
    response = client.post(reverse("impact:quality_item", args=[item.public_id]), answers)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == AuditItem.State.GRADED
    assert AuditGrade.objects.filter(item=item).count() == len(all_clearly())
    assert AuditGrade.objects.get(item=item, question="child-voice").note.startswith("We could hear more")
    assert item.round.__class__.objects.get(pk=item.round_id).state == AuditRound.State.FINISHED


def test_a_missing_grade_is_asked_for_and_nothing_is_saved(item, auditor, verified_client):
    response = verified_client(auditor).post(reverse("impact:quality_item", args=[item.public_id]), {"grade_child-voice": "clearly"})
    assert response.status_code == 400
    assert rules.GRADE_EVERY_QUESTION in response.content.decode()
    assert not AuditGrade.objects.exists()


def test_once_finished_a_records_grades_never_change(item, auditor):
    services.grade_item(item, by=auditor, grades=all_clearly())
    with pytest.raises(ValidationError) as refused:
        services.grade_item(item, by=auditor, grades=graded(**{"child-voice": "not-yet"}))
    assert rules.FINISHED in refused.value.messages
    grade = AuditGrade.objects.filter(item=item).first()
    grade.grade = "not-yet"
    with pytest.raises(PermissionError):
        grade.save()
    with pytest.raises(PermissionError):
        AuditGrade.objects.filter(item=item).update(grade="not-yet")
    assert set(AuditGrade.objects.filter(item=item).values_list("grade", flat=True)) == {"clearly"}


def test_a_withdrawn_agreement_since_the_draw_refuses_the_read_which_is_logged_and_the_record_can_be_left_out(
    recorded_family, other_agency_practitioner, practitioner, partnership_lead, verified_client
):
    services.appoint_auditor(other_agency_practitioner, by=partnership_lead)
    drawn = services.draw_round(other_agency_practitioner, by=partnership_lead, period=this_year(), size=1, seed=5)
    item = drawn.items.get()
    family_services.withdraw_consent(ConsentAgreement.objects.get(family=recorded_family), by=practitioner, note="Marnie asked (fictional)")

    client = verified_client(other_agency_practitioner)
    page = client.get(reverse("impact:quality_item", args=[item.public_id]))
    content = page.content.decode()
    assert page.status_code == 403
    assert "You may no longer see this record" in content and STORY not in content
    refused = audit_lines(recorded_family).filter(basis=AccessLogEntry.Basis.REFUSED)
    assert refused.count() == 2  # the story and the profiles, each refused and logged
    assert not audit_lines(recorded_family).exclude(basis=AccessLogEntry.Basis.REFUSED).exists()

    with pytest.raises(Refused):
        services.grade_item(item, by=other_agency_practitioner, grades=all_clearly())
    assert audit_lines(recorded_family).filter(basis=AccessLogEntry.Basis.REFUSED).count() == 3
    assert not AuditGrade.objects.exists()

    left_out = client.post(reverse("impact:quality_item_skip", args=[item.public_id]), {"reason": "The family withdrew their agreement."})
    assert left_out.status_code == 302
    item.refresh_from_db()
    assert item.state == AuditItem.State.SKIPPED and item.skipped_reason == "The family withdrew their agreement."


def test_another_auditor_cannot_open_a_record_drawn_for_someone_else_and_the_refusal_is_logged(
    item, family, other_agency_practitioner, partnership_lead, verified_client
):
    services.appoint_auditor(other_agency_practitioner, by=partnership_lead)
    for person in (other_agency_practitioner, partnership_lead):
        response = verified_client(person).get(reverse("impact:quality_item", args=[item.public_id]))
        assert response.status_code == 403
        assert STORY not in response.content.decode()
    assert audit_lines(family).filter(basis=AccessLogEntry.Basis.REFUSED).count() == 2
    with pytest.raises(Refused):
        services.grade_item(item, by=partnership_lead, grades=all_clearly())
