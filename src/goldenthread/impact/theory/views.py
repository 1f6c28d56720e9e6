"""The theory of change's pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders.

Everyone in the workforce reads the version in force (a diagram and the same content as a
list), every earlier version, and the PDF. The partnership team writes the next version as a
draft, and publishes or discards it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.decorators import FORM, READ, page, post_or_none
from goldenthread.core.pages import form_page

from . import diagram, forms, pdf, permissions, queries, services

SHARED_WITH = "the partnership's theory of change"
DRAFT_URL = "impact:theory_draft"


def _reader(methods):
    return page(methods, permissions.can_read, permissions.NOT_FOR_YOU)


def _keeper(methods):
    return page(methods, permissions.can_keep, permissions.KEEPS_THE_THEORY)


def _version_page(request, theory, *, in_force: bool):
    found = queries.contents(theory)
    return render(
        request,
        "impact/theory/theory.html",
        {
            "theory": theory,
            "found": found,
            "diagram": diagram.draw(found),
            "in_force": in_force,
            "current": queries.in_force() if not in_force else theory,
            "can_keep": permissions.can_keep(request.user),
            "draft": queries.draft() if permissions.can_keep(request.user) else None,
        },
    )


@_reader(READ)
def theory(request):
    found = queries.in_force()
    if found is None:
        return render(
            request,
            "impact/theory/none_yet.html",
            {"can_keep": permissions.can_keep(request.user), "draft": queries.draft() if permissions.can_keep(request.user) else None},
        )
    return _version_page(request, found, in_force=True)


@_reader(READ)
def versions(request):
    return render(request, "impact/theory/versions.html", {"versions": list(queries.published_versions()), "current": queries.in_force()})


@_reader(READ)
def version(request, number):
    found = queries.published_version(number)
    if found is None:
        raise Http404
    current = queries.in_force()
    if current is not None and current.pk == found.pk:
        return _version_page(request, found, in_force=True)
    return _version_page(request, found, in_force=False)


@_reader(READ)
def theory_pdf(request):
    found = queries.in_force()
    if found is None:
        messages.info(request, "There is no theory of change in force yet, so there is no PDF to download.")
        return redirect("impact:theory")
    response = HttpResponse(pdf.theory_pdf(queries.contents(found)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="theory-of-change-version-{found.number}.pdf"'
    return response


# The draft ----------------------------------------------------------------------------


def _the_draft(request):
    """The draft, or None with a message (the caller redirects to the draft page)."""
    found = queries.draft()
    if found is None:
        messages.info(request, "There is no draft at the moment. Start one to change the theory of change.")
    return found


@_keeper(READ)
def draft(request):
    found = queries.draft()
    if found is None:
        return render(request, "impact/theory/start.html", {"form": forms.ConfirmForm(), "current": queries.in_force()})
    contents = queries.contents(found, with_indicators=False)
    return render(request, "impact/theory/draft.html", {"theory": found, "found": contents, "diagram": diagram.draw(contents, id="draft-diagram")})


@_keeper(FORM)
def start(request):
    if (open_draft := queries.draft()) is not None:
        if request.method == "POST":
            return redirect(DRAFT_URL)
        return render(request, "impact/theory/start.html", {"form": None, "current": queries.in_force(), "open_draft": open_draft})
    form = forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/start.html",
        context={"current": queries.in_force()},
        action=lambda data: services.start_draft(by=request.user),
        success_message=lambda made: f"Version {made.number} is started as a draft. Nobody else sees it until it is published.",
        success_url=reverse(DRAFT_URL),
    )


@_keeper(FORM)
def publish(request):
    found = _the_draft(request)
    if found is None:
        return redirect(DRAFT_URL)
    form = forms.PublishForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/publish.html",
        context={"theory": found, "outcome_count": found.outcomes.count()},
        action=lambda data: services.publish(found, by=request.user, note=data["note"]),
        success_message=lambda made: f"Version {made.number} is published and in force. Everyone in the partnership reads it from now.",
        success_url=reverse("impact:theory"),
        check_words=("note",),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def discard(request):
    found = _the_draft(request)
    if found is None:
        return redirect(DRAFT_URL)
    form = forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/discard.html",
        context={"theory": found},
        action=lambda data: services.discard(found, by=request.user),
        success_message=lambda number: f"The draft of version {number} is discarded. The version in force is unchanged.",
        success_url=reverse("impact:theory"),
    )


def _item(request, lookup, public_id):
    theory = _the_draft(request)
    if theory is None:
        return None, None
    item = lookup(theory, public_id)
    if item is None:
        raise Http404
    return theory, item


@_keeper(FORM)
def outcome_add(request):
    theory = _the_draft(request)
    if theory is None:
        return redirect(DRAFT_URL)
    form = forms.OutcomeForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/outcome_form.html",
        context={"theory": theory, "adding": True},
        action=lambda data: services.add_outcome(
            theory, by=request.user, title=data["title"], horizon=data["horizon"], for_whom=data["for_whom"], description=data["description"], key=data["key"]
        ),
        success_message="The outcome is added to the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("title", "description"),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def outcome_change(request, public_id):
    theory, outcome = _item(request, queries.outcome_in, public_id)
    if theory is None:
        return redirect(DRAFT_URL)
    initial = {name: getattr(outcome, name) for name in ("title", "horizon", "for_whom", "description", "version")}
    form = forms.OutcomeForm(post_or_none(request), adding=False, initial=initial)
    return form_page(
        request,
        form,
        template="impact/theory/outcome_form.html",
        context={"theory": theory, "outcome": outcome},
        action=lambda data: services.change_outcome(
            outcome,
            by=request.user,
            version=data["version"],
            title=data["title"],
            horizon=data["horizon"],
            for_whom=data["for_whom"],
            description=data["description"],
        ),
        success_message="The outcome is saved in the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("title", "description"),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def activity_add(request):
    theory = _the_draft(request)
    if theory is None:
        return redirect(DRAFT_URL)
    form = forms.ActivityForm(post_or_none(request), outcomes=theory.outcomes.all())
    return form_page(
        request,
        form,
        template="impact/theory/activity_form.html",
        context={"theory": theory, "adding": True},
        action=lambda data: services.add_activity(
            theory, by=request.user, title=data["title"], description=data["description"], leads_to=form.chosen_outcomes()
        ),
        success_message="The activity is added to the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("title", "description"),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def activity_change(request, public_id):
    theory, activity = _item(request, queries.activity_in, public_id)
    if theory is None:
        return redirect(DRAFT_URL)
    initial = {
        "title": activity.title,
        "description": activity.description,
        "version": activity.version,
        "leads_to": [str(outcome.public_id) for outcome in activity.leads_to.all()],
    }
    form = forms.ActivityForm(post_or_none(request), outcomes=theory.outcomes.all(), adding=False, initial=initial)
    return form_page(
        request,
        form,
        template="impact/theory/activity_form.html",
        context={"theory": theory, "activity": activity},
        action=lambda data: services.change_activity(
            activity, by=request.user, version=data["version"], title=data["title"], description=data["description"], leads_to=form.chosen_outcomes()
        ),
        success_message="The activity is saved in the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("title", "description"),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def assumption_add(request):
    theory = _the_draft(request)
    if theory is None:
        return redirect(DRAFT_URL)
    form = forms.AssumptionForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/assumption_form.html",
        context={"theory": theory, "adding": True},
        action=lambda data: services.add_assumption(theory, by=request.user, text=data["text"]),
        success_message="The assumption is added to the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("text",),
        shared_with=SHARED_WITH,
    )


@_keeper(FORM)
def assumption_change(request, public_id):
    theory, assumption = _item(request, queries.assumption_in, public_id)
    if theory is None:
        return redirect(DRAFT_URL)
    form = forms.AssumptionForm(post_or_none(request), adding=False, initial={"text": assumption.text, "version": assumption.version})
    return form_page(
        request,
        form,
        template="impact/theory/assumption_form.html",
        context={"theory": theory, "assumption": assumption},
        action=lambda data: services.change_assumption(assumption, by=request.user, version=data["version"], text=data["text"]),
        success_message="The assumption is saved in the draft.",
        success_url=reverse(DRAFT_URL),
        check_words=("text",),
        shared_with=SHARED_WITH,
    )


REMOVABLE = {
    "outcome": (queries.outcome_in, services.remove_outcome, "outcome", "The outcome is taken out of the draft."),
    "activity": (queries.activity_in, services.remove_activity, "activity", "The activity is taken out of the draft."),
    "assumption": (queries.assumption_in, services.remove_assumption, "assumption", "The assumption is taken out of the draft."),
}


def _remove(request, kind, public_id):
    lookup, remove, words, done = REMOVABLE[kind]
    theory, item = _item(request, lookup, public_id)
    if theory is None:
        return redirect(DRAFT_URL)
    form = forms.ConfirmForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/theory/remove.html",
        context={"theory": theory, "item": item, "kind": words},
        action=lambda data: remove(item, by=request.user),
        success_message=done,
        success_url=reverse(DRAFT_URL),
    )


@_keeper(FORM)
def outcome_remove(request, public_id):
    return _remove(request, "outcome", public_id)


@_keeper(FORM)
def activity_remove(request, public_id):
    return _remove(request, "activity", public_id)


@_keeper(FORM)
def assumption_remove(request, public_id):
    return _remove(request, "assumption", public_id)
