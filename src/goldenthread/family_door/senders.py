"""How a family member's sign-in code reaches them: pluggable, so a partnership can send it by text message.

The default sends an e-mail, as a background task once the code is saved (`core.mail.send_later`).
A partnership with a text-message gateway (GOV.UK Notify, say) writes a class with the same
`send` method and names it in `GOLDENTHREAD_FAMILY_CODE_SENDER`; nothing else changes. The
code is never logged, and it is kept in the database only as a digest.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from goldenthread.core.mail import send_later

from . import emails


class CodeSender:
    """Sends a one-time sign-in code to a family member; `minutes` is how long it works."""

    def send(self, *, user, code: str, minutes: int) -> None:
        raise NotImplementedError


class EmailCodeSender(CodeSender):
    def send(self, *, user, code: str, minutes: int) -> None:
        send_later(user.email, *emails.sign_in_code(user, code, minutes))


def code_sender() -> CodeSender:
    return import_string(getattr(settings, "GOLDENTHREAD_FAMILY_CODE_SENDER", "") or "goldenthread.family_door.senders.EmailCodeSender")()
