"""View decorators every app shares."""

from functools import wraps


def no_store(view):
    """Never keep the page in the browser's cache, nor show it again after signing out (Cache-Control: no-store)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response

    return wrapped


READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")


def page(methods, allowed, message=None, *, private=False):
    """A page: signed in, answering only `methods`, for the people `allowed(user)` lets in.

    Anyone else is refused (`Refused(message)`, or the message that says who to ask) before the
    view looks anything up. `private=True` keeps the page out of the browser's cache (`no_store`),
    for a page about one person. Each app names its own default once:

        def _page(methods, allowed=permissions.can_see_roadmap, message=NOT_FOR_YOU):
            return page(methods, allowed, message)
    """
    from django.contrib.auth.decorators import login_required
    from django.views.decorators.http import require_http_methods

    from .refusals import Refused

    def decorate(view):
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise Refused(message) if message else Refused()
            return view(request, *args, **kwargs)

        return no_store(wrapped) if private else wrapped

    return decorate


def post_or_none(request):
    """The form's data on a POST, None on a GET: what a form page gives its form."""
    return request.POST if request.method == "POST" else None
