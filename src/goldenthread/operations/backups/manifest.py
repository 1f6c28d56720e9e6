"""The manifest of a backup folder: what it holds, from where, and a SHA-256 of every file.

`manifest.json` is written last, into a folder that is renamed into place only once it is
whole, so a folder with a manifest is a finished backup; its checksums tell a damaged or
altered one apart before anything is restored from it.
"""

import hashlib
import json
from pathlib import Path

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_FOLDER = "media"
CHUNK_BYTES = 1024 * 1024


class BackupRefused(Exception):
    """A backup or restore that cannot go ahead, with a message saying why and what to do next.

    Raised before anything is changed; the management commands show the message and exit
    with a non-zero status.
    """


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(folder: Path) -> list[Path]:
    """Every plain file under `folder` (none when it does not exist), as paths relative to it, sorted."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_and_check(folder: Path) -> dict:
    """The manifest of the backup in `folder`, once every file in it is checked against its SHA-256.

    Refused when the folder is not a finished backup, when a file is missing, added or
    changed, or when the backup was written in a format this version does not read.
    """
    if not folder.is_dir():
        raise BackupRefused(f"There is no backup folder at {folder}. Check the path and try again.")
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise BackupRefused(f"{folder} holds no {MANIFEST_NAME}, so it is not a finished backup. Choose a folder written by 'manage.py backup'.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as problem:
        raise BackupRefused(f"The {MANIFEST_NAME} in {folder} cannot be read ({problem}). The backup is damaged: use another one.") from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(
            f"The backup in {folder} is in format {manifest.get('format_version') if isinstance(manifest, dict) else '?'}, "
            f"and this version of Golden Thread reads format {FORMAT_VERSION}. Restore it with the version that wrote it."
        )
    expected = manifest.get("files", {})
    present = {str(relative) for relative in files_under(folder)} - {MANIFEST_NAME}
    missing = sorted(set(expected) - present)
    added = sorted(present - set(expected))
    changed = sorted(name for name in set(expected) & present if sha256_of(folder / name) != expected[name])
    problems = [f"missing: {name}" for name in missing] + [f"not in the manifest: {name}" for name in added] + [f"changed: {name}" for name in changed]
    if problems:
        shown = "\n  ".join(problems[:20]) + ("\n  ..." if len(problems) > 20 else "")
        raise BackupRefused(
            f"The backup in {folder} does not match its manifest, so it is damaged or has been altered:\n  {shown}\n"
            "Nothing has been restored. Use another backup, or a copy of this one from elsewhere."
        )
    return manifest
