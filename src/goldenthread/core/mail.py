"""E-mail, always sent later by the task worker, and only once the change that caused it is saved.

Services call `send_later(to, subject, body)` inside their transaction. Nothing is sent if
the transaction is rolled back, and a slow mail server never holds up a page: the e-mail is
a background task (`send_email`), enqueued on commit and run by `manage.py db_worker`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail from the partnership's address; returns how many went (0 or 1)."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, list(to))


def send_later(to: str | Iterable[str], subject: str, body: str) -> None:
    """Send an e-mail to one address or several, as a background task enqueued once the transaction commits."""
    addresses = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in addresses if address]
    if not recipients:
        return
    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, body))
