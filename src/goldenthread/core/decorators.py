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
