"""Turn documents into plain text: .txt .md .docx .odt .pdf .html (and .htm).

Findings are reported as offsets into the text these functions return; for .txt
and .md that is the decoded file itself. A file that cannot be read raises
UnreadableFile with a short reason meant for one line of output.
"""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

SUPPORTED = (".txt", ".md", ".markdown", ".text", ".docx", ".odt", ".pdf", ".html", ".htm")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class UnreadableFile(Exception):
    """A file we could not turn into text; str(exc) is a one-line reason."""


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The plain text of a document, chosen by its file extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"unsupported file type '{suffix or '(none)'}' (use {', '.join(SUPPORTED)})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror or exc}") from None
    if size == 0:
        raise UnreadableFile("empty file: nothing to check")
    if size > max_bytes:
        raise UnreadableFile(f"too large ({size / 1e6:.0f} MB; the limit is {max_bytes / 1e6:.0f} MB, see --max-size)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, suffix)


def read_bytes(data: bytes, suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in (".docx",):
        return _docx(data)
    if suffix == ".odt":
        return _odt(data)
    if suffix == ".pdf":
        return _pdf(data)
    if suffix in (".html", ".htm"):
        return _html(decode_text(data))
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("not valid UTF-16 text") from None
    if _looks_binary(data):
        raise UnreadableFile("looks like binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# Control characters that do not occur in text (tab, line feed, form feed, carriage return and escape do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))  # counted in C, not byte by byte
    return control > len(sample) * 0.05


def _docx(data: bytes) -> str:
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise UnreadableFile("reading .docx needs python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise UnreadableFile(f"not a valid .docx file ({type(exc).__name__})") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.text not in cells:  # merged cells repeat their text
                    cells.append(cell.text)
            parts.append("\t".join(cells))
    return "\n".join(parts)


def _odt(data: bytes) -> str:
    try:
        from odf import teletype
        from odf import text as odf_text
        from odf.opendocument import load
    except ImportError:  # pragma: no cover
        raise UnreadableFile("reading .odt needs odfpy") from None
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as exc:
        raise UnreadableFile(f"not a valid .odt file ({type(exc).__name__})") from None
    parts = []
    for element in document.text.childNodes:
        if element.qname[1] in ("p", "h", "list", "table", "section"):
            parts.append(teletype.extractText(element))
    if not parts:
        parts = [teletype.extractText(p) for p in document.getElementsByType(odf_text.P)]
    return "\n".join(parts)


def _pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover
        raise UnreadableFile("reading .pdf needs pypdf") from None
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFile("the PDF is encrypted (password protected)")
            except UnreadableFile:
                raise
            except Exception:
                raise UnreadableFile("the PDF is encrypted (password protected)") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, Exception) as exc:
        raise UnreadableFile(f"not a valid .pdf file ({type(exc).__name__})") from None
    return "\n\n".join(pages)


class _TextFromHTML(HTMLParser):
    """Visible text of an HTML page, with block elements on their own lines."""

    _BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dt",
        "dd",
    }
    _HIDDEN = {"script", "style", "head", "template", "noscript", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _html(markup: str) -> str:
    parser = _TextFromHTML()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as exc:  # html.parser is forgiving; this is a last resort
        raise UnreadableFile(f"could not parse HTML ({type(exc).__name__})") from None
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")
