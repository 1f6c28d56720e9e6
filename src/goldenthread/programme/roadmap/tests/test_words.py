"""The roadmap's own words pass the product's shared-language check: every page, message and notice it shows."""

import pytest
from django.urls import reverse

from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.programme.roadmap import permissions, rules, services, waiting

from .conftest import in_days

pytestmark = pytest.mark.django_db


def faults(text: str) -> list:
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


def test_every_roadmap_page_a_keeper_sees_passes_the_check(client, partnership_lead, every_kind):
    services.move_milestone(every_kind["own"], by=partnership_lead, due_on=in_days(130), reason="Families asked to help write it.")
    services.mark_reached(every_kind["whole_system"], by=partnership_lead, reached_on=in_days(0), note="Agreed at the board.")
    client.force_login(partnership_lead)
    pages = [reverse("programme:roadmap-home"), reverse("programme:roadmap-add"), f"{reverse('programme:roadmap-home')}?sector=nowhere"]
    for milestone in every_kind.values():
        pages.append(reverse("programme:roadmap-milestone", args=[milestone.public_id]))
    own = every_kind["own"].public_id
    pages += [reverse(f"programme:{name}", args=[own]) for name in ("roadmap-change", "roadmap-reached", "roadmap-move", "roadmap-drop")]
    problems = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        problems += [(page, *fault) for fault in faults(read_bytes(response.content, ".html"))]
    assert problems == []


def test_every_message_and_notice_passes_the_check(recovery, partnership_lead):
    services.add_milestone(recovery, by=partnership_lead, title="A shared plan agreed", description="What it means.", due_on=in_days(-2))
    texts = [value for value in vars(rules).values() if isinstance(value, str)]
    texts += list(rules.NOT_OPEN.values())
    texts += [rule.required_message for rule in (rules.TITLE, rules.DESCRIPTION, rules.DUE_ON, rules.REACHED_ON, rules.MOVE_REASON, rules.DROP_REASON)]
    texts += [rules.TITLE.hint, rules.DESCRIPTION.hint, rules.MOVE_REASON.hint, rules.DROP_REASON.hint, rules.REACHED_NOTE.hint]
    texts += [permissions.NOT_FOR_YOU, permissions.KEEPS_THE_ROADMAP]
    texts += [f"{notice.what}. {notice.about}" for notice in waiting.waiting(partnership_lead)]
    assert [(text, *fault) for text in texts for fault in faults(text)] == []
