"""A family member's own pages: signing in with a code, their record, and what they ask of their team.

Each page is thin: it asks the access rule for the part it shows (and so writes the family's
access log, basis "family-member"), reads with `queries`, and changes things only through
`services`. Every word is marked for translation and spoken to the family member as "you".
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from goldenthread.core import ratelimits
from goldenthread.core.decorators import no_store, post_or_none
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.refusals import Refused
from goldenthread.families import access
from goldenthread.families.models import ConsentAgreement, Part, StoryEntry
from goldenthread.partnership.models import Organisation

from .. import forms, permissions, queries, rules, services
from ..models import Suggestion, Waiting
from ._common import SIGNED_IN_AT_THE_DOOR, family_page

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The address a family member is signing in with, kept in the session (never in the address bar).
SIGN_IN_EMAIL = "family_door_sign_in_email"
# Wrong codes typed since the last code was asked for: the same count whether or not the address has a sign-in.
WRONG_CODES = "family_door_wrong_codes"
# Only where settings.GOLDENTHREAD_SHOW_SIGN_IN_CODES is on (the demo): the code, shown on screen.
DEMO_CODE = "family_door_demo_code"

SAME_ANSWER = gettext_lazy("If this address has a sign-in, we have sent a code to it.")


def _cannot_see() -> Refused:
    return Refused(_("You cannot see this part of your record just now. Ask your lead practitioner."))


def _read(request, *parts, detail="") -> dict:
    """Decide and log each part the page shows (basis "family-member"); refuse if any is not allowed."""
    decisions = access.read_parts(request.user, request.person.family, parts, detail=detail)
    if not all(decisions.values()):
        raise _cannot_see()
    return decisions


def _signed_in_at_the_door(request, user) -> None:
    login(request, user, backend=MODEL_BACKEND)  # a new session key, as at every sign-in
    request.session.cycle_key()
    for key in (SIGN_IN_EMAIL, WRONG_CODES, DEMO_CODE):
        request.session.pop(key, None)
    request.session[SIGNED_IN_AT_THE_DOOR] = True


def _part_words(parts) -> list:
    """The parts of the record in the family's words, in the record's own order (story, profiles, events, contact)."""
    order = {part: place for place, part in enumerate((*Part.values, access.HOUSEHOLD))}
    return [queries.part_words(part) for part in sorted(parts or [], key=lambda part: order.get(part, len(order)))]


def _lead(family):
    return next((place for place in queries.team_for(family) if place.is_lead), None)


# --- signing in ------------------------------------------------------------------------------


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    if permissions.own_person(request.user) is not None and request.session.get(SIGNED_IN_AT_THE_DOOR):
        return redirect("family_door:home")
    if request.method == "POST" and (limited := ratelimits.over_limit(request, ratelimits.FAMILY_CODE_PER_CLIENT, ratelimits.FAMILY_CODE_PER_ADDRESS)):
        return ratelimits.too_many_requests(request, limited)  # no code sent; the same answer whether or not the address has an account
    form = forms.SignInForm(post_or_none(request), initial={"email": request.session.get(SIGN_IN_EMAIL, "")})
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        code = services.send_sign_in_code(address)
        request.session[SIGN_IN_EMAIL] = address
        request.session[WRONG_CODES] = 0
        if code and getattr(settings, "GOLDENTHREAD_SHOW_SIGN_IN_CODES", False):
            request.session[DEMO_CODE] = code
        else:
            request.session.pop(DEMO_CODE, None)
        messages.success(request, SAME_ANSWER)
        return redirect("family_door:enter-code")
    return render_form_page(request, "family_door/sign_in.html", {}, form)


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def enter_code(request):
    address = request.session.get(SIGN_IN_EMAIL)
    if not address:
        return redirect("family_door:sign-in")
    if request.method == "POST" and (limited := ratelimits.over_limit(request, ratelimits.FAMILY_CODE_TRIES_PER_CLIENT)):
        return ratelimits.too_many_requests(request, limited)  # no code tried
    tries = rules.door().code_tries
    form = forms.CodeForm(post_or_none(request))
    if request.method == "POST" and form.is_valid():
        wrong = int(request.session.get(WRONG_CODES) or 0)
        user = services.check_sign_in_code(address, form.cleaned_data["code"]) if wrong < tries else None
        if user is not None:
            _signed_in_at_the_door(request, user)
            return redirect("family_door:home")
        wrong += 1
        request.session[WRONG_CODES] = wrong
        if wrong >= tries:
            form.add_error("code", _("That code did not work, and you have used all your tries. Ask for a new code."))
        else:
            form.add_error(
                "code", _("That code did not work. Check it and try again. A code works for %(minutes)s minutes.") % {"minutes": rules.door().code_minutes}
            )
    context = {"address": address, "demo_code": request.session.get(DEMO_CODE, ""), "minutes": rules.door().code_minutes}
    return render_form_page(request, "family_door/enter_code.html", context, form)


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token):
    invitation = services.invitation_for(token)
    if invitation is None:
        return render(request, "family_door/join_not_working.html", {}, status=404)
    terms = rules.terms()
    form = forms.AgreeForm(post_or_none(request))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.accept_invitation(invitation, terms_version=terms.version)
        except Refused as refusal:
            return render(request, "family_door/join_not_working.html", {"message": refusal.message}, status=404)
        _signed_in_at_the_door(request, account)
        messages.success(request, _("Welcome. These are your own pages."))
        return redirect("family_door:home")
    return render_form_page(request, "family_door/join.html", {"terms": terms, "person": invitation.person}, form)


@family_page("GET", "HEAD", "POST")
def terms(request):
    current = rules.terms()
    form = forms.AgreeForm(post_or_none(request))
    if request.method == "POST" and form.is_valid():
        services.agree_to_terms(request.user, by=request.user, version=current.version)
        return redirect("family_door:home")
    return render_form_page(request, "family_door/terms.html", {"terms": current, "agreed": services.has_agreed_to_current_terms(request.user)}, form)


# --- home ------------------------------------------------------------------------------------


@family_page("GET", "HEAD")
def home(request):
    person = request.person
    return render(request, "family_door/home.html", {"person": person, "new_answers": queries.new_answers(person)})


# --- the story --------------------------------------------------------------------------------


@family_page("GET", "HEAD")
def story(request):
    _read(request, Part.STORY, detail="Read the family's story on their own pages")
    return render(request, "family_door/story.html", {"entries": queries.story(request.person.family)})


@family_page("GET", "HEAD", "POST")
def suggest_story(request, entry_id=None):
    person = request.person
    entry = None
    if entry_id is not None:
        entry = get_object_or_404(StoryEntry, family=person.family, public_id=entry_id)
    if request.method != "POST":
        _read(request, Part.STORY, detail="Read a part of the family's story, to suggest a change")
    form = forms.SuggestionForm(post_or_none(request), initial={"suggested_text": entry.story if entry else ""})
    target = Suggestion.Target.STORY_ENTRY if entry else Suggestion.Target.NEW_STORY
    return form_page(
        request,
        form,
        template="family_door/suggest.html",
        context={"entry": entry, "text_then": entry.story if entry else "", "back": reverse("family_door:story"), "new": entry is None},
        action=lambda data: services.suggest_change(person, by=request.user, target=target, text=data["suggested_text"], why=data["why"], story_entry=entry),
        success_message=_("Thank you. Your team will read it and talk it through with you. Nothing changes until you have agreed it together."),
        success_url=reverse("family_door:asked"),
    )


# --- about me ---------------------------------------------------------------------------------


def _own_profile(request):
    decision = _read(request, Part.PROFILES, detail="Read their own one-page profile")[Part.PROFILES]
    if not decision.covers_person(request.person):
        raise _cannot_see()
    return queries.own_profile(request.person)


@family_page("GET", "HEAD")
def profile(request):
    found = _own_profile(request)
    parts = [{"field": name, "label": label, "text": getattr(found, name, "") if found else ""} for name, label in forms.PROFILE_PART_LABELS.items()]
    return render(request, "family_door/profile.html", {"profile": found, "parts": parts, "person": request.person})


@family_page("GET", "HEAD", "POST")
def suggest_profile(request, field):
    person = request.person
    if field not in forms.PROFILE_PART_LABELS:
        return render(request, "family_door/not_found.html", status=404)
    found = _own_profile(request) if request.method != "POST" else queries.own_profile(person)
    text_then = getattr(found, field, "") if found else ""
    form = forms.SuggestionForm(post_or_none(request), initial={"suggested_text": text_then})
    return form_page(
        request,
        form,
        template="family_door/suggest.html",
        context={"text_then": text_then, "part_label": forms.PROFILE_PART_LABELS[field], "back": reverse("family_door:profile"), "new": False},
        action=lambda data: services.suggest_change(
            person, by=request.user, target=Suggestion.Target.PROFILE, text=data["suggested_text"], why=data["why"], profile_field=field
        ),
        success_message=_("Thank you. Your team will read it and talk it through with you. Nothing changes until you have agreed it together."),
        success_url=reverse("family_door:asked"),
    )


@family_page("GET", "HEAD", "POST")
def own_words(request):
    person = request.person
    found = _own_profile(request) if request.method != "POST" else queries.own_profile(person)
    form = forms.OwnWordsForm(post_or_none(request), initial={"in_my_own_words": found.in_my_own_words if found else ""})
    return form_page(
        request,
        form,
        template="family_door/own_words.html",
        context={"profile": found},
        action=lambda data: services.write_own_words(person, by=request.user, text=data["in_my_own_words"]),
        success_message=_("Your words are saved. Your team will see them, marked as yours."),
        success_url=reverse("family_door:profile"),
    )


# --- important events -------------------------------------------------------------------------


@family_page("GET", "HEAD")
def chronology(request):
    _read(request, Part.CHRONOLOGY, detail="Read the important events about them or the whole household")
    return render(request, "family_door/chronology.html", {"entries": queries.chronology_for(request.person)})


# --- my team ----------------------------------------------------------------------------------


@family_page("GET", "HEAD")
def team(request):
    family = request.person.family
    _read(request, access.TEAM, Part.CONTACT, detail="Read who is in their team and how the team contacts them")
    return render(request, "family_door/team.html", {"team": queries.team_for(family), "contact_details": family.contact_details})


@family_page("GET", "HEAD", "POST")
def ask(request):
    person = request.person
    if request.method != "POST":
        _read(request, access.TEAM, detail="Read who their lead practitioner is, to ask a question")
    lead = _lead(person.family)
    form = forms.QuestionForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="family_door/ask.html",
        context={"lead": lead},
        action=lambda data: services.ask_question(person, by=request.user, text=data["text"]),
        success_message=_("Your question is sent. You will see the answer here, on the page of what you have asked."),
        success_url=reverse("family_door:asked"),
    )


# --- sharing ----------------------------------------------------------------------------------


@family_page("GET", "HEAD")
def sharing(request):
    person = request.person
    _read(request, access.CONSENTS, detail="Read what they have agreed to share")
    found = queries.agreements(person.family)
    asked = [item for item in queries.own_requests(person)["share_requests"] if item.status == Waiting.WAITING]
    return render(
        request,
        "family_door/sharing.html",
        {
            "live": [item for item in found if item["live"]],
            "not_yet": [item for item in found if item["state"] == "Not yet"],
            "ended": [item for item in found if item["state"] in ("Expired", "Withdrawn")],
            "asked": [{"request": item, "parts": _part_words(item.parts)} for item in asked],
        },
    )


@family_page("GET", "HEAD", "POST")
def withdraw(request, consent_id):
    family = request.person.family
    agreement = get_object_or_404(ConsentAgreement.objects.select_related("organisation"), family=family, public_id=consent_id)
    name = agreement.organisation.name
    if agreement.withdrawn_at is not None:
        messages.info(request, _("You have already stopped sharing with %(organisation)s.") % {"organisation": name})
        return redirect("family_door:sharing")
    if request.method != "POST":
        _read(request, access.CONSENTS, detail="Read one of their agreements, to stop it")
    parts = _part_words(agreement.parts)
    form = forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="family_door/withdraw.html",
        context={"agreement": agreement, "parts": parts},
        action=lambda data: services.withdraw_agreement(agreement, by=request.user),
        success_message=_("%(organisation)s can no longer see %(parts)s. Your team has been told.") % {"organisation": name, "parts": _and_list(parts)},
        success_url=reverse("family_door:sharing"),
    )


def _and_list(words) -> str:
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


@family_page("GET", "HEAD", "POST")
def ask_to_share(request):
    person = request.person
    organisations = Organisation.objects.filter(is_active=True).exclude(pk=person.family.recording_organisation_id).order_by("name")
    form = forms.AskToShareForm(post_or_none(request), organisations=organisations)
    return form_page(
        request,
        form,
        template="family_door/ask_to_share.html",
        action=lambda data: services.ask_to_share(person, by=request.user, **form.request_values()),
        success_message=lambda made: (
            _("You asked to share with %(organisation)s. Your team will talk it through with you and confirm it with you.")
            % {"organisation": made.organisation.name}
        ),
        success_url=reverse("family_door:sharing"),
    )


# --- who has looked ---------------------------------------------------------------------------


@family_page("GET", "HEAD")
def who_looked(request):
    person = request.person
    _read(request, access.ACCESS_LOG, detail="Read who has looked at their record")
    groups = queries.who_looked(person)
    for group in groups:
        for look in group.looks:
            look.emergency_words = queries.emergency_words(look.emergency)
    return render(request, "family_door/who_looked.html", {"groups": groups})


# --- what I have asked ------------------------------------------------------------------------


@family_page("GET", "HEAD")
def asked(request):
    person = request.person
    own = queries.own_requests(person)
    new = {
        "suggestions": [item for item in own["suggestions"] if item.status not in (Waiting.WAITING, Waiting.WITHDRAWN) and item.seen_reply_at is None],
        "questions": [item for item in own["questions"] if item.status != Waiting.WAITING and item.seen_answer_at is None],
        "share_requests": [item for item in own["share_requests"] if item.status != Waiting.WAITING and item.seen_reply_at is None],
    }
    new_ids = {id(item) for items in new.values() for item in items}
    rest = {kind: [item for item in items if id(item) not in new_ids] for kind, items in own.items()}
    if new_ids and request.method == "GET":
        services.mark_answers_seen(person, by=request.user)
    for item in own["share_requests"]:
        item.part_words = _part_words(item.parts)
    return render(request, "family_door/asked.html", {"new": new, "has_new": bool(new_ids), "rest": rest})


@family_page("GET", "HEAD", "POST")
def take_back(request, suggestion_id):
    person = request.person
    suggestion = get_object_or_404(Suggestion, person=person, public_id=suggestion_id)
    if suggestion.status != Waiting.WAITING:
        messages.info(request, _("Your team has already answered this suggestion, so it cannot be taken back."))
        return redirect("family_door:asked")
    form = forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="family_door/take_back.html",
        context={"suggestion": suggestion},
        action=lambda data: services.take_back_suggestion(suggestion, by=request.user),
        success_message=_("You took back your suggestion. Nothing in your record has changed."),
        success_url=reverse("family_door:asked"),
    )
