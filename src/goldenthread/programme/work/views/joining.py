"""How you can get involved: asking to join a workstream, and its lead's answer."""

from django.http import Http404
from django.shortcuts import render

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ..models import JoinRequest
from ._common import FORM, page, post_or_none, require, workstream_or_404, workstream_url


@page(*FORM)
def join(request, public_id):
    workstream = workstream_or_404(public_id)
    user = request.user
    if not permissions.can_ask_to_join(user, workstream):
        return render(
            request,
            "programme/work/join.html",
            {
                "workstream": workstream,
                "form": None,
                "on_it": permissions.takes_part(user, workstream),
                "asked": workstream.join_requests.filter(person=user, status=JoinRequest.Status.WAITING).exists(),
            },
        )
    form = forms.JoinForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/join.html",
        context={"workstream": workstream},
        action=lambda data: services.ask_to_join(workstream, by=user, message=data.get("message", "")),
        success_message=f"Thank you. {workstream.lead.full_name if workstream.lead else 'The lead'} will answer, and you will hear by e-mail and on your home page.",
        success_url=workstream_url(workstream),
    )


@page(*FORM)
def join_request(request, public_id):
    found = queries.join_request_by_id(public_id)
    if found is None:
        raise Http404
    workstream = found.workstream
    require(permissions.can_decide_join_requests(request.user, workstream), permissions.LEAD_DECIDES)
    if found.status != JoinRequest.Status.WAITING:
        return render(request, "programme/work/join_request.html", {"join_request": found, "workstream": workstream, "form": None})
    form = forms.DecideForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/join_request.html",
        context={"join_request": found, "workstream": workstream},
        action=lambda data: services.decide_join_request(found, by=request.user, accept=form.accepted(), reply=data.get("reply", "")),
        success_message=lambda decided: (
            f"{decided.person.full_name} is on the workstream, and has been told by e-mail."
            if decided.status == JoinRequest.Status.ACCEPTED
            else f"{decided.person.full_name} has been told, kindly, by e-mail."
        ),
        success_url=workstream_url(workstream),
    )
