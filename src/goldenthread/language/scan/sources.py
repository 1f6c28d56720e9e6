"""Inputs of an archive scan: find them, cut them into partitions, and read one partition's records.

The driver (`plan`) only lists files and their sizes, reads a zip's directory, a table's
header and a Parquet file's footer, and finds cut points in large CSV and JSON-lines files.
It never holds a document's or a table's contents. A worker (`read_partition`) reads only
its own partition.

Partitions (each at most about `--partition-mb` of input, unless one item is bigger):

- documents (.txt .md .docx .odt .pdf .html .htm): many small files grouped into one partition;
  a big document is a partition of its own (documents over 64 MB are refused, as by `check`);
- a .zip: its document members, grouped the same way and read from the zip one at a time
  (never extracted to disk);
- CSV: byte ranges cut at line ends. A line end inside a quoted field is not a row end, so the
  driver reads a large CSV once, block by block, counting quotation marks: a cut is made only
  where the count so far is even (RFC 4180 doubles a quote inside a quoted field, so the count
  stays even outside fields). Limit: a CSV that uses another quote character or escapes quotes
  with a backslash is cut as if it used `"`; a file whose quotes are broken is cut less often,
  never wrongly, because each worker re-reads from the row after any broken one;
- JSON lines (.jsonl .ndjson): byte ranges cut at the next line end after each target offset
  (JSON text has no raw line breaks, so any line end is a record end): nothing is read but the
  bytes around each cut;
- Parquet: groups of row groups (a row group bigger than the target is a partition of its own).

Reporting columns: for tables, the `--by` columns and the month of `--date-column`; for
documents, `folder` (the first folder, or zip, under the input as given; "(top level)" for a
file directly in it) and the month of the file's modification time (a zip member: its date in
the zip).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import accumulate

from ..readers import DEFAULT_MAX_BYTES, SUPPORTED, UnreadableFile, decode_text, read_bytes

DOCUMENTS = frozenset(SUPPORTED)
TABLES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
TEXT_COLUMN_NAMES = ("text", "note", "notes", "body")
TOP_LEVEL = "(top level)"
_MAX_MEMBERS = 5000  # documents in one partition, however small
_BLOCK = 16 * 1024 * 1024  # bytes the driver reads at a time when finding cut points


class PlanError(Exception):
    """A reason an input cannot be scanned at all (one line)."""


@dataclass(frozen=True)
class TableOptions:
    """What to read from tables: the text, the reporting columns, the date and the record id."""

    text_column: str | None = None
    by: tuple[str, ...] = ()
    date_column: str | None = None
    id_column: str | None = None


@dataclass
class Partition:
    """One unit of work: a group of documents, a group of zip members, or a slice of a table."""

    id: str
    kind: str  # files | zip | csv | jsonl | parquet
    source: str  # the file (for `files`, the first document's folder, for reading people)
    bytes: int
    members: list = field(default_factory=list)  # files: [path, folder]; zip: [member, folder]
    start: int = 0  # csv, jsonl: byte range [start, end)
    end: int = 0
    line: int = 1  # csv: line number of `start`
    row_groups: list = field(default_factory=list)  # parquet
    first_row: int = 0  # parquet: the index of the first row of the first row group
    columns: dict = field(default_factory=dict)  # tables: text, by {name: column}, date, id, header (csv)

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ([], {}, None) or k in ("id", "kind", "source")}

    @classmethod
    def from_dict(cls, data: dict) -> Partition:
        return cls(**data)


@dataclass
class Item:
    """One record read from a partition: a document or a table row."""

    record: str
    source: str
    text: str
    month: str
    by: dict


@dataclass
class ItemError:
    """Something in a partition that could not be read: a document, a member, a row, or all of it."""

    source: str
    where: str
    reason: str

    def as_dict(self) -> dict:
        return {"source": self.source, "where": self.where, "reason": self.reason}


# ----------------------------------------------------------------------------- planning


def plan(inputs: list[str], partition_bytes: int, options: TableOptions) -> tuple[list[Partition], list[ItemError]]:
    """Every partition of these inputs, in a stable order, and the inputs that cannot be scanned."""
    partitions: list[Partition] = []
    errors: list[ItemError] = []
    documents = _Grouper(partitions, partition_bytes)
    for raw in inputs:
        path = os.path.abspath(raw)
        if os.path.isdir(path):
            for file in _walk(path):
                if os.path.islink(file):  # a link may lead out of the archive that was given: never followed
                    errors.append(ItemError(file, "", "a link to another place; links are not followed, so give that file or folder itself"))
                    continue
                _plan_file(file, path, partitions, errors, documents, partition_bytes, options, explicit=False)
        elif os.path.isfile(path):
            _plan_file(path, None, partitions, errors, documents, partition_bytes, options, explicit=True)
        else:
            errors.append(ItemError(raw, "", "no such file or folder"))
    documents.flush()
    for number, partition in enumerate(partitions, 1):
        partition.id = f"p{number:06d}"
    return partitions, errors


def _walk(root: str) -> Iterator[str]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def folder_of(relative: str) -> str:
    """The reporting folder of a path relative to its input: its first part, if it has more than one."""
    parts = [p for p in re.split(r"[\\/]", relative) if p]
    return parts[0] if len(parts) > 1 else TOP_LEVEL


def _plan_file(path, root, partitions, errors, documents, partition_bytes, options, *, explicit) -> None:
    suffix = os.path.splitext(path)[1].lower()
    relative = os.path.relpath(path, root) if root else os.path.basename(path)
    try:
        size = os.path.getsize(path)
        if suffix in DOCUMENTS:
            documents.add(path, size, folder_of(relative) if root else TOP_LEVEL)
        elif suffix == ".zip":
            prefix = relative if root else ""
            _plan_zip(path, prefix, size, partitions, partition_bytes)
        elif suffix in TABLES:
            kind = TABLES[suffix]
            planner = {"csv": _plan_csv, "jsonl": _plan_jsonl, "parquet": _plan_parquet}[kind]
            partitions.extend(planner(path, size, partition_bytes, options))
        elif explicit:
            raise PlanError(f"unsupported file type '{suffix or '(none)'}'")
    except PlanError as exc:
        errors.append(ItemError(path, "", str(exc)))
    except OSError as exc:
        errors.append(ItemError(path, "", f"cannot read: {exc.strerror or exc}"))


class _Grouper:
    """Gathers small items into partitions of about `limit` bytes."""

    def __init__(self, partitions: list[Partition], limit: int, kind: str = "files", source: str = ""):
        self.partitions, self.limit, self.kind, self.source = partitions, limit, kind, source
        self.members: list = []
        self.size = 0

    def add(self, name: str, size: int, folder: str) -> None:
        if self.members and (self.size + size > self.limit or len(self.members) >= _MAX_MEMBERS):
            self.flush()
        self.members.append([name, folder])
        self.size += size

    def flush(self) -> None:
        if self.members:
            source = self.source or os.path.dirname(self.members[0][0])
            self.partitions.append(Partition(id="", kind=self.kind, source=source, bytes=self.size, members=self.members))
        self.members, self.size = [], 0


def _plan_zip(path: str, prefix: str, size: int, partitions: list[Partition], partition_bytes: int) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise PlanError(f"not a readable .zip file ({type(exc).__name__}: {exc})") from None
    grouper = _Grouper(partitions, partition_bytes, kind="zip", source=path)
    for info in infos:
        name = info.filename
        if info.is_dir() or os.path.basename(name).startswith(".") or os.path.splitext(name)[1].lower() not in DOCUMENTS:
            continue
        grouper.add(name, info.file_size, folder_of(f"{prefix}/{name}" if prefix else name))
    grouper.flush()


# ------------------------------------------------------------------------------ tables


def _choose_columns(path: str, names: list[str], options: TableOptions) -> dict:
    """The table's columns to read, or a PlanError that names what is missing and what is there."""
    listed = ", ".join(names[:30]) + (", ..." if len(names) > 30 else "")
    if options.text_column:
        if options.text_column not in names:
            raise PlanError(f"has no column '{options.text_column}' (--text-column); its columns are: {listed}")
        text = options.text_column
    else:
        lowered = {n.lower(): n for n in names}
        text = next((lowered[c] for c in TEXT_COLUMN_NAMES if c in lowered), None)
        if text is None:
            raise PlanError(f"no column called text, note, notes or body: name the column to check with --text-column (its columns are: {listed})")
    for option, wanted in (("--by", c) for c in options.by):
        if wanted not in names:
            raise PlanError(f"has no column '{wanted}' ({option}); its columns are: {listed}")
    for option, wanted in (("--date-column", options.date_column), ("--id-column", options.id_column)):
        if wanted and wanted not in names:
            raise PlanError(f"has no column '{wanted}' ({option}); its columns are: {listed}")
    return {"text": text, "by": list(options.by), "date": options.date_column, "id": options.id_column}


