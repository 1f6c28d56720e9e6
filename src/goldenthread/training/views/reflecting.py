"""After a session: feedback, an aha moment, and the aha moments people chose to share."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, rules, services
from ..models import AhaMoment
from ._common import FORM, READ, post_or_none, require, session_page, session_url

MOMENTS_PER_PAGE = 20


@session_page(*FORM)
def feedback(request, session):
    """How useful it was, what helped, what you will do differently, and your confidence before and after in each skill."""
    user = request.user
    require(permissions.can_give_feedback(user, session), rules.NOT_YOUR_SESSION)
    skills = session.course.skills or []
    given = queries.own_feedback(user, session)
    form = forms.FeedbackForm(post_or_none(request), skills=skills, initial=forms.feedback_initial(given, skills))
    return form_page(
        request,
        form,
        template="training/feedback.html",
        context={"session": session, "given": given, "when": queries.when_words(session)},
        action=lambda _: services.give_feedback(session, by=user, **form.feedback_values()),
        success_message="Thank you: your feedback is saved. It helps the trainers make the sessions better.",
        success_url=session_url(session),
    )


SHARED_WORDS = {
    AhaMoment.Sharing.NAMED: "Thank you for sharing your aha moment. People across the partnership can read it, with your name.",
    AhaMoment.Sharing.ANONYMOUS: "Thank you for sharing your aha moment. People across the partnership can read it, without your name.",
    AhaMoment.Sharing.PRIVATE: "Your aha moment is saved in your training record. Only you can read it.",
}


@session_page(*FORM)
def aha_moment(request, session):
    """A short reflection on something you noticed in your own practice, shared with your name, without it, or kept to yourself."""
    user = request.user
    require(permissions.can_share_aha_moment(user, session), rules.NOT_YOUR_SESSION)
    return form_page(
        request,
        forms.AhaMomentForm(post_or_none(request), initial={"sharing": AhaMoment.Sharing.ANONYMOUS}),
        template="training/aha_moment.html",
        context={"session": session, "when": queries.when_words(session)},
        action=lambda data: services.share_aha_moment(session, by=user, text=data["text"], theme=data["theme"], sharing=data["sharing"]),
        success_message=lambda moment: SHARED_WORDS[moment.sharing],
        success_url=session_url(session),
    )


@login_required
@require_http_methods(list(READ))
def aha_moments(request):
    """The aha moments people chose to share, by theme; a name only where its writer chose to give it."""
    require(permissions.can_browse_aha_moments(request.user))
    form = forms.AhaFilterForm(request.GET or None)
    theme = form.theme_value() if form.is_bound else ""
    page = Paginator(queries.shared_aha_moments(theme=theme), MOMENTS_PER_PAGE).get_page(request.GET.get("page"))
    counts = queries.aha_theme_counts()
    themes = [(value, label, counts.get(value, 0)) for value, label in AhaMoment.Theme.choices]
    return render(
        request,
        "training/aha_moments.html",
        {"form": form, "page": page, "theme": theme, "theme_name": dict(AhaMoment.Theme.choices).get(theme, ""), "themes": themes},
    )
