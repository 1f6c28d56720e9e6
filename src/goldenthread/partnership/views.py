"""Pages for the partnership's organisations and their people. Thin: ask, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page
from goldenthread.core.safeguards import verified_session_required

from . import permissions, services
from .forms import ChangeOrganisationForm, MemberForm, OrganisationFilterForm, OrganisationForm, RoleForm
from .models import Membership, Organisation, Role
from .queries import organisations_matching, pledge_state

ORGANISATIONS_PER_PAGE = 50


def _a(role_label: str) -> str:
    """'a champion', 'an organisation lead': the role as it reads in a sentence."""
    label = role_label.lower()
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def _organisation(slug):
    return get_object_or_404(Organisation, slug=slug)


def _page_of(organisation) -> str:
    return reverse("partnership:organisation", kwargs={"slug": organisation.slug})


def _membership(organisation, person):
    return get_object_or_404(Membership.objects.select_related("user", "organisation"), organisation=organisation, user__public_id=person)


@login_required
def organisation_list(request):
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    filters = OrganisationFilterForm(request.GET)
    sector, text = filters.filters()
    page = Paginator(organisations_matching(sector=sector, text=text), ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(organisation, pledge_state(organisation)) for organisation in page]
    return render(
        request,
        "partnership/organisation_list.html",
        {"filters": filters, "page": page, "rows": rows, "is_filtered": bool(sector or text)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request):
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    return form_page(
        request,
        form,
        template="partnership/organisation_form.html",
        context={"organisation": None},
        action=lambda data: services.create_organisation(by=request.user, **data),
        success_message=lambda organisation: f"{organisation.name} is now a member organisation.",
        success_url=_page_of,
    )


@login_required
def organisation_detail(request, slug):
    organisation = _organisation(slug)
    if not permissions.can_see_members(request.user, organisation):
        raise PermissionDenied
    memberships = organisation.memberships.select_related("user").order_by("user__full_name")
    return render(
        request,
        "partnership/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "pledge_state": pledge_state(organisation),
            "can_manage_organisations": permissions.can_manage_organisations(request.user),
            "can_manage_members": permissions.can_manage_members(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_change(request, slug):
    organisation = _organisation(slug)
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    current = {
        "name": organisation.name,
        "sector": organisation.sector,
        "area": organisation.area,
        "size": organisation.size,
        "description": organisation.description,
        "is_active": organisation.is_active,
    }
    form = ChangeOrganisationForm(request.POST or None, initial=current)
    return form_page(
        request,
        form,
        template="partnership/organisation_form.html",
        context={"organisation": organisation},
        action=lambda data: services.update_organisation(organisation, by=request.user, **data),
        success_message=lambda changed: f"The details of {changed.name} are saved.",
        success_url=_page_of,
    )


@verified_session_required
@require_http_methods(["GET", "POST"])
def member_add(request, slug):
    organisation = _organisation(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = MemberForm(request.POST or None)
    return form_page(
        request,
        form,
        template="partnership/member_form.html",
        context={"organisation": organisation},
        action=lambda data: services.add_member(organisation, by=request.user, **data),
        success_message=lambda membership: f"{membership.user.full_name} is now {_a(membership.get_role_display())} in {organisation.name}.",
        success_url=_page_of(organisation),
    )


@verified_session_required
@require_http_methods(["GET", "POST"])
def member_role(request, slug, person):
    organisation = _organisation(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    membership = _membership(organisation, person)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    return form_page(
        request,
        form,
        template="partnership/member_role.html",
        context={"organisation": organisation, "membership": membership},
        action=lambda data: services.change_role(membership, by=request.user, role=data["role"]),
        success_message=lambda changed: f"{changed.user.full_name} is now {_a(Role(changed.role).label)}.",
        success_url=_page_of(organisation),
    )


@verified_session_required
@require_http_methods(["GET", "POST"])
def member_remove(request, slug, person):
    organisation = _organisation(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    membership = _membership(organisation, person)
    problem = ""
    if request.method == "POST":
        try:
            services.remove_member(membership, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"{membership.user.full_name} is no longer a member of {organisation.name}.")
            if membership.user_id == request.user.pk and not permissions.can_manage_organisations(request.user):
                return redirect("core:home")
            return redirect("partnership:organisation", slug=organisation.slug)
    return render(
        request,
        "partnership/member_remove.html",
        {"organisation": organisation, "membership": membership, "problem": problem},
        status=400 if problem else 200,
    )
