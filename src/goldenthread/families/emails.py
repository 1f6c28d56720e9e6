"""What the families app's e-mails say: a request to join a family's team, and an emergency access to review.

Each returns (subject, body). None names the family or says anything about them: the record's
reference (a code with no personal meaning) and a link, read once signed in with two steps.
The services send them with `core.mail.send_later`, once the change is saved.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

NO_FAMILY_DETAIL = "This e-mail holds no details of the family on purpose.\n"


def link(name: str, *args) -> str:
    """The full address of one of our pages, on the partnership's own address."""
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def join_request(join_request, person) -> tuple[str, str]:
    """To whoever decides who joins the team: who asks, for which agency, and the page to decide on."""
    family = join_request.family
    asker = join_request.user.full_name or join_request.user.email
    subject = f"{asker} asks to join the team around family record {family.reference}"
    body = (
        f"Hello {person.full_name},\n\n"
        f"{asker} ({join_request.organisation.name}) has asked to join the team around family record {family.reference}. "
        "You decide who joins this team.\n\n"
        f"You can read why they asked, and accept or decline, once you have signed in:\n{link('families:overview', family.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body


def emergency_access_to_review(emergency, lead) -> tuple[str, str]:
    """To each data protection lead: who opened which record with emergency access, when, and the page to review it on."""
    started = timezone.localtime(emergency.started_at)
    expires = timezone.localtime(emergency.expires_at)
    subject = f"Emergency access to family record {emergency.family.reference} needs your review"
    body = (
        f"Hello {lead.full_name},\n\n"
        f"{emergency.user.full_name} opened family record {emergency.family.reference} with emergency access "
        f"on {started:%d %B %Y} at {started:%H:%M}. The access ends at {expires:%H:%M}.\n\n"
        "They gave a reason, which you can read once you have signed in. Please review whether the access was justified:\n"
        f"{link('families:review', emergency.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body
