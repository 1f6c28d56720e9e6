"""The shared-language check reads every file the platform can read: what it finds is shown on the resource's page as advice, never a block.

Jo Park (champion, Riverbend Children's Services) uploads a guide; Riley Shah (practitioner) reads
it. Everything here is fictional.
"""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from goldenthread.programme.resources import services
from goldenthread.programme.resources.models import ResourceVersion

from .conftest import CLEAN_WORDS, MP3, WORDS_WITH_ADVICE, docx_bytes, pdf_bytes, resource_details, upload

pytestmark = pytest.mark.django_db

ADD = reverse("programme:resources-add")


def add_and_follow(client, person, file):
    client.force_login(person)
    response = client.post(ADD, {**resource_details(), "file": file}, follow=True)
    assert response.redirect_chain and response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize("file", [upload("visit.docx", docx_bytes(WORDS_WITH_ADVICE)), upload("visit.pdf", pdf_bytes(WORDS_WITH_ADVICE))])
def test_advice_on_the_words_of_a_file_is_shown_after_upload_and_the_file_is_saved(client, champion, file):
    page = add_and_follow(client, champion, file)
    version = ResourceVersion.objects.get()
    findings = version.language_findings
    assert findings["checked"] and findings["count"] == 2
    assert "The resource is added to the library. The shared-language check found 2 things to look at in its words" in page
    assert "Shared-language advice on version 1" in page
    for finding in findings["findings"]:
        assert f"The words ‘{finding['text']}’" in page
        assert finding["message"] in page
    assert {finding["text"] for finding in findings["findings"]} == {"liar", "LAC"}
    assert "This is advice for when the file is next changed" in page


def test_a_file_with_nothing_to_change_says_so(client, champion):
    page = add_and_follow(client, champion, upload("visit.txt", CLEAN_WORDS.encode()))
    assert "The resource is added to the library." in page
    assert "The shared-language check found nothing to change in the file’s words." in page


def test_a_recording_is_not_read_and_the_page_says_so(client, champion):
    page = add_and_follow(client, champion, upload("talk.mp3", MP3))
    assert "The platform cannot read the words in a recording, so they were not checked." in page


def test_a_file_with_no_words_to_read_says_so(client, champion):
    page = add_and_follow(client, champion, upload("scan.pdf", pdf_bytes("")))
    assert "We could not find any words in this file" in page


def test_the_advice_is_for_the_people_who_can_add_a_better_version_not_every_reader(client, champion, practitioner, organisation_lead, childrens_services):
    resource = services.add_resource(
        by=champion,
        organisation=childrens_services,
        title="Visit notes guide (fictional)",
        summary="About visits.",
        kind="guide",
        upload=upload("visit.txt", WORDS_WITH_ADVICE.encode()),
    )
    url = reverse("programme:resources-detail", args=[resource.public_id])
    client.force_login(organisation_lead)
    assert "Shared-language advice on version 1" in client.get(url).content.decode()
    client.force_login(practitioner)
    assert "Shared-language advice" not in client.get(url).content.decode()


def test_the_advice_follows_the_newest_version(client, champion):
    resource = services.add_resource(
        by=champion, title="Visit notes guide (fictional)", summary="About visits.", kind="guide", upload=upload("visit.txt", WORDS_WITH_ADVICE.encode())
    )
    services.add_version(resource, by=champion, upload=upload("visit.txt", CLEAN_WORDS.encode()), note="Kinder words.")
    client.force_login(champion)
    page = unescape(client.get(reverse("programme:resources-detail", args=[resource.public_id])).content.decode())
    assert "Shared-language advice on version 2" in page
    assert "found nothing to change" in page


def test_only_the_first_few_findings_are_kept_with_the_count_of_all(champion):
    resource = services.add_resource(
        by=champion,
        title="Long notes (fictional)",
        summary="About visits.",
        kind="guide",
        upload=upload("visit.txt", ((WORDS_WITH_ADVICE + "\n") * 6).encode()),
    )
    findings = resource.versions.get().language_findings
    assert findings["count"] == 12 and len(findings["findings"]) == 5
