"""The family's own details: how they would like to be known, the lawful basis and how to contact them.

The recording team changes all of them; someone else who may change the contact details
(another agency the family agreed may see them, or someone with emergency access) is shown
the contact details alone. Two people saving at once lose nothing: the page shows both.
"""

from goldenthread.core.pages import form_page, render_form_page

from .. import access, forms, permissions, services
from ..models import Part
from ._common import _family, _overview_url, _refuse, family_page


@family_page("GET", "POST")
def edit_details(request, family_id):
    family = _family(family_id)
    user = request.user
    if permissions.can_edit_family_details(user, family):
        form_class, change, parts = forms.FamilyDetailsForm, services.update_family_details, (access.HOUSEHOLD, Part.CONTACT)
    elif permissions.can_change_contact_details(user, family):
        form_class, change, parts = forms.ContactDetailsForm, services.update_contact_details, (Part.CONTACT,)
    else:
        _refuse(request, family, access.HOUSEHOLD, "asked to change the family's details", reason=services.ONLY_THE_RECORDING_TEAM_CHANGES_DETAILS)
    contact_only = form_class is forms.ContactDetailsForm
    context = {"family": family, "contact_only": contact_only}
    if request.method == "GET":
        access.read_parts(user, family, parts, detail="the family's details, to change them")
        form = form_class(initial={**{name: getattr(family, name) for name in form_class.FIELDS}, "version": family.version})
        return render_form_page(request, "families/details_form.html", context, form)
    form = form_class(request.POST)

    def saved_now(conflict):
        """What is saved now, shown beside what the person typed (and the look logged)."""
        access.read_parts(user, family, parts, detail="the family's details saved by someone else, shown beside your changes")
        return {"saved": conflict.obj}

    return form_page(
        request,
        form,
        template="families/details_form.html",
        context=context,
        action=lambda data: change(family, by=user, version=data["version"], **form.details()),
        success_message="The contact details are saved." if contact_only else "The family's details are saved.",
        success_url=_overview_url(family),
        conflict_context=saved_now,
    )
