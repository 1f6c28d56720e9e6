"""The pages for bringing your own learning system: upload, check, confirm, and download; who may use them; every word checked."""

import csv
import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags

from goldenthread.core.models import User
from goldenthread.language import check
from goldenthread.partnership import services as partnership_services
from goldenthread.training import services
from goldenthread.training.lms import files
from goldenthread.training.lms import services as lms
from goldenthread.training.models import Completion, Course, LmsImport

from .support import came, held, signed_in

ESSENTIALS = "Trauma-informed practice: the essentials"
PAGE = reverse("training:lms")


def text_of(response) -> str:
    return unescape(response.content.decode())


def words_of(response) -> str:
    """The page's words, without its tags (a nonce or token in an attribute is not words the page says)."""
    return unescape(strip_tags(response.content.decode()))


def upload(client, kind: str, content: bytes, name: str = "export.csv"):
    return client.post(PAGE, {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")})


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def faults(text: str) -> list[str]:
    return [f"‘{f.text}’ ({f.rule})" for f in check(text) if f.is_fault]


GOOD = f"email,course,completed_on\r\nriley.shah@childrens.example,{ESSENTIALS},14/03/2025\r\n".encode()


def test_a_trainer_uploads_checks_and_confirms_a_file_of_completed_courses(essentials, trainer, practitioner):
    browser = signed_in(trainer)

    checked = upload(browser, "completions", GOOD)
    assert checked.status_code == 302
    kept = LmsImport.objects.get()
    page = browser.get(checked["Location"])
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert f"Line 2: Riley Shah, {ESSENTIALS}: completed on 14 March 2025" in text_of(page)
    assert Completion.objects.count() == 0, "nothing is imported before the person confirms"

    done = browser.post(checked["Location"], {"action": "import"}, follow=True)

    assert "Imported: 1 completed course added." in text_of(done)
    kept.refresh_from_db()
    assert kept.status == "imported" and Completion.objects.get().imported_in == kept
    assert "Imported" in text_of(browser.get(reverse("training:lms-check", args=[kept.public_id])))


def test_a_file_with_rejected_rows_is_shown_with_every_row_to_fix_and_nothing_kept(essentials, trainer, practitioner):
    content = (
        "email,course,completed_on\r\n"
        f"riley.shah@childrens.example,{ESSENTIALS},14/03/2025\r\n"
        f"nobody@nowhere.example,{ESSENTIALS},14/03/2025\r\n"
        "riley.shah@childrens.example,Not a course,32/01/2025\r\n"
    ).encode()

    response = upload(signed_in(trainer), "completions", content)

    assert response.status_code == 400
    page = text_of(response)
    assert "2 rows cannot be imported, so nothing has been imported" in page
    assert "Line 3, email" in page and "Nobody on Golden Thread has this e-mail address." in page
    assert "Line 4, course" in page and "Line 4, completed_on" in page
    assert LmsImport.objects.count() == 0 and Completion.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The file you chose is empty"),
        (b"PK\x03\x04 a workbook", "training.xlsx", "This is a spreadsheet workbook"),
        ("email\r\nsiân@example.org\r\n".encode("cp1252"), "old-excel.csv", "not in UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_says_what_to_do_on_the_page(trainer, content, name, message):
    response = upload(signed_in(trainer), "completions", content, name)

    assert response.status_code == 400
    assert message in text_of(response)


def test_a_file_too_big_is_refused_on_the_form(trainer, settings):
    big = b"email,course,completed_on\r\n" + b"x" * (files.MAX_FILE_BYTES + 10)

    response = upload(signed_in(trainer), "completions", big)

    assert response.status_code == 400
    assert "The file must be smaller than 1 MB" in text_of(response)


def test_the_form_needs_a_kind_and_a_file(trainer):
    response = signed_in(trainer).post(PAGE, {})

    assert response.status_code == 400
    assert "Choose whether the file holds people, courses or completed courses" in text_of(response)
    assert "Choose a CSV file to upload" in text_of(response)


def test_setting_a_checked_file_aside_imports_nothing_and_forgets_it(essentials, trainer, practitioner):
    browser = signed_in(trainer)
    checked = upload(browser, "completions", GOOD)

    browser.post(checked["Location"], {"action": "set-aside"})

    kept = LmsImport.objects.get()
    assert (kept.status, kept.text) == ("set-aside", "") and Completion.objects.count() == 0


def test_a_people_file_warns_that_each_new_person_is_invited_before_anyone_is(partnership_lead, childrens_services):
    browser = signed_in(partnership_lead)
    content = b"email,full_name,organisation\r\nmorgan.blake@childrens.example,Morgan Blake,Riverbend Children's Services\r\n"

    page = text_of(browser.get(upload(browser, "people", content)["Location"]))

    assert "e-mailed an invitation to choose a password" in page
    assert "Morgan Blake (morgan.blake@childrens.example): invited to Riverbend Children's Services as a practitioner" in page
    assert not User.objects.filter(email="morgan.blake@childrens.example").exists()


def test_a_trainer_is_not_offered_a_people_file_and_cannot_send_one(trainer):
    browser = signed_in(trainer)
    page = text_of(browser.get(PAGE))
    assert 'value="people"' not in page

    response = upload(browser, "people", b"email,full_name,organisation\r\na@b.example,A,B\r\n")

    assert response.status_code == 400 and LmsImport.objects.count() == 0


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "champion", "other_agency_practitioner"])
def test_people_who_do_not_run_training_are_refused_every_page(request, who, essentials, trainer, practitioner):
    _, kept = lms.keep_for_confirming("completions", GOOD, by=trainer)
    browser = signed_in(request.getfixturevalue(who))

    for address in (
        PAGE,
        reverse("training:lms-check", args=[kept.public_id]),
        reverse("training:lms-export", args=["completions"]),
        reverse("training:lms-template", args=["courses"]),
    ):
        assert browser.get(address).status_code == 403, address


def test_only_partnership_leads_download_people(trainer, partnership_lead, practitioner):
    address = reverse("training:lms-export", args=["people"])

    assert signed_in(trainer).get(address).status_code == 403
    rows = rows_of(signed_in(partnership_lead).get(address))
    assert rows[0] == ["email", "full_name", "organisation", "job_title", "role"]
    assert ["riley.shah@childrens.example", "Riley Shah", "Riverbend Children's Services", "Social worker", "Practitioner"] in rows


def test_an_unknown_kind_of_download_is_not_found(trainer):
    assert signed_in(trainer).get(reverse("training:lms-export", args=["everything"])).status_code == 404


def test_a_download_of_completed_courses_says_where_each_was_recorded_and_imports_again_unchanged(session, essentials, trainer, practitioner, champion):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    lms.import_completions(f"email,course,completed_on\r\njo.park@childrens.example,{ESSENTIALS},14/03/2025\r\n".encode(), by=trainer)

    response = signed_in(trainer).get(reverse("training:lms-export", args=["completions"]))

    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode()), "a byte-order mark, so that Excel reads it as UTF-8"
    rows = rows_of(response)
    assert rows[0] == ["email", "full_name", "organisation", "programme", "course", "completed_on", "recorded"]
    assert {(row[0], row[6]) for row in rows[1:]} == {
        ("riley.shah@childrens.example", "register on Golden Thread"),
        ("jo.park@childrens.example", "imported from a learning system"),
    }
    again = lms.import_completions(response.content, by=trainer)
    assert again.ok and not again.to_add and len(again.unchanged) == 2


