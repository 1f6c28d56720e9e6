"""Bring your own learning system: a file of people, courses or completed courses is checked row by row and imported whole, or not at all.

Every rejected row is explained with its line, its column, what is wrong and what to do;
nothing is ever half imported; nobody gets a sign-in without a partnership lead's say.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from goldenthread.core.models import AuditEvent, User
from goldenthread.partnership.models import Membership, Role
from goldenthread.training import services
from goldenthread.training.lms import files
from goldenthread.training.lms import services as lms
from goldenthread.training.lms.formats import parse_day
from goldenthread.training.models import Completion, Course, LmsImport

from .support import came, emails_to, held, queued_emails

CORE = "Core programme (fictional)"
ESSENTIALS = "Trauma-informed practice: the essentials"


def csv(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def where(report) -> list[tuple]:
    """Each problem as (line, column), in order."""
    return [(problem.line, problem.column) for problem in report.sorted_problems()]


def words(report) -> str:
    return " ".join(f"{problem.what} {problem.todo}" for problem in report.problems)


@pytest.fixture
def everyone(practitioner, other_agency_practitioner, organisation_lead, champion):
    return [practitioner, other_agency_practitioner, organisation_lead, champion]


# --- completed courses ----------------------------------------------------------------------


def test_a_trainer_imports_courses_people_completed_in_their_councils_own_system(essentials, trainer, everyone):
    report = lms.import_completions(
        csv(
            "email,programme,course,completed_on",
            f"Riley.Shah@childrens.example,{CORE},{ESSENTIALS},14/03/2025",
            f"casey.evans@health.example,,{ESSENTIALS.upper()},2025-03-15",
            f'jo.park@childrens.example,{CORE},"{ESSENTIALS}",3 March 2025',
        ),
        by=trainer,
        file_name="totara-export.csv",
    )

    assert report.imported and report.ok
    completions = {c.person.email: c for c in Completion.objects.select_related("person", "organisation")}
    assert {email: c.completed_on for email, c in completions.items()} == {
        "riley.shah@childrens.example": date(2025, 3, 14),
        "casey.evans@health.example": date(2025, 3, 15),
        "jo.park@childrens.example": date(2025, 3, 3),
    }
    assert completions["casey.evans@health.example"].organisation.name == "Riverbend Community Health"
    batch = LmsImport.objects.get()
    assert (batch.kind, batch.status, batch.added, batch.file_name, batch.text) == ("completions", "imported", 3, "totara-export.csv", "")
    assert all(c.imported_in == batch for c in completions.values())


def test_an_import_is_in_the_audit_log_as_the_person_who_imported(essentials, trainer, practitioner):
    from goldenthread.core.audit import acting_as

    with acting_as(trainer):
        lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert AuditEvent.objects.filter(object_type="training.completion", actor=trainer).exists()


def test_importing_the_same_file_again_adds_nothing_twice(essentials, trainer, practitioner):
    file = csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025")
    lms.import_completions(file, by=trainer)

    again = lms.import_completions(file, by=trainer)

    assert again.ok and not again.to_add and not again.imported
    assert [row.words for row in again.unchanged] == [f"Riley Shah, {ESSENTIALS}: already recorded, left as it is"]
    assert Completion.objects.count() == 1


def test_one_bad_row_means_nothing_is_imported_and_every_bad_row_is_explained(essentials, trainer, everyone):
    report = lms.import_completions(
        csv(
            "email,course,completed_on",
            f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025",
            f"nobody@nowhere.example,{ESSENTIALS},14/03/2025",
            "casey.evans@health.example,A course nobody runs,14/03/2025",
            f"jo.park@childrens.example,{ESSENTIALS},31/02/2025",
            f"not-an-address,{ESSENTIALS},14/03/2025",
            f"sam.okafor@childrens.example,{ESSENTIALS},",
        ),
        by=trainer,
    )

    assert not report.imported
    assert Completion.objects.count() == 0 and LmsImport.objects.count() == 0
    assert where(report) == [(3, "email"), (4, "course"), (5, "completed_on"), (6, "email"), (7, "completed_on")]
    assert report.rejected_lines == [3, 4, 5, 6, 7]
    for problem in report.problems:
        assert problem.what.endswith(".") and problem.todo.endswith(".") and len(problem.todo.split()) >= 4
    text = words(report)
    assert "Nobody on Golden Thread has this e-mail address" in text
    assert "No course is called 'A course nobody runs'" in text
    assert "'31/02/2025' is not a real date" in text
    assert "'not-an-address' is not an e-mail address" in text
    assert "The completed_on cell is empty" in text


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("03/14/2025", "has the month first, as in the USA"),
        ("14/03/25", "Write the year in full"),
        ("yesterday", "is not a date we can read"),
        ("14 Smarch 2025", "has a month we cannot read"),
        ("1/1/1999", "before the year 2000"),
    ],
)
def test_a_date_that_cannot_be_read_says_how_to_write_it(essentials, trainer, practitioner, written, problem):
    report = lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},{written}"), by=trainer)

    assert problem in words(report)
    assert "Write the date with the day first" in words(report) or "Check the year" in words(report)


def test_a_day_in_the_future_is_refused(essentials, trainer, practitioner):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    report = lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},{tomorrow}"), by=trainer)

    assert "is in the future" in words(report)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("14/03/2025", date(2025, 3, 14)),
        ("14.3.2025", date(2025, 3, 14)),
        ("2025-03-14", date(2025, 3, 14)),
        ("2025-03-14T09:30:00Z", date(2025, 3, 14)),
        ("14/03/2025 16:45", date(2025, 3, 14)),
        ("14th March 2025", date(2025, 3, 14)),
        ("14 Mar 2025", date(2025, 3, 14)),
    ],
)
def test_dates_are_read_the_ways_learning_systems_and_spreadsheets_write_them(written, day):
    assert parse_day(written) == (day, "")


def test_the_same_person_and_course_twice_in_one_file_names_the_other_line(essentials, trainer, practitioner):
    report = lms.import_completions(
        csv(
            "email,course,completed_on",
            f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025",
            f"RILEY.SHAH@childrens.example,{ESSENTIALS},15/03/2025",
        ),
        by=trainer,
    )

    assert where(report) == [(3, "course")]
    assert "is also on line 2" in words(report)
    assert Completion.objects.count() == 0


def test_two_courses_with_one_title_need_the_programme_named(essentials, leaders_programme, trainer, practitioner):
    services.create_course(leaders_programme, by=trainer, title=ESSENTIALS)

    report = lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert where(report) == [(2, "programme")]
    assert "Enter the programme's name in the programme column" in words(report)


def test_a_completion_for_someone_in_no_organisation_is_refused(essentials, trainer, partnership_lead):
    report = lms.import_completions(csv("email,course,completed_on", f"alex.morgan@partnership.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert "is not in any member organisation" in words(report)


def test_completed_courses_never_make_an_account(essentials, trainer):
    before = User.objects.count()

    lms.import_completions(csv("email,course,completed_on", f"new.person@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert User.objects.count() == before


def test_an_imported_completion_is_never_taken_back_by_the_register_here(session, essentials, trainer, practitioner):
    lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)
    services.book(session, by=practitioner)
    held(session)

    came(session, trainer, practitioner, how="not-able-to-come")

    completion = Completion.objects.get()
    assert completion.completed_on == date(2025, 3, 14) and completion.imported_in is not None


def test_if_a_row_fails_while_being_written_nothing_is_kept(essentials, trainer, practitioner, monkeypatch):
    from django.core.exceptions import ValidationError

    real_create = Completion.objects.create
    calls = []

    def fail_on_the_second(**values):
        calls.append(values)
        if len(calls) == 2:
            raise ValidationError("The database said no")
        return real_create(**values)

    monkeypatch.setattr(Completion.objects, "create", fail_on_the_second)
    services.create_course(essentials.programme, by=trainer, title="Motivational interviewing: first steps")

    report = lms.import_completions(
        csv(
            "email,course,completed_on",
            f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025",
            "riley.shah@childrens.example,Motivational interviewing: first steps,15/03/2025",
        ),
        by=trainer,
    )

    assert not report.imported and where(report) == [(3, "")]
    assert Completion.objects.count() == 0 and LmsImport.objects.count() == 0


# --- the file itself --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (b"email,course,completed_on\r\n", "has column names but no rows under them"),
        (b"email,course,completed_on\r\n,,\r\n,,\r\n", "has column names but no rows under them"),
        (b"PK\x03\x04\x14\x00\x06\x00 workbook", "spreadsheet workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old workbook", "older Excel workbook"),
        (b"%PDF-1.7 a report", "This is a PDF"),
        (b"\xff\xfee\x00m\x00", "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("email,course,completed_on\r\nsiân@example.org,A,1/1/2025\r\n".encode("cp1252"), "Line 2 has characters that are not in UTF-8"),
    ],
)
def test_a_file_that_is_not_a_csv_in_utf8_is_refused_with_what_to_do(trainer, data, problem):
    report = lms.import_completions(data, by=trainer)

    assert not report.imported
    (only,) = report.problems
    assert problem in only.what
    assert only.todo


def test_wrong_columns_name_the_columns_the_file_needs(trainer):
    report = lms.import_completions(csv("name,course title", "Riley Shah,The essentials"), by=trainer)

    (only,) = report.problems
    assert only.line == 1
    assert "no column for email (their work e-mail address) or completed_on (the day they completed it)" in only.what
    assert "The first line must name the columns: email, course, completed_on." in only.todo


def test_a_file_without_column_names_says_to_add_them(trainer):
    report = lms.import_completions(csv(f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert "looks like a row of records: add a line above it with the column names" in report.problems[0].todo


def test_a_column_named_twice_is_refused(trainer):
    report = lms.import_completions(csv("email,course,Email,completed_on", "a@b.example,C,a@b.example,1/1/2025"), by=trainer)

    assert "Two columns are both 'email'" in report.problems[0].what


def test_column_names_may_be_written_as_people_write_them_and_extra_columns_are_listed_not_read(essentials, trainer, practitioner):
    report = lms.check_file(
        "completions",
        csv("E-mail address,Course title,Date completed,Score", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025,92"),
        by=trainer,
    )

    assert report.ok and len(report.to_add) == 1
    assert report.ignored_columns == ["Score"]


def test_excel_files_saved_as_csv_utf8_with_semicolons_and_a_byte_order_mark_are_read(essentials, trainer, practitioner):
    data = "\ufeffemail;course;completed_on\r\nriley.shah@childrens.example;Trauma-informed practice: the essentials;14/03/2025\r\n".encode()

    report = lms.import_completions(data, by=trainer)

    assert report.imported and Completion.objects.count() == 1


def test_a_row_with_more_cells_than_columns_says_to_quote_commas(essentials, trainer, practitioner):
    report = lms.import_completions(csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025,extra"), by=trainer)

    assert where(report) == [(2, "")]
    assert "put the whole cell in double quotes" in words(report)


def test_a_quote_never_closed_is_found_on_its_line(trainer):
    report = lms.import_completions(csv("email,course,completed_on", "a@b.example,C,1/1/2025", 'a@b.example,"Never closed,1/1/2025'), by=trainer)

    (only,) = report.problems
    assert only.line == 3 and "a double quote is opened and never closed" in only.what


def test_a_file_too_big_is_refused_before_it_is_read(trainer):
    huge = b"email,course,completed_on\r\n" + b"someone@example.org,A course,14/03/2025\r\n" * 40_000

    report = lms.import_completions(huge, by=trainer)

    (only,) = report.problems
    assert "The largest file that can be checked is 1.0 MB" in only.what and "Split it into smaller files" in only.todo


def test_a_file_with_too_many_rows_is_refused(trainer, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 3)

    report = lms.import_completions(csv("email,course,completed_on", *["a@b.example,C,1/1/2025"] * 4), by=trainer)

    assert "more than 3 rows" in report.problems[0].what


def test_an_upload_is_read_no_further_than_the_limit(trainer):
    class Endless:
        asked = []

        def read(self, size=-1):
            self.asked.append(size)
            return b"x" * size

    files.as_bytes(Endless())

    assert Endless.asked == [files.MAX_FILE_BYTES + 1]


# --- courses --------------------------------------------------------------------------------


def test_a_trainer_imports_courses_into_programmes_through_the_course_service(core_programme, essentials, trainer):
    report = lms.import_courses(
        csv(
            "programme,title,summary,parts,skills",
            f'{CORE},Motivational interviewing: first steps,"Open questions, reflecting back.",Day 1 | Day 2,Asking open questions | Reflecting back',
            f"{CORE},{ESSENTIALS},,,",
        ),
        by=trainer,
    )

    assert report.imported
    course = Course.objects.get(title="Motivational interviewing: first steps")
    assert (course.parts, course.skills, course.created_by) == (["Day 1", "Day 2"], ["Asking open questions", "Reflecting back"], trainer)
    assert [row.words for row in report.unchanged] == [f"{ESSENTIALS}, in {CORE}: already on Golden Thread, left as it is"]
    essentials.refresh_from_db()
    assert essentials.summary.startswith("What trauma is")


def test_a_course_row_with_an_unknown_programme_or_too_many_parts_is_explained(core_programme, trainer):
    report = lms.import_courses(
        csv(
            "programme,title,parts",
            "A programme nobody has,A course,",
            f"{CORE},,",
            f"{CORE},Eleven parts,{' | '.join(f'Day {n}' for n in range(1, 12))}",
        ),
        by=trainer,
    )

    assert where(report) == [(2, "programme"), (3, "title"), (4, "parts")]
    assert f"Use the name of a programme on Golden Thread ('{CORE}')" in words(report)
    assert "A course can have up to 10 parts." in words(report)
    assert Course.objects.count() == 0


@pytest.mark.parametrize("cell", ['=HYPERLINK("https://bad.example","Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "＝1+1"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_refused_as_new_text(core_programme, trainer, cell):
    quoted = '"' + cell.replace('"', '""') + '"'

    report = lms.import_courses(csv("programme,title", f"{CORE},{quoted}"), by=trainer)

    assert "so a spreadsheet would run it as a formula" in words(report)
    assert Course.objects.count() == 0


def test_only_trainers_and_partnership_leads_import_courses_and_completions(practitioner, organisation_lead, champion):
    for person in (practitioner, organisation_lead, champion):
        for action in (lms.import_courses, lms.import_completions):
            with pytest.raises(PermissionDenied):
                action(csv("email,course,completed_on"), by=person)


# --- people ---------------------------------------------------------------------------------


def test_a_partnership_lead_imports_people_each_new_one_invited_as_a_practitioner(
    partnership_lead, childrens_services, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = lms.import_people(
            csv(
                "email,full_name,organisation,job_title,role",
                "Morgan.Blake@childrens.example,Morgan Blake,riverbend children's services,Family support worker,organisation-lead",
                "riley.shah@childrens.example,Riley Shah,Riverbend Children's Services,,",
            ),
            by=partnership_lead,
        )

    assert report.imported
    morgan = User.objects.get(email="morgan.blake@childrens.example")
    assert not morgan.has_usable_password(), "a sign-in only once they choose a password from the invitation"
    assert list(Membership.objects.filter(user=morgan).values_list("organisation__name", "role")) == [("Riverbend Children's Services", Role.PRACTITIONER)]
    assert report.ignored_columns == ["role"]
    assert [row.words for row in report.unchanged] == ["Riley Shah (riley.shah@childrens.example): already in Riverbend Children's Services, left as they are"]
    assert any("password" in body.lower() for _, body in emails_to(morgan))


def test_a_trainer_may_not_import_people(trainer):
    with pytest.raises(PermissionDenied, match="Only the partnership leads can import people"):
        lms.import_people(csv("email,full_name,organisation", "a@b.example,A,B"), by=trainer)


def test_no_invitation_goes_out_when_a_people_file_is_rejected(partnership_lead, childrens_services, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = lms.import_people(
            csv(
                "email,full_name,organisation",
                "morgan.blake@childrens.example,Morgan Blake,Riverbend Children's Services",
                "drew.new@childrens.example,Drew New,Riverbend Council of Nowhere",
            ),
            by=partnership_lead,
        )

    assert not report.imported and where(report) == [(3, "organisation")]
    assert not User.objects.filter(email="morgan.blake@childrens.example").exists()
    assert queued_emails() == []


def test_an_import_never_moves_someone_already_here_to_another_organisation(partnership_lead, community_health, practitioner):
    report = lms.import_people(csv("email,full_name,organisation", "riley.shah@childrens.example,Riley Shah,Riverbend Community Health"), by=partnership_lead)

    assert "already on Golden Thread, in Riverbend Children's Services" in words(report)
    assert "An import never moves anyone between organisations" in words(report)
    assert Membership.objects.filter(user=practitioner).count() == 1


def test_a_closed_account_is_not_reopened_by_an_import(partnership_lead, practitioner):
    practitioner.is_active = False
    practitioner.save()

    report = lms.import_people(
        csv("email,full_name,organisation", "riley.shah@childrens.example,Riley Shah,Riverbend Children's Services"), by=partnership_lead
    )

    assert "The account with this e-mail address is closed" in words(report)


def test_a_person_twice_in_a_people_file_is_refused(partnership_lead, childrens_services):
    report = lms.import_people(
        csv(
            "email,full_name,organisation",
            "morgan.blake@childrens.example,Morgan Blake,Riverbend Children's Services",
            " MORGAN.BLAKE@childrens.example ,Morgan Blake,Riverbend Children's Services",
        ),
        by=partnership_lead,
    )

    assert where(report) == [(3, "email")] and "also on line 2" in words(report)


def test_a_name_that_would_run_as_a_formula_is_refused_before_anyone_is_invited(partnership_lead, childrens_services):
    report = lms.import_people(
        csv("email,full_name,organisation", 'x@childrens.example,"=HYPERLINK(""https://bad.example"")",Riverbend Children\'s Services'), by=partnership_lead
    )

    assert where(report) == [(2, "full_name")]
    assert not User.objects.filter(email="x@childrens.example").exists()


# --- checking, keeping and confirming -------------------------------------------------------


def test_a_checked_file_is_kept_until_confirmed_then_imported_and_forgotten(essentials, trainer, practitioner):
    report, kept = lms.keep_for_confirming("completions", csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)
    assert report.ok and kept.status == "checked" and "riley.shah" in kept.text
    assert Completion.objects.count() == 0

    done = lms.import_kept(kept, by=trainer)

    kept.refresh_from_db()
    assert done.imported and (kept.status, kept.text, kept.added) == ("imported", "", 1)
    assert Completion.objects.get().imported_in == kept


def test_a_kept_file_is_checked_again_when_confirmed(essentials, trainer, practitioner):
    _, kept = lms.keep_for_confirming("completions", csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)
    practitioner.email = "riley.shah@elsewhere.example"
    practitioner.save()

    report = lms.import_kept(kept, by=trainer)

    kept.refresh_from_db()
    assert not report.imported and "Nobody on Golden Thread has this e-mail address" in words(report)
    assert kept.status == "checked" and Completion.objects.count() == 0


def test_only_the_person_who_checked_a_file_imports_it(essentials, trainer, partnership_lead, practitioner):
    _, kept = lms.keep_for_confirming("completions", csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    with pytest.raises(PermissionDenied):
        lms.import_kept(kept, by=partnership_lead)


def test_a_file_nobody_confirms_is_forgotten_a_day_later(essentials, trainer, practitioner):
    from goldenthread.training.tasks import forget_unconfirmed_import

    _, kept = lms.keep_for_confirming("completions", csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025"), by=trainer)

    assert forget_unconfirmed_import.call(kept.pk) is True
    kept.refresh_from_db()
    assert (kept.status, kept.text) == ("set-aside", "")
    assert forget_unconfirmed_import.call(kept.pk) is False


def test_a_file_with_nothing_new_is_not_kept(essentials, trainer, practitioner):
    file = csv("email,course,completed_on", f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025")
    lms.import_completions(file, by=trainer)

    report, kept = lms.keep_for_confirming("completions", file, by=trainer)

    assert report.ok and kept is None
