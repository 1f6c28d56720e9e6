"""Restore a backup into an empty installation: a database with no tables, and no uploaded files.

Everything is checked before anything changes: the checksums of every file in the backup,
the database vendor, that this version of the code knows every migration the backup has,
that the database has no tables at all (not even empty ones from `manage.py migrate`: the
backup brings its own schema, and nothing already there is ever overwritten), and that
MEDIA_ROOT holds no files. Then the database snapshot goes in (on PostgreSQL in one
transaction, triggers and all), the files are copied back, and the rows in every table and
every file are checked against the manifest.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from . import database
from .manifest import MEDIA_FOLDER, BackupRefused, files_under, read_and_check, sha256_of


class RestoreIncomplete(Exception):
    """The restore ran, but what is now in the installation differs from the manifest."""


@dataclass
class Restored:
    """What was restored, for the command to report."""

    manifest: dict
    media_files: int
    rows: int
    migrations_to_apply: list[str] = field(default_factory=list)


def restore_backup(folder, *, using: str = "default", media_root=None) -> Restored:
    folder = Path(folder).absolute()
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    manifest = read_and_check(folder)

    vendor = database.vendor_of(using)
    if manifest["database"]["vendor"] != vendor:
        raise BackupRefused(
            f"The backup holds a {manifest['database']['vendor']} database and this installation uses {vendor}. "
            "Restore it into an installation using the same database."
        )
    code_migrations = _migrations_in_code(using)
    unknown = sorted(f"{app} {name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in code_migrations)
    if unknown:
        raise BackupRefused(
            "The backup was made by a newer version of Golden Thread: it has migrations this version does not know ("
            + ", ".join(unknown[:5])
            + (", ..." if len(unknown) > 5 else "")
            + "). Install the version that made it, or a newer one, then restore."
        )
    _refuse_unless_empty(using, media_root)

    database.load(using, folder / manifest["database"]["file"])
    media_files = _copy_media_back(folder / MEDIA_FOLDER, media_root)

    counts = database.row_counts(using)
    differences = [
        f"{table}: {manifest['tables'].get(table, 'no table')} in the backup, {counts.get(table, 'no table')} now"
        for table in sorted(set(manifest["tables"]) | set(counts))
        if manifest["tables"].get(table) != counts.get(table)
    ]
    differences += [
        f"{MEDIA_FOLDER}/{relative}: differs from the backup"
        for relative in files_under(media_root)
        if manifest["files"].get(f"{MEDIA_FOLDER}/{relative}") != sha256_of(media_root / relative)
    ]
    if differences:
        raise RestoreIncomplete(
            "The restore ran, but the installation does not match the backup:\n  "
            + "\n  ".join(differences)
            + "\nDo not use this installation: empty it (a new database, an empty media folder) and restore again."
        )
    to_apply = sorted(f"{app} {name}" for app, name in code_migrations if name not in manifest["migrations"].get(app, []))
    return Restored(manifest=manifest, media_files=media_files, rows=sum(counts.values()), migrations_to_apply=to_apply)


def _migrations_in_code(using: str) -> set[tuple[str, str]]:
    return set(MigrationLoader(connections[using], ignore_no_migrations=True, load=True).disk_migrations)


def _refuse_unless_empty(using: str, media_root: Path) -> None:
    tables = database.table_names(using)
    if tables:
        counts = database.row_counts(using)
        holding = sorted(table for table in database.project_tables() if counts.get(table))
        if holding:
            said = f"already holds data ({', '.join(holding[:5])}{', ...' if len(holding) > 5 else ''})"
        else:
            said = f"already has {_count(len(tables), 'table')}, though none holds Golden Thread's data (perhaps 'manage.py migrate' was run)"
        raise BackupRefused(
            f"The database {connections[using].settings_dict['NAME']} {said}. A restore goes only into an empty database, "
            "so that nothing is overwritten. Create a new, empty database, point the installation at it (DATABASE_URL), "
            "and run the restore again without running 'migrate' on it first ('migrate' adds rows of its own). Nothing has been changed."
        )
    present = files_under(media_root)
    if present:
        raise BackupRefused(
            f"The media folder {media_root} already holds {_count(len(present), 'file')}. A restore goes only into an empty installation: "
            "move those files elsewhere, or set MEDIA_ROOT (GOLDENTHREAD_MEDIA_ROOT) to a new folder, then run the restore again. Nothing has been changed."
        )


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _copy_media_back(source: Path, media_root: Path) -> int:
    copied = 0
    for relative in files_under(source):
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target)
        copied += 1
    return copied
