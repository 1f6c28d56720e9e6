"""What waits for a person in the feedback part.

A family member's own account: each survey sent to them that they have not answered and that
has not run out (it links to the survey, which they answer signed in; no link secret is
needed). A practitioner: nothing (a survey is theirs to send when they choose).
The notice names no family and says nothing about them.
"""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries, surveys


def waiting(user) -> list:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_family_account", False):
        return []
    return [
        Waiting(
            what="Tell us how it went",
            about=f"{found.organisation.name} would like to hear from you: {surveys.name_of(found.survey).lower()}.",
            link=reverse("family_feedback:for_you", args=[found.public_id]),
            since=found.sent_at,
            due=found.expires_at.date(),
        )
        for found in queries.waiting_requests_for(user)
    ]
