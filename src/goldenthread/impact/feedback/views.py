"""The feedback pages: results (page and CSV), sending a survey, open links, and the family's own answering pages.

Views are thin: they ask `permissions`, read with `queries`, change through `services`.
The family's pages need no sign-in (the link is the key); an expired, used or unknown link
gets a calm page saying what to do (410 or 404), never an error.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import FORM, READ, no_store, page, post_or_none
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.refusals import Refused
from goldenthread.core.safeguards import family_data_safeguards
from goldenthread.core.spreadsheets import safe_cell
from goldenthread.families import access
from goldenthread.families.models import Family
from goldenthread.impact.periods import BadPeriod, from_query
from goldenthread.impact.permissions import is_staff

from . import charts, forms, permissions, queries, rules, services, surveys
from .models import FeedbackRequest, OpenSurveyLink

SHOWN_LINK = "impact_feedback_shown_link"


# --- results -----------------------------------------------------------------------------------


def _selection(request):
    """The period, organisations and survey the results are for, or a 400 page saying what to change."""
    try:
        period = from_query(request.GET)
    except BadPeriod as problem:
        return None, render(request, "impact/feedback/bad_request.html", {"message": str(problem)}, status=400)
    seen = list(permissions.organisations_seen(request.user))
    slug = (request.GET.get("organisation") or "").strip()
    organisation = None
    if slug:
        organisation = next((each for each in seen if each.slug == slug), None)
        if organisation is None:
            raise Refused(rules.RESULTS_ONLY)
    survey = (request.GET.get("survey") or "").strip()
    if survey and surveys.survey(survey) is None:
        return None, render(request, "impact/feedback/bad_request.html", {"message": "Choose a survey from the list, or all surveys."}, status=400)
    organisations = [organisation] if organisation else seen
    with_partnership = organisation is None and permissions.sees_partnership(request.user)
    return {
        "period": period,
        "organisation": organisation,
        "organisations": organisations,
        "seen": seen,
        "survey": survey,
        "with_partnership": with_partnership,
    }, None


@page(READ, permissions.sees_results, rules.RESULTS_ONLY, private=True)
def results(request):
    chosen, problem = _selection(request)
    if problem:
        return problem
    found = queries.results(chosen["period"], chosen["organisations"], with_partnership=chosen["with_partnership"], survey=chosen["survey"])
    words, words_held_back = queries.own_words(chosen["period"], chosen["organisations"], chosen["survey"])
    context = {
        **chosen,
        "results": found,
        "chart": charts.by_month(found),
        "words": words,
        "words_held_back": words_held_back,
        "surveys": surveys.all_surveys(),
        "held_back": rules.HELD_BACK,
        "minimum": rules.MINIMUM_ANSWERS,
        "query": request.GET.urlencode(),
        "keeps_open_links": permissions.keeps_open_links(request.user),
    }
    return render(request, "impact/feedback/results.html", context)


@page(READ, permissions.sees_results, rules.RESULTS_ONLY, private=True)
def results_csv(request):
    chosen, problem = _selection(request)
    if problem:
        return problem
    found = queries.results(chosen["period"], chosen["organisations"], with_partnership=chosen["with_partnership"], survey=chosen["survey"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="family-feedback-{chosen["period"].start}-to-{chosen["period"].end}.csv"'
    writer = csv.writer(response)
    for row in queries.csv_rows(found):
        writer.writerow([safe_cell(value) for value in row])
    return response


# --- sending -----------------------------------------------------------------------------------


def _family_page(methods):
    def decorate(view):
        return no_store(family_data_safeguards(page(methods, is_staff, rules.SENDING_ONLY)(view)))

    return decorate


@_family_page(READ)
def send_list(request):
    families = list(access.families_with_places(request.user).filter(anonymised_at__isnull=True).order_by("family_name"))
    if families:
        access.log_listed(request.user, families, "Listed the families to ask for feedback")
    return render(request, "impact/feedback/send_list.html", {"families": families, "sent": queries.requests_sent_by(request.user)})


@_family_page(FORM)
def send(request, family_id):
    family = get_object_or_404(Family, public_id=family_id)
    refusal = permissions.sending_refusal(request.user, family)
    if refusal:
        access.log(request.user, family, access.Action.VIEW, access.HOUSEHOLD, access.Basis.REFUSED, f"Asked the family for feedback: {refusal}")
        raise Refused(refusal)
    if request.method != "POST":
        access.read(request.user, family, access.HOUSEHOLD, detail="Chose who to ask for feedback")
    people = list(family.people.all())
    form = forms.SendForm(post_or_none(request), people=people)

    def action(data):
        sent, token = services.send_survey(family, by=request.user, survey=data["survey"], person=form.chosen_person())
        request.session[SHOWN_LINK] = {"request": str(sent.public_id), "token": token}
        return sent

    return form_page(
        request,
        form,
        template="impact/feedback/send.html",
        context={"family": family, "link_days": rules.LINK_DAYS},
        action=action,
        success_url=lambda sent: reverse("impact:feedback_sent", args=[sent.public_id]),
    )


@_family_page(READ)
def sent(request, request_id):
    found = get_object_or_404(FeedbackRequest.objects.select_related("family", "person", "organisation"), public_id=request_id, sent_by=request.user)
    if not access.read(request.user, found.family, access.HOUSEHOLD, detail="Saw the feedback survey sent to the family"):
        raise Refused(rules.NOT_IN_TEAM)
    shown = request.session.pop(SHOWN_LINK, None) or {}
    link = services.emails.answer_link(shown["token"]) if shown.get("request") == str(found.public_id) else ""
    return render(request, "impact/feedback/sent.html", {"sent": found, "link": link, "survey": surveys.survey(found.survey), "link_days": rules.LINK_DAYS})


# --- open links --------------------------------------------------------------------------------


@page(FORM, permissions.keeps_open_links, rules.OPEN_LINKS_ONLY, private=True)
def open_links(request):
    organisations = list(permissions.organisations_seen(request.user))
    form = forms.OpenLinkForm(post_or_none(request), organisations=organisations)
    return form_page(
        request,
        form,
        template="impact/feedback/open_links.html",
        context={"links": queries.open_links_for(organisations)},
        action=lambda data: services.make_open_link(form.chosen_organisation(), by=request.user, survey=data["survey"]),
        success_message="The open link is ready. Copy it from the list below.",
        success_url=reverse("impact:feedback_open_links"),
    )


@page(("POST",), permissions.keeps_open_links, rules.OPEN_LINKS_ONLY)
def stop_open_link(request, link_id):
    link = get_object_or_404(OpenSurveyLink.objects.select_related("organisation"), public_id=link_id)
    services.stop_open_link(link, by=request.user)
    messages.success(request, "The open link is stopped. Nobody can answer through it now. The answers already given are kept.")
    return redirect("impact:feedback_open_links")


# --- the family's pages -------------------------------------------------------------------------


def _not_working(request, reason: str):
    status = 404 if reason == "unknown" else 410
    return render(request, "impact/feedback/not_working.html", {"reason": reason}, status=status)


def _answer_page(request, *, survey, organisation, ask_anonymous, save):
    form = forms.AnswerForm(post_or_none(request), survey=survey, ask_anonymous=ask_anonymous)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except services.LinkNotWorking as problem:
            return _not_working(request, problem.reason)
        except services.ValidationError as error:
            form.apply_service_errors(error)
        else:
            return redirect("family_feedback:thank_you")
    context = {"survey": survey, "organisation": organisation, "words": surveys.words(), "ask_anonymous": ask_anonymous, "scale": surveys.scale()}
    return render_form_page(request, "impact/feedback/answer.html", context, form)


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    try:
        found = services.request_for(token)
    except services.LinkNotWorking as problem:
        return _not_working(request, problem.reason)
    survey = surveys.survey(found.survey)
    if survey is None:
        return _not_working(request, "unknown")
    return _answer_page(
        request,
        survey=survey,
        organisation=found.organisation,
        ask_anonymous=True,
        save=lambda form: services.answer_request(
            found, by=request.user, scores=form.scores(), in_own_words=form.cleaned_data["in_own_words"], anonymous=form.anonymous()
        ),
    )


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def answer_as_family_member(request, request_id):
    """The same survey for the family member it was sent to, signed in with their own account (no link needed)."""
    found = FeedbackRequest.objects.select_related("organisation", "person", "family").filter(public_id=request_id).first()
    if found is None or not permissions.answers_as_family_member(request.user, found):
        return _not_working(request, "unknown")
    try:
        services._working(found)
    except services.LinkNotWorking as problem:
        return _not_working(request, problem.reason)
    return _answer_page(
        request,
        survey=surveys.survey(found.survey),
        organisation=found.organisation,
        ask_anonymous=True,
        save=lambda form: services.answer_request(
            found, by=request.user, scores=form.scores(), in_own_words=form.cleaned_data["in_own_words"], anonymous=form.anonymous()
        ),
    )


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def answer_open(request, link_id):
    try:
        link = services.open_link_for(link_id)
    except services.LinkNotWorking as problem:
        return _not_working(request, problem.reason)
    return _answer_page(
        request,
        survey=surveys.survey(link.survey),
        organisation=link.organisation,
        ask_anonymous=False,
        save=lambda form: services.answer_open_link(link, by=request.user, scores=form.scores(), in_own_words=form.cleaned_data["in_own_words"]),
    )


@require_http_methods(["GET", "HEAD"])
def thank_you(request):
    return render(request, "impact/feedback/thank_you.html", {"minimum": rules.MINIMUM_ANSWERS})
