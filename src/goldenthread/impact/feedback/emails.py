"""The words of the e-mail that takes a survey to a family: (subject, body), sent with `core.mail.send_later`."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from . import rules


def answer_link(token: str) -> str:
    return settings.GOLDENTHREAD_SITE_URL + reverse("family_feedback:answer", args=[token])


def survey_link(request, token: str, survey, name: str = "") -> tuple[str, str]:
    hello = f"Hello {name}," if name else "Hello,"
    subject = f"{request.organisation.name} would like to hear from you"
    body = (
        f"{hello}\n\n"
        f"{survey.introduction}\n\n"
        f"It is a few short questions and takes a few minutes. You can skip any question, and you can choose to answer without your name.\n\n"
        f"Answer here:\n{answer_link(token)}\n\n"
        f"The link works once, for {rules.LINK_DAYS} days. If you would rather not answer, you do not need to do anything.\n\n"
        f"Thank you,\n{request.organisation.name}\n"
    )
    return subject, body
