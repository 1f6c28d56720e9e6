"""The words of the e-mail the quality part sends: (subject, body), sent with `core.mail.send_later` once the draw is saved.

An e-mail never names a family or says anything about one: the link leads to the round's
page, behind two-step verification.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def link(name: str, *args) -> str:
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def round_drawn(audit_round) -> tuple[str, str]:
    auditor = audit_round.auditor
    drawn = audit_round.items.count()
    records = "1 record" if drawn == 1 else f"{drawn} records"
    subject = f"{records} drawn for you to audit"
    body = (
        f"Hello {auditor.full_name or auditor.email},\n\n"
        f"Thank you for auditing records for the partnership. The platform has drawn {records} for you, "
        f"from {audit_round.period_words} ({audit_round.organisation_words}).\n\n"
        "Read each record with the language check's findings alongside, and grade it against the audit questions. "
        "You will be asked for your two-step verification code, as for any family's record.\n\n"
        f"Your round:\n{link('impact:quality_round', audit_round.public_id)}\n"
    )
    return subject, body
