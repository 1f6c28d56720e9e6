"""What the supervision pages share: the `session_page` and `action_page` wrappers, refusals, and lists of people to choose from."""

import uuid
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store
from goldenthread.core.refusals import Refused
from goldenthread.core.safeguards import family_data_safeguards

from .. import forms, permissions, queries, themes
from ..models import AgreedAction, Session


def session_page(*methods):
    """Signed in, the HTTP methods the page answers, and the safeguards when the session is about a family.

    The view receives the Session (404 for an unknown one) instead of its id; who may see it is
    asked inside each view, because it differs from page to page.
    """

    def decorate(view):
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, session_id, *args, **kwargs):
            session = get_object_or_404(Session.objects.select_related("family", "facilitator", "accountable_manager", "requested_by"), public_id=session_id)
            if session.family_id is not None:
                return no_store(family_data_safeguards(lambda req: view(req, session, *args, **kwargs)))(request)
            return view(request, session, *args, **kwargs)

        return wrapped

    return decorate


def action_page(view):
    """An action's small form page: signed in, GET or POST, the session's safeguards, the action (404 if unknown)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapped(request, action_id):
        action = get_object_or_404(AgreedAction.objects.select_related("session", "session__family", "owner"), public_id=action_id)
        if action.session.family_id is not None:
            return no_store(family_data_safeguards(lambda req: view(req, action)))(request)
        return view(request, action)

    return wrapped


def _require(allowed):
    if not allowed:
        raise Refused()


def _post_or_none(request):
    return request.POST if request.method == "POST" else None


def _session_url(session) -> str:
    return reverse("supervision:session", args=[session.public_id])


def _must_acknowledge(request, session):
    """Everyone reads the record only after acknowledging confidentiality: send them to that page first."""
    if permissions.has_acknowledged(request.user, session):
        return None
    _require(permissions.can_acknowledge(request.user, session))
    return redirect("supervision:acknowledge", session.public_id)


def _people_choices(users_with_organisations):
    """{public id: (user, label)} for (user, organisation name) pairs, each person once."""
    people = {}
    for user, organisation_name in users_with_organisations:
        key = str(user.public_id)
        if key not in people:
            people[key] = (user, forms.person_label(user, organisation_name))
    return people


def _ticked_people(keys):
    """The people already ticked, so they stay ticked when another organisation is shown."""
    return queries.active_people(key for key in keys if _looks_like_uuid(key))


def _looks_like_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _show_without_errors(form):
    """A bound form shown again (to list more people) without judging it yet: nothing typed is lost."""
    form._errors = ErrorDict()
    return form


def _theme_names():
    return dict(themes.theme_choices())
