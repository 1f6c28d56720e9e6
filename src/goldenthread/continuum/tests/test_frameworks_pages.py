"""The framework pages: only partnership admins may read, download and upload frameworks."""

import tomllib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goldenthread.continuum import frameworks, services
from goldenthread.continuum.models import Framework

from .test_frameworks import SMALL

PAGES = {
    "list": ("continuum:frameworks", []),
    "version": ("continuum:framework", ["general", 1]),
    "download": ("continuum:framework-download", ["general", 1]),
    "upload": ("continuum:framework-upload", []),
}
REFUSED = ["practitioner", "champion", "organisation_lead", "other_agency_lead"]


def url(page):
    name, args = PAGES[page]
    return reverse(name, args=args)


def upload(client, content: bytes, name="framework.toml"):
    return client.post(url("upload"), {"file": SimpleUploadedFile(name, content, content_type="application/toml")})


@pytest.fixture
def admin_client(client, partnership_lead):
    client.force_login(partnership_lead)
    return client


# Who may open each page ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES))
def test_someone_not_signed_in_is_sent_to_sign_in(client, page):
    response = client.get(url(page))
    assert response.status_code == 302
    assert reverse("core:sign-in") in response["Location"]


@pytest.mark.parametrize("person", REFUSED)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_people_who_are_not_partnership_admins_are_refused(client, page, person, request):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url(page)).status_code == 403


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_partnership_admin_can_open_every_framework_page(admin_client, page):
    assert admin_client.get(url(page)).status_code == 200


def test_an_organisation_lead_cannot_upload_a_framework(client, organisation_lead):
    client.force_login(organisation_lead)
    before = Framework.objects.count()
    assert upload(client, SMALL.encode()).status_code == 403
    assert Framework.objects.count() == before


@pytest.mark.parametrize("path", ["/continuum/frameworks/general/9/", "/continuum/frameworks/nothing-here/1/download/"])
def test_an_unknown_version_is_not_found(admin_client, path):
    assert admin_client.get(path).status_code == 404


# Reading and downloading -----------------------------------------------------------------------


def test_the_list_shows_each_framework_with_its_versions_and_the_current_one(admin_client, partnership_lead):
    services.import_framework(frameworks.parse_framework(SMALL), by=partnership_lead)
    services.import_framework(
        frameworks.parse_framework(SMALL.replace("Our waiting areas feel calm.", "Our waiting areas feel calm and private.")), by=partnership_lead
    )
    page = admin_client.get(url("list")).content.decode()
    assert "Trauma-informed organisation self-assessment" in page and "Trauma-informed school self-assessment" in page
    assert 'Version 2<span class="govuk-visually-hidden"> of A small fictional framework' in page
    assert page.count("Earlier version") == 1
    assert page.count(">Current<") == 3


def test_a_version_page_shows_its_domains_statements_guidance_and_stages(admin_client):
    page = admin_client.get(url("version")).content.decode()
    assert '<h1 class="govuk-heading-xl">Trauma-informed organisation self-assessment</h1>' in page
    assert "Leadership and governance" in page and "Data, evaluation and learning" in page
    assert "greeted warmly, by name where we know it" in page
    assert "Done well: the business or service plan names trauma-informed practice" in page
    assert "From 2.5 to below 3.25" in page and "3.25 and above" in page
    assert "not a validated score" in page
    assert "10 domains, 51 statements" in page


def test_an_earlier_version_page_points_to_the_current_one(admin_client, partnership_lead):
    services.import_framework(frameworks.parse_framework(SMALL), by=partnership_lead)
    services.import_framework(
        frameworks.parse_framework(SMALL.replace("Staff have reflective supervision.", "Staff have regular reflective supervision.")), by=partnership_lead
    )
    page = admin_client.get(reverse("continuum:framework", args=["riverbend-test", 1])).content.decode()
    assert "This is an earlier version." in page
    assert reverse("continuum:framework", args=["riverbend-test", 2]) in page


