"""One way to refuse, and one way to say that someone else saved first.

- `Refused`: a service or view says no, with a plain message saying who to ask. It is a
  PermissionDenied, so anything that already handles that still works; pages answer with
  `render_refusal` (403, the message shown) and the API with `api_refusal_handler`
  (403, `{"detail": message}`). A refusal without a message of its own says who to ask
  for the person refused (`who_to_ask`): an organisation lead is not told to ask their
  organisation lead. Where a rule says a refusal is logged (a family's access
  log), the service writes that line first and then raises.
- `EditConflict` and `check_version`: a version-checked edit that lost. The page answers
  409 and shows what is saved now beside what the person typed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import registry
from .permissions import is_partnership_admin, is_signed_in

DEFAULT_REFUSAL = "Your role does not include this. If you think it should, ask your organisation lead or your partnership's admin."


class Refused(PermissionDenied):
    """A plain refusal: `message` says why, and who to ask."""

    def __init__(self, message: str = DEFAULT_REFUSAL):
        self.message = message
        super().__init__(message)


DEFAULT_WHO_TO_ASK = "ask your organisation lead or your partnership's admin"
PARTNERSHIP_TEAM = "talk with the others in the partnership team"


def who_to_ask(user) -> str:
    """Who this person should ask when their role does not include something, as words after "If you think it should, ".

    A partnership lead or admin talks with the rest of the partnership team; anyone else is
    answered by the apps (an organisation lead asks the partnership team, a practitioner their
    organisation lead, a family member their lead practitioner); anyone else, the default.
    """
    if not is_signed_in(user):
        return DEFAULT_WHO_TO_ASK
    if is_partnership_admin(user):
        return PARTNERSHIP_TEAM
    return registry.who_to_ask(user) or DEFAULT_WHO_TO_ASK


def default_refusal_for(user) -> str:
    """The default refusal, saying who this person should ask."""
    return f"Your role does not include this. If you think it should, {who_to_ask(user)}."


def refusal_message(exc: BaseException, user=None) -> str:
    """The message to show for any refusal: a Refused's own, a PermissionDenied's text, or the default for `user`."""
    message = getattr(exc, "message", None) or str(exc)
    if not message or message == DEFAULT_REFUSAL:
        return default_refusal_for(user) if user is not None else DEFAULT_REFUSAL
    return message


def _person(request):
    """Who is asking: the signed-in person, or the owner of the API token."""
    for person in (getattr(request, "user", None), getattr(request, "auth", None)):
        if is_signed_in(person):
            return person
    return None


def render_refusal(request, refused: PermissionDenied):
    """The page for a refusal: 403, with the message and a way home."""
    return render(request, "core/errors/refused.html", {"message": refusal_message(refused, _person(request))}, status=403)


def api_refusal_handler(request, exc: PermissionDenied, api):
    """A django-ninja exception handler: 403 and `{"detail": message}`.

    Register it with `api.add_exception_handler(Refused, functools.partial(api_refusal_handler, api=api))`.
    """
    return api.create_response(request, {"detail": refusal_message(exc, _person(request))}, status=403)


class EditConflict(Exception):
    """Someone else saved a newer version while this person was editing.

    Carries what is saved now (`current`, also `saved`: field -> value) with its version
    (`current_version`), and what the person typed (`typed`), so the page can show both
    and nothing typed is lost.
    """

    def __init__(self, obj, fields: Iterable[str] = (), typed: dict | None = None):
        self.obj = obj
        self.current_version = obj.version
        self.current = {name: getattr(obj, name) for name in fields}
        self.typed = dict(typed or {})
        super().__init__("Someone else changed this while you were editing it.")

    @property
    def saved(self) -> dict:
        return self.current


def check_version(obj, version, *, fields: Iterable[str] = (), typed: dict | None = None) -> None:
    """Raise EditConflict unless `obj.version` is the version the person read.

    Call it inside the transaction, on the row read with `select_for_update()`. A missing
    version (None) counts as a conflict: the person cannot have read the saved text.
    """
    if version is None or obj.version != version:
        raise EditConflict(obj, fields, typed)
