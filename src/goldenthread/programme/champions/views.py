"""The champions network's pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.decorators import page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from . import forms, permissions, queries, services

READ = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]
PAGE_SIZE = 20
NOT_FOR_YOU = services.NOT_FOR_YOU


def _page(methods, allowed=permissions.can_see_network, message=NOT_FOR_YOU):
    return page(methods, allowed, message)


# --- the directory ----------------------------------------------------------------------------------


@_page(READ)
def directory(request):
    data = request.GET.copy()
    if "interest" in data:
        data["interest"] = data.get("interest", "").replace("\x00", "")  # a search is forgiving: a stray NUL character is dropped
    form = forms.DirectoryFilterForm(data or None)
    filters = form.values()
    found = queries.champions(**filters)
    return render(
        request,
        "programme/champions/directory.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
            "count": len(found),
            "interests": queries.interest_words(),
            "can_volunteer": permissions.can_volunteer(request.user),
            "can_edit_profile": permissions.can_edit_profile(request.user),
            "can_decide": permissions.can_decide_offers(request.user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@_page(READ)
def champion(request, public_id):
    found = queries.champion_by_person_id(public_id)
    if found is None:
        raise Http404
    return render(
        request,
        "programme/champions/champion.html",
        {"champion": found, "is_me": found.person.pk == request.user.pk, "posts": list(queries.posts_by(found.person)[:5])},
    )


@_page(FORM, permissions.can_edit_profile, services.ONLY_CHAMPIONS)
def profile(request):
    current = queries.profile_of(request.user)
    initial = {"interests": ", ".join(current.interests), "offers": current.offers, "about": current.about} if current else {}
    form = forms.ProfileForm(post_or_none(request), initial=initial)
    return form_page(
        request,
        form,
        template="programme/champions/profile.html",
        context={"profile": current},
        action=lambda data: services.save_profile(request.user, by=request.user, interests=data["interests"], offers=data["offers"], about=data["about"]),
        success_message="Your champion profile is saved. Colleagues can see it in the directory.",
        success_url=reverse("programme:champions-champion", args=[request.user.public_id]),
    )


# --- the network --------------------------------------------------------------------------------------


@_page(FORM)
def network(request):
    """The network's posts, newest first; champions and the partnership team post from the top of the page."""
    can_post = permissions.can_post(request.user)
    if request.method == "POST" and not can_post:
        raise Refused(services.ONLY_POSTERS)
    form = forms.PostForm(post_or_none(request)) if can_post else None
    page = Paginator(queries.posts(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_post": can_post, "removable": {post.pk for post in page.object_list if permissions.can_remove_post(request.user, post)}}
    if form is None:
        return render(request, "programme/champions/network.html", {**context, "form": None})
    return form_page(
        request,
        form,
        template="programme/champions/network.html",
        context=context,
        action=lambda data: services.post_to_network(by=request.user, text=data["text"]),
        check_words=("text",),
        shared_with="the champions network, for everyone in the partnership to read",
        success_message="Your post is on the network.",
        success_url=reverse("programme:champions-network"),
    )


@_page(FORM)
def remove_post(request, public_id):
    post = queries.post_by_id(public_id)
    if post is None:
        raise Http404
    if not permissions.can_remove_post(request.user, post):
        raise Refused(services.ONLY_THE_AUTHOR)
    if request.method == "POST":
        services.remove_post(post, by=request.user)
        messages.success(request, "The post is removed from the network.")
        return redirect("programme:champions-network")
    return render(request, "programme/champions/remove_post.html", {"post": post})


# --- offering to be a champion ------------------------------------------------------------------------


@_page(FORM, permissions.can_volunteer, services.ONLY_PRACTITIONERS)
def volunteer(request):
    organisations = list(permissions.organisations_to_volunteer_in(request.user).order_by("name"))
    form = forms.VolunteerForm(post_or_none(request), organisations=organisations)
    return form_page(
        request,
        form,
        template="programme/champions/volunteer.html",
        context={"offers": list(queries.own_offers(request.user)), "organisations": organisations},
        action=lambda data: services.volunteer(form.chosen_organisation(), by=request.user, why=data["why"]),
        success_message=lambda offer: f"Thank you. Your offer is with the lead of {offer.organisation.name}. We will tell you their answer.",
        success_url=reverse("programme:champions-volunteer"),
    )


ONLY_LEADS = "Offers to be a champion are answered by organisation leads."


@_page(READ, permissions.can_decide_offers, ONLY_LEADS)
def offers(request):
    return render(
        request,
        "programme/champions/offers.html",
        {"waiting": list(queries.offers_to_decide(request.user)), "answered": list(queries.decided_offers_in(request.user)[:20])},
    )


@_page(FORM, permissions.can_decide_offers, ONLY_LEADS)
def decide(request, public_id):
    offer = queries.offer_by_id(public_id)
    if offer is None or not permissions.leads(request.user, offer.organisation):
        raise Http404
    if not permissions.can_decide(request.user, offer):
        return render(request, "programme/champions/decided.html", {"offer": offer})
    form = forms.AnswerForm(post_or_none(request))

    def act(data):
        if data["decision"] == forms.ACCEPT:
            return services.accept_offer(offer, by=request.user, reply=data["reply"])
        return services.decline_offer(offer, by=request.user, reply=data["reply"])

    return form_page(
        request,
        form,
        template="programme/champions/decide.html",
        context={"offer": offer},
        action=act,
        success_message=lambda answered: (
            f"{answered.person.full_name} is now a champion in {answered.organisation.name}. We have told them."
            if answered.status == answered.Status.ACCEPTED
            else f"Your answer is saved. We have told {answered.person.full_name}."
        ),
        success_url=reverse("programme:champions-offers"),
    )
