"""The theory part's own words pass the product's shared-language check: the demo's theory of change, and every page as the people it is for see it."""

import pytest
from django.urls import reverse

from goldenthread.impact.theory import demo, services
from goldenthread.language import check
from goldenthread.language.readers import read_bytes

from .conftest import signed_in
from .test_demo import load

pytestmark = pytest.mark.django_db


def faults(text: str) -> list:
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


def test_the_demo_theory_of_change_is_written_in_words_that_pass_the_check():
    data = demo.read()
    texts = [v["note"] for v in data["version"]]
    texts += [words for o in data["outcome"] for words in (o["title"], o.get("title_in_1", ""), o.get("description", ""))]
    texts += [words for a in data["activity"] for words in (a["title"], a.get("description", ""))]
    texts += [a["text"] for a in data["assumption"]]
    texts += [words for o in data["draft"]["outcome"] for words in (o["title"], o["description"])]
    assert len(texts) > 40
    assert [(text, fault) for text in texts for fault in faults(text)] == []


def test_every_page_passes_the_check_for_each_person(partnership_lead, practitioner, organisation_lead):
    load()
    draft = services.start_draft(by=partnership_lead)
    outcome, activity, assumption = draft.outcomes.first(), draft.activities.first(), draft.assumptions.first()
    reading = [
        reverse("impact:theory"),
        reverse("impact:theory_versions"),
        reverse("impact:theory_version", args=[1]),
        reverse("impact:theory_version", args=[2]),
        reverse("impact:home"),
    ]
    keeping = [
        reverse("impact:theory_draft"),
        reverse("impact:theory_start"),
        reverse("impact:theory_publish"),
        reverse("impact:theory_discard"),
        reverse("impact:theory_outcome_add"),
        reverse("impact:theory_outcome_change", args=[outcome.public_id]),
        reverse("impact:theory_outcome_remove", args=[outcome.public_id]),
        reverse("impact:theory_activity_add"),
        reverse("impact:theory_activity_change", args=[activity.public_id]),
        reverse("impact:theory_activity_remove", args=[activity.public_id]),
        reverse("impact:theory_assumption_add"),
        reverse("impact:theory_assumption_change", args=[assumption.public_id]),
        reverse("impact:theory_assumption_remove", args=[assumption.public_id]),
    ]
    problems, seen = [], 0
    for person, pages in ((practitioner, reading), (organisation_lead, reading), (partnership_lead, reading + keeping)):
        client = signed_in(person)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, (person, page)
            seen += 1
            problems += [(person.full_name, page, fault) for fault in faults(read_bytes(response.content, ".html"))]
    services.discard(draft, by=partnership_lead)
    for page in (reverse("impact:theory_draft"), reverse("impact:theory_start")):
        start = signed_in(partnership_lead).get(page)
        problems += [("start", fault) for fault in faults(read_bytes(start.content, ".html"))]
    assert seen > 20
    assert problems == []
