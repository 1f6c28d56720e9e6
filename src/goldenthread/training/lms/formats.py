"""The three files, people, courses and completed courses: their columns, and every row checked against Golden Thread.

Reads only. Each check returns a `Report`: every row that passed (to add, or already here and
left as it is) and every problem, each with its line, its column, what is wrong and what to do.
A row is checked in full, so one row can have several problems, and every row is checked, so
one upload shows everything to fix.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from goldenthread.core.signin import normalised_email
from goldenthread.core.spreadsheets import looks_like_formula
from goldenthread.partnership import rules as partnership_rules
from goldenthread.partnership.models import Membership, Organisation

from .. import rules
from ..models import Completion, Course, LmsImport, Programme
from .files import Column, Problem, ReadFile, Row

PEOPLE = LmsImport.Kind.PEOPLE
COURSES = LmsImport.Kind.COURSES
COMPLETIONS = LmsImport.Kind.COMPLETIONS

EMAIL = Column("email", "their work e-mail address", other_names=("e-mail", "email address", "e-mail address", "work email", "work e-mail"))

COLUMNS = {
    PEOPLE: (
        EMAIL,
        Column("full_name", "their full name", other_names=("name", "full name", "learner", "learner name")),
        Column("organisation", "the member organisation they work for", other_names=("organization", "employer", "organisation name")),
        Column("job_title", "their job title", required=False, other_names=("job", "job title", "position")),
    ),
    COURSES: (
        Column("programme", "the programme the course is in", other_names=("program", "programme name")),
        Column("title", "the course's title", other_names=("course", "course title", "course name")),
        Column("summary", "what the course covers", required=False, other_names=("description",)),
        Column("parts", "its parts in order, separated by |", required=False, other_names=("sessions",)),
        Column("skills", "the skills people rate, separated by |", required=False),
    ),
    COMPLETIONS: (
        EMAIL,
        Column("programme", "the programme the course is in", required=False, other_names=("program", "programme name")),
        Column("course", "the course's title", other_names=("course title", "course name", "title")),
        Column(
            "completed_on",
            "the day they completed it",
            other_names=("completed", "completion date", "date completed", "date of completion", "completed date", "date"),
        ),
    ),
}

LIST_SEPARATOR = "|"
EARLIEST_COMPLETION = datetime.date(2000, 1, 1)
DATE_TODO = "Write the date with the day first, for example 14/03/2025, or as 2025-03-14."


@dataclass
class CheckedRow:
    """A row that passed: `adds` (something new) or not (already on Golden Thread, left as it is), in words, and what to write."""

    line: int
    adds: bool
    words: str
    values: dict = field(default_factory=dict)


@dataclass
class Report:
    """What checking a file found: rows that passed, every problem, and the columns not read."""

    kind: str
    rows: list[CheckedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        """Every row passed: the file may be imported."""
        return not self.problems

    @property
    def to_add(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.adds]

    @property
    def unchanged(self) -> list[CheckedRow]:
        return [row for row in self.rows if not row.adds]

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems if problem.line is not None})

    @property
    def kind_words(self) -> str:
        return LmsImport.Kind(self.kind).label.lower()

    def sorted_problems(self) -> list[Problem]:
        """By line; within a line, in the order of the columns as they were checked."""
        return sorted(self.problems, key=lambda problem: problem.line or 0)


def _list_words(names: list[str], most: int = 6) -> str:
    shown = [f"'{name}'" for name in names[:most]]
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else (shown[0] if shown else "none yet")


class _Row:
    """One row being checked: its cells, and the problems found so far."""

    def __init__(self, row: Row, problems: list[Problem]):
        self.line = row.line
        self.cells = row.cells
        self.problems = problems
        self.count = len(problems)

    @property
    def failed(self) -> bool:
        return len(self.problems) > self.count

    def problem(self, column: str, what: str, todo: str) -> None:
        self.problems.append(Problem(what, todo, line=self.line, column=column))

    def text(self, column: str, rule, *, new_text: bool = True) -> str:
        """A cell checked by the field's rule; text that would be stored here must not start a spreadsheet formula."""
        errors = {}
        value = rule.clean(self.cells.get(column, ""), field=column, errors=errors)
        if column in errors:
            what = f"The {column} cell is empty." if not value else f"The {column} cell is {len(value):,} characters long."
            self.problem(column, what, errors[column].rstrip(".") + ".")
        elif new_text and looks_like_formula(value):
            self.formula(column, value)
        return value

    def formula(self, column: str, value: str) -> None:
        self.problem(
            column,
            f"The {column} cell starts with '{value[:1]}', so a spreadsheet would run it as a formula.",
            f"Remove the '{value[:1]}' at the start, or begin the text another way.",
        )

    def names(self, column: str, *, limit: int, length: int, too_many: str, too_long: str) -> list[str]:
        """A list in one cell, separated by |: blanks and repeats left out."""
        found = []
        for item in self.cells.get(column, "").split(LIST_SEPARATOR):
            text = " ".join(item.split())
            if text and text not in found:
                found.append(text)
        if len(found) > limit:
            self.problem(column, f"The {column} cell names {len(found)}.", too_many + ".")
        elif any(len(text) > length for text in found):
            self.problem(column, f"A name in the {column} cell is too long.", too_long + ".")
        for text in found:
            if looks_like_formula(text):
                self.formula(column, text)
                break
        return found

    def email(self):
        """The e-mail address as sign-in spells it, or '' with a problem."""
        raw = self.cells.get("email", "")
        if not raw:
            self.problem("email", "The email cell is empty.", "Enter the person's work e-mail address.")
            return ""
        address = normalised_email(raw)
        try:
            validate_email(address)
        except ValidationError:
            self.problem("email", f"'{raw}' is not an e-mail address.", partnership_rules.EMAIL_LIKE_THIS + ".")
            return ""
        return address


