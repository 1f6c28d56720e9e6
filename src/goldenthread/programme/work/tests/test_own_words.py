"""The work part's own words pass the product's shared-language check: every e-mail it sends, and every page as the people it is for see it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.programme.work import emails, queries, services

from .conftest import days, signed_in

pytestmark = pytest.mark.django_db


def faults(text: str) -> list:
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


@pytest.fixture
def story(workstream, meeting, action, lead, member, practitioner, partnership_lead):
    """A workstream in mid-flow: an overdue action, a moved one, a cancelled one, a request waiting and one answered."""
    late = services.add_action(workstream, by=lead, description="Design the card with one number", owner="Casey Evans", due_on=days(-3))
    services.move_action(action, by=member, due_on=days(20), reason="The printer needs another week.")
    dropped = services.add_action(workstream, by=lead, description="Print the booklet", owner="Drew Hughes", due_on=days(5))
    services.cancel_action(dropped, by=lead, reason="Teams asked for it on screen instead.")
    waiting = services.ask_to_join(workstream, by=practitioner, message="I would like to help.")
    return {"late": late, "dropped": dropped, "waiting": waiting}


def test_every_e_mail_passes_the_check(story, workstream, lead, member, practitioner, champion):
    accepted = services.ask_to_join(workstream, by=champion, message="Happy to help.")
    services.decide_join_request(accepted, by=lead, accept=True, reply="Welcome: we meet on Tuesdays.")
    declined = story["waiting"]
    services.decide_join_request(declined, by=lead, accept=False, reply="The group is full for now.")
    monday = timezone_monday()
    digest = queries.digest_for(workstream, monday)
    built = [
        emails.join_request_to_lead(declined),
        emails.join_request_accepted(accepted),
        emails.join_request_declined(declined),
        emails.added_to_workstream(workstream.members.get(person=member), lead),
        emails.lead_appointed(workstream),
        emails.weekly_digest(workstream, week_of=monday, due=digest.due, overdue=digest.overdue, last_meeting=digest.last_meeting),
        emails.weekly_digest(workstream, week_of=monday, due=[], overdue=[], last_meeting=None),
    ]
    functions = {name for name, value in vars(emails).items() if callable(value) and getattr(value, "__annotations__", {}).get("return") == "tuple[str, str]"}
    assert len(functions) == 6  # each of them is built above
    problems = [(subject, fault) for subject, body in built for text in (subject, body) for fault in faults(text)]
    assert not problems


def timezone_monday():
    today = days(0)
    return today - timedelta(days=today.weekday())


def test_every_page_passes_the_check_for_each_person(story, workstream, meeting, action, recovery, lead, member, practitioner, partnership_lead):
    w = workstream.public_id
    reading = [
        reverse("programme:home"),
        reverse("programme:work-programmes"),
        reverse("programme:work-programme", args=[recovery.public_id]),
        reverse("programme:work-board", args=[recovery.public_id]),
        reverse("programme:work-workstreams"),
        reverse("programme:work-workstream", args=[w]),
        reverse("programme:work-meeting", args=[meeting.public_id]),
        reverse("programme:work-actions", args=[w]),
        reverse("programme:work-actions", args=[w]) + "?show=every",
        reverse("programme:work-action", args=[w, action.public_id]),
        reverse("programme:work-action", args=[w, story["dropped"].public_id]),
        "/",
    ]
    taking_part = [
        reverse("programme:work-meeting-add", args=[w]),
        reverse("programme:work-meeting-edit", args=[meeting.public_id]),
        reverse("programme:work-add-action", args=[w]),
        reverse("programme:work-edit-action", args=[w, action.public_id]),
        reverse("programme:work-action-done", args=[w, action.public_id]),
        reverse("programme:work-action-move", args=[w, action.public_id]),
        reverse("programme:work-action-cancel", args=[w, action.public_id]),
    ]
    leading = [
        reverse("programme:work-join-request", args=[story["waiting"].public_id]),
        reverse("programme:work-member-add", args=[w]),
        reverse("programme:work-member-remove", args=[w, workstream.members.get(person=member).public_id]),
    ]
    running = [
        reverse("programme:work-programme-add"),
        reverse("programme:work-programme-edit", args=[recovery.public_id]),
        reverse("programme:work-workstream-add", args=[recovery.public_id]),
        reverse("programme:work-workstream-edit", args=[w]),
    ]
    visits = [
        (lead, reading + taking_part + leading),
        (member, reading + taking_part),
        (practitioner, [*reading, reverse("programme:work-join", args=[w])]),
        (partnership_lead, reading + running),
    ]
    problems, seen = [], 0
    for person, pages in visits:
        client = signed_in(person)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, (person, page)
            text = read_bytes(response.content, ".html")
            seen += 1
            problems += [(person.full_name, page, fault) for fault in faults(text)]
    assert seen > 40
    assert not problems
