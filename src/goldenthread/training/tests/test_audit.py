"""Every change in training is in the audit log, in the partnership's words, and nothing anyone wrote in feedback or a reflection is."""

import re

from goldenthread.core import audit
from goldenthread.core.models import AuditEvent
from goldenthread.training import services

from .support import came, held

DJANGO_WORDS = re.compile(r"object \(|#\d+ \(|\btraining\.[a-z]+\b|\b[a-z]+_[a-z_]+\b")


def test_booking_taking_the_register_feedback_and_an_aha_moment_are_logged_in_plain_words(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    services.give_feedback(session, by=practitioner, usefulness=4, most_helpful="A private thought about my own practice.", confidence={})
    services.share_aha_moment(session, by=practitioner, text="Another private thought.", theme="language", sharing="anonymous")

    lines = audit.lines(AuditEvent.objects.filter(object_type__startswith="training.").order_by("id"))
    kinds = {line["kind"] for line in lines}
    assert {"training programme", "training course", "training session", "place on a training session", "completed course"} <= kinds
    assert {"feedback on a training session", "aha moment"} <= kinds
    for line in lines:
        words = " ".join([line["kind"], line["record"], *line["changed"]])
        assert not DJANGO_WORDS.search(words), words
        assert "private thought" not in words
    (aha,) = [line for line in lines if line["kind"] == "aha moment"]
    assert "Riley" not in aha["record"]
    assert any(line["record"].startswith("Riley Shah's place on Trauma-informed practice: the essentials, on ") for line in lines)
