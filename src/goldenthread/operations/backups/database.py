"""The database half of a backup: a snapshot out, a snapshot back in, and what is in it.

PostgreSQL: `pg_dump --format=custom`, one consistent snapshot (a single repeatable-read
transaction) holding the schema, the rows and the append-only triggers; `pg_restore` puts it
back in a single transaction. SQLite: the online backup API of the `sqlite3` module, which
copies a consistent image of the database page by page, both ways.

The password goes to the PostgreSQL tools in their environment (PGPASSWORD), never on the
command line, where anyone on the machine could read it.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from .manifest import BackupRefused

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
FILE_NAMES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}


def vendor_of(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in FILE_NAMES:
        raise BackupRefused(f"Backups work with PostgreSQL and SQLite; this database is {vendor}.")
    return vendor


def table_names(using: str) -> list[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def row_counts(using: str) -> dict[str, int]:
    """How many rows each table of the database holds."""
    connection = connections[using]
    counts = {}
    with connection.cursor() as cursor:
        for table in table_names(using):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from Django's own introspection, quoted)
            counts[table] = cursor.fetchone()[0]
    return counts


def migration_state(using: str) -> dict[str, list[str]]:
    """The migrations applied to the database, by app, as the manifest records them."""
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(state.items())}


def project_tables() -> set[str]:
    """The tables of Golden Thread's own models (the apps under `goldenthread.`)."""
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True) if model.__module__.startswith("goldenthread.")}


def dump(using: str, destination: Path) -> dict:
    """Write one consistent snapshot of the database to `destination`; what it holds: rows per table and migrations applied.

    Both are read from the snapshot itself, not from the live database a moment later, so they
    agree with the dump however busy the platform is. PostgreSQL: a repeatable-read transaction
    exports its snapshot, pg_dump takes that same snapshot (`--snapshot`), and the counts are
    made inside the transaction. SQLite: the counts are made in the copy.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupRefused("A backup cannot be taken inside a transaction: run it on its own.")
    connection.ensure_connection()
    if vendor_of(using) == POSTGRESQL:
        pg_dump = _tool("pg_dump")
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            _run(
                pg_dump,
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={destination}",
                *_connection_arguments(connection.settings_dict),
                using=using,
            )
            return {"tables": row_counts(using), "migrations": migration_state(using)}
    target = sqlite3.connect(destination)
    try:
        connection.connection.backup(target)
        tables = [name for (name,) in target.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence' ORDER BY name")]
        counts = {table: target.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608 (table names from Django's own introspection, quoted)
        migrations: dict[str, list[str]] = {}
        if "django_migrations" in tables:
            for app_label, name in target.execute("SELECT app, name FROM django_migrations"):
                migrations.setdefault(app_label, []).append(name)
    finally:
        target.close()
    return {"tables": counts, "migrations": {app_label: sorted(names) for app_label, names in sorted(migrations.items())}}


def load(using: str, source: Path) -> None:
    """Put the snapshot in `source` into the database, which must have no tables yet (see `restore`)."""
    connection = connections[using]
    if vendor_of(using) == POSTGRESQL:
        # One transaction, stopped at the first error: the restore happens whole or not at all.
        _run(
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            *_connection_arguments(connection.settings_dict),
            str(source),
            using=using,
        )
    else:
        connection.ensure_connection()
        snapshot = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            snapshot.backup(connection.connection)
        finally:
            snapshot.close()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupRefused(
            f"{name} is not installed, or not on the PATH. Install the PostgreSQL client tools "
            f"(on Debian or Ubuntu: apt-get install postgresql-client), in the same major version as the server or newer, then try again."
        )
    return found


def _connection_arguments(settings_dict: dict) -> list[str]:
    arguments = []
    if settings_dict.get("HOST"):
        arguments.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        arguments.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        arguments.append(f"--username={settings_dict['USER']}")
    arguments.append(f"--dbname={settings_dict['NAME']}")
    return arguments


def _environment(settings_dict: dict) -> dict[str, str]:
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("sslcert", "PGSSLCERT"), ("sslkey", "PGSSLKEY")):
        if options.get(option):
            environment[variable] = str(options[option])
    return environment


def _run(*arguments: str, using: str) -> None:
    name = Path(arguments[0]).name
    completed = subprocess.run(list(arguments), env=_environment(connections[using].settings_dict), capture_output=True, text=True, check=False)  # noqa: S603 (pg_dump or pg_restore found with shutil.which, arguments a list, no shell)
    if completed.returncode != 0:
        said = completed.stderr.strip() or completed.stdout.strip() or "no message"
        raise BackupRefused(f"{name} stopped with status {completed.returncode}: {said}")