def test_a_version_downloads_as_a_toml_file_that_reads_back_the_same(admin_client):
    response = admin_client.get(url("download"))
    assert response["Content-Type"].startswith("application/toml")
    assert response["Content-Disposition"] == 'attachment; filename="general-version-1.toml"'
    content = response.content.decode()
    tomllib.loads(content)
    assert frameworks.parse_framework(content) == frameworks.framework_data(Framework.objects.get(code="general", version=1))


# Uploading ---------------------------------------------------------------------------------------


def test_an_edited_download_uploads_as_the_next_version(admin_client):
    downloaded = admin_client.get(url("download")).content.decode()
    edited = downloaded.replace("Our leaders talk about trauma-informed practice as a priority", "Our leaders often say trauma-informed practice is a priority")
    response = upload(admin_client, edited.encode())
    assert response.status_code == 302
    assert response["Location"] == reverse("continuum:framework", args=["general", 2])
    page = admin_client.get(response["Location"]).content.decode()
    assert "Version 2 of Trauma-informed organisation self-assessment is now the current version." in page
    assert "Our leaders often say trauma-informed practice is a priority" in page
    assert Framework.objects.get(code="general", is_current=True).version == 2


def test_uploading_an_unchanged_download_makes_no_new_version(admin_client):
    downloaded = admin_client.get(url("download")).content
    response = upload(admin_client, downloaded)
    assert response["Location"] == reverse("continuum:framework", args=["general", 1])
    assert "is the same as version 1" in admin_client.get(response["Location"]).content.decode()
    assert Framework.objects.filter(code="general").count() == 1


def test_the_upload_page_has_a_file_upload_field_and_no_error(admin_client):
    page = admin_client.get(url("upload")).content.decode()
    assert 'class="govuk-file-upload"' in page and 'type="file"' in page and 'enctype="multipart/form-data"' in page
    assert "There is a problem" not in page and "<title>Error:" not in page


