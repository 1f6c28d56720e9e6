"""Every line of the audit log reads in the partnership's words: the kind of record, which record, and what changed.

No line shows Django's own names for things ("Answer object (9617)", "attendee #160
(supervision.attendee)", `acknowledged_confidentiality_at`), and none tells a partnership admin
anything of a family's record that they may not see.
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from goldenthread.core import audit, registry
from goldenthread.core.models import AuditEvent

APP_LABELS = ("core", "partnership", "pledges", "continuum", "families", "supervision")
DJANGO_WORDS = {
    "a default description": re.compile(r"object \("),
    "a record number before a bracket": re.compile(r"#\d+ \("),
    "a dotted app label": re.compile(r"\b(?:" + "|".join(APP_LABELS) + r")\.[a-z]+\b"),
    "a field's own name": re.compile(r"\b[a-z]+_[a-z_]+\b"),
}


class _Rows(HTMLParser):
    """The text of each row of the audit log's table."""

    def __init__(self):
        super().__init__()
        self.rows, self._row = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join(part.strip() for part in self._row if part.strip()))
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row.append(data)


def rows_of(page) -> list[str]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows[1:]  # the first row is the table's heading


def audited_models():
    return [model for model in apps.get_models() if audit._is_audited(model)]


def every_row_of_the_audit_log(client) -> list[str]:
    rows, number = [], 1
    while True:
        response = client.get(reverse("core:audit-log"), {"page": number})
        rows.extend(rows_of(response.content.decode()))
        if response.context["page"].number >= response.context["page"].paginator.num_pages:
            return rows
        number += 1


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_every_line_of_the_audit_log_for_the_demo_reads_in_the_partnerships_words(demo, client):
    kinds = set(AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True))
    # A change to every field of one record of each kind the demo made, so every field's words are shown too.
    for model_label in sorted(kinds):
        model = apps.get_model(model_label)
        record = model._default_manager.order_by("pk").first()
        audit.record(AuditEvent.Action.UPDATE, obj=record, changed_fields=[field.name for field in model._meta.concrete_fields])
    admin = apps.get_model("core.User").objects.filter(is_partnership_admin=True, is_active=True).first()
    client.force_login(admin)

    rows = every_row_of_the_audit_log(client)

    assert len(rows) == AuditEvent.objects.count()
    assert len(kinds) >= 25, "the demo makes records of most kinds"
    for row in rows:
        for what, pattern in DJANGO_WORDS.items():
            assert not pattern.search(row), f"{what} in the audit log: {row}"


def test_a_place_in_a_session_is_described_as_people_say_it():
    words = registry.audit_label_for("supervision.attendee")

    assert audit.kind_of("supervision.attendee") == "place in a supervision session"
    assert audit.field_words("supervision.attendee", "acknowledged_confidentiality_at") == "when they agreed to keep it confidential"
    assert words is not None and words.describe is not None


def test_every_kind_of_record_that_can_hold_personal_data_or_has_no_words_of_its_own_registers_a_description():
    from django.db import models

    missing = [
        model._meta.label_lower
        for model in audited_models()
        if (registry.holds_personal_data(model._meta.app_label) or model.__str__ is models.Model.__str__)
        and getattr(registry.audit_label_for(model._meta.label_lower), "describe", None) is None
    ]

    assert missing == []


def test_every_field_of_every_audited_record_has_words_a_person_would_use():
    raw = [
        f"{model._meta.label_lower}.{field.name}: {audit.field_words(model._meta.label_lower, field.name)}"
        for model in audited_models()
        for field in model._meta.concrete_fields
        if field.name != "id" and "_" in audit.field_words(model._meta.label_lower, field.name)
    ]

    assert raw == []


def test_lines_written_before_the_words_existed_show_the_kind_of_record_and_nothing_of_django(db):
    old = [
        AuditEvent.objects.create(action=AuditEvent.Action.CREATE, object_type="continuum.answer", object_id="9617", object_label="Answer object (9617)"),
        AuditEvent.objects.create(
            action=AuditEvent.Action.UPDATE,
            object_type="supervision.attendee",
            object_id="160",
            object_label="attendee #160",
            changed_fields=["acknowledged_confidentiality_at"],
        ),
    ]

    lines = audit.lines(old)

    assert [(line["kind"], line["record"]) for line in lines] == [("answer to a statement", ""), ("place in a supervision session", "")]
    assert lines[1]["changed"] == ["when they agreed to keep it confidential"]


def test_a_family_is_named_in_the_audit_log_by_its_reference_and_never_by_name(recorded_family):
    described = {
        event.object_type: event.object_label for event in AuditEvent.objects.filter(object_type__startswith="families.", action=AuditEvent.Action.CREATE)
    }

    assert described["families.family"] == f"Family {recorded_family.reference}"
    assert all(recorded_family.family_name not in label for label in described.values())
    for person in recorded_family.people.all():
        assert all(person.first_name not in label for label in described.values())
