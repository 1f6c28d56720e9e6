"""Finding a family: your families, search before create, asking to join the team around a family, and recording a new family."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.pages import form_page, render_form_page

from .. import access, forms, permissions, queries, services
from ..models import (
    JoinRequest,
    Part,
)
from ._common import PART_LABELS, SEARCH_SESSION_KEY, _family, _overview, _overview_url, family_page


@family_page("GET", "HEAD")
def your_families(request):
    """The families the person has a team place in, with their names (the team list every team member may see).

    One query for the list (team place and lead annotated), one for the agreements that explain
    what the person may see, and one insert for the log lines, however long the caseload.
    """
    user = request.user
    families = list(access.families_with_places(user).order_by("reference"))
    agreements = access.agreements_for_places(families)
    access.log_listed(user, families, "your families list")
    rows = [
        {
            "family": family,
            "name_visible": True,
            "lead": {"name": family.lead_name, "organisation": family.lead_organisation_name} if family.lead_name is not None else None,
            "basis": _basis_words(
                family.team_organisation_id == family.recording_organisation_id, family.team_organisation_name, *agreements.get(family.pk, (frozenset(), {}))
            ),
        }
        for family in families
    ]
    return render(request, "families/your_families.html", {"rows": rows, "own_families": access.own_families(user)})


def _basis_words(in_recording_organisation, organisation_name, consented_parts, ended_parts=None) -> str:
    """Why the person sees what they see of a family, in a few words: from the access rule's reading of the agreements."""
    if in_recording_organisation:
        return f"{organisation_name} holds the record"
    if consented_parts:
        parts = ", ".join(PART_LABELS[p].lower() for p in Part.values if p in consented_parts)
        return f"The family's agreement: {parts}"
    newest = max((ended_parts or {}).values(), key=lambda standing: standing.on, default=access.NEVER_AGREED)
    if newest.state == access.Agreement.EXPIRED:
        return f"Team place only: the family's agreement with your organisation ran out on {newest.on_words}"
    if newest.state == access.Agreement.WITHDRAWN:
        return f"Team place only: the family withdrew their agreement with your organisation on {newest.on_words}"
    if newest.state == access.Agreement.NOT_YET:
        return f"Team place only until {newest.on_words}, when the family's agreement with your organisation starts"
    return "Team place only: the family has not agreed to share any part with your organisation"


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