def _repeats(row: _Row, key, seen: dict, column: str, what: str) -> bool:
    """True (with a problem) when an earlier row has the same key."""
    if key in seen:
        row.problem(column, f"{what} is also on line {seen[key]}.", "Keep one row for each, and remove the other.")
        return True
    seen[key] = row.line
    return False


# --- people ---------------------------------------------------------------------------------


def check_people(read: ReadFile) -> Report:
    """Each person: already here in that organisation (left as they are), or new (invited as a practitioner), or rejected."""
    report = Report(PEOPLE, problems=list(read.problems), ignored_columns=read.ignored_columns)
    organisations = {org.name.casefold(): org for org in Organisation.objects.all()}
    active_names = sorted(org.name for org in organisations.values() if org.is_active)
    addresses = {normalised_email(row.cells.get("email", "")) for row in read.rows}
    users = {user.email: user for user in get_user_model().objects.filter(email__in=addresses)}
    member_of = defaultdict(list)
    for membership in Membership.objects.filter(user__in=users.values()).select_related("organisation"):
        member_of[membership.user_id].append(membership.organisation)
    seen = {}
    for source in read.rows:
        row = _Row(source, report.problems)
        address = row.email()
        full_name = row.text("full_name", partnership_rules.FULL_NAME)
        job_title = row.text("job_title", partnership_rules.JOB_TITLE)
        organisation = organisations.get(row.cells.get("organisation", "").casefold())
        if not row.cells.get("organisation"):
            row.problem("organisation", "The organisation cell is empty.", "Enter the name of the member organisation they work for.")
        elif organisation is None or not organisation.is_active:
            row.problem(
                "organisation",
                f"No member organisation is called '{row.cells['organisation']}'.",
                f"Use the organisation's name as it is on Golden Thread: {_list_words(active_names)}.",
            )
        if address and _repeats(row, address, seen, "email", "This e-mail address"):
            continue
        user = users.get(address)
        if row.failed or not address:
            continue
        if user is None:
            words = f"{full_name} ({address}): invited to {organisation.name} as a practitioner"
            report.rows.append(
                CheckedRow(row.line, True, words, {"email": address, "full_name": full_name, "job_title": job_title, "organisation": organisation})
            )
        elif not user.is_active:
            row.problem("email", "The account with this e-mail address is closed.", "Leave this row out, or ask the partnership team to reopen the account.")
        elif organisation in member_of[user.pk]:
            report.rows.append(CheckedRow(row.line, False, f"{user.full_name} ({address}): already in {organisation.name}, left as they are"))
        else:
            where = " and ".join(org.name for org in member_of[user.pk]) or "no organisation"
            row.problem(
                "email",
                f"Someone with this e-mail address is already on Golden Thread, in {where}.",
                f"An import never moves anyone between organisations. If they now work for {organisation.name}, "
                "add them on its page; otherwise leave this row out.",
            )
    return report


