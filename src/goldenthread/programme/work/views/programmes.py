"""Programmes: the list, starting and changing one (the partnership team), and each programme's page and board."""

from django.shortcuts import render
from django.utils import timezone

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ._common import FORM, READ, page, post_or_none, programme_or_404, programme_url, require


@page(*READ)
def programmes(request):
    return render(
        request,
        "programme/work/programmes.html",
        {"programmes": list(queries.programmes()), "can_start": permissions.can_run_programmes(request.user)},
    )


@page(*FORM, allowed=permissions.can_run_programmes, message=permissions.RUN_BY_THE_TEAM)
def programme_add(request):
    form = forms.ProgrammeForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/programme_form.html",
        action=lambda data: services.start_programme(by=request.user, **form.programme_values()),
        success_message="The programme is started. Now add its workstreams.",
        success_url=programme_url,
    )


@page(*READ)
def programme_detail(request, public_id):
    programme = programme_or_404(public_id)
    workstreams = list(queries.workstreams_of(programme))
    return render(
        request,
        "programme/work/programme.html",
        {
            "programme": programme,
            "rows": queries.progress_of(workstreams),
            "can_change": permissions.can_change_programme(request.user, programme),
            "can_start_workstream": permissions.can_start_workstream(request.user, programme) and programme.is_open,
        },
    )


@page(*FORM, allowed=permissions.can_run_programmes, message=permissions.RUN_BY_THE_TEAM)
def programme_edit(request, public_id):
    programme = programme_or_404(public_id)
    require(permissions.can_change_programme(request.user, programme), permissions.RUN_BY_THE_TEAM)
    initial = {name: getattr(programme, name) for name in ("name", "purpose", "starts_on", "ends_on", "is_open")}
    form = forms.ProgrammeForm(post_or_none(request), initial=initial, changing=True)
    return form_page(
        request,
        form,
        template="programme/work/programme_form.html",
        context={"programme": programme},
        action=lambda data: services.change_programme(programme, by=request.user, **form.programme_values()),
        success_message="The programme is saved.",
        success_url=programme_url(programme),
    )


@page(*READ)
def board(request, public_id):
    programme = programme_or_404(public_id)
    require(permissions.can_see_board(request.user, programme))
    return render(request, "programme/work/board.html", {"programme": programme, "board": queries.board(programme), "today": timezone.localdate()})