def _csv_header(path: str) -> tuple[list[str], int, int]:
    """The header's column names, the byte offset just after it, and the lines it takes."""
    with open(path, "rb") as handle:
        head = handle.read(1024 * 1024)
    if not head.strip():
        raise PlanError("empty file: nothing to check")
    if b"\x00" in head[:8192]:
        raise PlanError("looks like binary data, not a CSV file")
    lines, consumed = [], 0
    for raw in head.splitlines(keepends=True):
        lines.append(raw)
        consumed += len(raw)
        try:
            text = b"".join(lines).decode("utf-8-sig")
        except UnicodeDecodeError:
            text = b"".join(lines).decode("cp1252", errors="replace")
        if text.count('"') % 2 == 0 and raw.endswith(b"\n"):
            header = next(csv.reader(io.StringIO(text, newline="")), [])
            if not header or not any(h.strip() for h in header):
                raise PlanError("the first row (the header) is empty")
            return [h.strip() for h in header], consumed, len(lines)
    raise PlanError("no complete header row in the first megabyte")


def _plan_csv(path: str, size: int, partition_bytes: int, options: TableOptions) -> list[Partition]:
    header, header_end, header_lines = _csv_header(path)
    columns = _choose_columns(path, header, options) | {"header": header}
    cuts = csv_cuts(path, header_end, size, partition_bytes, first_line=header_lines + 1)
    return [
        Partition(id="", kind="csv", source=path, bytes=end - start, start=start, end=end, line=line, columns=columns)
        for (start, line), (end, _) in zip(cuts, cuts[1:], strict=False)
        if end > start
    ]


