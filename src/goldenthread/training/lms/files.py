"""Reading a CSV file someone uploaded: size, encoding, whether it is a CSV at all, its columns, and each row with its line.

Pure Python (the standard `csv` module); it knows nothing of people or courses. Every problem
is a `Problem` in plain words: where (a line and a column, or the whole file), what is wrong,
and what to do. A problem with the file as a whole stops the reading; a problem with one row
is left to the caller, which checks every row.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_FILE_BYTES = 1024 * 1024  # 1 MB: well over 5,000 rows of completed courses
MAX_ROWS = 5_000  # each row is written one at a time (the audit log sees each): about 15 seconds for the most
MAX_CELL_LENGTH = 3000  # the longest text any column takes (a course's summary)

SAVE_AS_CSV_UTF8 = "In Excel, choose File, Save As, and 'CSV UTF-8 (Comma delimited) (*.csv)'. Then upload that file."


@dataclass(frozen=True)
class Problem:
    """One thing wrong: on a line (None for the whole file) and in a column ("" for the whole row), what, and what to do."""

    what: str
    todo: str
    line: int | None = None
    column: str = ""

    @property
    def where(self) -> str:
        if self.line is None:
            return "The whole file"
        return f"Line {self.line}, {self.column}" if self.column else f"Line {self.line}"


@dataclass
class Row:
    """A row of the file: the line it starts on (the column names are line 1) and its cells by column."""

    line: int
    cells: dict[str, str]


@dataclass
class ReadFile:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # each row's problems found here (too many cells)
    ignored_columns: list[str] = field(default_factory=list)
    file_problem: Problem | None = None  # the file could not be read at all


@dataclass(frozen=True)
class Column:
    """A column of a format: its name in our files, what it holds in words, whether it is needed, and other names people give it."""

    name: str
    words: str
    required: bool = True
    other_names: tuple[str, ...] = ()


def heading_key(text: str) -> str:
    """A column's name as it is compared: 'E-mail address', 'email_address' and ' EMAIL ADDRESS ' are one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", "", text)


class NotReadable(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.what)


def _size(number: int) -> str:
    return f"{number / (1024 * 1024):.1f} MB" if number >= 1024 * 1024 else f"{max(1, round(number / 1024))} KB"