# --- courses --------------------------------------------------------------------------------


def check_courses(read: ReadFile) -> Report:
    """Each course: already in its programme (left as it is), or new (added), or rejected."""
    report = Report(COURSES, problems=list(read.problems), ignored_columns=read.ignored_columns)
    programmes = {programme.name.casefold(): programme for programme in Programme.objects.all()}
    existing = {(programme_id, title.casefold()) for programme_id, title in Course.objects.values_list("programme_id", "title")}
    seen = {}
    for source in read.rows:
        row = _Row(source, report.problems)
        name = row.cells.get("programme", "")
        programme = programmes.get(name.casefold())
        if not name:
            row.problem("programme", "The programme cell is empty.", "Enter the name of the programme the course is in.")
        elif programme is None:
            row.problem(
                "programme",
                f"No programme is called '{name}'.",
                f"Use the name of a programme on Golden Thread ({_list_words(sorted(p.name for p in programmes.values()))}), "
                "or add the programme first on the page for running the training programme.",
            )
        title = row.text("title", rules.COURSE_TITLE, new_text=False)
        if programme is not None and title and _repeats(row, (programme.pk, title.casefold()), seen, "title", "This course"):
            continue
        if programme is not None and (programme.pk, title.casefold()) in existing:
            if not row.failed:
                report.rows.append(CheckedRow(row.line, False, f"{title}, in {programme.name}: already on Golden Thread, left as it is"))
            continue
        if title and looks_like_formula(title):
            row.formula("title", title)
        summary = row.text("summary", rules.COURSE_SUMMARY)
        parts = row.names("parts", limit=rules.MAX_PARTS, length=rules.PART_NAME_LENGTH, too_many=rules.TOO_MANY_PARTS, too_long=rules.PART_TOO_LONG) or [
            "The session"
        ]
        skills = row.names("skills", limit=rules.MAX_SKILLS, length=rules.SKILL_LENGTH, too_many=rules.TOO_MANY_SKILLS, too_long=rules.SKILL_TOO_LONG)
        if row.failed or programme is None:
            continue
        parts_words = f"{len(parts)} part{'s' if len(parts) != 1 else ''}"
        report.rows.append(
            CheckedRow(
                row.line,
                True,
                f"{title}, in {programme.name}: added, with {parts_words}",
                {"programme": programme, "title": title, "summary": summary, "parts": parts, "skills": skills},
            )
        )
    return report


# --- completed courses ----------------------------------------------------------------------

TIME_AFTER = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?)?"
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + TIME_AFTER)
DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})" + TIME_AFTER)
IN_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2,4})" + TIME_AFTER)


