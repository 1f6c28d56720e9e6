"""The theory of change's pages: the diagram is an image with a title, the list after it says the same, earlier versions stay readable, and the draft is written through forms."""

import re
import sys
import types
from html import unescape

import pytest
from django.urls import reverse

from goldenthread.core.language import CHECKED_FIELD
from goldenthread.impact.theory import services
from goldenthread.impact.theory.models import Outcome, TheoryVersion

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def svg_of(html: str) -> str:
    (svg,) = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    return svg


def list_of(html: str) -> str:
    return html.split('class="gt-theory-list"', 1)[1]


def test_the_diagram_is_an_image_with_a_title_and_a_description(practitioner, in_force):
    html = signed_in(practitioner).get(reverse("impact:theory")).content.decode()
    svg = svg_of(html)
    assert 'role="img"' in svg and 'aria-labelledby="theory-diagram-title theory-diagram-desc"' in svg
    assert '<title id="theory-diagram-title">The theory of change, version 1</title>' in svg
    assert "The list after the diagram gives the same content." in unescape(svg)
    assert 'width="100%"' in svg and 'viewBox="0 0 1000 ' in svg
    assert "style=" not in html.split("<body", 1)[1]  # the Content Security Policy allows no inline style


def test_the_list_after_the_diagram_has_the_same_outcomes_and_activities(practitioner, in_force):
    html = unescape(signed_in(practitioner).get(reverse("impact:theory")).content.decode())
    svg, listed = svg_of(html), list_of(html)
    drawn = re.findall(r">([^<>]+)</text>", svg)
    for outcome in in_force.outcomes.all():
        assert outcome.title in " ".join(drawn) and outcome.title in listed
        assert f'id="outcome-{outcome.key}"' in listed
    for activity in in_force.activities.all():
        assert activity.title in " ".join(drawn) and activity.title in listed
    for heading in ("What we do", "Short term outcomes", "Medium term outcomes", "Long term outcomes"):
        assert heading in drawn and heading in listed
    assert "Leaders keep giving people time to train and reflect." in listed


def test_each_outcome_lists_its_indicators_linked(practitioner, in_force, monkeypatch):
    class Indicator:
        def __init__(self, name):
            self.name = name

        def get_absolute_url(self):
            return f"/impact/indicators/{self.name.lower().replace(' ', '-')}/"

    fake = types.ModuleType("goldenthread.impact.indicators.queries")
    fake.indicators_for_outcome = lambda key: [Indicator("Children who say they were listened to")] if key == "children-feel-heard" else []
    monkeypatch.setitem(sys.modules, "goldenthread.impact.indicators.queries", fake)
    html = unescape(signed_in(practitioner).get(reverse("impact:theory")).content.decode())
    assert '<a class="govuk-link" href="/impact/indicators/children-who-say-they-were-listened-to/">Children who say they were listened to</a>' in html
    assert html.count("No indicators are linked to this outcome yet.") == 2


def test_without_indicators_yet_each_outcome_says_so(practitioner, in_force, monkeypatch):
    monkeypatch.setitem(sys.modules, "goldenthread.impact.indicators.queries", types.ModuleType("goldenthread.impact.indicators.queries"))
    html = signed_in(practitioner).get(reverse("impact:theory")).content.decode()
    assert html.count("No indicators are linked to this outcome yet.") == 3


def test_an_earlier_version_stays_readable_and_says_so(practitioner, partnership_lead, in_force, draft, draft_outcome):
    services.change_outcome(
        draft_outcome, by=partnership_lead, version=draft_outcome.version, title="Children feel heard and believed", horizon="short", for_whom="children"
    )
    services.publish(draft, by=partnership_lead, note="Believed as well as heard.")
    client = signed_in(practitioner)
    now = unescape(client.get(reverse("impact:theory")).content.decode())
    before = unescape(client.get(reverse("impact:theory_version", args=[1])).content.decode())
    assert "Children feel heard and believed" in now and "Believed as well as heard." in now
    assert "This is an earlier version" in before and "Children feel heard and believed" not in before
    versions = unescape(client.get(reverse("impact:theory_versions")).content.decode())
    assert "Version 2" in versions and "Version 1" in versions and "In force" in versions


