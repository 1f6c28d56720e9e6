"""What waits for a person in the quality part: their own audit round with records still to grade. A notice never names a family."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import permissions, queries


def waiting(user) -> list[Waiting]:
    if not permissions.is_auditor(user):
        return []
    notices = []
    for audit_round in queries.rounds_waiting_for(user):
        left, total = audit_round.counts["waiting"], audit_round.counts["total"]
        if not left:
            continue
        notices.append(
            Waiting(
                what="Grade the records drawn for your audit",
                about=f"{left} of {total} records from {audit_round.period_words} ({audit_round.organisation_words}) are still to grade.",
                link=reverse("impact:quality_round", args=[audit_round.public_id]),
                since=audit_round.drawn_at,
            )
        )
    return notices
