"""The stories pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders.

The public pages (the stories shared with anyone, and one of them) need no sign-in, like the
pledge wall, and never name the person who shared a story. Every other page is for the
workforce, and looks each story up among those the person may see: anything else is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from . import forms, permissions, queries, services
from .models import Story

READ = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]
PAGE_SIZE = 20
NOT_FOR_YOU = "Stories of practice are for the people who work in the partnership's organisations. Stories shared with anyone are on the public stories page."
SHARED_WITH = "to a champion or lead for approval"


def _page(methods, allowed=permissions.can_read_stories, message=NOT_FOR_YOU):
    return page(methods, allowed, message)


def _story(public_id) -> Story:
    story = queries.story_by_id(public_id)
    if story is None:
        raise Http404
    return story


def _paged(request, stories):
    return Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))


def detail_url(story) -> str:
    return reverse("programme:stories-detail", args=[story.public_id])


# --- reading ------------------------------------------------------------------------------------


@_page(READ)
def story_list(request):
    """Approved stories for the workforce, by area of the continuum, with the map's bright spots in that area."""
    form = forms.StoryFilterForm(request.GET or None)
    domain = form.domain_value() if form.is_bound else ""
    return render(
        request,
        "programme/stories/list.html",
        {
            "filter_form": form,
            "domain": domain,
            "domain_title": queries.domain_title(domain),
            "page": _paged(request, queries.approved_for_workforce(domain=domain)),
            "bright_spots": queries.bright_spots_in(domain, with_detail=permissions.can_see_bright_spot_detail(request.user)),
            "bright_spot_detail": permissions.can_see_bright_spot_detail(request.user),
            "can_share": permissions.can_share_story(request.user),
            "can_approve": permissions.can_approve_stories(request.user),
        },
    )


@login_required
@require_http_methods(READ)
def story_detail(request, public_id):
    story = _story(public_id)
    if not permissions.can_see_story(request.user, story):
        if not permissions.can_read_stories(request.user):
            raise Refused(NOT_FOR_YOU)
        raise Http404
    return render(
        request,
        "programme/stories/detail.html",
        {
            "story": story,
            "domains": queries.domain_words(story),
            "principles": queries.principle_words(story),
            "is_author": permissions.is_author(request.user, story),
            "can_change": permissions.can_change(request.user, story),
            "can_withdraw": permissions.can_withdraw(request.user, story),
            "can_decide": permissions.can_decide(request.user, story),
        },
    )


@_page(READ, permissions.can_share_story)
def my_stories(request):
    return render(request, "programme/stories/mine.html", {"stories": list(queries.own_stories(request.user))})


APPROVERS_ONLY = (
    "Stories are approved by champions, organisation leads and the partnership team. If you think you should approve them, ask your organisation lead."
)


@_page(READ, permissions.can_approve_stories, APPROVERS_ONLY)
def waiting_list(request):
    return render(request, "programme/stories/waiting.html", {"stories": list(queries.waiting_for_approval_by(request.user))})


# --- the public pages: no sign-in, no names -------------------------------------------------------


@require_http_methods(READ)
def public_list(request):
    form = forms.StoryFilterForm(request.GET or None)
    domain = form.domain_value() if form.is_bound else ""
    return render(
        request,
        "programme/stories/public_list.html",
        {"filter_form": form, "domain": domain, "domain_title": queries.domain_title(domain), "page": _paged(request, queries.approved_public(domain=domain))},
    )


@require_http_methods(READ)
def public_detail(request, public_id):
    story = queries.public_story(public_id)
    if story is None:
        raise Http404
    return render(
        request,
        "programme/stories/public_detail.html",
        {"story": story, "domains": queries.domain_words(story), "principles": queries.principle_words(story)},
    )


# --- sharing and changing ---------------------------------------------------------------------------


def _saved_message(story) -> str:
    if story.status == Story.Status.WAITING:
        return "Thank you. Your story is sent for approval. We will tell you when a champion or lead has read it."
    return "Your story is saved as a draft. Only you can see it."


@_page(FORM, permissions.can_share_story, services.ONLY_THE_WORKFORCE)
def share(request):
    organisations = list(permissions.organisations_to_share_from(request.user).order_by("name"))
    form = forms.StoryForm(post_or_none(request), organisations=organisations, initial={"reach": Story.Reach.PARTNERSHIP})
    return form_page(
        request,
        form,
        template="programme/stories/form.html",
        context={"adding": True},
        action=lambda data: services.share_story(form.chosen_organisation(), by=request.user, **form.story_values()),
        check_words=forms.words_shared,
        shared_with=SHARED_WITH,
        success_message=_saved_message,
        success_url=detail_url,
    )


@_page(FORM, permissions.can_share_story, services.ONLY_THE_WORKFORCE)
def edit(request, public_id):
    story = _story(public_id)
    if not permissions.can_change(request.user, story):
        raise Http404
    form = forms.StoryForm(post_or_none(request), initial=forms.StoryForm.initial_for(story))
    return form_page(
        request,
        form,
        template="programme/stories/form.html",
        context={"story": story},
        action=lambda data: services.change_story(story, by=request.user, **form.story_values()),
        check_words=forms.words_shared,
        shared_with=SHARED_WITH,
        success_message=_saved_message,
        success_url=detail_url,
    )


@_page(FORM)
def withdraw(request, public_id):
    story = _story(public_id)
    if not permissions.can_withdraw(request.user, story):
        raise Http404
    if request.method == "POST":
        services.withdraw_story(story, by=request.user)
        messages.success(request, f"‘{story.title}’ is withdrawn. Nobody else can see it now.")
        return redirect("programme:stories-mine")
    return render(request, "programme/stories/withdraw.html", {"story": story})


# --- approving --------------------------------------------------------------------------------------


@_page(FORM, permissions.can_approve_stories, APPROVERS_ONLY)
def decide(request, public_id):
    story = _story(public_id)
    if not permissions.can_decide(request.user, story):
        if story.status == Story.Status.WAITING and permissions.can_see_story(request.user, story):
            raise Refused(services.ONLY_AN_APPROVER)
        if story.status != Story.Status.DRAFT and permissions.may_approve_for(request.user, story.organisation):
            messages.info(request, f"‘{story.title}’ is no longer waiting for approval: it may have been approved, sent back or withdrawn already.")
            return redirect("programme:stories-waiting")
        raise Http404
    form = forms.DecisionForm(post_or_none(request))

    def act(data):
        if data["decision"] == forms.APPROVE:
            return services.approve_story(story, by=request.user)
        return services.send_back_story(story, by=request.user, reason=data["reason"])

    return form_page(
        request,
        form,
        template="programme/stories/decide.html",
        context={"story": story, "domains": queries.domain_words(story), "principles": queries.principle_words(story)},
        action=act,
        success_message=lambda decided: (
            f"‘{decided.title}’ is approved. We have told the person who shared it."
            if decided.status == Story.Status.APPROVED
            else f"‘{decided.title}’ is sent back with your note. We have told the person who shared it."
        ),
        success_url=reverse("programme:stories-waiting"),
    )
