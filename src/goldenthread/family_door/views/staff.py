"""The team's pages for what a family asks on their own pages: the list, a suggestion beside the current words,
a question, a request to share, and inviting a family member to their own sign-in (or stopping it).

Every page has the families app's safeguards (two steps, the staff terms, never cached) and
needs a team place; deciding needs the lead practitioner or the recording team. Reading the
current words logs the look, as every page with family data does.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from goldenthread.core.decorators import post_or_none
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.refusals import Refused
from goldenthread.families import access
from goldenthread.families.models import OnePageProfile, Part, Person, StoryEntry
from goldenthread.families.views._common import _family, _refuse, family_page

from .. import permissions, queries, rules, services, staff_forms
from ..models import Question, ShareRequest, Suggestion, Waiting
from ..services import PROFILE_PARTS, YOUNG_PERSON_ROLES

PROFILE_PART_WORDS = {name: OnePageProfile._meta.get_field(name).verbose_name for name in PROFILE_PARTS}
ANSWERS_ONLY = "Only the lead practitioner, or the team in the organisation holding the record, answers what a family asks. Ask the lead practitioner."
SHARING_ONLY = "Only the team in the organisation holding the record can record a new agreement. Ask them."
INVITING_ONLY = "Only the lead practitioner, or the team in the organisation holding the record, can invite a family member to their own sign-in."


def _team_family(request, family_id):
    family = _family(family_id)
    if not permissions.can_see_from_the_family(request.user, family):
        _refuse(request, family, access.TEAM, "asked to see what the family asked for", reason="Only the team around the family can see what they asked for.")
    return family


def _list_url(family) -> str:
    return reverse("from_the_family:list", args=[family.public_id])


def _to_child(person) -> bool:
    return person.role_in_family in YOUNG_PERSON_ROLES


@family_page("GET")
def from_the_family(request, family_id):
    family = _team_family(request, family_id)
    access.read(request.user, family, access.TEAM, detail="what the family asked for on their own pages")
    waiting = queries.waiting_in(family)
    for suggestion in waiting["suggestions"]:
        suggestion.part_words = PROFILE_PART_WORDS.get(suggestion.profile_field, "")
    return render_form_page(
        request,
        "from_the_family/list.html",
        {
            "family": family,
            "waiting": waiting,
            "decided": queries.decided_in(family),
            "answers": permissions.answers_for_family(request.user, family),
            "records_agreements": permissions.can_decide_share_request(request.user, family),
        },
    )


def _current_words(request, suggestion) -> str | None:
    """The words in the record now, beside the suggestion (the look logged); None for something new."""
    if suggestion.target == Suggestion.Target.PROFILE:
        decision = access.read(request.user, suggestion.family, Part.PROFILES, detail="a one-page profile, beside the family member's suggestion")
        if not decision.allowed:
            raise Refused(decision.refusal_reason)
        profile = OnePageProfile.objects.filter(person=suggestion.person).first()
        return getattr(profile, suggestion.profile_field, "") if profile else ""
    if suggestion.target == Suggestion.Target.STORY_ENTRY:
        decision = access.read(request.user, suggestion.family, Part.STORY, detail="the story, beside the family member's suggestion")
        if not decision.allowed:
            raise Refused(decision.refusal_reason)
        entry = StoryEntry.objects.filter(pk=suggestion.story_entry_id).first()
        return entry.story if entry else ""
    return None


@family_page("GET", "POST")
def decide_suggestion(request, family_id, suggestion_id):
    family = _team_family(request, family_id)
    suggestion = get_object_or_404(Suggestion.objects.select_related("person", "decided_by"), family=family, public_id=suggestion_id)
    if not permissions.answers_for_family(request.user, family):
        raise Refused(ANSWERS_ONLY)
    current = _current_words(request, suggestion)
    context = {
        "family": family,
        "suggestion": suggestion,
        "current": current,
        "changed_since": current is not None and current != suggestion.text_then,
        "part_words": PROFILE_PART_WORDS.get(suggestion.profile_field, ""),
        "waiting": suggestion.status == Waiting.WAITING,
    }
    if suggestion.status != Waiting.WAITING:
        return render_form_page(request, "from_the_family/suggestion.html", context)
    form = staff_forms.SuggestionDecisionForm(post_or_none(request), to_child=_to_child(suggestion.person), initial={"final_text": suggestion.suggested_text})
    return form_page(
        request,
        form,
        template="from_the_family/suggestion.html",
        context=context,
        action=lambda data: services.decide_suggestion(
            suggestion, by=request.user, outcome=data["outcome"], final_text=data["final_text"], reply=data["reply"]
        ),
        success_message=f"Your decision is saved, and {suggestion.person} is told there is an answer.",
        success_url=_list_url(family),
    )


@family_page("GET", "POST")
def answer_question(request, family_id, question_id):
    family = _team_family(request, family_id)
    question = get_object_or_404(Question.objects.select_related("person", "answered_by"), family=family, public_id=question_id)
    if not permissions.answers_for_family(request.user, family):
        raise Refused(ANSWERS_ONLY)
    context = {"family": family, "question": question, "waiting": question.status == Waiting.WAITING}
    if question.status != Waiting.WAITING:
        return render_form_page(request, "from_the_family/question.html", context)
    form = staff_forms.AnswerForm(post_or_none(request), to_child=_to_child(question.person))
    return form_page(
        request,
        form,
        template="from_the_family/question.html",
        context=context,
        action=lambda data: services.answer_question(question, by=request.user, answer=data["answer"]),
        success_message=f"Your answer is saved, and {question.person} is told there is an answer.",
        success_url=_list_url(family),
    )


@family_page("GET", "POST")
def decide_share_request(request, family_id, request_id):
    family = _team_family(request, family_id)
    share = get_object_or_404(ShareRequest.objects.select_related("person", "organisation", "decided_by"), family=family, public_id=request_id)
    if not permissions.can_decide_share_request(request.user, family):
        raise Refused(SHARING_ONLY)
    context = {"family": family, "share": share, "parts": [access.PART_LABELS.get(p, p) for p in share.parts or []], "waiting": share.status == Waiting.WAITING}
    if share.status != Waiting.WAITING:
        return render_form_page(request, "from_the_family/share_request.html", context)
    form = staff_forms.ShareDecisionForm(post_or_none(request), to_child=_to_child(share.person))
    return form_page(
        request,
        form,
        template="from_the_family/share_request.html",
        context=context,
        action=lambda data: services.decide_share_request(share, by=request.user, agree=data["agree"] == "yes", reply=data["reply"]),
        success_message=f"Your decision is saved, and {share.person} is told there is an answer.",
        success_url=_list_url(family),
    )


def _person(request, family_id, person_id):
    family = _family(family_id)
    person = get_object_or_404(Person.objects.select_related("family", "account"), family=family, public_id=person_id)
    if not permissions.can_invite(request.user, person):
        _refuse(request, family, access.HOUSEHOLD, "asked to invite a family member to their own sign-in", reason=INVITING_ONLY)
    access.read(request.user, family, access.HOUSEHOLD, detail="a family member, to invite them to their own sign-in or stop it")
    return family, person


@family_page("GET", "POST")
def invite(request, family_id, person_id):
    family, person = _person(request, family_id, person_id)
    form = staff_forms.InviteForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="from_the_family/invite.html",
        context={"family": family, "person": person, "youngest_age": rules.door().youngest_age},
        action=lambda data: services.invite(person, by=request.user, email=data["email"]),
        success_message=f"We have sent {person} an e-mail with their own link. It works for {rules.door().invitation_days} days.",
        success_url=_list_url(family),
    )


@family_page("GET", "POST")
def stop_sign_in(request, family_id, person_id):
    family, person = _person(request, family_id, person_id)
    form = staff_forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="from_the_family/stop_sign_in.html",
        context={"family": family, "person": person},
        action=lambda data: services.stop_sign_in(person, by=request.user),
        success_message=f"{person} can no longer sign in. Their record is as it was.",
        success_url=_list_url(family),
    )
