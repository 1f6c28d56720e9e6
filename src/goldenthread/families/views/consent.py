"""The family's agreements: seeing them, recording one, and withdrawing one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.pages import form_page
from goldenthread.partnership.models import Organisation

from .. import access, forms, permissions, services
from ..models import (
    ConsentAgreement,
)
from ._common import PART_LABELS, _family, _refuse, _require_part, family_page


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
            "can_manage": permissions.can_record_consent(request.user, family),
        },
    )


@family_page("GET", "POST")
def record_consent(request, family_id):
    family = _family(family_id)
    if not permissions.can_record_consent(request.user, family):
        _refuse(request, family, access.CONSENTS, "asked to record an agreement: only the recording organisation's team may")
    if request.method == "GET":
        _require_part(request, family, access.HOUSEHOLD, "the household's names, to record an agreement")
    organisations = Organisation.objects.filter(is_active=True).exclude(pk=family.recording_organisation_id).order_by("name")
    form = forms.ConsentForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        people=family.people.all(),
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
    if not permissions.can_withdraw_consent(request.user, family):
        _refuse(request, family, access.CONSENTS, "asked to withdraw an agreement: only the recording organisation's team or the family may")
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
