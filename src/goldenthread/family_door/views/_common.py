"""What every page of the family's own door shares: the guard, and the family member it is for."""

from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store

from .. import permissions, services

SIGNED_IN_AT_THE_DOOR = "family_door_signed_in"


def family_page(*methods):
    """A page for a family member's own account: signed in at the family's door (a one-time code, or their invitation),
    with the current short terms agreed. Anyone else is sent to the family's sign-in. `request.person` is their own
    family member; nothing is cached."""

    def wrap(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            user = request.user
            person = permissions.own_person(user)
            if person is None or not request.session.get(SIGNED_IN_AT_THE_DOOR):
                return redirect(reverse("family_door:sign-in"))
            if not services.has_agreed_to_current_terms(user) and view.__name__ != "terms":
                return redirect(reverse("family_door:terms"))
            request.person = person
            return view(request, *args, **kwargs)

        return no_store(require_http_methods(list(methods) or ["GET"])(guarded))

    return wrap
