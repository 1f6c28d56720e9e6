"""What the backup tests share: a second, empty database to restore into, media folders of their own, and every row of a database.

The tests run on the database the suite runs on: SQLite always, and PostgreSQL when DATABASE_URL
points at one (as in CI). The rows come from the shared people and the Brightwater family
(all fictional), written through the services as people would write them.
"""

import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

RESTORED = "restored"
GUIDE_TEXT = b"# Writing with families\n\nDescribe what happened, not what kind of person someone is.\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """The uploaded files of the installation being backed up, in a folder of this test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def restored_media(tmp_path) -> Path:
    """Where the second installation keeps its uploaded files: a folder that does not exist yet."""
    return tmp_path / "restored-media"


@pytest.fixture
def second_database(transactional_db, tmp_path):
    """A second database, new and empty (no tables), reachable as the connection alias 'restored'.

    SQLite: a file that does not exist yet. PostgreSQL: a database made here with CREATE DATABASE
    on the same server, and dropped at the end.
    """
    settings_dict = dict(connections["default"].settings_dict)
    vendor = connections["default"].vendor
    if vendor == "postgresql":
        import psycopg

        name = f"test_goldenthread_restored_{uuid.uuid4().hex[:8]}"
        server = _server_connection(psycopg, settings_dict)
        with server:
            server.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
    else:
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    connections.settings[RESTORED] = settings_dict
    # Django's test case refuses to open a connection to a database it was not told of; opened here,
    # before it asks, the connection is this test's to use (and nothing in a restore closes it).
    connections[RESTORED].connect()
    yield RESTORED
    connections[RESTORED].close()
    del connections[RESTORED]
    del connections.settings[RESTORED]
    if vendor == "postgresql":
        server = _server_connection(psycopg, dict(connections["default"].settings_dict))
        with server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_connection(psycopg, settings_dict):
    return psycopg.connect(
        dbname="postgres",
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def every_row(alias: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the database, with its column names and its rows, sorted, read through the DB-API."""
    connection = connections[alias]
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
    return tables


def every_file(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def partnership_in_use(media, family, champion, childrens_services, partnership_lead):
    """A partnership that has been used: people, two agencies, the Brightwater family (with its access log), and a guide uploaded to the library."""
    from goldenthread.core.models import AuditEvent
    from goldenthread.families.models import AccessLogEntry
    from goldenthread.programme.resources import services

    guide = services.add_resource(
        by=champion,
        organisation=childrens_services,
        title="Writing with families: words that help (fictional)",
        summary="How to write records families can read without feeling judged.",
        kind="guide",
        principles=["safety", "connectedness"],
        sectors=["childrens-social-care"],
        domains=[],
        roles=["practitioner"],
        upload=SimpleUploadedFile("writing-with-families.md", GUIDE_TEXT, content_type="text/markdown"),
    )
    assert AuditEvent.objects.exists() and AccessLogEntry.objects.exists()
    assert (media / guide.versions.get().file.name).read_bytes() == GUIDE_TEXT
    return guide