def parse_day(text: str) -> tuple[datetime.date | None, str]:
    """A day as a learning system or a spreadsheet writes it, day first: (the date, '') or (None, what is wrong)."""
    from goldenthread.core.forms import month_number

    text = text.strip()
    for pattern, order in ((ISO_DATE, "ymd"), (DAY_FIRST, "dmy"), (IN_WORDS, "dmy")):
        match = pattern.fullmatch(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = month_number(parts["m"])
        if month is None:
            return None, f"'{text}' has a month we cannot read."
        if len(parts["y"]) != 4:
            return None, f"'{text}' has a year of {len(parts['y'])} figures. Write the year in full, for example 2025."
        day, year = int(parts["d"]), int(parts["y"])
        if order == "dmy" and month > 12 and day <= 12:
            return None, f"'{text}' has the month first, as in the USA."
        try:
            return datetime.date(year, month, day), ""
        except ValueError:
            return None, f"'{text}' is not a real date."
    return None, f"'{text}' is not a date we can read."


def check_completions(read: ReadFile) -> Report:
    """Each completed course: already recorded (left as it is), or new (recorded as imported), or rejected."""
    report = Report(COMPLETIONS, problems=list(read.problems), ignored_columns=read.ignored_columns)
    today = timezone.localdate()
    programmes = {programme.name.casefold(): programme for programme in Programme.objects.all()}
    courses_by_title = defaultdict(list)
    for course in Course.objects.select_related("programme"):
        courses_by_title[course.title.casefold()].append(course)
    addresses = {normalised_email(row.cells.get("email", "")) for row in read.rows}
    users = {user.email: user for user in get_user_model().objects.filter(email__in=addresses)}
    organisation_of = {}
    for membership in Membership.objects.filter(user__in=users.values()).select_related("organisation").order_by("since", "id"):
        organisation_of.setdefault(membership.user_id, membership.organisation)
    done = set(Completion.objects.filter(person__in=users.values()).values_list("person_id", "course_id"))
    seen = {}
    for source in read.rows:
        row = _Row(source, report.problems)
        address = row.email()
        person = users.get(address) if address else None
        if address and person is None:
            row.problem(
                "email",
                "Nobody on Golden Thread has this e-mail address.",
                "Check the spelling. If they are not on Golden Thread yet, a partnership lead can add them with a people file first; "
                "completed courses never make a new account.",
            )
        elif person is not None and person.pk not in organisation_of:
            row.problem("email", f"{person.full_name} is not in any member organisation.", "Add them to their organisation first, or leave this row out.")
        course = _course(row, programmes, courses_by_title)
        completed_on = None
        if not row.cells.get("completed_on"):
            row.problem("completed_on", "The completed_on cell is empty.", "Enter the day they completed the course. " + DATE_TODO)
        else:
            completed_on, wrong = parse_day(row.cells["completed_on"])
            if wrong:
                row.problem("completed_on", wrong, DATE_TODO)
            elif completed_on > today:
                row.problem("completed_on", f"{row.cells['completed_on']} is in the future.", "Enter the day they completed the course, today or before.")
            elif completed_on < EARLIEST_COMPLETION:
                row.problem(
                    "completed_on", f"{row.cells['completed_on']} is before the year 2000.", "Check the year, and enter the day they completed the course."
                )
        if person is None or course is None:
            continue
        if _repeats(row, (person.pk, course.pk), seen, "course", f"{person.full_name} completing {course.title}"):
            continue
        if row.failed:
            continue
        on = f"{completed_on.day} {completed_on:%B %Y}"
        if (person.pk, course.pk) in done:
            report.rows.append(CheckedRow(row.line, False, f"{person.full_name}, {course.title}: already recorded, left as it is"))
            continue
        report.rows.append(
            CheckedRow(
                row.line,
                True,
                f"{person.full_name}, {course.title}: completed on {on}",
                {"person": person, "course": course, "organisation": organisation_of[person.pk], "completed_on": completed_on},
            )
        )
    return report


def _course(row: _Row, programmes: dict, courses_by_title: dict) -> Course | None:
    """The course the row names: by its title, in the programme when one is named (two courses may share a title)."""
    title = row.cells.get("course", "")
    if not title:
        row.problem("course", "The course cell is empty.", "Enter the course's title, as it is on Golden Thread.")
        return None
    found = courses_by_title.get(title.casefold(), [])
    name = row.cells.get("programme", "")
    if name:
        programme = programmes.get(name.casefold())
        if programme is None:
            row.problem(
                "programme",
                f"No programme is called '{name}'.",
                f"Use the name of a programme on Golden Thread ({_list_words(sorted(p.name for p in programmes.values()))}), or leave the cell empty.",
            )
            return None
        found = [course for course in found if course.programme_id == programme.pk]
        if not found:
            row.problem(
                "course",
                f"{programme.name} has no course called '{title}'.",
                "Use the course's title as it is on Golden Thread, or import the course first with a courses file.",
            )
            return None
    if not found:
        row.problem(
            "course",
            f"No course is called '{title}'.",
            "Use the course's title as it is on Golden Thread, or import the course first with a courses file.",
        )
        return None
    if len(found) > 1:
        row.problem(
            "programme",
            f"More than one programme has a course called '{title}': {_list_words(sorted(c.programme.name for c in found))}.",
            "Enter the programme's name in the programme column.",
        )
        return None
    return found[0]


CHECKS = {PEOPLE: check_people, COURSES: check_courses, COMPLETIONS: check_completions}
