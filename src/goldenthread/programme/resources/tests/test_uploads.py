"""Adding a resource with a file: every kind the library takes is read, and every file it cannot take is refused with what to do, nothing typed lost.

Jo Park (champion, Riverbend Children's Services) adds a guide. Everything here is fictional.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from goldenthread.programme.resources import rules, uploads
from goldenthread.programme.resources.models import Resource, ResourceVersion

from .conftest import MP3, MP4, broken_docx_bytes, docx_bytes, odt_bytes, pdf_bytes, resource_details, upload

pytestmark = pytest.mark.django_db

ADD = reverse("programme:resources-add")


def add_as(client, person, file=None, **changes):
    client.force_login(person)
    data = resource_details(**changes)
    if file is not None:
        data["file"] = file
    return client.post(ADD, data)


def assert_everything_typed_is_kept(response):
    """The form came back with each thing the person typed or chose, and nothing was saved."""
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Writing with families: words that help (fictional)"' in page
    assert "How to write records families can read without feeling judged." in page
    assert 'value="guide" checked' in page
    assert 'value="safety" checked' in page and 'value="connectedness" checked' in page
    assert 'value="childrens-social-care" checked' in page
    assert 'value="language" checked' in page
    assert 'value="practitioner" checked' in page
    assert "Agreed by the practice group in March." in page
    assert not Resource.objects.exists()
    assert not ResourceVersion.objects.exists()


def file_error_in(response) -> str:
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    "name,data,content_type",
    [
        ("guide.pdf", pdf_bytes(), "application/pdf"),
        ("guide.docx", docx_bytes(), rules.FILE_TYPES[".docx"][0]),
        ("guide.odt", odt_bytes(), rules.FILE_TYPES[".odt"][0]),
        ("guide.txt", b"Ask the family what helps.\n", "text/plain; charset=utf-8"),
        ("guide.md", "# A guide\n\nAsk the family what helps, café included.\n".encode(), "text/markdown; charset=utf-8"),
        ("guide.html", b"<html><body><p>Ask the family what helps.</p></body></html>", "text/html; charset=utf-8"),
        ("talk.mp3", MP3, "audio/mpeg"),
        ("talk.mp4", MP4, "video/mp4"),
    ],
)
def test_a_champion_adds_each_kind_of_file_the_library_takes(client, champion, name, data, content_type):
    response = add_as(client, champion, upload(name, data))
    assert response.status_code == 302
    version = ResourceVersion.objects.get()
    assert version.number == 1 and version.uploaded_by == champion
    assert version.content_type == content_type
    assert version.size == len(data)
    assert version.file_name == name
    assert version.file.name.startswith("resources/") and name not in version.file.name  # kept by an opaque name
    if name.endswith((".mp3", ".mp4")):
        assert version.text == "" and version.language_findings["checked"] is False
    else:
        assert "Ask the family what helps" in version.text
        assert version.language_findings == {"checked": True, "found_words": True, "count": 0, "findings": []}


def test_a_file_of_a_type_the_library_does_not_take_is_refused_with_the_types_it_takes(client, champion):
    response = add_as(client, champion, upload("budget.xlsx", b"PK\x03\x04 a spreadsheet"))
    assert_everything_typed_is_kept(response)
    assert rules.WRONG_TYPE in file_error_in(response)
    assert rules.CHOOSE_AGAIN in file_error_in(response)


@pytest.mark.parametrize(
    "name,data,kind",
    [
        ("guide.pdf", b"MZ\x90\x00 a program, renamed", "PDF"),
        ("guide.docx", b"%PDF-1.4 a PDF, renamed", "Word document"),
        ("guide.odt", docx_bytes(), "OpenDocument text"),
        ("notes.txt", b"\x00\x01\x02\x03 binary", "text file"),
        ("notes.md", "Caf\u00e9".encode("latin-1"), "Markdown text file"),
        ("talk.mp3", b"<html>not a recording</html>", "audio recording (MP3)"),
        ("talk.mp4", b"RIFF....AVI a different kind of video", "video recording (MP4)"),
    ],
)
def test_a_file_whose_inside_is_not_what_its_name_says_is_refused(client, champion, name, data, kind):
    response = add_as(client, champion, upload(name, data))
    assert_everything_typed_is_kept(response)
    assert rules.DISGUISED.format(kind=kind) in file_error_in(response)
    assert rules.CHOOSE_AGAIN in file_error_in(response)


def test_the_library_takes_requests_big_enough_for_a_file_at_the_limit():
    from goldenthread.core.middleware import limit_for

    assert limit_for(reverse("programme:resources-add")) > rules.MAX_FILE_BYTES
    assert limit_for("/families/") < rules.MAX_FILE_BYTES


def test_a_file_over_the_limit_is_refused_with_how_to_make_it_smaller(client, champion):
    response = add_as(client, champion, upload("guide.pdf", b"%PDF-1.4\n" + bytes(rules.MAX_FILE_BYTES)))
    assert_everything_typed_is_kept(response)
    assert f"The file must be {rules.MAX_FILE_MB} MB or smaller" in file_error_in(response)
    assert rules.CHOOSE_AGAIN in file_error_in(response)


def test_a_file_at_the_limit_is_taken(champion):
    data = b"%PDF-1.4\n" + bytes(rules.MAX_FILE_BYTES - 9)
    uploads.quick_check(upload("guide.pdf", data))  # no refusal: only what is over the limit is too big


def test_a_damaged_word_document_is_refused_with_what_to_do(client, champion):
    response = add_as(client, champion, upload("guide.docx", broken_docx_bytes()))
    assert_everything_typed_is_kept(response)
    assert rules.UNREADABLE.format(kind="Word document") in file_error_in(response)


def test_a_damaged_pdf_is_refused_with_what_to_do(client, champion):
    response = add_as(client, champion, upload("guide.pdf", b"%PDF-1.4\nthe rest of it never arrived"))
    assert_everything_typed_is_kept(response)
    assert rules.UNREADABLE.format(kind="PDF") in file_error_in(response)


def test_a_pdf_with_a_password_is_refused_with_how_to_share_it(client, champion):
    response = add_as(client, champion, upload("guide.pdf", pdf_bytes(password="riverbend")))
    assert_everything_typed_is_kept(response)
    assert rules.PASSWORD_PROTECTED in file_error_in(response)


def test_an_empty_file_is_refused_with_what_to_do(client, champion):
    response = add_as(client, champion, upload("guide.pdf", b""))
    assert_everything_typed_is_kept(response)
    assert rules.FILE_EMPTY in file_error_in(response)


def test_neither_a_file_nor_a_link_is_refused(client, champion):
    response = add_as(client, champion)
    assert_everything_typed_is_kept(response)
    assert rules.FILE_OR_LINK in file_error_in(response)


def test_both_a_file_and_a_link_is_refused(client, champion):
    response = add_as(client, champion, upload("guide.txt", b"Ask the family."), link="https://www.partnership.riverbend.example/guide")
    assert_everything_typed_is_kept(response)
    assert rules.NOT_BOTH in file_error_in(response)


@pytest.mark.parametrize("link", ["http://www.partnership.riverbend.example/guide", "javascript:alert(1)", "www.partnership.riverbend.example", "https://"])
def test_a_link_that_is_not_https_is_refused(client, champion, link):
    response = add_as(client, champion, link=link)
    assert_everything_typed_is_kept(response)
    assert response.context["form"].errors["link"] == [rules.LINK_PROBLEM]


def test_a_link_is_taken_as_the_first_version(client, champion):
    response = add_as(client, champion, link="https://www.partnership.riverbend.example/guide")
    assert response.status_code == 302
    version = ResourceVersion.objects.get()
    assert version.link == "https://www.partnership.riverbend.example/guide" and not version.file


def test_when_another_field_has_a_problem_the_page_says_to_choose_the_file_again(client, champion):
    response = add_as(client, champion, upload("guide.txt", b"Ask the family what helps."), title="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a title for the resource" in page
    assert "You chose ‘guide.txt’. " + rules.CHOOSE_AGAIN in page
    assert not Resource.objects.exists()


def test_a_file_name_with_folders_and_odd_characters_is_kept_tidy(client, champion):
    response = add_as(client, champion, upload("..\\..\\secret\\plan\x07.txt", b"Ask the family what helps."))
    assert response.status_code == 302
    version = ResourceVersion.objects.get()
    assert version.file_name == "plan.txt"
    assert ".." not in version.file.name


def test_the_name_of_a_chosen_file_is_shown_safely_when_the_page_comes_back(client, champion):
    response = add_as(client, champion, upload("<img src=x onerror=alert(1)>.txt", b"Ask the family what helps."), title="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page
