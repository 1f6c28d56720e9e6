"""Emergency access to a record, and the data protection lead's review of every use of it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.core.pages import form_page, render_form_page

from .. import access, forms, permissions, queries, services
from ..models import (
    EmergencyAccess,
)
from ._common import _emergency_context, _family, _overview_url, _refuse, emergency_hours, family_page


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
