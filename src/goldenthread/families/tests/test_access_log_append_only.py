"""The family access log is append-only: in the model, in the queryset, and (on PostgreSQL) in the database.

Each test is someone trying to rewrite or remove what the log says: a bulk update that turns a
refusal into an allowed look, a bulk delete that hides an emergency access, raw SQL that goes round
Django altogether. Retention still erases and anonymises records, and their log lines stay as they were.
"""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from goldenthread.families import access, services, tasks
from goldenthread.families.models import AccessLogEntry, Family, RetentionRule

from .test_access_support import log_lines, start_emergency

Basis = AccessLogEntry.Basis
ONLY_ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The trigger that refuses raw SQL exists only on PostgreSQL; SQLite (demo and first runs) relies on the model and queryset guards tested above",
)
TABLE = AccessLogEntry._meta.db_table


def test_a_bulk_update_that_turns_a_refusal_into_an_allowed_look_is_refused(family, trainer):
    access.read(trainer, family, access.HOUSEHOLD)
    refused = log_lines(family, trainer, basis=Basis.REFUSED)

    with pytest.raises(PermissionError, match="append-only"):
        refused.update(basis=Basis.CONSENT)

    assert refused.count() == 1


def test_a_bulk_update_of_the_whole_access_log_is_refused(family):
    before = list(AccessLogEntry.objects.values_list("id", "user_label", "detail"))

    with pytest.raises(PermissionError, match="append-only"):
        AccessLogEntry.objects.update(user_label="Someone", detail="")

    assert list(AccessLogEntry.objects.values_list("id", "user_label", "detail")) == before


def test_a_bulk_delete_that_hides_an_emergency_access_is_refused(family, other_agency_lead):
    start_emergency(other_agency_lead, family)
    emergency_lines = log_lines(family, other_agency_lead, basis=Basis.EMERGENCY)
    assert emergency_lines.exists()

    with pytest.raises(PermissionError, match="append-only"):
        emergency_lines.delete()

    assert emergency_lines.exists()


def test_a_bulk_delete_of_the_whole_access_log_is_refused(family):
    count = AccessLogEntry.objects.count()

    with pytest.raises(PermissionError, match="append-only"):
        AccessLogEntry.objects.all().delete()

    assert AccessLogEntry.objects.count() == count


def test_bulk_update_of_loaded_lines_is_refused(family):
    lines = list(log_lines(family))
    for line in lines:
        line.detail = "Nothing happened"

    with pytest.raises(PermissionError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.bulk_update(lines, ["detail"])

    assert not log_lines(family, detail="Nothing happened").exists()


@ONLY_ON_POSTGRESQL
def test_on_postgresql_a_raw_sql_update_of_the_access_log_is_refused(family, trainer):
    access.read(trainer, family, access.HOUSEHOLD)
    line = log_lines(family, trainer).get()

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {TABLE} SET basis = %s WHERE id = %s", [Basis.CONSENT, line.pk])

    line.refresh_from_db()
    assert line.basis == Basis.REFUSED


@ONLY_ON_POSTGRESQL
def test_on_postgresql_a_raw_sql_delete_of_the_access_log_is_refused(family):
    count = log_lines(family).count()

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE family_reference = %s", [family.reference])

    assert log_lines(family).count() == count


@ONLY_ON_POSTGRESQL
def test_on_postgresql_the_trigger_is_installed_on_the_access_log(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [TABLE],
        )
        triggers = {row[0] for row in cursor.fetchall()}

    assert "families_accesslogentry_append_only" in triggers


def _closed_long_ago(family, practitioner):
    services.close_family(
        family,
        by=practitioner,
        closed_on=timezone.localdate() - timedelta(days=365 * 10),
    )
    return Family.objects.get(pk=family.pk)


@pytest.mark.parametrize("outcome", [RetentionRule.Outcome.ERASE, RetentionRule.Outcome.ANONYMISE])
def test_retention_still_erases_or_anonymises_and_leaves_every_earlier_log_line_as_it_was(outcome, family, practitioner, partnership_lead):
    services.set_retention_rule(by=partnership_lead, years=6, outcome=outcome)
    closed = _closed_long_ago(family, practitioner)
    reference = closed.reference
    before = list(
        log_lines(closed).values_list(
            "id",
            "at",
            "user_label",
            "organisation_label",
            "action",
            "part",
            "basis",
            "detail",
        )
    )

    run = tasks.run_retention()

    assert reference in (run.erased if outcome == RetentionRule.Outcome.ERASE else run.anonymised)
    after = AccessLogEntry.objects.filter(family_reference=reference).order_by("id")
    assert (
        list(
            after.values_list(
                "id",
                "at",
                "user_label",
                "organisation_label",
                "action",
                "part",
                "basis",
                "detail",
            )
        )[: len(before)]
        == before
    )
    assert after.last().basis == Basis.RETENTION
    assert Family.objects.filter(pk=closed.pk).exists() == (outcome == RetentionRule.Outcome.ANONYMISE)
