"""Uploads go on while a backup is taken: every file the database snapshot names is in the backup, whole.

The files are copied before the snapshot, and looked at again after it: a file added meanwhile
is copied then, and one still being written at the first look is copied again. Everything
here is fictional.
"""

import os

import pytest
from django.core.management import call_command
from django.db import connections

from goldenthread.core.models import AuditEvent
from goldenthread.operations.backups import database

from .conftest import RESTORED

pytestmark = pytest.mark.django_db(transaction=True)


def quietly(*args, **options):
    with open(os.devnull, "w") as nowhere:
        call_command(*args, stdout=nowhere, **options)


@pytest.fixture
def uploads_while_the_snapshot_is_taken(monkeypatch):
    """Run `during(media_root)` while the database snapshot is being taken."""

    def arrange(during):
        real_dump = database.dump

        def dump_while_uploading(using, destination):
            during()
            return real_dump(using, destination)

        monkeypatch.setattr(database, "dump", dump_while_uploading)

    return arrange


def test_a_file_uploaded_while_the_snapshot_is_taken_is_in_the_backup(partnership_in_use, media, tmp_path, uploads_while_the_snapshot_is_taken):
    uploads_while_the_snapshot_is_taken(lambda: (media / "resources" / "uploaded-meanwhile.md").write_bytes(b"# Added during the backup\n"))

    quietly("backup", str(tmp_path / "backup"))

    assert (tmp_path / "backup" / "media" / "resources" / "uploaded-meanwhile.md").read_bytes() == b"# Added during the backup\n"


def test_a_file_still_being_written_at_the_first_look_is_copied_again_whole(partnership_in_use, media, tmp_path, uploads_while_the_snapshot_is_taken):
    half_written = media / "resources" / "large-upload.md"
    half_written.write_bytes(b"# The first half")

    def finish_writing():
        with open(half_written, "ab") as handle:
            handle.write(b", and the second half\n")

    uploads_while_the_snapshot_is_taken(finish_writing)

    quietly("backup", str(tmp_path / "backup"))

    assert (tmp_path / "backup" / "media" / "resources" / "large-upload.md").read_bytes() == b"# The first half, and the second half\n"


def test_the_manifest_counts_the_rows_of_the_snapshot_not_those_written_just_after_it(
    partnership_in_use, tmp_path, monkeypatch, second_database, settings, restored_media
):
    if connections["default"].vendor != "postgresql":
        pytest.skip("On SQLite the rows are counted in the copy itself; PostgreSQL counts them in the transaction pg_dump shares.")
    import psycopg

    in_the_snapshot = AuditEvent.objects.count()
    real_run = database._run

    def someone_signs_in_as_the_dump_ends(*arguments, using):
        real_run(*arguments, using=using)
        settings_dict = connections["default"].settings_dict
        with psycopg.connect(
            dbname=settings_dict["NAME"],
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user=settings_dict["USER"] or None,
            autocommit=True,
        ) as other:
            other.execute(
                "INSERT INTO core_auditevent (at, actor_label, action, object_type, object_id, object_label, changed_fields) VALUES (now(), 'Riley Shah', 'sign-in', '', '', '', '[]')"
            )

    monkeypatch.setattr(database, "_run", someone_signs_in_as_the_dump_ends)
    quietly("backup", str(tmp_path / "backup"))
    monkeypatch.setattr(database, "_run", real_run)
    settings.MEDIA_ROOT = str(restored_media)
    quietly("restore", str(tmp_path / "backup"), database=RESTORED)

    assert AuditEvent.objects.count() == in_the_snapshot + 1
    assert AuditEvent.objects.using(RESTORED).count() == in_the_snapshot