def csv_cuts(path: str, start: int, size: int, target: int, *, first_line: int = 1) -> list[tuple[int, int]]:
    """(offset, line number) of each cut: the start, every line end after about `target` bytes
    where the count of quotation marks so far is even, and the end of the file."""
    cuts = [(start, first_line)]
    if size - start <= target:
        return cuts + [(size, 0)]
    with open(path, "rb") as handle:
        handle.seek(start)
        position, quotes, lines = start, 0, first_line  # quotes and line number at `position`
        next_cut = start + target
        while True:
            block = handle.read(_BLOCK)
            if not block:
                break
            length = len(block)
            i = max(0, next_cut - position)
            if i < length:
                q = quotes + block.count(b'"', 0, i)
                counted_to, newlines = 0, 0
                while i < length:
                    j = block.find(b"\n", i)
                    if j < 0:
                        break
                    q += block.count(b'"', i, j)
                    if q % 2 == 0 and position + j + 1 < size:
                        newlines += block.count(b"\n", counted_to, j + 1)
                        counted_to = j + 1
                        cuts.append((position + j + 1, lines + newlines))
                        next_cut = position + j + 1 + target
                        following = max(j + 1, next_cut - position)
                        q += block.count(b'"', j, min(following, length))
                        i = following
                    else:
                        i = j + 1
            quotes += block.count(b'"')
            lines += block.count(b"\n")
            position += length
    return cuts + [(size, 0)]


def _plan_jsonl(path: str, size: int, partition_bytes: int, options: TableOptions) -> list[Partition]:
    with open(path, "rb") as handle:
        first = b""
        while not first.strip():
            first = handle.readline()
            if not first:
                raise PlanError("empty file: nothing to check")
        try:
            keys = list(json.loads(first.decode("utf-8-sig")).keys())
        except (ValueError, AttributeError):
            raise PlanError("the first line is not a JSON object, so the columns cannot be known") from None
        columns = _choose_columns(path, keys, options)
        offsets = [0]
        while offsets[-1] + partition_bytes < size:
            handle.seek(offsets[-1] + partition_bytes)
            handle.readline()  # to the end of the line the target falls in
            cut = handle.tell()
            if cut >= size:
                break
            offsets.append(cut)
    offsets.append(size)
    return [Partition(id="", kind="jsonl", source=path, bytes=b - a, start=a, end=b, columns=columns) for a, b in zip(offsets, offsets[1:], strict=False)]


def _plan_parquet(path: str, size: int, partition_bytes: int, options: TableOptions) -> list[Partition]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a damaged file
        raise PlanError(f"not a readable Parquet file ({type(exc).__name__})") from None
    names = [metadata.schema.column(i).path.split(".")[0] for i in range(metadata.num_columns)]
    columns = _choose_columns(path, list(dict.fromkeys(names)), options)
    partitions, group, group_bytes, first_row, row = [], [], 0, 0, 0
    for index in range(metadata.num_row_groups):
        rg = metadata.row_group(index)
        if group and group_bytes + rg.total_byte_size > partition_bytes:
            partitions.append(Partition(id="", kind="parquet", source=path, bytes=group_bytes, row_groups=group, first_row=first_row, columns=columns))
            group, group_bytes = [], 0
        if not group:
            first_row = row
        group.append(index)
        group_bytes += rg.total_byte_size
        row += rg.num_rows
    if group:
        partitions.append(Partition(id="", kind="parquet", source=path, bytes=group_bytes, row_groups=group, first_row=first_row, columns=columns))
    return partitions


