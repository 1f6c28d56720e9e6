"""What waits for a person in the continuum, for the "Waiting for you" list on their home page.

One hand-over: a self-assessment round someone has invited the person to answer (the lead
who starts a round is its first respondent). The notice is gone once they send their answers,
or once the round is completed.
"""

from django.urls import reverse

from goldenthread.core.permissions import is_signed_in
from goldenthread.core.registry import Waiting
from goldenthread.partnership.queries import memberships_of

from . import queries


def waiting(user) -> list[Waiting]:
    if not is_signed_in(user):
        return []
    organisation_ids = [membership.organisation_id for membership in memberships_of(user)]
    notices = []
    for response in queries.responses_waiting_for(user, organisation_ids):
        assessment = response.assessment
        inviter = response.invited_by
        if inviter is None or inviter.pk == user.pk:
            about = f"You started this round for {assessment.organisation.name}; your own answers count too."
        else:
            about = f"{inviter.full_name} invited you to say how trauma-informed {assessment.organisation.name} feels from where you work."
        started = "carry on with" if response.status == response.Status.IN_PROGRESS else "answer"
        notices.append(
            Waiting(
                what=f"{started.capitalize()} the self-assessment ‘{assessment.title}’",
                about=about,
                link=reverse("continuum:answer", args=[assessment.public_id]),
                since=assessment.started_on,
            )
        )
    return notices
