"""Wellbeing pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders.

Every page about a person's own check-ins is `no_store` (never kept in the browser's cache)
and looks the check-in up by the person signed in, so another person's is simply not found.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.decorators import page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.core.spreadsheets import safe_cell

from . import figures as wellbeing_figures
from . import forms, permissions, queries, questions, services
from .models import SupportOption

READ = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]
NOT_FOR_YOU = "Wellbeing is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."


def _page(methods, allowed=permissions.is_workforce, message=NOT_FOR_YOU):
    return page(methods, allowed, message, private=True)


def _own_check_in(request, public_id):
    check_in = queries.own_check_in(request.user, public_id)
    if check_in is None:
        raise Http404
    return check_in


def _space(public_id):
    space = queries.space_by_id(public_id)
    if space is None:
        raise Http404
    return space


# Your check-ins


@_page(READ)
def home(request):
    check_ins = list(queries.own_check_ins(request.user))
    return render(
        request,
        "wellbeing/home.html",
        {
            "check_ins": check_ins,
            "chart": queries.trend_chart(check_ins),
            "reminder": queries.reminder_for(request.user),
            "places": list(queries.own_places(request.user)),
            "offers": list(queries.team_offers_waiting_for(request.user)),
            "question_set": questions.current(),
            "privacy": questions.privacy(),
        },
    )


@_page(FORM)
def check_in(request):
    form = forms.CheckInForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="wellbeing/check_in.html",
        context={"question_set": questions.current(), "privacy": questions.privacy()},
        action=lambda data: services.take_check_in(request.user, by=request.user, answers=form.answers(), in_own_words=data.get("in_own_words", "")),
        success_message="Your check-in is saved. Only you can see it.",
        success_url=lambda saved: reverse("wellbeing:check-in-detail", args=[saved.public_id]),
    )


@_page(READ)
def check_in_detail(request, public_id):
    check_in = _own_check_in(request, public_id)
    return render(
        request,
        "wellbeing/check_in_detail.html",
        {
            "check_in": check_in,
            "answers": queries.answers_shown(check_in),
            "signposts": queries.signposts(request.user, check_in),
            "forget_on": timezone.localtime(services.forget_after(check_in)).date(),
            "question_set": questions.current(),
        },
    )


@_page(FORM)
def check_in_delete(request, public_id):
    check_in = _own_check_in(request, public_id)
    if request.method == "POST":
        services.delete_check_in(check_in, by=request.user)
        messages.success(request, "The check-in is deleted, with everything in it.")
        return redirect("wellbeing:home")
    return render(request, "wellbeing/check_in_delete.html", {"check_in": check_in})


@_page(FORM)
def delete_all(request):
    form = forms.DeleteAllForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="wellbeing/delete_all.html",
        context={"count": queries.own_check_ins(request.user).count()},
        action=lambda data: services.delete_all_check_ins(request.user, by=request.user),
        success_message=lambda how_many: f"{how_many} check-in{'s are' if how_many != 1 else ' is'} deleted, with everything in them.",
        success_url=reverse("wellbeing:home"),
    )


@_page(READ)
def download(request):
    """Every check-in the person has kept, as a spreadsheet (CSV) for them alone."""
    current = questions.current()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["When", *[question.asks for question in current.questions], "What you noted for yourself", "Questions version"])
    for item in queries.own_check_ins(request.user):
        asked = questions.version(item.questions_version)
        words = [(asked.question(question.key) or question).words_for(item.answers.get(question.key)) for question in current.questions]
        writer.writerow([timezone.localtime(item.taken_at).strftime("%Y-%m-%d %H:%M"), *words, safe_cell(item.in_own_words), item.questions_version])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="your-check-ins-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@_page(FORM)
def reminders(request):
    reminder = queries.reminder_for(request.user)
    initial = {"every_weeks": str(reminder.every_weeks if reminder else 0)}
    form = forms.ReminderForm(post_or_none(request), initial=initial)
    return form_page(
        request,
        form,
        template="wellbeing/reminders.html",
        context={"reminder": reminder},
        action=lambda data: services.set_reminder(request.user, by=request.user, every_weeks=data["every_weeks"]),
        success_message=lambda saved: (
            f"We will remind you every {saved.every_weeks} weeks, from {queries.long_date(saved.next_on)}."
            if saved.every_weeks
            else "You will not get reminders."
        ),
        success_url=reverse("wellbeing:home"),
    )


# Support


@_page(READ)
def support(request):
    return render(
        request,
        "wellbeing/support.html",
        {"groups": queries.support_list(request.user), "question_set": questions.current(), "can_manage": permissions.can_manage_support(request.user)},
    )


MANAGE_SUPPORT = "The list of support is kept by the partnership team. If something is missing or out of date, tell them."


@_page(READ, permissions.can_manage_support, MANAGE_SUPPORT)
def support_manage(request):
    return render(request, "wellbeing/support_manage.html", {"options": SupportOption.objects.select_related("organisation").order_by("kind", "name")})


def _organisation_choices():
    from goldenthread.partnership.models import Organisation

    return Organisation.objects.filter(is_active=True).order_by("name")


@_page(FORM, permissions.can_manage_support, MANAGE_SUPPORT)
def support_add(request):
    form = forms.SupportForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="wellbeing/support_form.html",
        context={"adding": True},
        action=lambda data: services.add_support(
            by=request.user, name=data["name"], kind=data["kind"], description=data["description"], how_to_reach=data["how_to_reach"], link=data.get("link", "")
        ),
        success_message="The support is added to the list.",
        success_url=reverse("wellbeing:support-manage"),
    )


@_page(FORM, permissions.can_manage_support, MANAGE_SUPPORT)
def support_edit(request, public_id):
    option = SupportOption.objects.filter(public_id=public_id).first()
    if option is None:
        raise Http404
    initial = {field: getattr(option, field) for field in ("name", "kind", "description", "how_to_reach", "link", "is_listed")}
    form = forms.SupportForm(post_or_none(request), initial=initial)
    return form_page(
        request,
        form,
        template="wellbeing/support_form.html",
        context={"option": option},
        action=lambda data: services.change_support(
            option,
            by=request.user,
            name=data["name"],
            kind=data["kind"],
            description=data["description"],
            how_to_reach=data["how_to_reach"],
            link=data.get("link", ""),
            organisation=option.organisation,
            is_listed=data.get("is_listed", False),
        ),
        success_message="The support is saved.",
        success_url=reverse("wellbeing:support-manage"),
    )


# Reflective spaces


@_page(READ)
def spaces(request):
    return render(
        request,
        "wellbeing/spaces.html",
        {
            "spaces": list(queries.spaces_open_to(request.user)),
            "places": list(queries.own_places(request.user)),
            "can_put_on": permissions.can_put_on_spaces(request.user),
        },
    )


@_page(FORM)
def space_detail(request, public_id):
    space = _space(public_id)
    if not permissions.can_see_space(request.user, space):
        raise Http404  # a space offered to a team is not shown, nor said to exist, to anyone else
    place = queries.own_place(request.user, space)
    form = forms.PlaceForm(post_or_none(request), initial={"host_may_see_name": place.host_may_see_name if place else False})
    if request.method == "POST" and form.is_valid():
        try:
            if place is None:
                services.book_place(space, by=request.user, host_may_see_name=form.cleaned_data["host_may_see_name"])
                messages.success(request, "Your place is booked. We have sent you an e-mail with the details, and will remind you the day before.")
            else:
                services.change_name_sharing(place, by=request.user, host_may_see_name=form.cleaned_data["host_may_see_name"])
                messages.success(
                    request, "Saved. " + ("The host can see your name." if form.cleaned_data["host_may_see_name"] else "The host cannot see your name.")
                )
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
        return redirect("wellbeing:space", public_id=space.public_id)
    can_book = permissions.can_book(request.user, space)
    return render(
        request,
        "wellbeing/space.html",
        {
            "space": space,
            "when": queries.when_words(space),
            "place": place,
            "form": form,
            "can_book": can_book,
            # Only to someone who could book: "every place is taken" would tell the lead who offered a team a space how many took it up.
            "full": place is None and can_book and queries.places_taken(space) >= space.capacity,
            "show_link": permissions.can_see_joining_link(request.user, space, place),
            "places_taken": queries.places_taken(space) if permissions.can_see_places_taken(request.user, space) else None,
            "names_shared": queries.names_shared_with_host(space) if permissions.can_see_names_shared(request.user, space) else None,
            "can_change": permissions.can_change_space(request.user, space),
        },
    )


@_page(FORM)
def give_up_place(request, public_id):
    space = _space(public_id)
    place = queries.own_place(request.user, space)
    if place is None:
        raise Http404
    if request.method == "POST":
        try:
            services.give_up_place(place, by=request.user)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
            return redirect("wellbeing:space", public_id=space.public_id)
        messages.success(request, "You have given up your place. Thank you: it can now go to someone else.")
        return redirect("wellbeing:spaces")
    return render(request, "wellbeing/give_up_place.html", {"space": space, "when": queries.when_words(space)})


RUN_SPACES = "Reflective spaces are put on by the partnership team and by organisation leads. If you would like one, ask your organisation lead."


@_page(READ, permissions.can_put_on_spaces, RUN_SPACES)
def spaces_run(request):
    return render(
        request, "wellbeing/spaces_run.html", {"spaces": list(queries.spaces_run_by(request.user)), "can_offer": permissions.can_offer_to_a_team(request.user)}
    )


def _audiences(user):
    audiences = [(organisation.slug, organisation.name, organisation) for organisation in permissions.organisations_for_spaces(user).order_by("name")]
    if permissions.is_partnership_admin(user):
        audiences.insert(0, (forms.SpaceForm.EVERYONE, "Everyone in the partnership", None))
    return audiences


@_page(FORM, permissions.can_put_on_spaces, RUN_SPACES)
def space_add(request):
    form = forms.SpaceForm(post_or_none(request), audiences=_audiences(request.user), initial={"capacity": 12})
    return form_page(
        request,
        form,
        template="wellbeing/space_form.html",
        context={"adding": True},
        action=lambda data: services.put_on_space(form.chosen_organisation(), by=request.user, **form.space_values()),
        success_message="The reflective space is on. People can now book a place.",
        success_url=lambda space: reverse("wellbeing:space", args=[space.public_id]),
    )


@_page(FORM)
def space_edit(request, public_id):
    space = _space(public_id)
    if not permissions.can_change_space(request.user, space):
        raise Refused("A reflective space can be changed, before it starts, by whoever put it on and by its host.")
    local_start, local_end = timezone.localtime(space.starts_at), timezone.localtime(space.ends_at)
    initial = {
        "title": space.title,
        "about": space.about,
        "format": space.format,
        "venue": space.venue,
        "joining_link": space.joining_link,
        "day": local_start.date(),
        "starts": local_start.strftime("%H:%M"),
        "ends": local_end.strftime("%H:%M"),
        "capacity": space.capacity,
        "host_email": space.host.email if space.host else "",
    }
    form = forms.SpaceForm(post_or_none(request), initial=initial, audiences=[("", "", space.organisation)])
    return form_page(
        request,
        form,
        template="wellbeing/space_form.html",
        context={"space": space},
        action=lambda data: services.change_space(space, by=request.user, **form.space_values()),
        success_message="The reflective space is saved. Anyone with a place is told if its time or place changed.",
        success_url=reverse("wellbeing:space", args=[space.public_id]),
    )


@_page(FORM)
def space_cancel(request, public_id):
    space = _space(public_id)
    if not permissions.can_change_space(request.user, space):
        raise Refused("A reflective space can be cancelled, before it starts, by whoever put it on and by its host.")
    form = forms.CancelSpaceForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="wellbeing/space_cancel.html",
        context={"space": space, "when": queries.when_words(space)},
        action=lambda data: services.cancel_space(space, by=request.user, reason=data["reason"]),
        success_message="The reflective space is cancelled. Everyone with a place has been told.",
        success_url=reverse("wellbeing:spaces-run"),
    )


TEAM_OFFER = "Offering a space to a team after a hard event is for organisation leads. If your team needs one, ask your organisation lead."


@_page(FORM, permissions.can_offer_to_a_team, TEAM_OFFER)
def team_offer(request):
    audiences = [(organisation.slug, organisation.name, organisation) for organisation in permissions.led_organisations(request.user).order_by("name")]
    form = forms.TeamOfferForm(post_or_none(request), audiences=audiences, initial={"capacity": 12, "title": "Time to talk together"})
    return form_page(
        request,
        form,
        template="wellbeing/team_offer.html",
        action=lambda data: services.offer_to_team(form.chosen_organisation(), by=request.user, people=form.people, **form.space_values()),
        success_message=lambda space: (
            f"The space is offered to {space.offered_to.count()} people. Each is told by e-mail and on their home page. You will not see who takes it up."
        ),
        success_url=reverse("wellbeing:spaces-run"),
    )


# Figures


FIGURES = "Wellbeing figures are for organisation leads (their own organisation) and the partnership team. They never show anyone's answers."


@_page(READ, permissions.can_see_figures, FIGURES)
def figures(request):
    user = request.user
    found = wellbeing_figures.figures_for(
        permissions.organisations_for_figures(user).order_by("name"), with_partnership=permissions.can_see_partnership_figures(user)
    )
    return render(request, "wellbeing/figures.html", {"figures": found, "question_set": questions.current(), "tables": _figure_tables(found)})


def _figure_tables(found):
    current = questions.current()
    rows = ([found.partnership] if found.partnership else []) + found.rows
    tables = []
    for row in rows:
        lines = []
        for month, cell in zip(found.months, row.cells, strict=True):
            if cell.is_shown:
                shares = [f"{cell.harder[question.key]}%" if cell.harder[question.key] is not None else "Held back" for question in current.questions]
                share = f"{cell.share_of_staff}%" if cell.share_of_staff is not None else "–"
                lines.append((f"{month:%B %Y}", [f"{cell.people:,}", share, *shares]))
            else:
                lines.append((f"{month:%B %Y}", [f"Fewer than {found.smallest_group}", "Held back", *["Held back" for _ in current.questions]]))
        tables.append({"name": row.name, "staff": row.staff, "lines": lines, "id": f"figures-{len(tables)}"})
    return tables
