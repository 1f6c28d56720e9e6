"""What the work pages share: one decorator that checks the person is in the workforce before anything is looked up, finders that answer 404, and one way to refuse."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import post_or_none  # noqa: F401 (the views import it from here)
from goldenthread.core.refusals import Refused

from .. import permissions, queries

READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")


def page(*methods, allowed=permissions.can_see_programmes, message=permissions.NOT_FOR_YOU):
    """Signed in, the methods the page answers, and in the workforce (or what `allowed` asks), before anything else is looked up."""

    def decorate(view):
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise Refused(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with the message (or the default that says who to ask) unless allowed."""
    if not allowed:
        raise Refused(message) if message else Refused()


def found(record):
    if record is None:
        raise Http404
    return record


def programme_or_404(public_id):
    return found(queries.programme_by_id(public_id))


def workstream_or_404(public_id):
    return found(queries.workstream_by_id(public_id))


def meeting_or_404(public_id):
    return found(queries.meeting_by_id(public_id))


def programme_url(programme) -> str:
    return reverse("programme:work-programme", args=[programme.public_id])


def workstream_url(workstream) -> str:
    return reverse("programme:work-workstream", args=[workstream.public_id])


def action_url(action) -> str:
    return reverse("programme:work-action", args=[action.workstream.public_id, action.public_id])
