"""What the family's door's e-mails say. Each returns (subject, body).

To the team: what the family asked for and the page to answer on, never the family's words or
name (the record's reference only, read once signed in with two steps). To the family member:
that there is an answer, and the link to their own pages; never the answer itself, since an
e-mail may be read by someone else.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from goldenthread.families.emails import NO_FAMILY_DETAIL, link


def invitation(invitation, token) -> tuple[str, str]:
    person = invitation.person
    inviter = invitation.invited_by.full_name if invitation.invited_by else "Your lead practitioner"
    subject = "Your own sign-in to your record"
    body = (
        f"Hello {person},\n\n"
        f"{inviter} has invited you to have your own sign-in, so you can read your record and help shape it: "
        "your story, your one-page profile, who is in your team and who has looked.\n\n"
        f"To start, open this link. It works for {invitation_days()} days:\n"
        f"{settings.GOLDENTHREAD_SITE_URL}{reverse('family_door:join', args=[token])}\n\n"
        "If you did not expect this e-mail, you can ignore it.\n"
    )
    return subject, body


def invitation_days() -> int:
    from .rules import door

    return door().invitation_days


def sign_in_code(user, code: str, minutes: int) -> tuple[str, str]:
    subject = f"Your sign-in code is {code}"
    body = (
        f"Hello {user.full_name},\n\n"
        f"Your code to sign in is {code}. It works for {minutes} minutes.\n\n"
        "If you did not ask for a code, you do not need to do anything. Nobody can sign in without the code.\n"
    )
    return subject, body


def _to_team(user, what: str, item) -> tuple[str, str]:
    family = item.family
    subject = f"{what} (family record {family.reference})"
    body = (
        f"Hello {user.full_name},\n\n"
        f"{what}, on their own pages, for family record {family.reference}.\n\n"
        f"You can read it and answer once you have signed in:\n{link('from_the_family:list', family.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body


def suggestion_made(suggestion, user) -> tuple[str, str]:
    return _to_team(user, "A family member has suggested a change to their record", suggestion)


def question_asked(question, user) -> tuple[str, str]:
    return _to_team(user, "A family member has asked you a question", question)


def share_requested(share_request, user) -> tuple[str, str]:
    return _to_team(user, "A family member has asked to share their record with a new organisation", share_request)


def agreement_withdrawn(consent, user) -> tuple[str, str]:
    return _to_team(user, f"A family member has withdrawn their agreement to share with {consent.organisation.name}", consent)


def _to_family(person, what: str) -> tuple[str, str]:
    subject = "There is an answer for you"
    body = (
        f"Hello {person},\n\n{what} You can read it on your own pages once you have signed in:\n{settings.GOLDENTHREAD_SITE_URL}{reverse('family_door:home')}\n"
    )
    return subject, body


def suggestion_decided(suggestion, person) -> tuple[str, str]:
    return _to_family(person, "Your team has looked at the change you suggested.")


def question_answered(question, person) -> tuple[str, str]:
    return _to_family(person, "Your lead practitioner has answered your question.")


def share_request_decided(share_request, person) -> tuple[str, str]:
    return _to_family(person, "Your team has looked at your request to share your record.")
