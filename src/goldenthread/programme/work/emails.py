"""The e-mails the work part sends: (subject, body). Each goes to one person, and names no family."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from goldenthread.core.identity import partnership_identity


def _site(path: str) -> str:
    return settings.GOLDENTHREAD_SITE_URL + path


def _signed(body: str) -> str:
    return f"{body}\n\n{partnership_identity().name}"


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _workstream_link(workstream) -> str:
    return _site(reverse("programme:work-workstream", args=[workstream.public_id]))


def _action_lines(actions) -> str:
    return "\n".join(f"- {action.description} ({action.owner}), due {_day(action.due_on)}" for action in actions)


def join_request_to_lead(join_request) -> tuple[str, str]:
    """To the lead: someone would like to join their workstream."""
    person, workstream = join_request.person, join_request.workstream
    said = f"\n\nIn their words:\n{join_request.message}" if join_request.message else ""
    return (
        f"{person.full_name} would like to join {workstream.name}",
        _signed(
            f"{person.full_name} ({join_request.organisation_name}) has asked to join {workstream.name}, the workstream you lead.{said}\n\n"
            "You can welcome them, or let them know it is not the right time, here:\n"
            f"{_site(reverse('programme:work-join-request', args=[join_request.public_id]))}\n\n"
            "It is also waiting for you on your home page."
        ),
    )


def join_request_accepted(join_request) -> tuple[str, str]:
    workstream = join_request.workstream
    note = f"\n\nA note from {join_request.decided_by.full_name}:\n{join_request.reply}" if join_request.reply and join_request.decided_by else ""
    return (
        f"Welcome to {workstream.name}",
        _signed(
            f"Thank you for offering to join {workstream.name}. You are now on the workstream.{note}\n\n"
            f"It meets {workstream.meets}. You can read its notes and actions here:\n{_workstream_link(workstream)}\n\n"
            "Each Monday you will get a short e-mail of the actions due that week."
        ),
    )


def join_request_declined(join_request) -> tuple[str, str]:
    workstream = join_request.workstream
    note = f"\n\nA note from {join_request.decided_by.full_name}:\n{join_request.reply}" if join_request.reply and join_request.decided_by else ""
    return (
        f"Your offer to join {workstream.name}",
        _signed(
            f"Thank you for offering to join {workstream.name}. This time, the workstream is not taking on new members.{note}\n\n"
            "There are other ways to get involved, and other workstreams you could join:\n"
            f"{_site(reverse('programme:work-workstreams'))}"
        ),
    )


def added_to_workstream(member, by) -> tuple[str, str]:
    """To someone the lead or the partnership team added to a workstream."""
    workstream = member.workstream
    who = by.full_name if by is not None else "The partnership team"
    return (
        f"You are on {workstream.name}",
        _signed(
            f"{who} has added you to {workstream.name}, a workstream of {workstream.programme.name}.\n\n"
            f"It meets {workstream.meets}. You can read its notes and actions here:\n{_workstream_link(workstream)}\n\n"
            "If this is a surprise, or the timing is not right for you, you can step back from the workstream's page."
        ),
    )


def lead_appointed(workstream) -> tuple[str, str]:
    """To the person who now leads a workstream."""
    return (
        f"You lead {workstream.name}",
        _signed(
            f"You are now the lead of {workstream.name}, a workstream of {workstream.programme.name}.\n\n"
            "You answer requests to join, and with the members you record meetings and keep the actions up to date:\n"
            f"{_workstream_link(workstream)}"
        ),
    )


def weekly_digest(workstream, *, week_of: date, due: list, overdue: list, last_meeting) -> tuple[str, str]:
    """Monday's e-mail to each member: the actions due this week, those past their date, and when the group last met."""
    parts = [f"Here is the week ahead for {workstream.name}, from {_day(week_of)}."]
    if due:
        parts.append(f"Due this week:\n{_action_lines(due)}")
    else:
        parts.append("Nothing is due this week.")
    if overdue:
        parts.append(
            f"Past their due date, still open:\n{_action_lines(overdue)}\n\nIf a date no longer works, move it on the action's page so everyone knows."
        )
    if last_meeting is not None:
        parts.append(f"The group last met on {_day(last_meeting.held_on)}.")
    else:
        parts.append("The group has not recorded a meeting yet.")
    parts.append(f"The workstream's actions:\n{_site(reverse('programme:work-actions', args=[workstream.public_id]))}")
    return (f"{workstream.name}: the week ahead", _signed("\n\n".join(parts)))