BAD_FILES = {
    "empty": (b"", "The selected file is empty"),
    "not TOML": (b"This is a letter, not a framework.\n", "not in the TOML format"),
    "not text": (bytes(range(256)) * 4, "saved as UTF-8"),
    "huge": (b"# " + b"a" * (201 * 1024), "must be smaller than 200 KB"),
    "invalid structure": (b'code = "riverbend-test"\nkind = "general"\ntitle = "No scale, stages or domains"\n', "The file has no scale."),
    "duplicate codes": (SMALL.replace('code = "wellbeing-supervision"', 'code = "safety-welcome"').encode(), "Every statement needs its own code"),
    "stages out of order": (SMALL.replace("minimum = 3.25", "minimum = 2").encode(), "Each stage must start at a higher score"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_explained_and_nothing_is_imported(admin_client, case):
    content, message = BAD_FILES[case]
    before = Framework.objects.count()
    response = upload(admin_client, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("<h1") == 1 and "<title>Error: Upload a new framework version" in page
    assert "There is a problem" in page and 'href="#id_file"' in page
    assert message in page
    assert Framework.objects.count() == before


def test_posting_without_a_file_asks_for_one(admin_client):
    response = admin_client.post(url("upload"), {})
    assert response.status_code == 400
    assert "Select a framework file to upload" in response.content.decode()


def test_a_file_with_many_problems_lists_them_all_and_says_so_by_the_field(admin_client):
    broken = SMALL.replace('kind = "general"', 'kind = "hospital"').replace("minimum = 2.5", "minimum = 1")
    page = upload(admin_client, broken.encode()).content.decode()
    assert "needs a kind" in page and "Each stage must start at a higher score" in page
    assert "The file has 2 problems, listed at the top of the page." in page


def test_html_in_an_uploaded_file_is_shown_as_text(admin_client):
    sneaky = SMALL.replace("Our waiting areas feel calm.", "<script>alert(1)</script> Our waiting areas feel calm.")
    response = upload(admin_client, sneaky.encode())
    page = admin_client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_file_with_more_problems_than_fit_shows_the_first_twenty_and_counts_them_all(admin_client):
    domains_without_statements = "".join(f'\n[[domains]]\ncode = "empty-{n}"\ntitle = "Empty {n}"\n' for n in range(25))
    broken = SMALL.split("[[domains]]")[0] + domains_without_statements
    page = upload(admin_client, broken.encode()).content.decode()
    assert page.count("has no statements") == 20
    assert "There are 5 more problems." in page
    assert "The file has 25 problems, listed at the top of the page." in page


def test_a_version_page_suggests_words_to_look_at_again_without_blocking_the_upload(admin_client):
    worded = SMALL.replace("Our waiting areas feel calm.", "Our waiting areas feel calm, even for families who are non-compliant.")
    response = upload(admin_client, worded.encode())
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "Words to look at again" in page
    assert "Statement safety-spaces: ‘non-compliant’" in page


def test_the_shipped_versions_have_no_words_to_look_at_again(admin_client):
    assert "Words to look at again" not in admin_client.get(url("version")).content.decode()


# Files nested far deeper than any framework: turned away quickly, with a message ----------------------

DEEP = 60_000
DEEP_FILES = {
    "deep arrays": (f"code = {'[' * DEEP}{']' * DEEP}\n".encode(), "lists [ ] or tables { } are inside one another more than 16 levels deep"),
    "deep inline tables": (f"code = {'{a=' * 20_000}1{'}' * 20_000}\n".encode(), "lists [ ] or tables { } are inside one another more than 16 levels deep"),
    "a long dotted key": (("a" + ".a" * DEEP + " = 1\n").encode(), "a name has more than 8 parts joined by dots"),
    "a deep table header": (("[" + "a." * DEEP + "a]\n").encode(), "a name has more than 8 parts joined by dots"),
    "a deep array of tables header": (("[[" + "a." * DEEP + "a]]\n").encode(), "a name has more than 8 parts joined by dots"),
    "a dotted key inside an inline table": (("code = {" + "a." * DEEP + "a = 1}\n").encode(), "a name has more than 8 parts joined by dots"),
    "deep arrays after a good file": ((SMALL + f"\nextra = {'[' * DEEP}{']' * DEEP}\n").encode(), "inside one another more than 16 levels deep"),
    "an oversized file": (SMALL.encode() + b"\n# " + b"a" * (200 * 1024), "The selected file must be smaller than 200 KB."),
    "a file not saved as UTF-8": (
        SMALL.replace("Our waiting areas feel calm.", "Nos salles d'attente sont calmes, même à midi.").encode("latin-1"),
        "saved as UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(DEEP_FILES))
def test_a_deeply_nested_or_oversized_file_is_explained_and_nothing_saved_is_lost(admin_client, case):
    content, message = DEEP_FILES[case]
    assert len(content) < 400 * 1024
    before = list(Framework.objects.order_by("code", "version").values_list("code", "version", "is_current"))
    response = upload(admin_client, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Upload a new framework version" in page and "There is a problem" in page and 'href="#id_file"' in page
    assert message in page.replace("&#x27;", "'")
    assert "a" * 100 not in page  # the long name is not repeated back
    assert list(Framework.objects.order_by("code", "version").values_list("code", "version", "is_current")) == before
    assert admin_client.get(url("version")).status_code == 200


def test_the_nesting_message_names_the_line_and_says_what_to_do(admin_client):
    deep = SMALL + "\n" + "a" + ".a" * 20 + " = 1\n"
    page = upload(admin_client, deep.encode()).content.decode()
    line = deep.count("\n")
    assert f"Line {line}: a name has more than 8 parts joined by dots" in page
    assert "Compare it with a framework file downloaded from this site, then upload the file again." in page


def test_a_good_file_still_uploads_after_a_deeply_nested_one_was_turned_away(admin_client):
    assert upload(admin_client, DEEP_FILES["deep arrays"][0]).status_code == 400
    response = upload(admin_client, SMALL.encode())
    assert response.status_code == 302
    assert Framework.objects.get(code="riverbend-test").is_current