def _decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark; anything else is refused with what to do."""
    if len(data) > MAX_FILE_BYTES:
        raise NotReadable(
            Problem(
                f"The file is {_size(len(data))}. The largest file that can be checked is {_size(MAX_FILE_BYTES)}.",
                "Split it into smaller files, for example one for each year or each organisation, and upload each in turn.",
            )
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise NotReadable(Problem("The file is empty.", "Choose the CSV file you saved from your learning system or spreadsheet, and upload it again."))
    if data.startswith(b"PK\x03\x04"):
        raise NotReadable(Problem("This is a spreadsheet workbook (such as .xlsx or .ods), not a CSV file.", SAVE_AS_CSV_UTF8))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotReadable(Problem("This is an older Excel workbook (.xls), not a CSV file.", SAVE_AS_CSV_UTF8))
    if data.startswith(b"%PDF"):
        raise NotReadable(Problem("This is a PDF, not a CSV file.", "Export the records from your learning system as CSV, and upload that file."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotReadable(Problem("The file is saved as 'Unicode text' (UTF-16), which this page cannot read.", SAVE_AS_CSV_UTF8))
    if b"\x00" in data:
        raise NotReadable(Problem("This is not a text file, so it cannot be a CSV file.", SAVE_AS_CSV_UTF8))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise NotReadable(
            Problem(
                f"Line {line} has characters that are not in UTF-8, so the file is saved in another encoding "
                "(Excel's plain 'CSV (Comma delimited)' does this). Letters such as é or ŵ would come out wrong.",
                SAVE_AS_CSV_UTF8,
            )
        ) from None


def _delimiter(text: str) -> str:
    """Commas; or semicolons or tabs, when the first line has those and no comma (Excel in some countries, or 'Text (Tab delimited)')."""
    first = text.split("\n", 1)[0]
    if "," not in first:
        if ";" in first:
            return ";"
        if "\t" in first:
            return "\t"
    return ","


def _headings(names: Sequence[str], columns: Sequence[Column]) -> tuple[list[str | None], list[str]]:
    """Each cell of the first line as one of our columns (None when it is not one of ours), and the names not read."""
    known = {}
    for column in columns:
        for name in (column.name, column.words, *column.other_names):
            known[heading_key(name)] = column.name
    found, seen, ignored = [], {}, []
    for position, name in enumerate(names, start=1):
        column = known.get(heading_key(name))
        if column is None:
            found.append(None)
            if name.strip():
                ignored.append(name.strip())
            continue
        if column in seen:
            raise NotReadable(
                Problem(
                    f"Two columns are both '{column}' (columns {seen[column]} and {position} of the first line).",
                    "Keep one of them, or rename the other, and upload the file again.",
                    line=1,
                )
            )
        seen[column] = position
        found.append(column)
    missing = [column for column in columns if column.required and column.name not in seen]
    if missing:
        names_needed = ", ".join(column.name for column in columns if column.required)
        looks_like_data = any("@" in name or re.fullmatch(r"[\d/.\- ]+", name.strip() or "x") for name in names)
        todo = f"The first line must name the columns: {names_needed}."
        if looks_like_data:
            todo += " The first line of this file looks like a row of records: add a line above it with the column names."
        raise NotReadable(
            Problem(
                f"The file has no column for {' or '.join(f'{column.name} ({column.words})' for column in missing)}.",
                todo + " Download the template on this page to see the columns.",
                line=1,
            )
        )
    return found, ignored


def read_csv(data: bytes, columns: Sequence[Column]) -> ReadFile:
    """Read the file's rows under its column names, or say why the file as a whole cannot be read."""
    result = ReadFile()
    try:
        text = _decode(data)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
        headings = None
        line = 1
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise NotReadable(
                    Problem(
                        f"Line {line} cannot be read as CSV ({_csv_error_words(error)}).",
                        "Open the file in a spreadsheet, check that line, save it again as CSV UTF-8 and upload it again.",
                        line=line,
                    )
                ) from None
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, or a row of empty cells a spreadsheet leaves at the end
            if headings is None:
                headings, result.ignored_columns = _headings(cells, columns)
                continue
            if len(result.rows) >= MAX_ROWS:
                raise NotReadable(
                    Problem(
                        f"The file has more than {MAX_ROWS:,} rows. The most that can be checked at once is {MAX_ROWS:,}.",
                        "Split it into smaller files, for example one for each year or each organisation, and upload each in turn.",
                    )
                )
            extra = [cell for cell in cells[len(headings) :] if cell.strip()]
            if extra:
                result.problems.append(
                    Problem(
                        f"This row has {len(cells)} cells, but the first line names {len(headings)} columns.",
                        "If a cell holds a comma, put the whole cell in double quotes; or remove the extra cells.",
                        line=line,
                    )
                )
                continue
            row = {}
            for name, cell in zip(headings, cells, strict=False):
                if name is not None:
                    row[name] = " ".join(cell.split()) if name != "summary" else cell.strip()
            long = [name for name, value in row.items() if len(value) > MAX_CELL_LENGTH]
            if long:
                result.problems.append(
                    Problem(
                        f"The {long[0]} cell is {len(row[long[0]]):,} characters long.",
                        f"Shorten it to {MAX_CELL_LENGTH:,} characters or fewer.",
                        line=line,
                        column=long[0],
                    )
                )
                continue
            result.rows.append(Row(line=line, cells=row))
        if headings is None:
            raise NotReadable(Problem("The file is empty.", "Choose the CSV file you saved from your learning system or spreadsheet, and upload it again."))
        if not result.rows and not result.problems:
            raise NotReadable(
                Problem("The file has column names but no rows under them.", "Add a row for each record under the first line, and upload the file again.")
            )
    except NotReadable as stop:
        return ReadFile(file_problem=stop.problem)
    return result


def _csv_error_words(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return "a cell is far too long"
    if "unexpected end of data" in text or "EOF" in text:
        return "a double quote is opened and never closed"
    if "expected" in text and "after" in text:
        return 'a double quote inside a cell must be written twice, as ""'
    return "its quotes do not match"


def as_bytes(csv_file) -> bytes:
    """The bytes of an upload, an open file, text or bytes: at most one byte more than the limit, so a huge file is never read whole."""
    if isinstance(csv_file, bytes | bytearray):
        return bytes(csv_file)
    if isinstance(csv_file, str):
        return csv_file.encode("utf-8")
    if hasattr(csv_file, "seek"):
        try:
            csv_file.seek(0)
        except (OSError, ValueError):
            pass
    data = csv_file.read(MAX_FILE_BYTES + 1)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def write_csv(headings: Sequence[str], rows: Sequence[Mapping[str, str]] | Sequence[Sequence[str]]) -> str:
    """A CSV file's text (commas, CRLF line ends, as spreadsheets write them); the caller makes each cell safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()
