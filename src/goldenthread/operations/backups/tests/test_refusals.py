"""A backup or restore that cannot be done safely is refused, with what to do next, and nothing is changed.

A restore goes only into an empty installation and only from a whole, unaltered backup; a
backup never overwrites a folder and never leaves a half-made one looking complete.
Everything here is fictional.
"""

import json
import os

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from goldenthread.operations.backups import BackupRefused, database, make_backup

from .conftest import RESTORED, every_file, every_row

pytestmark = pytest.mark.django_db(transaction=True)


def quietly(*args, **options):
    with open(os.devnull, "w") as nowhere:
        call_command(*args, stdout=nowhere, **options)


@pytest.fixture
def backup(partnership_in_use, tmp_path):
    quietly("backup", str(tmp_path / "backup"))
    return tmp_path / "backup"


def test_a_restore_into_a_database_holding_data_is_refused_and_nothing_changes(backup, media):
    before, files_before = every_row("default"), every_file(media)

    with pytest.raises(CommandError, match="(?s)already holds data.*Create a new, empty database"):
        quietly("restore", str(backup))

    assert every_row("default") == before
    assert every_file(media) == files_before


def test_a_restore_into_a_database_with_tables_but_no_data_is_refused_too(backup, second_database, settings, restored_media):
    with connections[RESTORED].cursor() as cursor:
        cursor.execute("CREATE TABLE left_over (id integer)")
    settings.MEDIA_ROOT = str(restored_media)

    with pytest.raises(CommandError, match="(?s)already has 1 table,.*without running 'migrate' on it first"):
        quietly("restore", str(backup), database=RESTORED)

    assert list(every_row(RESTORED)) == ["left_over"]
    assert not restored_media.exists()


def test_a_restore_into_a_media_folder_holding_files_is_refused_and_nothing_changes(backup, second_database, settings, restored_media):
    (restored_media / "resources").mkdir(parents=True)
    (restored_media / "resources" / "someone-elses.md").write_bytes(b"not from the backup")
    settings.MEDIA_ROOT = str(restored_media)

    with pytest.raises(CommandError, match="already holds 1 file"):
        quietly("restore", str(backup), database=RESTORED)

    assert every_row(RESTORED) == {}
    assert every_file(restored_media) == {"resources/someone-elses.md": b"not from the backup"}


@pytest.mark.parametrize("damage", ["an uploaded file changed", "the database changed", "an uploaded file missing", "a file added"])
def test_a_damaged_or_altered_backup_is_refused_and_nothing_changes(backup, second_database, settings, restored_media, damage):
    uploaded = next(path for path in (backup / "media").rglob("*") if path.is_file())
    database_file = next(backup.glob("database.*"))
    if damage == "an uploaded file changed":
        uploaded.write_bytes(uploaded.read_bytes() + b"!")
    elif damage == "the database changed":
        with open(database_file, "r+b") as handle:
            handle.seek(200)
            byte = handle.read(1)
            handle.seek(200)
            handle.write(bytes([byte[0] ^ 0xFF]))
    elif damage == "an uploaded file missing":
        uploaded.unlink()
    else:
        (backup / "media" / "extra.md").write_bytes(b"slipped in")
    settings.MEDIA_ROOT = str(restored_media)

    with pytest.raises(CommandError, match="(?s)does not match its manifest.*Nothing has been restored"):
        quietly("restore", str(backup), database=RESTORED)

    assert every_row(RESTORED) == {}
    assert every_file(restored_media) == {}


def test_a_backup_from_another_database_vendor_is_refused(backup, second_database, settings, restored_media):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["database"]["vendor"] = "sqlite" if manifest["database"]["vendor"] == "postgresql" else "postgresql"
    (backup / "manifest.json").write_text(json.dumps(manifest))
    settings.MEDIA_ROOT = str(restored_media)

    with pytest.raises(CommandError, match="installation uses"):
        quietly("restore", str(backup), database=RESTORED)

    assert every_row(RESTORED) == {}


def test_a_backup_made_by_a_newer_version_is_refused(backup, second_database, settings, restored_media):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["migrations"]["core"].append("9999_from_the_future")
    (backup / "manifest.json").write_text(json.dumps(manifest))
    settings.MEDIA_ROOT = str(restored_media)

    with pytest.raises(CommandError, match="(?s)made by a newer version.*core 9999_from_the_future"):
        quietly("restore", str(backup), database=RESTORED)

    assert every_row(RESTORED) == {}


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path, second_database):
    (tmp_path / "holiday-photos").mkdir()

    with pytest.raises(CommandError, match="not a finished backup"):
        quietly("restore", str(tmp_path / "holiday-photos"), database=RESTORED)


def test_a_backup_never_writes_into_a_folder_that_holds_something(partnership_in_use, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="(?s)already exists and is not an empty folder.*No backup was written"):
        quietly("backup", str(tmp_path / "backup"))

    assert every_file(tmp_path / "backup") == {"notes.txt": b"keep me"}


def test_a_backup_into_an_empty_folder_that_exists_is_allowed(partnership_in_use, tmp_path):
    (tmp_path / "backup").mkdir()

    quietly("backup", str(tmp_path / "backup"))

    assert (tmp_path / "backup" / "manifest.json").is_file()


def test_a_backup_that_fails_halfway_leaves_no_folder_that_looks_complete(partnership_in_use, tmp_path, monkeypatch):
    def broken_dump(using, destination):
        destination.write_bytes(b"half a database")
        raise BackupRefused("pg_dump stopped with status 1: the server went away")

    monkeypatch.setattr(database, "dump", broken_dump)

    with pytest.raises(CommandError, match="(?s)the server went away.*No backup was written"):
        quietly("backup", str(tmp_path / "backup"))

    assert list(tmp_path.iterdir()) == [tmp_path / "media"]


def test_without_the_postgresql_tools_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setattr(database.shutil, "which", lambda name: None)

    with pytest.raises(BackupRefused, match="(?s)pg_dump is not installed.*postgresql-client"):
        database._tool("pg_dump")


def test_the_database_password_goes_to_the_postgresql_tools_in_their_environment_never_on_the_command_line():
    settings_dict = {
        "NAME": "goldenthread",
        "USER": "goldenthread",
        "PASSWORD": "a-secret-password",
        "HOST": "db.example",
        "PORT": "5432",
        "OPTIONS": {"sslmode": "require"},
    }

    arguments = database._connection_arguments(settings_dict)
    environment = database._environment(settings_dict)

    assert not any("a-secret-password" in argument for argument in arguments)
    assert environment["PGPASSWORD"] == "a-secret-password"
    assert environment["PGSSLMODE"] == "require"
    assert arguments == ["--host=db.example", "--port=5432", "--username=goldenthread", "--dbname=goldenthread"]


def test_a_backup_inside_a_transaction_is_refused(partnership_in_use, tmp_path):
    from django.db import transaction

    with transaction.atomic(), pytest.raises(BackupRefused, match="inside a transaction"):
        make_backup(tmp_path / "backup")
