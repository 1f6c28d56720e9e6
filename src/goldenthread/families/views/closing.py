"""Closing the family's record when the team's work ends, and opening it again.

Closing starts the partnership's retention count from the closing date (see
`queries.families_due`); opening the record again stops it. An anonymised record stays closed.
"""

from django.contrib import messages
from django.utils.formats import date_format

from goldenthread.core.pages import form_page

from .. import access, forms, permissions, queries, services
from ..models import Family
from ._common import _family, _overview, _overview_url, _refuse, family_page


@family_page("GET", "POST")
def close_record(request, family_id):
    family = _family(family_id)
    if not permissions.can_close_family(request.user, family):
        _refuse(request, family, access.HOUSEHOLD, "asked to close the record", reason=services.ONLY_THE_RECORDING_TEAM_CLOSES)
    if family.status == Family.Status.CLOSED:
        messages.info(request, "This record is already closed.")
        return _overview(family)
    form = forms.CloseFamilyForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/close_record.html",
        context={"family": family, "rule": queries.retention_rule()},
        action=lambda data: services.close_family(family, by=request.user, closed_on=data["closed_on"]),
        success_message=lambda closed: f"The record is closed. The closing date is {date_format(closed.closed_on, 'j F Y')}.",
        success_url=_overview_url(family),
    )


@family_page("GET", "POST")
def reopen_record(request, family_id):
    family = _family(family_id)
    if not permissions.can_close_family(request.user, family):
        _refuse(request, family, access.HOUSEHOLD, "asked to open the record again", reason=services.ONLY_THE_RECORDING_TEAM_REOPENS)
    if family.status == Family.Status.OPEN:
        messages.info(request, "This record is open.")
        return _overview(family)
    form = forms.ReopenFamilyForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="families/reopen_record.html",
        context={"family": family},
        action=lambda data: services.reopen_family(family, by=request.user),
        success_message="The record is open again.",
        success_url=_overview_url(family),
    )