def test_formulas_are_neutralised_in_every_download(core_programme, trainer, partnership_lead, childrens_services):
    formula = '=HYPERLINK("https://bad.example","Click")'
    services.create_course(core_programme, by=trainer, title=formula, skills=["+SUM(1,2)"])
    partnership_services.add_member(childrens_services, by=partnership_lead, email="sam.x@childrens.example", full_name="@Sam", job_title="-1+2")

    courses = rows_of(signed_in(trainer).get(reverse("training:lms-export", args=["courses"])))
    people = rows_of(signed_in(partnership_lead).get(reverse("training:lms-export", args=["people"])))

    (course,) = courses[1:]
    assert course[1] == "'" + formula and course[4] == "'+SUM(1,2)"
    (sam,) = [row for row in people[1:] if row[0] == "sam.x@childrens.example"]
    assert sam[1:4] == ["'@Sam", "Riverbend Children's Services", "'-1+2"]


def test_a_course_download_imports_again_as_it_is(essentials, trainer):
    exported = signed_in(trainer).get(reverse("training:lms-export", args=["courses"])).content
    report = lms.import_courses(exported, by=trainer)
    assert report.ok and not report.to_add and Course.objects.count() == 1


@pytest.mark.parametrize("kind", ["people", "courses", "completions"])
def test_each_template_names_the_columns_an_import_reads(partnership_lead, kind):
    rows = rows_of(signed_in(partnership_lead).get(reverse("training:lms-template", args=[kind])))
    assert rows[0][0] in ("email", "programme") and len(rows) == 2


def test_the_upload_page_and_its_report_pass_the_language_check(essentials, trainer, partnership_lead, practitioner):
    bad = f"email,course,completed_on\r\nnobody@x.example,{ESSENTIALS},31/02/2025\r\n,Not a course,\r\n".encode()
    pages = [
        signed_in(partnership_lead).get(PAGE),
        upload(signed_in(trainer), "completions", bad),
        upload(signed_in(trainer), "completions", b"PK\x03\x04"),
    ]
    browser = signed_in(trainer)
    pages.append(browser.get(upload(browser, "completions", GOOD)["Location"]))
    for response in pages:
        assert not faults(words_of(response))


def test_a_course_completed_in_the_councils_own_system_is_in_the_persons_record_with_a_certificate(essentials, trainer, practitioner):
    lms.import_completions(GOOD, by=trainer)
    completion = Completion.objects.get()
    browser = signed_in(practitioner)

    record = text_of(browser.get(reverse("training:record")))
    certificate = browser.get(reverse("training:certificate", args=[completion.public_id]))

    assert ESSENTIALS in record
    assert certificate.status_code == 200 and certificate["Content-Type"] == "application/pdf"
