"""Checking a file before it joins the library, and reading what the platform can read in it.

A file is taken when its name's ending is one the library takes (`rules.FILE_TYPES`), what is
inside agrees with that ending (a PDF starts ``%PDF-``; a .docx or .odt is a zip with the right
parts; text decodes as UTF-8; an MP3 or MP4 starts with its own marks), it is not empty and
not larger than `rules.MAX_FILE_BYTES`. Then the words in it are read by the shared-language
engine's readers (`goldenthread.language.readers`), kept for search, and checked: what the
check finds is advice for the resource page, never a reason to refuse. A file the readers
cannot open (damaged, or locked with a password) is refused with what to do.

Every refusal is a `ValidationError` on the "file" field, with a message that says what to do
and that the file must be chosen again.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

from goldenthread.core.forms import clean_text
from goldenthread.core.language import findings_for
from goldenthread.language.readers import UnreadableFile, read_bytes

from . import rules

# A .docx or .odt unpacks to no more than this, in no more than this many parts: a guard against a "zip bomb".
MOST_UNPACKED_BYTES = 256 * 1024 * 1024
MOST_ZIP_PARTS = 5_000
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class Inspected:
    """A file that passed: its type, its size, the name it was uploaded with, its words and the advice on them."""

    extension: str
    content_type: str
    size: int
    file_name: str
    text: str
    findings: dict = field(default_factory=dict)


def refuse(message: str) -> ValidationError:
    """A refusal on the file field, saying what to do and that the file must be chosen again."""
    return ValidationError({"file": f"{message}. {rules.CHOOSE_AGAIN}."})


def kind_of(extension: str) -> str:
    return rules.FILE_TYPES[extension][1]


def extension_of(name: str) -> str:
    return PurePosixPath(str(name or "").replace("\\", "/")).suffix.lower()


def shown_name(name: str) -> str:
    """The name a file was uploaded with, tidied for showing: no folders, no control characters, not too long."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    base = clean_text(base.replace("\x00", ""))
    if len(base) > 150:
        stem, suffix = base[: 150 - 10], extension_of(base)[:10]
        base = stem + suffix
    return base


def quick_check(upload) -> None:
    """What the form can check without reading the file: there is one, not empty, not too big, a type the library takes."""
    if upload is None:
        raise ValidationError({"file": rules.FILE_OR_LINK})
    if not getattr(upload, "size", 0):
        raise ValidationError({"file": rules.FILE_EMPTY})
    if upload.size > rules.MAX_FILE_BYTES:
        raise refuse(rules.FILE_TOO_BIG)
    if extension_of(upload.name) not in rules.FILE_TYPES:
        raise refuse(rules.WRONG_TYPE)


def inspect(upload) -> Inspected:
    """Check a file and read it; raise a ValidationError on "file" that says what to do when it cannot join the library."""
    quick_check(upload)
    extension = extension_of(upload.name)
    upload.seek(0)
    data = upload.read(rules.MAX_FILE_BYTES + 1)
    upload.seek(0)
    if not data:
        raise ValidationError({"file": rules.FILE_EMPTY})
    if len(data) > rules.MAX_FILE_BYTES:
        raise refuse(rules.FILE_TOO_BIG)
    return inspect_bytes(data, extension, file_name=upload.name)


def inspect_bytes(data: bytes, extension: str, *, file_name: str = "") -> Inspected:
    """Check the bytes of a file whose name ends in `extension`, and read its words. The demo uses this for its own files."""
    if extension not in rules.FILE_TYPES:
        raise refuse(rules.WRONG_TYPE)
    kind = kind_of(extension)
    if not looks_like(data, extension):
        raise refuse(rules.DISGUISED.format(kind=kind))
    text = ""
    if extension not in rules.RECORDINGS:
        try:
            text = read_bytes(data, extension)
        except UnreadableFile as problem:
            if "encrypted" in str(problem) or "password" in str(problem):
                raise refuse(rules.PASSWORD_PROTECTED) from None
            raise refuse(rules.UNREADABLE.format(kind=kind)) from None
        except Exception:  # a reader's library failing in a way it does not name: the file is damaged, not the page
            raise refuse(rules.UNREADABLE.format(kind=kind)) from None
        text = clean_text(text.replace("\x00", ""))[: rules.MAX_TEXT_CHARACTERS]
    return Inspected(
        extension=extension,
        content_type=rules.FILE_TYPES[extension][0],
        size=len(data),
        file_name=shown_name(file_name) or f"file{extension}",
        text=text,
        findings=language_summary(text, readable=extension not in rules.RECORDINGS),
    )


def language_summary(text: str, *, readable: bool = True) -> dict:
    """What the shared-language check found in the words: how many, and the first few with what to write instead."""
    if not readable:
        return {"checked": False, "count": 0, "findings": []}
    found = findings_for(text)
    return {
        "checked": True,
        "found_words": bool(text.strip()),
        "count": len(found),
        "findings": [{"text": f.text[:200], "message": f.message, "suggestions": list(f.suggestions)[:3]} for f in found[: rules.FINDINGS_KEPT]],
    }


# What is inside ------------------------------------------------------------------------------


def looks_like(data: bytes, extension: str) -> bool:
    """Whether the bytes are what the name's ending says they are."""
    if extension == ".pdf":
        return data.startswith(b"%PDF-")
    if extension == ".docx":
        return _is_docx(data)
    if extension == ".odt":
        return _is_odt(data)
    if extension in (".txt", ".md", ".html", ".htm"):
        return _is_utf8_text(data)
    if extension == ".mp3":
        return _is_mp3(data)
    if extension == ".mp4":
        return _is_mp4(data)
    return False


def _zip(data: bytes) -> zipfile.ZipFile | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None
    if len(parts) > MOST_ZIP_PARTS or sum(part.file_size for part in parts) > MOST_UNPACKED_BYTES:
        return None
    return archive


def _read_part(archive: zipfile.ZipFile, name: str, most: int = 1024 * 1024) -> bytes | None:
    try:
        with archive.open(name) as part:
            return part.read(most)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        return None


def _is_docx(data: bytes) -> bool:
    archive = _zip(data)
    if archive is None:
        return False
    types = _read_part(archive, "[Content_Types].xml")
    return types is not None and DOCX_MAIN_PART.encode() in types


def _is_odt(data: bytes) -> bool:
    archive = _zip(data)
    if archive is None:
        return False
    mimetype = _read_part(archive, "mimetype", most=200)
    return mimetype is not None and mimetype.strip() == ODT_MIMETYPE


def _is_utf8_text(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _is_mp3(data: bytes) -> bool:
    if data.startswith(b"ID3"):
        return True
    # An MPEG audio frame begins with eleven bits set (the frame sync), then a version and a layer that are not "reserved".
    return len(data) >= 4 and data[0] == 0xFF and (data[1] & 0xE0) == 0xE0 and (data[1] & 0x18) != 0x08 and (data[1] & 0x06) != 0


def _is_mp4(data: bytes) -> bool:
    # An ISO media file opens with a box of its own size, then "ftyp".
    return len(data) >= 12 and data[4:8] == b"ftyp"
