"""The stories pages, e-mails and messages pass the product's own shared-language check (as tests/test_own_words.py holds for every page)."""

import pytest

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.programme.stories import rules, services, views

from .conftest import story_details

pytestmark = pytest.mark.django_db


def faults(text):
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


def test_every_stories_page_reads_well_for_each_person(client, waiting_story, public_story, draft_story, champion, practitioner, partnership_lead):
    pages = {
        practitioner: [
            "/programme/stories/",
            "/programme/stories/share/",
            "/programme/stories/mine/",
            f"/programme/stories/{waiting_story.public_id}/",
            f"/programme/stories/{draft_story.public_id}/",
            f"/programme/stories/{draft_story.public_id}/change/",
            f"/programme/stories/{public_story.public_id}/change/",
            f"/programme/stories/{public_story.public_id}/withdraw/",
        ],
        champion: ["/programme/stories/waiting/", f"/programme/stories/{waiting_story.public_id}/decide/", "/programme/stories/?domain=relationships"],
        partnership_lead: ["/programme/stories/?domain=leadership"],
        None: ["/programme/stories/public/", f"/programme/stories/public/{public_story.public_id}/"],
    }
    problems = []
    for person, urls in pages.items():
        client.logout()
        if person is not None:
            client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            problems += [(url, *fault) for fault in faults(read_bytes(response.content, ".html"))]
    assert problems == []


def test_the_stories_emails_read_well(practitioner, childrens_services, champion, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.share_story(childrens_services, by=practitioner, **story_details())
        second = services.share_story(childrens_services, by=practitioner, **story_details(title="Another (fictional)"))
        services.approve_story(first, by=champion)
        services.send_back_story(second, by=champion, reason="Could you add a line on what the family said about it?")
    mails = sent_by_the_worker()
    assert len(mails) >= 4
    assert [fault for message in mails for fault in faults(f"{message.subject}\n{message.body}")] == []


def test_the_stories_messages_read_well():
    words = [value for module in (rules, services, views) for name, value in vars(module).items() if name.isupper() and isinstance(value, str)]
    words += [rule.label + " " + rule.hint + " " + (rule.required_message or "") for rule in vars(rules).values() if hasattr(rule, "label")]
    assert [fault for text in words for fault in faults(text)] == []
