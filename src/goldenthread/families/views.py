"""Family record pages. Each view parses, asks `access` or `services`, and renders.

Every view is wrapped in `family_page`: signed in, two-step verified, the current terms
accepted, and `Cache-Control: no-store` so no family page stays in a browser's cache.
Which parts a person may see, and every log line, come from `access` and `services`.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.safeguards import family_data_safeguards
from goldenthread.partnership.models import Organisation

from . import access, exports, forms, permissions, queries, services
from .models import (
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    OnePageProfile,
    Part,
    Person,
    StoryEntry,
)

SEARCH_SESSION_KEY = "families:search"
PART_LABELS = access.PART_LABELS


def family_page(*methods):
    """The safeguards, no-store (family pages are never kept in a browser's cache), and the HTTP methods a page answers."""

    def decorate(view):
        return no_store(family_data_safeguards(require_http_methods(list(methods))(view)))

    return decorate


def _family(public_id) -> Family:
    return get_object_or_404(Family.objects.select_related("recording_organisation"), public_id=public_id)


def _overview(family):
    return redirect("families:overview", family.public_id)


def _overview_url(family) -> str:
    return reverse("families:overview", args=[family.public_id])


def _require(decision):
    if not decision.allowed:
        raise PermissionDenied
    return decision


def _require_write(request, family, part, detail="asked to change it", *, person=None):
    """May the person change this part (`access.decide_change`)? A refusal is logged; the service logs the change itself."""
    decision = access.decide_change(request.user, family, part, person=person)
    if not decision.allowed:
        access.log_decision(request.user, family, access.Action.UPDATE, decision, detail)
        raise PermissionDenied
    return decision


def _refuse(request, family, part, detail):
    """Log a refusal (basis "refused") and refuse the page: a look when asked with GET, a change otherwise."""
    action = access.Action.VIEW if request.method in ("GET", "HEAD") else access.Action.UPDATE
    access.log(request.user, family, action, part, access.Basis.REFUSED, detail)
    raise PermissionDenied


def _require_part(request, family, part, detail):
    """Read a part (logged by access, refusal included), or refuse the page."""
    return _require(access.read(request.user, family, part, detail=detail))


# Your families, search before create, a new family --------------------------------------


@family_page("GET", "HEAD")
def your_families(request):
    """The families the person has a team place in, with their names (the team list every team member may see).

    One query for the list (team place and lead annotated), one for the agreements that explain
    what the person may see, and one insert for the log lines, however long the caseload.
    """
    user = request.user
    families = list(access.families_with_places(user).order_by("reference"))
    consented = access.consented_parts_for_places(families)
    access.log_listed(user, families, "your families list")
    rows = [
        {
            "family": family,
            "name_visible": True,
            "lead": {"name": family.lead_name, "organisation": family.lead_organisation_name} if family.lead_name is not None else None,
            "basis": _basis_words(
                family.team_organisation_id == family.recording_organisation_id, family.team_organisation_name, consented.get(family.pk, frozenset())
            ),
        }
        for family in families
    ]
    return render(request, "families/your_families.html", {"rows": rows, "own_families": access.own_families(user)})


def _basis_words(in_recording_organisation, organisation_name, consented_parts) -> str:
    if in_recording_organisation:
        return f"{organisation_name} holds the record"
    if consented_parts:
        parts = ", ".join(PART_LABELS[p].lower() for p in Part.values if p in consented_parts)
        return f"The family's agreement: {parts}"
    return "Team place only: the family has not agreed to share any part with your organisation yet"


@family_page("GET", "POST")
def search(request):
    """Search first, so no family is recorded (or asked for their story) twice.

    The search is a POST so that no name ever sits in a URL or a server log.
    """
    if not permissions.can_search(request.user):
        raise PermissionDenied
    form = forms.SearchForm(request.POST if request.method == "POST" else None)
    matches = None
    if request.method == "POST" and form.is_valid():
        try:
            found = services.search_families(by=request.user, **form.terms_for_search())
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            request.session[SEARCH_SESSION_KEY] = form.terms()
            requested = queries.families_asked_to_join(request.user, [m.public_id for m in found])
            matches = [{"match": match, "requested": match.public_id in requested} for match in found]
    return render_form_page(request, "families/search.html", {"matches": matches, "searched": matches is not None, "can_add": True}, form)


@family_page("GET", "POST")
def ask_to_join(request, family_id):
    family = _family(family_id)
    organisations = list(permissions.casework_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    if access.team_place(request.user, family) is not None:
        return _overview(family)
    form = forms.JoinRequestForm(request.POST if request.method == "POST" else None, organisations=organisations)

    def said(join_request) -> str:
        if join_request.status == JoinRequest.Status.ACCEPTED:
            return f"The family already agrees that {join_request.organisation.name} may see their record, so you have joined the team."
        return f"You have asked to join the team around family {family.reference}. The lead practitioner will decide."

    def then(join_request) -> str:
        return _overview_url(family) if join_request.status == JoinRequest.Status.ACCEPTED else reverse("families:your-families")

    return form_page(
        request,
        form,
        template="families/ask_to_join.html",
        context={"family": family},
        action=lambda data: services.request_to_join(family, by=request.user, organisation=form.chosen_organisation(), reason=data["reason"]),
        success_message=said,
        success_url=then,
    )


@family_page("GET", "POST")
def new_family(request):
    """Add a family, only after a search: the search terms are carried in the session, never the URL."""
    organisations = list(permissions.casework_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    terms = request.session.get(SEARCH_SESSION_KEY)
    if not terms:
        messages.info(request, "Search for the family first, so they are not recorded twice.")
        return redirect("families:search")
    form = forms.NewFamilyForms(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial={"family_name": terms.get("family_name", "")},
        first_person=forms.first_person_from(terms),
    )

    def record(data):
        family = services.create_family(
            form.details.chosen_organisation(),
            by=request.user,
            family_name=data["family_name"],
            lawful_basis=data["lawful_basis"],
            lawful_basis_note=data["lawful_basis_note"],
            contact_details=data["contact_details"],
            people=data["people"],
        )
        request.session.pop(SEARCH_SESSION_KEY, None)
        return family

    return form_page(
        request,
        form,
        template="families/new.html",
        action=record,
        success_message=lambda family: f"Family {family.reference} is recorded, and you are their lead practitioner.",
        success_url=_overview_url,
    )


# The family's overview ------------------------------------------------------------------

OVERVIEW_PARTS = (*access.CONTENT_PARTS, access.HOUSEHOLD, access.TEAM)


@family_page("GET", "HEAD")
def overview(request, family_id):
    """Everything the person may see of the family, each part logged; a calm word for each part hidden."""
    family = _family(family_id)
    user = request.user
    decisions = access.read_parts(user, family, OVERVIEW_PARTS, detail="family overview")
    if not any(decision.allowed for decision in decisions.values()):
        return render(request, "families/not_in_team.html", {"family": family, **_emergency_context(user)}, status=403)
    place = access.team_place(user, family)
    profiles = decisions[Part.PROFILES]
    people = list(family.people.all()) if decisions[access.HOUSEHOLD].allowed else []
    is_family_member = place is None and access.is_family_member(user, family)
    hidden = [
        {"part": part, "label": PART_LABELS[part], "text": _hidden_text(part, place, is_family_member)}
        for part in access.CONTENT_PARTS
        if not decisions[part].allowed
    ]
    team_visible = decisions[access.TEAM].allowed
    # The team (with the lead among it) is read once, and only where the person may see it.
    team = list(family.team.filter(left_on__isnull=True).select_related("user", "organisation")) if team_visible else []
    if team_visible:
        lead = next((member for member in team if member.is_lead), None)
    elif hidden and not is_family_member:
        lead = family.team.filter(left_on__isnull=True, is_lead=True).select_related("user", "organisation").first()
    else:
        lead = None  # shown only in the words for a hidden part, to someone outside the family
    all_decisions = access.decide_all(user, family, (access.CONSENTS, access.ACCESS_LOG))
    context = {
        "family": family,
        "decisions": decisions,
        "household_visible": decisions[access.HOUSEHOLD].allowed,
        "can_change_household": access.decide_change(user, family, access.HOUSEHOLD).allowed,
        "people": [{"person": person, "profile_visible": profiles.covers_person(person)} for person in people],
        "story_visible": decisions[Part.STORY].allowed,
        "story_entries": list(family.story_entries.all()) if decisions[Part.STORY].allowed else [],
        "chronology_visible": decisions[Part.CHRONOLOGY].allowed,
        "chronology": list(family.chronology.select_related("organisation")) if decisions[Part.CHRONOLOGY].allowed else [],
        "profiles_visible": profiles.allowed,
        "contact_visible": decisions[Part.CONTACT].allowed,
        "hidden": hidden,
        "team_visible": team_visible,
        "team": team,
        "join_requests": _join_requests_to_decide(user, family),
        "emergency": next((d.emergency for d in decisions.values() if d.emergency), None),
        "place": place,
        "is_family_member": is_family_member,
        "can_manage_team": permissions.can_manage_team(user, family),
        "can_see_consents": all_decisions[access.CONSENTS].allowed,
        "can_see_access_log": all_decisions[access.ACCESS_LOG].allowed,
        "lead": lead,
        # Whether the person may start emergency access is asked only where a hidden part offers it.
        **(_emergency_context(user) if hidden and not is_family_member else {}),
    }
    return render(request, "families/overview.html", context)


HIDDEN_PART_WORDS = {
    Part.STORY: "their story",
    Part.PROFILES: "their one-page profiles",
    Part.CHRONOLOGY: "their chronology",
    Part.CONTACT: "their contact details",
}


def _hidden_text(part, place, is_family_member=False) -> str:
    if is_family_member:
        return (
            f"The team keeps {HIDDEN_PART_WORDS[part].replace('their', 'your family' + chr(39) + 's')} here. Your lead practitioner can go through it with you."
        )
    if place is not None:
        return f"The family has not agreed to share {HIDDEN_PART_WORDS[part]} with {place.team_organisation_name}."
    return f"{HIDDEN_PART_WORDS[part][0].upper()}{HIDDEN_PART_WORDS[part][1:]} can only be seen by the team around the family."


def _join_requests_to_decide(user, family):
    if not permissions.can_decide_join_requests(user, family):
        return []
    return list(family.join_requests.filter(status=JoinRequest.Status.WAITING).select_related("user", "organisation"))


def emergency_hours() -> int:
    return services.emergency_access_hours()


def _emergency_context(user):
    return {"emergency_hours": emergency_hours(), "can_start_emergency": permissions.can_start_emergency_access(user)}


# The story -------------------------------------------------------------------------------

STORY_FIELDS = ("story", "who_was_there", "told_on", "how_agreed")


@family_page("GET", "POST")
def add_story(request, family_id):
    family = _family(family_id)
    _require_write(request, family, Part.STORY)
    form = forms.StoryEntryForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/story_form.html",
        context={"family": family},
        action=lambda data: services.add_story_entry(family, by=request.user, **form.entry()),
        success_message="The story is saved.",
        success_url=_overview_url(family),
    )


@family_page("GET", "POST")
def edit_story(request, family_id, entry_id):
    """Change a story entry; if someone else saved it meanwhile, show both versions and lose nothing."""
    family = _family(family_id)
    entry = get_object_or_404(StoryEntry, family=family, public_id=entry_id)
    if request.method == "GET":
        _require_part(request, family, Part.STORY, "story entry, to change it")
        form = forms.StoryEditForm(initial={**{name: getattr(entry, name) for name in STORY_FIELDS}, "version": entry.version})
        return render_form_page(request, "families/story_form.html", {"family": family, "entry": entry}, form)
    _require_write(request, family, Part.STORY)
    form = forms.StoryEditForm(request.POST)

    def saved_now(conflict):
        """What is saved now, shown beside what the person typed (and the look logged)."""
        entry.refresh_from_db()
        access.read(request.user, family, Part.STORY, detail="story entry saved by someone else, shown beside your changes")
        return {"saved": entry}

    return form_page(
        request,
        form,
        template="families/story_form.html",
        context={"family": family, "entry": entry},
        action=lambda data: services.update_story_entry(entry, by=request.user, version=data["version"], **form.entry()),
        success_message="The story is saved.",
        success_url=_overview_url(family),
        conflict_context=saved_now,
    )


# People and their one-page profiles -------------------------------------------------------

PERSON_FIELDS = ("first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "role_in_family")


def _person(family, person_id) -> Person:
    return get_object_or_404(Person, family=family, public_id=person_id)


def _profile_of(person):
    return OnePageProfile.objects.filter(person=person).first()


@family_page("GET", "POST")
def add_person(request, family_id):
    family = _family(family_id)
    _require_write(request, family, access.HOUSEHOLD, "asked to add someone to the household")
    form = forms.PersonForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/person_form.html",
        context={"family": family},
        action=lambda data: services.add_person(family, by=request.user, **form.person()),
        success_message="The person is added to the household.",
        success_url=_overview_url(family),
    )


@family_page("GET", "POST")
def edit_person(request, family_id, person_id):
    family = _family(family_id)
    person = _person(family, person_id)
    _require_write(request, family, access.HOUSEHOLD, "asked to change a person's details")
    if request.method == "GET":
        _require_part(request, family, access.HOUSEHOLD, "a person's details, to change them")
    form = forms.PersonForm(request.POST if request.method == "POST" else None, initial={name: getattr(person, name) for name in PERSON_FIELDS})
    return form_page(
        request,
        form,
        template="families/person_form.html",
        context={"family": family, "person": person},
        action=lambda data: services.update_person(person, by=request.user, **form.person()),
        success_message="Their details are saved.",
        success_url=_overview_url(family),
    )


def _require_profile(request, family, person, detail=None):
    """A person's profile: seen (and logged) only where the rule covers that person."""
    decision = access.read(request.user, family, Part.PROFILES, detail=detail) if detail else access.decide(request.user, family, Part.PROFILES)
    if not decision.covers_person(person):
        raise PermissionDenied
    return decision


@family_page("GET", "HEAD")
def profile(request, family_id, person_id):
    family = _family(family_id)
    # The person and their profile in one query.
    person = get_object_or_404(Person.objects.select_related("profile"), family=family, public_id=person_id)
    _require_profile(request, family, person, detail="one-page profile")
    context = {
        "family": family,
        "person": person,
        "profile": getattr(person, "profile", None),
        "can_change_profile": access.decide_change(request.user, family, Part.PROFILES, person=person).allowed,
        "can_change_household": access.decide_change(request.user, family, access.HOUSEHOLD).allowed,
    }
    return render(request, "families/profile.html", context)


@family_page("GET", "POST")
def edit_profile(request, family_id, person_id):
    """Write the one-page profile with the person; a clash with someone else's save loses nothing."""
    family = _family(family_id)
    person = _person(family, person_id)
    current = _profile_of(person)
    if request.method == "GET":
        _require_profile(request, family, person, detail="one-page profile, to change it")
        initial = {name: getattr(current, name) for name in forms.ProfileForm.FIELDS} if current else {}
        form = forms.ProfileForm(initial={**initial, "version": current.version if current else 0})
        return render_form_page(request, "families/profile_form.html", {"family": family, "person": person}, form)
    _require_write(request, family, Part.PROFILES, "asked to change a one-page profile", person=person)
    form = forms.ProfileForm(request.POST)

    def saved_now(conflict):
        """What is saved now, shown beside what the person typed (and the look logged)."""
        access.read(request.user, family, Part.PROFILES, detail="one-page profile saved by someone else, shown beside your changes")
        return {"saved": _profile_of(person)}

    return form_page(
        request,
        form,
        template="families/profile_form.html",
        context={"family": family, "person": person},
        action=lambda data: services.save_profile(person, by=request.user, version=data["version"], **form.profile()),
        success_message="The one-page profile is saved.",
        success_url=reverse("families:profile", args=[family.public_id, person.public_id]),
        conflict_context=saved_now,
    )


# Chronology -------------------------------------------------------------------------------


@family_page("GET", "POST")
def add_chronology(request, family_id):
    family = _family(family_id)
    _require_write(request, family, Part.CHRONOLOGY)
    place = access.team_place(request.user, family)
    form = forms.ChronologyEntryForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/chronology_form.html",
        context={"family": family, "place": place},
        action=lambda data: services.add_chronology_entry(family, by=request.user, **form.entry()),
        success_message="The event is added to the chronology.",
        success_url=_overview_url(family),
    )


# The team around the family ---------------------------------------------------------------


@family_page("POST")
def decide_join_request(request, family_id, request_id):
    family = _family(family_id)
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), family=family, public_id=request_id)
    if not permissions.can_decide_join_requests(request.user, family):
        raise PermissionDenied
    form = forms.JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to accept or decline the request.")
        return _overview(family)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_join_request(join_request, by=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = join_request.user.full_name
        messages.success(request, f"{name} has joined the team." if accept else f"You declined {name}'s request to join.")
    return _overview(family)


@family_page("GET", "POST")
def leave_team(request, family_id):
    family = _family(family_id)
    place = family.team.filter(user=request.user, left_on__isnull=True).first()
    if place is None:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.leave_team(place, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _overview(family)
        messages.success(request, f"You have left the team around family {family.reference}.")
        return redirect("families:your-families")
    return render(request, "families/leave_team.html", {"family": family, "is_lead": permissions.is_lead_practitioner(request.user, family)})


@family_page("GET", "POST")
def make_lead(request, family_id):
    family = _family(family_id)
    if not permissions.can_manage_team(request.user, family):
        _refuse(
            request,
            family,
            access.TEAM,
            "asked to choose the lead practitioner: only the lead practitioner (or the recording organisation's team, when there is no lead) may",
        )
    if request.method == "GET":
        _require_part(request, family, access.TEAM, "the team around the family, to choose the lead practitioner")
    team = family.team.filter(left_on__isnull=True).select_related("user", "organisation")
    form = forms.MakeLeadForm(request.POST if request.method == "POST" else None, team=team)
    return form_page(
        request,
        form,
        template="families/make_lead.html",
        context={"family": family},
        action=lambda data: services.make_lead(form.chosen_member(), by=request.user),
        success_message=lambda member: f"{member.user.full_name} is now the lead practitioner.",
        success_url=_overview_url(family),
    )


# Consent ----------------------------------------------------------------------------------


@family_page("GET", "HEAD")
def consents(request, family_id):
    family = _family(family_id)
    _require_part(request, family, access.CONSENTS, "the family's agreements")
    today = timezone.localdate()
    agreements = family.consents.select_related("organisation", "given_by")
    return render(
        request,
        "families/consents.html",
        {
            "family": family,
            "agreements": [{"agreement": a, "state": a.state_on(today), "parts": [PART_LABELS.get(p, p) for p in a.parts or []]} for a in agreements],
            "can_manage": permissions.can_manage_consent(request.user, family),
        },
    )


@family_page("GET", "POST")
def record_consent(request, family_id):
    family = _family(family_id)
    if not permissions.can_manage_consent(request.user, family):
        _refuse(request, family, access.CONSENTS, "asked to record an agreement: only the recording organisation's team or the family member may")
    if request.method == "GET":
        _require_part(request, family, access.HOUSEHOLD, "the household's names, to record an agreement")
    organisations = Organisation.objects.filter(is_active=True).exclude(pk=family.recording_organisation_id).order_by("name")
    family_member = permissions.acts_as_family_member(request.user, family)
    form = forms.ConsentForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        people=family.people.all() if not family_member else [],
        family_member=family_member,
        initial={"valid_from": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        template="families/consent_form.html",
        context={"family": family},
        action=lambda data: services.record_consent(family, by=request.user, **form.agreement()),
        success_message="The family's agreement is recorded.",
        success_url=reverse("families:consents", args=[family.public_id]),
    )


@family_page("GET", "POST")
def withdraw_consent(request, family_id, consent_id):
    family = _family(family_id)
    agreement = get_object_or_404(ConsentAgreement.objects.select_related("organisation"), family=family, public_id=consent_id)
    if not permissions.can_manage_consent(request.user, family):
        _refuse(request, family, access.CONSENTS, "asked to withdraw an agreement: only the recording organisation's team or the family member may")
    if agreement.withdrawn_at is not None:
        messages.info(request, "This agreement has already been withdrawn.")
        return redirect("families:consents", family.public_id)
    if request.method == "GET":
        _require_part(request, family, access.CONSENTS, "one of the family's agreements, to withdraw it")
    form = forms.WithdrawConsentForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/withdraw_consent.html",
        context={"family": family, "agreement": agreement, "parts": [PART_LABELS.get(p, p) for p in agreement.parts or []]},
        action=lambda data: services.withdraw_consent(agreement, by=request.user, note=data["withdrawal_note"]),
        success_message=f"The agreement is withdrawn. {agreement.organisation.name} can no longer see those parts of the record.",
        success_url=reverse("families:consents", args=[family.public_id]),
    )


# Emergency access and its review ------------------------------------------------------------


@family_page("GET", "POST")
def emergency(request, family_id):
    family = _family(family_id)
    if not permissions.can_start_emergency_access(request.user):
        raise PermissionDenied
    form = forms.EmergencyAccessForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/emergency.html",
        context={"family": family, **_emergency_context(request.user)},
        action=lambda data: services.start_emergency_access(family, by=request.user, reason=data["reason"]),
        success_message=f"You can see this record for the next {emergency_hours()} hours. This is recorded and will be reviewed.",
        success_url=_overview_url(family),
    )