# ------------------------------------------------------------------------------ reading


def read_partition(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    """The records of one partition; what cannot be read is added to `errors` and skipped."""
    reader = {"files": _read_files, "zip": _read_zip, "csv": _read_csv, "jsonl": _read_jsonl, "parquet": _read_parquet}[partition.kind]
    yield from reader(partition, errors)


def month_of_timestamp(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m")


_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:\D|$)")
_UK_DATE = re.compile(r"^\s*\d{1,2}[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)")


def month_of(value) -> str:
    """The month (YYYY-MM) of a date, a date-time, or text such as 2026-03-14 or 14/03/2026; '' if none."""
    if value is None:
        return ""
    if isinstance(value, dt.date):  # also datetime
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value)
    for pattern, year_group, month_group in ((_ISO_MONTH, 1, 2), (_UK_DATE, 2, 1)):
        match = pattern.match(text)
        if match:
            year, month = int(match.group(year_group)), int(match.group(month_group))
            if 1 <= month <= 12:
                return f"{year:04d}-{month:02d}"
    return ""


def _document_text(data: bytes, name: str) -> str:
    if len(data) > DEFAULT_MAX_BYTES:
        raise UnreadableFile(f"too large ({len(data) / 1e6:.0f} MB; the limit is {DEFAULT_MAX_BYTES / 1e6:.0f} MB)")
    return read_bytes(data, os.path.splitext(name)[1])


