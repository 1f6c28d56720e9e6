"""What waits for a practitioner from the family's own pages, for "Waiting for you" on their home page.

Suggestions and questions wait for the people who answer for the family (the lead practitioner;
with no lead, the recording team), requests to share for the recording team. No notice names
the family or says what they wrote: the page behind the link does, with its safeguards.
"""

from django.urls import reverse

from goldenthread.core.permissions import is_signed_in
from goldenthread.core.registry import Waiting
from goldenthread.families import access

from . import permissions
from .models import Question, ShareRequest, Suggestion
from .models import Waiting as Status

WHAT = {
    Suggestion: ("Decide on a family member's suggested change", "A family member suggested a change to their record, in their own words."),
    Question: ("Answer a family member's question", "A family member asked their lead practitioner a question."),
    ShareRequest: ("Confirm a family member's request to share", "A family member asked to share their record with a new organisation."),
}


def waiting(user) -> list[Waiting]:
    if not is_signed_in(user) or getattr(user, "is_family_account", False):
        return []
    families = list(access.families_for(user))
    if not families:
        return []
    answers = {family.pk: permissions.answers_for_family(user, family) for family in families}
    records = {family.pk: permissions.can_decide_share_request(user, family) for family in families}
    notices = []
    for model, since in ((Suggestion, "made_at"), (Question, "asked_at"), (ShareRequest, "asked_at")):
        allowed = records if model is ShareRequest else answers
        ids = [pk for pk, yes in allowed.items() if yes]
        for item in model.objects.filter(family_id__in=ids, status=Status.WAITING).select_related("family"):
            what, about = WHAT[model]
            notices.append(Waiting(what=what, about=about, link=reverse("from_the_family:list", args=[item.family.public_id]), since=getattr(item, since)))
    return notices
