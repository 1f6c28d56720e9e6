"""What the training pages share: the wrappers that find the session, course or programme, and one way to refuse."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import post_or_none  # noqa: F401 (the views import it from here)
from goldenthread.core.refusals import Refused

from .. import queries

READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")


def _page(finder, *methods):
    """Signed in, the HTTP methods the page answers, and the record named in the address (404 when there is none)."""

    def decorate(view):
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, public_id, *args, **kwargs):
            found = finder(public_id)
            if found is None:
                raise Http404
            return view(request, found, *args, **kwargs)

        return wrapped

    return decorate


def session_page(*methods):
    return _page(queries.session_by_id, *methods)


def course_page(*methods):
    return _page(queries.course_by_id, *methods)


def programme_page(*methods):
    return _page(queries.programme_by_id, *methods)


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with the message (or the default that says who to ask) unless allowed."""
    if not allowed:
        raise Refused(message) if message else Refused()


def session_url(session) -> str:
    return reverse("training:session", args=[session.public_id])


def course_url(course) -> str:
    return reverse("training:course", args=[course.public_id])