def _read_files(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    for path, folder in partition.members:
        try:
            stat = os.stat(path)
            if stat.st_size > DEFAULT_MAX_BYTES:
                raise UnreadableFile(f"too large ({stat.st_size / 1e6:.0f} MB; the limit is {DEFAULT_MAX_BYTES / 1e6:.0f} MB)")
            with open(path, "rb") as handle:
                data = handle.read()
            text = _document_text(data, path) if data else ""
        except UnreadableFile as exc:
            errors.append(ItemError(path, "", str(exc)))
            continue
        except OSError as exc:
            errors.append(ItemError(path, "", f"cannot read: {exc.strerror or exc}"))
            continue
        except Exception as exc:  # a reader's own failure costs one document, never the scan
            errors.append(ItemError(path, "", f"cannot read ({type(exc).__name__})"))
            continue
        if _has_text(text, path, path, "", errors):
            yield Item(record=path, source=path, text=text, month=month_of_timestamp(stat.st_mtime), by={"folder": folder})


def _has_text(text: str, name: str, source: str, where: str, errors: list[ItemError]) -> bool:
    """An empty document is not a record; a PDF with no text is reported (a scan of paper, with no text layer?)."""
    if text.strip():
        return True
    if name.lower().endswith(".pdf"):
        errors.append(ItemError(source, where, "no text in this PDF (perhaps a scanned image without a text layer)"))
    return False


def _read_zip(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    path = partition.source
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        errors.append(ItemError(path, "", f"not a readable .zip file ({type(exc).__name__})"))
        return
    with archive:
        for name, folder in partition.members:
            try:
                info = archive.getinfo(name)
                if info.file_size > DEFAULT_MAX_BYTES:
                    raise UnreadableFile(f"too large ({info.file_size / 1e6:.0f} MB; the limit is {DEFAULT_MAX_BYTES / 1e6:.0f} MB)")
                data = archive.read(info)
                text = _document_text(data, name) if data else ""
            except UnreadableFile as exc:
                errors.append(ItemError(path, name, str(exc)))
                continue
            except RuntimeError as exc:  # an encrypted member
                errors.append(ItemError(path, name, f"cannot read from the zip ({exc})"))
                continue
            except Exception as exc:  # a damaged member (bad CRC, truncated data): this one only
                errors.append(ItemError(path, name, f"cannot read from the zip ({type(exc).__name__}: {exc})"))
                continue
            if not _has_text(text, name, path, name, errors):
                continue
            year, month = info.date_time[0], info.date_time[1]
            yield Item(record=f"{path}!{name}", source=path, text=text, month=f"{year:04d}-{month:02d}", by={"folder": folder})


def _read_range(partition: Partition) -> bytes:
    with open(partition.source, "rb") as handle:
        handle.seek(partition.start)
        return handle.read(partition.end - partition.start)


def _by_values(columns: dict, get) -> dict:
    return {name: _cell(get(name)) for name in columns.get("by", [])}


def _cell(value) -> str:
    return "" if value is None else str(value).strip()


def _read_csv(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    csv.field_size_limit(2**31 - 1)
    path, columns = partition.source, partition.columns
    header = columns["header"]
    index = {name: i for i, name in enumerate(header)}
    data = _read_range(partition)
    if partition.start == 0 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode_text(data)  # Windows-1252, as `check` reads a file that is not UTF-8
        except UnreadableFile as exc:
            errors.append(ItemError(path, f"bytes {partition.start} to {partition.end}", str(exc)))
            return
    lines = list(io.StringIO(text, newline=""))
    del text, data
    ends = list(accumulate(1 if line.endswith("\n") else 0 for line in lines))  # line ends up to each line
    at = 0  # index into lines of the next row's first line
    while at < len(lines):
        consumed = _Counter(lines, at)
        reader = csv.reader(consumed, strict=True)
        while True:
            row_start = consumed.position
            try:
                row = next(reader)
            except StopIteration:
                at = len(lines)
                break
            except csv.Error as exc:
                line = partition.line + (ends[row_start - 1] if row_start else 0)
                problem = "a quotation mark that is never closed" if "end of data" in str(exc) else f"a row that is not valid CSV ({exc})"
                errors.append(ItemError(path, f"line {line}", f"{problem}; read on from the next line"))
                at = row_start + 1
                break
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = partition.line + (ends[row_start - 1] if row_start else 0)
            if len(row) != len(header):
                errors.append(ItemError(path, f"line {line}", f"a row with {len(row)} fields where the header has {len(header)}"))
                continue
            note = row[index[columns["text"]]]
            if not note.strip():
                continue
            record = row[index[columns["id"]]] if columns.get("id") else f"{path}:{line}"
            month = month_of(row[index[columns["date"]]]) if columns.get("date") else ""
            yield Item(record=record, source=path, text=note, month=month, by=_by_values(columns, lambda name, row=row: row[index[name]]))


class _Counter:
    """The lines of a partition from `at`, counting how many the CSV reader has taken."""

    def __init__(self, lines: list[str], at: int):
        self.lines, self.position = lines, at

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        line = self.lines[self.position]
        self.position += 1
        return line


def _loads():
    try:
        import orjson

        return orjson.loads
    except ImportError:  # pragma: no cover - orjson is a dependency of the package
        return json.loads


def _read_jsonl(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    loads = _loads()
    path, columns = partition.source, partition.columns
    data = _read_range(partition)
    offset = partition.start
    for raw in data.split(b"\n"):
        here = offset
        offset += len(raw) + 1
        if here == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        where = f"the line at byte {here}"
        try:
            value = loads(raw)
        except ValueError as exc:
            errors.append(ItemError(path, where, f"not valid JSON ({str(exc).splitlines()[0][:120]})"))
            continue
        if not isinstance(value, dict):
            errors.append(ItemError(path, where, "not a JSON object"))
            continue
        note = value.get(columns["text"])
        if note is None or not str(note).strip():
            continue
        record = _cell(value.get(columns["id"])) if columns.get("id") else f"{path}@{here}"
        month = month_of(value.get(columns["date"])) if columns.get("date") else ""
        yield Item(record=record, source=path, text=str(note), month=month, by=_by_values(columns, value.get))


def _read_parquet(partition: Partition, errors: list[ItemError]) -> Iterator[Item]:
    import pyarrow.parquet as pq

    path, columns = partition.source, partition.columns
    wanted = list(dict.fromkeys([columns["text"], *columns.get("by", []), *(c for c in (columns.get("date"), columns.get("id")) if c)]))
    try:
        batches = pq.ParquetFile(path).iter_batches(row_groups=partition.row_groups, columns=wanted, batch_size=2048)
        row = partition.first_row
        for batch in batches:
            values = {name: batch.column(name).to_pylist() for name in wanted}
            for i in range(batch.num_rows):
                here = row + i
                note = values[columns["text"]][i]
                if note is None or not str(note).strip():
                    continue
                record = _cell(values[columns["id"]][i]) if columns.get("id") else f"{path}:row {here + 1}"
                month = month_of(values[columns["date"]][i]) if columns.get("date") else ""
                yield Item(record=record, source=path, text=str(note), month=month, by=_by_values(columns, lambda name, i=i, values=values: values[name][i]))
            row += batch.num_rows
    except Exception as exc:  # a damaged row group: the rest of this partition cannot be read
        errors.append(ItemError(path, f"row groups {partition.row_groups[0] + 1} to {partition.row_groups[-1] + 1}", f"cannot read ({type(exc).__name__})"))
