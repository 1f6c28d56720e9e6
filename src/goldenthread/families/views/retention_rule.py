"""The partnership admin's retention rule: how long a closed family's record is kept."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ._common import family_page


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
