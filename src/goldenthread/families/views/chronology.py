"""The chronology: adding an event."""

from goldenthread.core.pages import form_page

from .. import access, forms, services
from ..models import (
    Part,
)
from ._common import _family, _overview_url, _require_write, family_page


@family_page("GET", "POST")
def add_chronology(request, family_id):
    family = _family(family_id)
    _require_write(request, family, Part.CHRONOLOGY)
    place = access.team_place(request.user, family)
    form = forms.ChronologyEntryForm(request.POST if request.method == "POST" else None, people=family.people.all())
    return form_page(
        request,
        form,
        template="families/chronology_form.html",
        context={"family": family, "place": place},
        action=lambda data: services.add_chronology_entry(family, by=request.user, **form.entry()),
        success_message="The event is added to the chronology.",
        success_url=_overview_url(family),
    )
