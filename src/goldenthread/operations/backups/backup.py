"""Write a backup: the database and the uploaded files, consistent with each other, in one new folder.

The folder holds:

    manifest.json        format version, when, the database vendor, the migrations applied
                         per app, the rows in every table, and a SHA-256 of every file below
    database.dump        PostgreSQL: a `pg_dump --format=custom` snapshot (schema, rows, triggers)
    database.sqlite3     SQLite instead: a copy made with the online backup API
    media/...            the uploaded files, at the same paths as under MEDIA_ROOT

It is written under a hidden temporary name beside the folder and renamed into place once
the manifest is written, so a folder with that name is always a whole backup.

Why the files and the database agree. No process can hold the database snapshot while it
copies files, so the files are copied around the snapshot: first every file, then the
database snapshot, then a second look at the files, copying any file added since the first
look and copying again any whose size or modification time changed since it was copied.
That is enough because of how uploads are stored: a file goes into MEDIA_ROOT through
Django's FileSystemStorage, under a new name nobody has used before (a resource version's
file is `resources/<uuid4>.<ext>`, see `programme.resources.models.version_file_path`), and it
is written in full before the row naming it is saved (`version.file.save(..., save=False)`
then `version.save()`, in `programme.resources.services`). Nothing in the platform changes
or deletes an uploaded file. So every row in the snapshot names a file that was whole before
the snapshot began, and the second look, taken after it, finds that file as it will stay.
The backup may also hold a file whose row came after the snapshot (or a half-written one):
unreferenced, harmless, restored alongside the rest.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import database
from .manifest import FORMAT_VERSION, MEDIA_FOLDER, BackupRefused, files_under, sha256_of, write_manifest


@dataclass(frozen=True)
class Made:
    """What a backup holds, for the command to report."""

    folder: Path
    manifest: dict

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.manifest["files"] if name.startswith(MEDIA_FOLDER + "/"))

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


def make_backup(folder, *, using: str = "default", media_root=None) -> Made:
    """Back up the database `using` and the uploaded files under `media_root` (MEDIA_ROOT) into `folder`, a new folder."""
    folder = Path(folder).absolute()
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupRefused(f"{folder} already exists and is not an empty folder. Choose a new folder name, for example one with today's date.")
    if not folder.parent.is_dir():
        raise BackupRefused(f"The folder {folder.parent} does not exist. Create it, or choose a folder inside one that exists.")
    vendor = database.vendor_of(using)

    working = Path(tempfile.mkdtemp(prefix=f".{folder.name}.incomplete-", dir=folder.parent))
    try:
        copied = _copy_media(media_root, working / MEDIA_FOLDER, {})
        started = timezone.now()
        database_file = working / database.FILE_NAMES[vendor]
        snapshot = database.dump(using, database_file)
        _copy_media(media_root, working / MEDIA_FOLDER, copied)  # files added or finished while the snapshot was taken

        manifest = {
            "format_version": FORMAT_VERSION,
            "made_at": started.isoformat(),
            "database": {"vendor": vendor, "file": database_file.name},
            "migrations": snapshot["migrations"],
            "tables": snapshot["tables"],
            "files": {str(relative): sha256_of(working / relative) for relative in files_under(working)},
        }
        write_manifest(working, manifest)
        working.chmod(0o700)  # it holds every family's record: for the people who run the platform only
        if folder.exists():
            folder.rmdir()  # empty, checked above; the rename below puts the whole backup in its place
        os.rename(working, folder)
    except BaseException:
        shutil.rmtree(working, ignore_errors=True)
        raise
    return Made(folder=folder, manifest=manifest)


def _copy_media(media_root: Path, destination: Path, copied: dict[Path, tuple[int, int]]) -> dict[Path, tuple[int, int]]:
    """Copy each file under `media_root` not yet copied, or changed since it was; `copied` maps a path to its size and time when copied."""
    for relative in files_under(media_root):
        source = media_root / relative
        try:
            status = source.stat()
        except FileNotFoundError:
            continue
        seen = (status.st_size, status.st_mtime_ns)
        if copied.get(relative) == seen:
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied[relative] = seen
    return copied
