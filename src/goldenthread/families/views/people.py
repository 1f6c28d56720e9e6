"""The household and its one-page profiles: adding and changing a person, seeing and writing their profile."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from goldenthread.core.pages import form_page, render_form_page

from .. import access, forms, services
from ..models import (
    OnePageProfile,
    Part,
    Person,
)
from ._common import _family, _overview_url, _require_part, _require_write, family_page

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
