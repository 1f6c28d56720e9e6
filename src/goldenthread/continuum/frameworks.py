"""Frameworks as data: read and check a framework file, export a stored version as one.

A framework (general, or for schools) lives in a TOML file such as
`data/frameworks/general.toml`. Partnership admins change it by downloading the current
version, editing it and uploading it again: every upload with new content becomes a new
version, the newest is the current one, and every assessment keeps reading against the
version it was answered on. Uploading the same content again changes nothing. The writes
(`import_framework`, `import_framework_file`) are services, in `services.py`; nothing here
writes.

`parse_framework` is pure (text in, `FrameworkData` or `FrameworkFileError` out) so the data
migration that loads the shipped files uses it too. Its messages name the domain and the
item, and say what to change.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone

from goldenthread.core.forms import clean_text
from goldenthread.language import check

from . import scoring
from .models import BAND_ORDER, Domain, Framework, Item
from .results import band_name

DATA_DIRECTORY = Path(__file__).resolve().parent / "data" / "frameworks"
SHIPPED_FILES = ("general.toml", "schools.toml")

# The shipped files are under 25 KB; an edited one has room to grow eight times over.
MAX_FILE_BYTES = 200 * 1024
# A framework file nests two levels at most ([[domains.items]]). The reader (tomllib) recurses
# once per bracket and slows down with every part of a long dotted name, so a file nested far
# deeper is turned away, with a message, before it is read.
MAX_NESTING = 16  # arrays [ ] and inline tables { } inside one another
MAX_NAME_PARTS = 8  # parts of a dotted name, such as domains.items in [[domains.items]]
MAX_PROBLEMS_SHOWN = 20
SCALE_VALUES = (0, 1, 2, 3, 4)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Longest text allowed for each field, in characters (the database limits, or a sensible page).
LIMITS = {
    "framework code": 60,
    "framework title": 200,
    "framework description": 2000,
    "scale label": 40,
    "scale description": 200,
    "band description": 1000,
    "domain code": 60,
    "domain title": 200,
    "domain description": 1000,
    "item code": 80,
    "item text": 400,
    "item guidance": 2000,
}

TOP_LEVEL_FIELDS = ("code", "kind", "title", "description", "scale", "bands", "domains")
SCALE_FIELDS = ("value", "label", "description")
BAND_FIELDS = ("code", "name", "minimum", "description")
DOMAIN_FIELDS = ("code", "title", "description", "items")
ITEM_FIELDS = ("code", "text", "guidance")


class FrameworkFileError(Exception):
    """A framework file that cannot be used, with every problem found, each saying what to fix."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))

    @property
    def shown_problems(self) -> list[str]:
        """The problems to show on a page: the first few, then how many more there are."""
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(
                f"There {'is' if hidden == 1 else 'are'} {hidden} more problem{'' if hidden == 1 else 's'}. Fix these first, then upload the file again."
            )
        return shown


@dataclass(frozen=True)
class ScaleStep:
    value: int
    label: str
    description: str


@dataclass(frozen=True)
class BandData:
    code: str
    name: str
    minimum: float
    description: str


@dataclass(frozen=True)
class ItemData:
    code: str
    text: str
    guidance: str


@dataclass(frozen=True)
class DomainData:
    code: str
    title: str
    description: str
    items: tuple[ItemData, ...]


@dataclass(frozen=True)
class FrameworkData:
    """One framework's content, checked, and comparable: equal content means the same version."""

    code: str
    kind: str
    title: str
    description: str
    scale: tuple[ScaleStep, ...]
    bands: tuple[BandData, ...]
    domains: tuple[DomainData, ...]

    @property
    def item_count(self) -> int:
        return sum(len(domain.items) for domain in self.domains)

    def scale_json(self) -> list[dict]:
        return [{"value": s.value, "label": s.label, "description": s.description} for s in self.scale]

    def bands_json(self) -> list[dict]:
        return [{"code": b.code, "name": b.name, "minimum": b.minimum, "description": b.description} for b in self.bands]


# Reading and checking ---------------------------------------------------------------------