@family_page("GET", "HEAD")
def reviews(request):
    if not permissions.can_review_emergency_access(request.user):
        raise PermissionDenied
    waiting = list(queries.emergency_reviews_waiting())
    reviewed = list(queries.emergency_reviews_done())
    access.log_emergency_reviews(request.user, waiting, "emergency access to review: the family's reference and the practitioner's reason")
    access.log_emergency_reviews(request.user, reviewed, "emergency access reviewed: the family's reference and the review")
    return render(request, "families/reviews.html", {"waiting": waiting, "reviewed": reviewed})


@family_page("GET", "POST")
def review(request, access_id):
    emergency_access = get_object_or_404(EmergencyAccess.objects.select_related("user", "family"), public_id=access_id)
    if not permissions.can_review_emergency_access(request.user):
        _refuse(request, emergency_access.family, "", "asked to review an emergency access: only the data protection lead may")
    form = forms.ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_emergency_access(emergency_access, by=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["review_note"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, f"Your review of the emergency access to family {emergency_access.family.reference} is saved.")
            return redirect("families:reviews")
    access.log_emergency_reviews(request.user, [emergency_access], "one emergency access, to review it: the family's reference and the practitioner's reason")
    return render_form_page(request, "families/review_form.html", {"emergency_access": emergency_access}, form)


# Retention ----------------------------------------------------------------------------------


@family_page("GET", "POST")
def retention(request):
    if not permissions.can_set_retention_rule(request.user):
        raise PermissionDenied
    rule = queries.retention_rule()
    initial = {"years_after_closure": rule.years_after_closure, "outcome": rule.outcome}
    form = forms.RetentionForm(request.POST if request.method == "POST" else None, initial=initial)
    return form_page(
        request,
        form,
        template="families/retention.html",
        context={"rule": rule, "runs": queries.retention_runs()},
        action=lambda data: services.set_retention_rule(by=request.user, years=data["years_after_closure"], outcome=data["outcome"]),
        success_message="The retention rule is saved. The next scheduled run will use it.",
        success_url=reverse("families:retention"),
    )


# The family's view of access, and exports ---------------------------------------------------


@family_page("GET", "HEAD")
def access_account(request, family_id):
    """The printable account of everyone who looked at or changed the record, and why."""
    family = _family(family_id)
    rows = exports.subject_access_account(family, user=request.user)
    return render(request, "families/access_account.html", {"family": family, "rows": rows})


@family_page("GET", "HEAD")
def access_account_pdf(request, family_id):
    family = _family(family_id)
    return _download(exports.subject_access_pdf(family, user=request.user), "application/pdf", f"access-account-{family.reference}.pdf")


@family_page("GET", "HEAD")
def export_json(request, family_id):
    family = _family(family_id)
    content = json.dumps(exports.export_json(request.user, family), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(content, "application/json; charset=utf-8", f"family-record-{family.reference}.json")


@family_page("GET", "HEAD")
def export_pdf(request, family_id):
    family = _family(family_id)
    return _download(exports.export_pdf(request.user, family), "application/pdf", f"family-record-{family.reference}.pdf")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
