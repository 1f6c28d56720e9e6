"""The shared roadmap's pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders.

The roadmap shows the milestones twice, with the same content: as a timeline by quarter (an
ordered list, read in order by a screen reader and fitting a phone's screen) and as a table.
A person in an organisation first sees their organisation's part, with a link to the whole.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.decorators import page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from . import forms, permissions, queries, rules, services

READ = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]
SHARED_WITH = "the shared roadmap"
WORDS_SHOWN = ("title", "description")


def _page(methods, allowed=permissions.can_see_roadmap, message=permissions.NOT_FOR_YOU):
    return page(methods, allowed, message)


def _milestone(public_id):
    milestone = queries.milestone_by_id(public_id)
    if milestone is None:
        raise Http404
    return milestone


def _kept(request, public_id):
    """The milestone, for someone who keeps it (else a refusal that says who does)."""
    milestone = _milestone(public_id)
    if not permissions.can_change(request.user, milestone):
        raise Refused(permissions.KEEPS_THE_ROADMAP)
    return milestone


def _still_open(request, milestone):
    """None while the milestone is planned or moved; else a redirect to it, saying why nothing can be done."""
    if milestone.is_open:
        return None
    messages.info(request, rules.NOT_OPEN[milestone.status] + ".")
    return redirect("programme:roadmap-milestone", public_id=milestone.public_id)


def _detail_url(milestone) -> str:
    return reverse("programme:roadmap-milestone", args=[milestone.public_id])


def _parts(user):
    """The organisations whose part of the roadmap a person may pick: their own, or every active one for the partnership team."""
    own = queries.own_organisations(user)
    if permissions.keeps_whole_system(user):
        others = [organisation for organisation in permissions.organisations_kept_by(user).order_by("name") if organisation not in own]
        return own + others
    return own


@_page(READ)
def roadmap(request):
    user = request.user
    own = queries.own_organisations(user)
    form = forms.RoadmapFilterForm(
        request.GET,
        programmes=list(queries.programmes()),
        parts=_parts(user),
        default_part=own[0].slug if own else forms.WHOLE_ROADMAP,
    )
    filters, ignored = form.chosen()
    shown = queries.shown(queries.roadmap(**filters))
    part = filters["organisation"]
    return render(
        request,
        "programme/roadmap/roadmap.html",
        {
            "form": form,
            "ignored": ignored,
            "part": part,
            "part_sector": queries.for_whom_sector(part) if part else "",
            "is_filtered": bool(filters["programme"] or filters["sector"] or filters["domain"]),
            "quarters": queries.by_quarter(shown),
            "rows": shown,
            "show_programmes": len(form.fields["programme"].choices) > 2,
            "can_add": permissions.can_add_milestones(user),
            "whole_roadmap": f"{reverse('programme:roadmap-home')}?part={forms.WHOLE_ROADMAP}",
        },
    )


@_page(READ)
def milestone(request, public_id):
    found = _milestone(public_id)
    can_change = permissions.can_change(request.user, found)
    return render(
        request,
        "programme/roadmap/milestone.html",
        {
            "milestone": found,
            "shown": queries.shown([found])[0],
            "history": queries.history(found),
            "actions": queries.actions_for(found),
            "can_change": can_change,
            "date_has_passed": can_change and found.date_has_passed,
        },
    )


def _audiences(user):
    return forms.audiences_for(permissions.organisations_kept_by(user).order_by("name"), whole_system=permissions.keeps_whole_system(user))


@_page(FORM, permissions.can_add_milestones, permissions.KEEPS_THE_ROADMAP)
def add(request):
    programmes = list(queries.open_programmes())
    chosen = queries.programme_by_id(request.GET.get("programme"))
    initial = {"programme": str(chosen.public_id)} if chosen and chosen in programmes else {}
    form = forms.MilestoneForm(
        post_or_none(request), audiences=_audiences(request.user), programmes=programmes, actions=queries.linkable_actions(programmes), initial=initial
    )
    return form_page(
        request,
        form,
        template="programme/roadmap/milestone_form.html",
        context={"adding": True, "has_programmes": bool(programmes)},
        action=lambda data: services.add_milestone(form.chosen_programme(), by=request.user, due_on=data["due_on"], **form.values()),
        success_message="The milestone is on the roadmap.",
        success_url=_detail_url,
        check_words=WORDS_SHOWN,
        shared_with=SHARED_WITH,
    )


@_page(FORM)
def change(request, public_id):
    found = _kept(request, public_id)
    if found.status == found.Status.DROPPED:
        return _still_open(request, found)
    initial = {
        "title": found.title,
        "description": found.description,
        "for_whom": forms.audience_key(found),
        "domains": list(found.domains or []),
        "principles": list(found.principles or []),
        "actions": [str(action.public_id) for action in queries.actions_for(found)],
    }
    audiences = _audiences(request.user)
    if initial["for_whom"] not in {key for key, *_ in audiences}:  # kept by someone who could not choose it now: keep it as it is
        audiences = [(initial["for_whom"], queries.for_whom(found), found.sector, found.organisation), *audiences]
    actions = queries.linkable_actions([found.programme], found)  # every action it is linked to is among them, so an empty choice unlinks nothing unseen
    form = forms.MilestoneForm(post_or_none(request), audiences=audiences, adding=False, actions=actions, initial=initial)
    return form_page(
        request,
        form,
        template="programme/roadmap/milestone_form.html",
        context={"milestone": found},
        action=lambda data: services.change_milestone(found, by=request.user, **form.values()),
        success_message="The milestone is saved.",
        success_url=_detail_url,
        check_words=WORDS_SHOWN,
        shared_with=SHARED_WITH,
    )


@_page(FORM)
def reached(request, public_id):
    found = _kept(request, public_id)
    if closed := _still_open(request, found):
        return closed
    form = forms.ReachedForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/roadmap/reached.html",
        context={"milestone": found},
        action=lambda data: services.mark_reached(found, by=request.user, reached_on=data["reached_on"], note=data.get("note", "")),
        success_message="The milestone is marked reached. Thank you to everyone who made it happen.",
        success_url=_detail_url,
    )


@_page(FORM)
def move(request, public_id):
    found = _kept(request, public_id)
    if closed := _still_open(request, found):
        return closed
    form = forms.MoveForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/roadmap/move.html",
        context={"milestone": found, "due_on": queries.long_date(found.due_on)},
        action=lambda data: services.move_milestone(found, by=request.user, due_on=data["due_on"], reason=data["reason"]),
        success_message=lambda saved: f"The milestone is moved to {queries.long_date(saved.due_on)}. Its history keeps the date it had.",
        success_url=_detail_url,
    )


@_page(FORM)
def drop(request, public_id):
    found = _kept(request, public_id)
    if closed := _still_open(request, found):
        return closed
    form = forms.DropForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/roadmap/drop.html",
        context={"milestone": found},
        action=lambda data: services.drop_milestone(found, by=request.user, reason=data["reason"]),
        success_message="The milestone is dropped. It stays on the roadmap with its history.",
        success_url=_detail_url,
    )
