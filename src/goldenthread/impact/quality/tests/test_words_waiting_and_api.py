"""The part's own words pass the language check; what waits for an auditor; the e-mail when a round is drawn; the API."""

import pytest
from django.urls import reverse

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.impact.quality import demo, emails, questions, rules, services, waiting
from goldenthread.language import check
from tests.family_fixtures import CHILD_NAME, FAMILY_NAME, STORY

from .conftest import all_clearly, this_year

pytestmark = pytest.mark.django_db


def faults(text):
    return [(finding.text, finding.rule) for finding in check(" ".join(text.split())) if finding.is_fault]


def test_the_audit_questions_and_grades_pass_the_language_check():
    assert len(questions.questions()) >= 5
    assert [g.words for g in questions.grades()] == ["Clearly", "In part", "Not yet", "Does not apply"]
    assert [fault for text in questions.all_words() for fault in faults(text)] == []


def test_the_parts_messages_pass_the_language_check():
    texts = [value for value in vars(rules).values() if isinstance(value, str) and " " in value]
    texts += [rules.nothing_to_draw("you"), rules.fewer_than_asked(2, 5, "you"), rules.NOTE.hint, rules.SKIP_REASON.label]
    assert [fault for text in texts for fault in faults(text)] == []


def test_the_demo_words_pass_the_language_check():
    data = demo.read_demo()
    texts = [note for notes in data["notes"].values() for note in notes]
    assert [fault for text in texts for fault in faults(text)] == []


def test_an_auditor_is_emailed_when_a_round_is_drawn_and_it_waits_for_them(auditor, family, partnership_lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        drawn = services.draw_round(auditor, by=partnership_lead, period=this_year(), size=2, seed=1)
    [sent] = sent_by_the_worker()
    assert sent.to == [auditor.email]
    assert sent.subject == "1 record drawn for you to audit"
    assert reverse("impact:quality_round", args=[drawn.public_id]) in sent.body
    for words in (FAMILY_NAME, CHILD_NAME, STORY, family.reference):
        assert words not in sent.body
    assert faults(sent.body) == []

    [notice] = waiting.waiting(auditor)
    assert notice.what == "Grade the records drawn for your audit"
    assert family.reference not in notice.about and FAMILY_NAME not in notice.about
    assert waiting.waiting(partnership_lead) == []
    services.grade_item(drawn.items.get(), by=auditor, grades=all_clearly())
    assert waiting.waiting(auditor) == []


def test_the_email_words_pass_the_language_check(audit_round):
    subject, body = emails.round_drawn(audit_round)
    assert faults(subject) == [] and faults(body) == []


def make_token(user):
    from goldenthread.core import services as core_services
    from goldenthread.core.models import ApiToken
    from goldenthread.core.tests.two_step import authenticator_of

    device = authenticator_of(user)
    made = core_services.create_api_token(user, by=user, name="Figures", scope=ApiToken.Scope.PARTNERSHIP, days=30, device=device)
    return made[1] if isinstance(made, tuple) else made


def test_the_api_gives_counts_only_and_holds_back_under_five(auditor, family, partnership_lead, organisation_lead, practitioner, client):
    drawn = services.draw_round(auditor, by=partnership_lead, period=this_year(), size=1, seed=1)
    services.grade_item(drawn.items.get(), by=auditor, grades=all_clearly())
    token = make_token(organisation_lead)
    response = client.get("/api/v1/impact/quality/results", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    body = response.json()
    first = body["questions"][0]
    assert first["overall"] == {"label": "All records", "records": None, "held_back": True, "counts": None}
    assert family.reference not in response.content.decode() and FAMILY_NAME not in response.content.decode()
    refused = client.get("/api/v1/impact/quality/results", headers={"Authorization": f"Bearer {make_token(practitioner)}"})
    assert refused.status_code == 403
    bad = client.get("/api/v1/impact/quality/results?from=soon", headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 400


def test_every_quality_page_reads_well(audit_round, item, auditor, partnership_lead, organisation_lead, verified_client, family):
    from goldenthread.language.readers import read_bytes

    pages = {
        auditor: [
            reverse("impact:quality"),
            reverse("impact:quality_questions"),
            reverse("impact:quality_draw"),
            reverse("impact:quality_round", args=[audit_round.public_id]),
            reverse("impact:quality_item", args=[item.public_id]),
            reverse("impact:quality_item_skip", args=[item.public_id]),
        ],
        partnership_lead: [
            reverse("impact:quality"),
            reverse("impact:quality_auditors"),
            reverse("impact:quality_draw"),
            reverse("impact:quality_results"),
        ],
        organisation_lead: [reverse("impact:quality"), reverse("impact:quality_results")],
    }
    problems = []
    for person, urls in pages.items():
        client = verified_client(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            problems += [(url, *fault) for fault in faults(read_bytes(response.content, ".html"))]
    services.grade_item(item, by=auditor, grades=all_clearly())
    done = verified_client(auditor).get(reverse("impact:quality_item", args=[item.public_id]))
    problems += [("done", *fault) for fault in faults(read_bytes(done.content, ".html"))]
    assert problems == []
