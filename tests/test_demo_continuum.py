"""The demo partnership's self-assessments: two rounds for most organisations, real movement, actions."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from goldenthread.continuum import menu, queries, scoring
from goldenthread.continuum.frameworks import framework_spec
from goldenthread.continuum.models import (
    Answer,
    Assessment,
    ContinuumAction,
    Framework,
    Response,
)
from goldenthread.core.models import AuditEvent, User
from goldenthread.partnership.models import Membership, Organisation


def load(command):
    output = StringIO()
    call_command(command, stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(db):
    load("load_demo_partnership")
    return load("load_demo_continuum")


def completed_rounds():
    return Assessment.objects.filter(status=Assessment.Status.SUBMITTED).select_related("organisation", "framework")


def test_most_organisations_have_two_completed_rounds_six_to_twelve_months_apart(demo):
    assert "Loaded the demo self-assessments" in demo
    rounds = Counter(completed_rounds().values_list("organisation__name", flat=True))
    organisations = Organisation.objects.count()
    assert sum(1 for count in rounds.values() if count == 2) >= organisations * 2 / 3
    assert 1 in rounds.values(), "one organisation is on its first round"
    assert organisations - len(rounds) >= 2, "a few have not assessed themselves yet"
    for organisation_id in completed_rounds().values_list("organisation", flat=True).distinct():
        dates = sorted(completed_rounds().filter(organisation=organisation_id).values_list("completed_on", flat=True))
        if len(dates) == 2:
            assert 180 <= (dates[1] - dates[0]).days <= 380


def test_schools_answer_the_schools_framework_and_everyone_else_the_general_one(demo):
    for assessment in Assessment.objects.select_related("organisation", "framework"):
        expected = Framework.Kind.SCHOOLS if assessment.organisation.sector.startswith("school-") else Framework.Kind.GENERAL
        assert assessment.framework.kind == expected, assessment


def test_each_round_has_three_to_six_people_of_the_organisation_and_they_sometimes_disagree(demo):
    disagreements = 0
    for assessment in completed_rounds():
        responses = list(assessment.responses.select_related("respondent"))
        assert 3 <= len(responses) <= 6, assessment
        assert all(r.status == Response.Status.SUBMITTED for r in responses)
        members = set(Membership.objects.filter(organisation=assessment.organisation).values_list("user_id", flat=True))
        assert {r.respondent_id for r in responses} <= members
        disagreements += sum(item["disagreement"] for domain in assessment.result["domains"] for item in domain["items"])
    assert disagreements > 50


def test_stored_results_are_what_the_scoring_rule_gives_for_the_stored_answers(demo):
    for assessment in completed_rounds()[:6]:
        answer_sets = []
        for response in assessment.responses.all():
            answer_sets.append({code: value for code, value in Answer.objects.filter(response=response).values_list("item__code", "value")})
        stored = dict(assessment.result)
        minimum = stored.pop("minimum_answers")
        expected = scoring.score(framework_spec(assessment.framework), answer_sets, minimum_answers=minimum).as_json()
        assert minimum == 3
        assert stored.pop("framework") == {"code": assessment.framework.code, "version": assessment.framework.version}
        assert stored == expected


def test_the_map_shows_movement_mostly_up_and_bright_spots(demo):
    summary = queries.partnership_map()
    movement = {code: count for code, _, count in summary.movement_counts}
    assert movement["up"] > movement["down"] > 0
    assert movement["up"] >= summary.assessed / 3
    assert summary.bright_spots
    assert {group.framework_kind for group in summary.groups} == {"general", "schools"}
    assert summary.open_rounds >= 1


def test_there_are_actions_some_overdue_some_done(demo):
    actions = list(ContinuumAction.objects.all())
    assert len(actions) >= 30
    assert any(action.is_overdue for action in actions)
    assert Counter(action.status for action in actions).keys() == set(ContinuumAction.Status.values)


def test_the_demo_practitioner_is_invited_to_an_open_round(demo):
    output = load("load_demo_partnership")
    practitioner_email = next(line.split()[-1] for line in output.splitlines() if line.strip().startswith("Practitioner"))
    practitioner = User.objects.get(email=practitioner_email)
    waiting = Response.objects.filter(respondent=practitioner, assessment__status=Assessment.Status.OPEN).exclude(status=Response.Status.SUBMITTED)
    assert waiting.exists()
    assert any(card["title"].startswith("Your answers are wanted") for card in menu.home_cards(practitioner))


def test_demo_words_pass_the_shared_language_check(demo):
    from goldenthread.language import check

    texts = set(ContinuumAction.objects.values_list("description", flat=True)) | set(Answer.objects.exclude(evidence="").values_list("evidence", flat=True))
    assert len(texts) > 10
    findings = [(text[:60], finding.rule, finding.text) for text in texts for finding in check(text)]
    assert findings == []


def test_every_added_colleague_is_fictional(demo):
    for email in User.objects.values_list("email", flat=True):
        assert email.endswith(".example"), email


def test_loading_again_changes_nothing(demo):
    counts = {model: model.objects.count() for model in (User, Assessment, Response, Answer, ContinuumAction, AuditEvent)}
    assert "already loaded" in load("load_demo_continuum")
    assert {model: model.objects.count() for model in counts} == counts


def test_the_demo_is_written_as_the_system(demo):
    assert AuditEvent.objects.filter(object_type="continuum.assessment", actor_label="System").exists()
    assert not AuditEvent.objects.filter(actor__isnull=False).exists()


def test_the_continuum_demo_needs_the_partnership_first(db):
    with pytest.raises(CommandError, match="load_demo_partnership"):
        load("load_demo_continuum")


def test_the_partnership_lead_opens_the_demo_map(demo, client):
    lead = User.objects.filter(is_partnership_admin=True).first()
    client.force_login(lead)
    response = client.get(reverse("continuum:map"))
    assert response.status_code == 200
    assert "Riverbend Children&#x27;s Social Care" in response.content.decode()


def test_the_one_page_audit_of_demo_rounds_fits_one_page(demo):
    import io

    from pypdf import PdfReader

    from goldenthread.continuum.pdf import one_page_audit

    for assessment in completed_rounds().order_by("organisation__name")[:4]:
        reader = PdfReader(io.BytesIO(one_page_audit(assessment)))
        assert len(reader.pages) == 1, assessment
        assert assessment.organisation.name in " ".join(reader.pages[0].extract_text().split())
