"""A backup restored into an empty installation is the installation it was taken from: every table row for row, every uploaded file byte for byte.

The audit log and the family access log come back unchanged, and still append-only: new lines
are added after the old ones, and on PostgreSQL the database itself still refuses to change or
delete one. Everything here is fictional.
"""

import json
import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connections

from goldenthread.core.models import AuditEvent
from goldenthread.families.models import AccessLogEntry
from goldenthread.operations.backups.manifest import sha256_of

from .conftest import GUIDE_TEXT, RESTORED, every_file, every_row

pytestmark = pytest.mark.django_db(transaction=True)


def quietly(*args, **options):
    with open(os.devnull, "w") as nowhere:
        call_command(*args, stdout=nowhere, **options)


def back_up_and_restore(tmp_path, settings, restored_media):
    """Back up the installation, then restore it into the second database and a media folder of its own."""
    quietly("backup", str(tmp_path / "backup"))
    settings.MEDIA_ROOT = str(restored_media)
    quietly("restore", str(tmp_path / "backup"), database=RESTORED)
    return tmp_path / "backup"


def test_a_backup_restored_into_an_empty_installation_has_every_table_row_for_row(
    partnership_in_use, second_database, tmp_path, settings, media, restored_media
):
    before = every_row("default")

    back_up_and_restore(tmp_path, settings, restored_media)

    after = every_row(RESTORED)
    assert list(after) == list(before)
    for table, (columns, rows) in before.items():
        assert after[table] == (columns, rows), f"{table} differs after the restore"
    assert sum(len(rows) for _, rows in before.values()) > 0


def test_every_uploaded_file_comes_back_byte_for_byte(partnership_in_use, second_database, tmp_path, settings, media, restored_media):
    back_up_and_restore(tmp_path, settings, restored_media)

    assert every_file(restored_media) == every_file(media)
    assert GUIDE_TEXT in every_file(restored_media).values()


def test_the_audit_and_access_logs_survive_the_round_trip_unchanged(partnership_in_use, second_database, tmp_path, settings, restored_media):
    audit = list(AuditEvent.objects.order_by("id").values())
    access = list(AccessLogEntry.objects.order_by("id").values())

    back_up_and_restore(tmp_path, settings, restored_media)

    assert list(AuditEvent.objects.using(RESTORED).order_by("id").values()) == audit
    assert list(AccessLogEntry.objects.using(RESTORED).order_by("id").values()) == access
    assert audit and access


def test_the_restored_logs_take_new_lines_after_the_old_ones(partnership_in_use, second_database, tmp_path, settings, restored_media):
    last = AuditEvent.objects.order_by("id").last()

    back_up_and_restore(tmp_path, settings, restored_media)

    added = AuditEvent.objects.using(RESTORED).create(actor_label="Alex Morgan", action=AuditEvent.Action.SIGN_IN)
    assert added.id > last.id
    with pytest.raises(PermissionError):
        AuditEvent.objects.using(RESTORED).filter(id=last.id).update(actor_label="Someone else")


def test_on_postgresql_the_restored_database_still_refuses_to_change_or_delete_a_log_line(
    partnership_in_use, second_database, tmp_path, settings, restored_media
):
    if connections["default"].vendor != "postgresql":
        pytest.skip("The append-only triggers are PostgreSQL's; on SQLite the model and queryset guard the logs (tested above).")

    back_up_and_restore(tmp_path, settings, restored_media)

    with connections[RESTORED].cursor() as cursor:
        for table in ("core_auditevent", "families_accesslogentry"):
            with pytest.raises(DatabaseError, match="append-only"):
                cursor.execute(f"UPDATE {table} SET at = at")
            with pytest.raises(DatabaseError, match="append-only"):
                cursor.execute(f"DELETE FROM {table}")
    assert AuditEvent.objects.using(RESTORED).count() == AuditEvent.objects.count()


def test_a_backup_folder_holds_the_database_the_files_and_a_manifest_of_both(partnership_in_use, tmp_path, media):
    quietly("backup", str(tmp_path / "backup"))

    folder = tmp_path / "backup"
    manifest = json.loads((folder / "manifest.json").read_text())
    vendor = connections["default"].vendor
    assert manifest["format_version"] == 1
    assert manifest["database"] == {"vendor": vendor, "file": "database.dump" if vendor == "postgresql" else "database.sqlite3"}
    assert manifest["tables"]["core_auditevent"] == AuditEvent.objects.count()
    assert manifest["tables"]["families_accesslogentry"] == AccessLogEntry.objects.count()
    assert "0002_audit_log_append_only" in manifest["migrations"]["core"]
    assert set(manifest["files"]) == {manifest["database"]["file"], *(f"media/{name}" for name in every_file(media))}
    assert all(sha256_of(folder / name) == digest for name, digest in manifest["files"].items())
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no half-made folder left beside it
