"""Request-wide helpers: who is acting (for the audit log)."""

from .audit import reset_actor, set_actor


class AuditActorMiddleware:
    """Make the signed-in person the actor of every change this request makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = set_actor(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)