def test_a_version_that_does_not_exist_or_is_a_draft_is_not_found(practitioner, partnership_lead, draft):
    assert signed_in(practitioner).get(reverse("impact:theory_version", args=[99])).status_code == 404
    assert signed_in(partnership_lead).get(reverse("impact:theory_version", args=[draft.number])).status_code == 404
    assert signed_in(partnership_lead).get(reverse("impact:theory_outcome_change", args=["7d1e6f52-0000-4000-8000-000000000000"])).status_code == 404


def test_with_nothing_published_the_page_says_what_will_come(practitioner, partnership_lead):
    assert "has not published a theory of change yet" in signed_in(practitioner).get(reverse("impact:theory")).content.decode()
    assert signed_in(practitioner).get(reverse("impact:theory_pdf")).status_code == 302


def test_the_partnership_team_writes_a_draft_through_the_pages_and_publishes_it(partnership_lead, in_force):
    client = signed_in(partnership_lead)
    assert client.post(reverse("impact:theory_start")).status_code == 302
    draft = TheoryVersion.objects.get(state="draft")
    page = client.get(reverse("impact:theory_draft")).content.decode()
    assert "Draft of version 2" in page and 'role="img"' in page
    added = client.post(
        reverse("impact:theory_outcome_add"),
        {"title": "Staff feel looked after", "horizon": "medium", "for_whom": "workforce", "description": "", "key": "workforce-supported"},
    )
    assert added.status_code == 302
    outcome = Outcome.objects.get(theory=draft, key="workforce-supported")
    activity_added = client.post(reverse("impact:theory_activity_add"), {"title": "Reflective spaces", "description": "", "leads_to": [str(outcome.public_id)]})
    assert activity_added.status_code == 302 and [o.key for o in draft.activities.get(title="Reflective spaces").leads_to.all()] == ["workforce-supported"]
    assert client.post(reverse("impact:theory_assumption_add"), {"text": "People have time to reflect."}).status_code == 302
    published = client.post(reverse("impact:theory_publish"), {"note": "Added an outcome for the workforce."})
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.note == "Added an outcome for the workforce."


def test_words_that_need_another_look_are_shown_before_they_are_saved_and_never_block(partnership_lead, draft):
    client = signed_in(partnership_lead)
    typed = {"title": "Fewer non-compliant families", "horizon": "long", "for_whom": "families", "description": "", "key": ""}
    first = client.post(reverse("impact:theory_outcome_add"), typed)
    review = first.context["words_to_check"]
    assert first.status_code == 200 and review is not None
    assert not Outcome.objects.filter(theory=draft, title=typed["title"]).exists()
    second = client.post(reverse("impact:theory_outcome_add"), {**typed, CHECKED_FIELD: review.fingerprint})
    assert second.status_code == 302 and Outcome.objects.filter(theory=draft, title=typed["title"]).exists()


def test_a_form_with_mistakes_says_what_to_do_and_keeps_what_was_typed(partnership_lead, draft):
    response = signed_in(partnership_lead).post(reverse("impact:theory_outcome_add"), {"title": "", "horizon": "someday", "for_whom": "", "key": ""})
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Say in a few words what we hope will change" in html and "Choose how soon we hope to see it" in html


def test_someone_else_saving_first_is_a_conflict_that_keeps_both_texts(partnership_lead, draft_outcome):
    client = signed_in(partnership_lead)
    url = reverse("impact:theory_outcome_change", args=[draft_outcome.public_id])
    read = draft_outcome.version
    services.change_outcome(draft_outcome, by=partnership_lead, version=read, title="Saved first", horizon="short", for_whom="children")
    response = client.post(url, {"title": "Typed second", "horizon": "short", "for_whom": "children", "description": "", "version": read})
    html = unescape(response.content.decode())
    assert response.status_code == 409 and "Saved first" in html and "Typed second" in html


def test_removing_and_discarding_ask_first_then_do_it(partnership_lead, draft, draft_outcome):
    client = signed_in(partnership_lead)
    url = reverse("impact:theory_outcome_remove", args=[draft_outcome.public_id])
    assert "Take the outcome out of the draft" in client.get(url).content.decode()
    assert client.post(url).status_code == 302 and not Outcome.objects.filter(pk=draft_outcome.pk).exists()
    assert client.post(reverse("impact:theory_discard")).status_code == 302
    assert not TheoryVersion.objects.filter(state="draft").exists()
    assert client.get(reverse("impact:theory_publish")).status_code == 302  # no draft: back to the draft page, which offers to start one
    assert "Start a draft of the theory of change" in client.get(reverse("impact:theory_draft")).content.decode()