class _Checker:
    """Collects every problem in a file, so people can fix them all in one go."""

    def __init__(self):
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def unknown_fields(self, table: dict, known: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in known:
                self.problem(f"{where} has a field called '{_shown(key)}' that is not used. Check its spelling; the fields are {_listed(known)}.")

    def text(self, table: dict, key: str, where: str, limit_name: str, *, what: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{where} has no {key}. Add {what}.")
            return ""
        if not isinstance(value, str):
            self.problem(f"{where}: the {key} must be text in quotes.")
            return ""
        value = clean_text(value)
        if required and not value:
            self.problem(f"{where}: the {key} is empty. Add {what}.")
        limit = LIMITS[limit_name]
        if len(value) > limit:
            self.problem(f"{where}: the {key} is {len(value)} characters long. Shorten it to {limit} characters or fewer.")
        return value

    def code(self, table: dict, where: str, limit_name: str, *, example: str) -> str:
        value = self.text(table, "code", where, limit_name, what=f"a short code, for example '{example}'")
        if value and not SLUG.match(value):
            self.problem(f"{where}: the code '{_shown(value)}' can only use lower-case letters, numbers and hyphens, for example '{example}'.")
        return value


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted back in a message, cut short so one long mistake does not fill the page."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _listed(names) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _tables(checker: _Checker, data: dict, key: str, what: str) -> list[dict]:
    value = data.get(key)
    if value is None:
        checker.problem(f"The file has no {key}. Add {what}.")
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        checker.problem(f"The {key} must each be a [[{key}]] section. Compare with a downloaded framework file.")
        return []
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_scale(checker: _Checker, data: dict) -> tuple[ScaleStep, ...]:
    steps = []
    tables = _tables(checker, data, "scale", f"the answer scale: five [[scale]] sections with the values {_listed(map(str, SCALE_VALUES))}")
    for position, table in enumerate(tables, start=1):
        where = f"Answer scale step {position}"
        checker.unknown_fields(table, SCALE_FIELDS, where)
        value = table.get("value")
        if not isinstance(value, int) or isinstance(value, bool):
            checker.problem(f"{where} needs a whole-number value from 0 to 4.")
            value = None
        label = checker.text(table, "label", where, "scale label", what="a short label, such as 'Mostly'")
        description = checker.text(table, "description", where, "scale description", what="a one-line description of what this answer means")
        steps.append(ScaleStep(value, label, description))
    if tables and tuple(step.value for step in steps) != SCALE_VALUES:
        found = ", ".join("?" if step.value is None else str(step.value) for step in steps)
        checker.problem(
            f'The answer scale must have the values 0, 1, 2, 3 and 4, in that order (this file has {found or "none"}). "I don\'t know" is added by the site, so leave it out.'
        )
    return tuple(steps)


def _read_bands(checker: _Checker, data: dict) -> tuple[BandData, ...]:
    expected = [(band.value, band.label) for band in BAND_ORDER]
    bands = []
    tables = _tables(checker, data, "bands", "the four stages, each a [[bands]] section")
    if tables and len(tables) != len(expected):
        checker.problem(f"There must be exactly {len(expected)} stages ({_listed(label for _, label in expected)}); this file has {len(tables)}.")
    for position, table in enumerate(tables, start=1):
        where = f"Stage {position}"
        checker.unknown_fields(table, BAND_FIELDS, where)
        code = table.get("code")
        name = table.get("name")
        if position <= len(expected):
            want_code, want_name = expected[position - 1]
            if code != want_code or name != want_name:
                checker.problem(f'{where} must have code = "{want_code}" and name = "{want_name}": the stages follow the continuum in order, lowest first.')
        minimum = table.get("minimum")
        if not _is_number(minimum) or not 0 <= minimum <= SCALE_VALUES[-1]:
            checker.problem(f"{where} ({name or code or 'no name'}) needs a minimum score: a number from 0 to {SCALE_VALUES[-1]}, such as 2.5.")
            minimum = None
        description = checker.text(table, "description", where, "band description", what="a plain-English description of what this stage looks like")
        bands.append(BandData(str(code or ""), str(name or ""), float(minimum) if minimum is not None else None, description))
    minimums = [band.minimum for band in bands]
    if bands and minimums[0] is not None and minimums[0] != 0:
        checker.problem(f"The first stage ({bands[0].name or 'Trauma Aware'}) must start at 0, so that every result has a stage.")
    for lower, higher in pairwise(bands):
        if lower.minimum is not None and higher.minimum is not None and higher.minimum <= lower.minimum:
            checker.problem(
                f"Each stage must start at a higher score than the one before: {higher.name or higher.code} starts at {higher.minimum:g}, "
                f"which is not above {lower.name or lower.code} at {lower.minimum:g}."
            )
    return tuple(bands)


def _read_domains(checker: _Checker, data: dict) -> tuple[DomainData, ...]:
    domains = []
    domain_codes: set[str] = set()
    item_codes: dict[str, str] = {}
    tables = _tables(checker, data, "domains", "at least one [[domains]] section with its [[domains.items]]")
    if "domains" in data and not tables and isinstance(data.get("domains"), list):
        checker.problem("The file has no domains. Add at least one [[domains]] section with its [[domains.items]].")
    for position, table in enumerate(tables, start=1):
        label = f"Domain {position}"
        code = checker.code(table, label, "domain code", example="staff-wellbeing")
        where = f"Domain '{_shown(code)}'" if code else label
        checker.unknown_fields(table, DOMAIN_FIELDS, where)
        if code and code in domain_codes:
            checker.problem(f"{where}: another domain already uses the code '{code}'. Give each domain its own code.")
        domain_codes.add(code)
        title = checker.text(table, "title", where, "domain title", what="a title, such as 'Staff wellbeing'")
        description = checker.text(table, "description", where, "domain description", what="", required=False)
        raw_items = table.get("items")
        items = []
        if not isinstance(raw_items, list) or not all(isinstance(entry, dict) for entry in raw_items) or not raw_items:
            checker.problem(f"{where} has no statements. Add at least one [[domains.items]] section after it.")
            raw_items = []
        for item_position, item in enumerate(raw_items, start=1):
            item_label = f"{where}, statement {item_position}"
            item_code = checker.code(item, item_label, "item code", example=f"{code if code and len(code) <= 30 else 'domain'}-example")
            item_where = f"{where}, statement '{_shown(item_code)}'" if item_code else item_label
            checker.unknown_fields(item, ITEM_FIELDS, item_where)
            if item_code in item_codes:
                checker.problem(
                    f"{item_where}: the code '{_shown(item_code)}' is already used in domain '{_shown(item_codes[item_code])}'. Every statement needs its own code."
                )
            elif item_code:
                item_codes[item_code] = code
            text = checker.text(item, "text", item_where, "item text", what="the statement people will answer")
            guidance = checker.text(item, "guidance", item_where, "item guidance", what="guidance: what it looks like when it is done well")
            items.append(ItemData(item_code, text, guidance))
        domains.append(DomainData(code, title, description, tuple(items)))
    return tuple(domains)


# How deep a file nests, found before it is read ---------------------------------------------

_NEXT_MARK = re.compile(r"[\n\"'#\[\]{}=,.]")
_BASIC_STRING_END = re.compile(r'\\.|["\n]', re.DOTALL)
_MULTILINE_BASIC_END = re.compile(r'\\.|"""', re.DOTALL)


def _after_string(text: str, start: int) -> int:
    """Where the string (or quoted name) that starts at `start` ends; the end of the text if it never does."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        position = start + 3
        if quote == '"':
            while (match := _MULTILINE_BASIC_END.search(text, position)) and match.group() != '"""':
                position = match.end()
            end = match.end() if match else len(text)
        else:
            found = text.find("'''", position)
            end = found + 3 if found >= 0 else len(text)
        extra = 0
        while extra < 2 and end < len(text) and text[end] == quote:  # """a"""" ends with a quote inside
            end, extra = end + 1, extra + 1
        return end
    if quote == '"':
        position = start + 1
        while (match := _BASIC_STRING_END.search(text, position)) and match.group().startswith("\\"):
            position = match.end()
        if match is None:
            return len(text)
        return match.start() if match.group() == "\n" else match.end()  # a string cut off by the line's end
    found = min((at for at in (text.find("'", start + 1), text.find("\n", start + 1)) if at >= 0), default=len(text))
    return found + 1 if found < len(text) and text[found] == "'" else found


def _too_deep(text: str, position: int, message: str) -> FrameworkFileError:
    line = text.count("\n", 0, position) + 1
    return FrameworkFileError([f"Line {line}: {message} Compare it with a framework file downloaded from this site, then upload the file again."])


def check_nesting(text: str) -> None:
    """Turn away a file nested far deeper than any framework needs, before the TOML reader sees it.

    Reads the text once, skipping strings and comments, and counts how deep arrays and inline
    tables sit inside one another and how many parts a dotted name (a key, or a [table]
    name) has. Raises FrameworkFileError at the first place that goes past the limits; a
    file that is not valid TOML otherwise is left for the reader to explain.
    """
    containers: list[str] = []  # "[" for an array, "{" for an inline table, innermost last
    naming = True  # reading a key (or a [table] name) rather than a value
    in_table_name = False
    parts = 1
    position = 0
    while (match := _NEXT_MARK.search(text, position)) is not None:
        mark, at = match.group(), match.start()
        position = match.end()
        if mark in "\"'":
            position = _after_string(text, at)
        elif mark == "#":
            newline = text.find("\n", at)
            position = newline if newline >= 0 else len(text)
        elif mark == "\n":
            if not containers:
                naming, in_table_name, parts = True, False, 1
        elif naming or in_table_name:
            if mark == ".":
                parts += 1
                if parts > MAX_NAME_PARTS:
                    raise _too_deep(
                        text,
                        at,
                        f"a name has more than {MAX_NAME_PARTS} parts joined by dots. Names in a framework file have one or two, such as [[domains.items]].",
                    )
            elif mark == "=" and not in_table_name:
                naming, parts = False, 1
            elif mark == "[" and not containers and not in_table_name:
                in_table_name, parts = True, 1
                if text.startswith("[", position):
                    position += 1
            elif mark == "]" and in_table_name:
                in_table_name, naming, parts = False, True, 1
                if text.startswith("]", position):
                    position += 1
            elif mark == "}" and containers and containers[-1] == "{":
                containers.pop()
                naming = False
        elif mark in "[{":
            containers.append(mark)
            if len(containers) > MAX_NESTING:
                raise _too_deep(
                    text,
                    at,
                    f"lists [ ] or tables {{ }} are inside one another more than {MAX_NESTING} levels deep. A framework file needs none inside one another.",
                )
            if mark == "{":
                naming, parts = True, 1
        elif mark in "]}":
            if containers:
                containers.pop()
        elif mark == "," and containers and containers[-1] == "{":
            naming, parts = True, 1


def parse_framework(text: str) -> FrameworkData:
    """Read a framework file's text and check it; raise FrameworkFileError listing every problem."""
    check_nesting(text)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise FrameworkFileError(
            [
                f"The file is nested too deeply to read: lists [ ] or tables {{ }} are inside one another more than {MAX_NESTING} levels deep. Compare it with a framework file downloaded from this site, then upload the file again."
            ]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise FrameworkFileError(
            [
                f"The file is not in the TOML format the site reads ({error}). Check the quotes and brackets near there, and compare with a downloaded framework file."
            ]
        ) from None
    checker = _Checker()
    checker.unknown_fields(data, TOP_LEVEL_FIELDS, "The file")
    code = checker.code(data, "The framework", "framework code", example="general")
    kind = data.get("kind")
    if kind not in Framework.Kind.values:
        kinds = " or ".join(f'kind = "{value}"' for value in Framework.Kind.values)
        checker.problem(f"The framework needs a kind: {kinds} (for any organisation, or for schools).")
    title = checker.text(data, "title", "The framework", "framework title", what="a title")
    description = checker.text(data, "description", "The framework", "framework description", what="", required=False)
    scale = _read_scale(checker, data)
    bands = _read_bands(checker, data)
    domains = _read_domains(checker, data)
    if checker.problems:
        raise FrameworkFileError(checker.problems)
    return FrameworkData(code, kind, title, description, scale, bands, domains)


def read_framework_file(raw: bytes) -> FrameworkData:
    """Check an uploaded file: its size, that it is text, then its content."""
    if not raw:
        raise FrameworkFileError(["The selected file is empty. Choose a framework file that has content."])
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkFileError([f"The selected file must be smaller than {MAX_FILE_BYTES // 1024} KB."])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkFileError(["The selected file must be a text file saved as UTF-8, like the framework files you can download here."]) from None
    if "\x00" in text:
        raise FrameworkFileError(["The selected file must be a text file, like the framework files you can download here."])
    return parse_framework(text)


def load_shipped(name: str) -> FrameworkData:
    """One of the framework files that come with the site, checked."""
    return parse_framework((DATA_DIRECTORY / name).read_text(encoding="utf-8"))


# Writing a file -----------------------------------------------------------------------------

WRAP_AT = 92


def _escape(text: str) -> str:
    """Escape text for a TOML string: backslashes, quotes and control characters."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _wrapped_line(line: str, indent_width: int) -> str:
    """Break a long line at single spaces with TOML's line-ending backslash, which keeps the text the same."""
    words = re.split(r"(?<=\S) (?=\S)", line)
    lines, current = [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > WRAP_AT - indent_width:
            lines.append(current + " \\")
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def toml_string(text: str) -> str:
    """A TOML string that reads back as exactly `text`; long text on wrapped lines."""
    if "\n" not in text and len(text) <= WRAP_AT:
        return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")
    escaped = _escape(text)
    body = "\n".join(_wrapped_line(line, 0) for line in escaped.split("\n"))
    return '"""\n' + body + '"""'


def _number(value: float) -> str:
    return repr(float(value))


def framework_to_toml(data: FrameworkData, *, heading: str = "") -> str:
    """Write a framework as a file people can read, edit and upload again."""
    rule = "# " + "-" * 93
    lines = []
    if heading:
        lines += [f"# {line}" if line else "#" for line in heading.splitlines()]
    lines += [
        "#",
        "# To change the framework: edit this file in a text editor and upload it on the framework",
        "# pages. It becomes a new version; assessments already answered keep their own version.",
        "# Stages follow the continuum in order, lowest first; each 'minimum' is the score (0 to 4)",
        '# where that stage starts. "I don\'t know" is always offered, so leave it out of the scale.',
        "",
        f"code = {toml_string(data.code)}",
        f"kind = {toml_string(data.kind)}",
        f"title = {toml_string(data.title)}",
        f"description = {toml_string(data.description)}",
    ]
    for step in data.scale:
        lines += ["", "[[scale]]", f"value = {step.value}", f"label = {toml_string(step.label)}", f"description = {toml_string(step.description)}"]
    for band in data.bands:
        lines += [
            "",
            "[[bands]]",
            f"code = {toml_string(band.code)}",
            f"name = {toml_string(band.name)}",
            f"minimum = {_number(band.minimum)}",
            f"description = {toml_string(band.description)}",
        ]
    for domain in data.domains:
        lines += ["", rule, "[[domains]]", f"code = {toml_string(domain.code)}", f"title = {toml_string(domain.title)}"]
        lines.append(f"description = {toml_string(domain.description)}")
        for item in domain.items:
            lines += [
                "",
                "[[domains.items]]",
                f"code = {toml_string(item.code)}",
                f"text = {toml_string(item.text)}",
                f"guidance = {toml_string(item.guidance)}",
            ]
    return "\n".join(lines) + "\n"


# Versions in the database -------------------------------------------------------------------


def _domains_with_items(framework: Framework):
    """The framework's domains, each with its items, in order: from the prefetch cache or two queries."""
    cache = getattr(framework, "_prefetched_objects_cache", {})
    if "domains" in cache:
        return list(framework.domains.all())
    items = Prefetch("items", queryset=Item.objects.order_by("order", "id"))
    return list(Domain.objects.filter(framework=framework).order_by("order", "id").prefetch_related(items))


def stage_name(band: dict) -> str:
    """A stored stage's name; rows made without one take the continuum's name for the code."""
    return band.get("name") or band_name(band["code"], missing=band["code"])


def framework_data(framework: Framework) -> FrameworkData:
    """A stored version's content, in the same shape a file is read into."""
    domains = tuple(
        DomainData(
            domain.code,
            domain.title,
            domain.description,
            tuple(ItemData(item.code, item.text, item.guidance) for item in domain.items.all()),
        )
        for domain in _domains_with_items(framework)
    )
    return FrameworkData(
        code=framework.code,
        kind=framework.kind,
        title=framework.title,
        description=framework.description,
        scale=tuple(ScaleStep(s["value"], s["label"], s.get("description", "")) for s in framework.scale),
        bands=tuple(BandData(b["code"], stage_name(b), float(b["minimum"]), b.get("description", "")) for b in framework.bands),
        domains=domains,
    )


def export_framework(framework: Framework) -> str:
    """A stored version as a file, with a heading saying which version it is."""
    heading = (
        f"{framework.title}: version {framework.version} of the '{framework.code}' framework,\n"
        f"published on {framework.published_on:%d %B %Y}, downloaded on {timezone.localdate():%d %B %Y}."
    )
    return framework_to_toml(framework_data(framework), heading=heading)


def download_filename(framework: Framework) -> str:
    return f"{framework.code}-version-{framework.version}.toml"


# What other modules ask for -----------------------------------------------------------------


def framework_spec(framework: Framework) -> scoring.FrameworkSpec:
    """The scoring rule's view of a version: its domains' item codes and its stages.

    Versions never change once made, so the answer is kept on the instance; it costs two
    queries, or none when the domains and items were prefetched.
    """
    cached = getattr(framework, "_scoring_spec", None)
    if cached is not None:
        return cached
    spec = scoring.FrameworkSpec(
        domains=tuple(
            scoring.DomainSpec(code=domain.code, title=domain.title, item_codes=tuple(item.code for item in domain.items.all()))
            for domain in _domains_with_items(framework)
        ),
        bands=tuple(
            scoring.BandSpec(code=b["code"], name=stage_name(b), minimum=float(b["minimum"]))
            for b in sorted(framework.bands, key=lambda band: float(band["minimum"]))
        ),
        scale_max=max(step["value"] for step in framework.scale),
    )
    framework._scoring_spec = spec
    return spec


def current_framework(kind: str) -> Framework | None:
    """The version a new assessment of this kind uses: the current one whose code is the kind, else any current one."""
    candidates = list(Framework.objects.filter(kind=kind, is_current=True).order_by("code"))
    return next((f for f in candidates if f.code == kind), candidates[0] if candidates else None)


SCHOOL_SECTOR_PREFIX = "school-"


def kind_for(organisation) -> str:
    """The kind of framework that suits an organisation: the schools framework for a school, the general one for everyone else."""
    return Framework.Kind.SCHOOLS if organisation.sector.startswith(SCHOOL_SECTOR_PREFIX) else Framework.Kind.GENERAL


def suggested_framework(organisation, frameworks: list[Framework]) -> Framework | None:
    """Of the frameworks offered, the one to suggest to an organisation: the current one of its kind, else any of its kind, else the first."""
    kind = kind_for(organisation)
    preferred = current_framework(kind)
    if preferred in frameworks:
        return preferred
    return next((f for f in frameworks if f.kind == kind), frameworks[0] if frameworks else None)


def stages(framework: Framework) -> list[dict]:
    """A version's stages, lowest first, each with where it starts, where the next starts, and both in words."""
    bands = sorted(framework.bands, key=lambda band: float(band["minimum"]))
    rows = []
    for position, band in enumerate(bands):
        below = float(bands[position + 1]["minimum"]) if position + 1 < len(bands) else None
        minimum = float(band["minimum"])
        scores = f"From {minimum:g} to below {below:g}" if below is not None else f"{minimum:g} and above"
        rows.append(
            {"code": band["code"], "name": stage_name(band), "minimum": minimum, "below": below, "scores": scores, "description": band.get("description", "")}
        )
    return rows


def language_notes(data: FrameworkData) -> list[dict]:
    """Words in a framework that the shared-language check suggests looking at again; feedback, never a block."""
    places = [("The framework's description", data.description)]
    places += [(f"The description of {band.name}", band.description) for band in data.bands]
    for domain in data.domains:
        places += [(f"The domain '{domain.title}'", f"{domain.title}. {domain.description}")]
        for item in domain.items:
            places += [(f"Statement {item.code}", item.text), (f"The guidance for statement {item.code}", item.guidance)]
    return [
        {"where": where, "words": finding.text, "message": finding.message, "suggestions": list(finding.suggestions)}
        for where, text in places
        if text
        for finding in check(text)
    ]
