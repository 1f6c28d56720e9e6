"""A resource's life: new versions kept in its history, its details and tags changed, withdrawn, and each version's file downloaded safely.

Jo Park (champion, Riverbend Children's Services) added a guide; Sam Okafor leads Riverbend; Alex
Morgan leads the partnership; Riley Shah is a practitioner. Everything here is fictional.
"""

from __future__ import annotations

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.programme.resources import queries, rules, services
from goldenthread.programme.resources.models import ResourceVersion

from .conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def detail_url(resource):
    return reverse("programme:resources-detail", args=[resource.public_id])


def download_url(resource, number):
    return reverse("programme:resources-download", args=[resource.public_id, number])


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


# Versions


def test_an_organisation_lead_adds_a_new_version_and_the_older_one_is_kept(client, guide, organisation_lead):
    client.force_login(organisation_lead)
    response = client.post(
        reverse("programme:resources-add-version", args=[guide.public_id]),
        {"file": upload("guide-v2.pdf", pdf_bytes("Say what will happen next.")), "note": "Now a PDF, with a page on what happens next."},
    )
    assert response.status_code == 302 and response["Location"] == detail_url(guide)
    numbers = [(v.number, v.note, v.uploaded_by) for v in queries.versions(guide)]
    assert numbers == [(2, "Now a PDF, with a page on what happens next.", organisation_lead), (1, "", guide.added_by)]
    page = unescape(client.get(detail_url(guide)).content.decode())
    assert "Version 2 is added. The earlier versions are kept in its history." in page
    assert page.index("Now a PDF, with a page on what happens next.") < page.index("No note")  # the newest first
    assert download_url(guide, 1) in page and download_url(guide, 2) in page
    assert "Download the newest version" in page


def test_a_new_version_needs_a_note_on_what_changed_and_keeps_what_was_typed(client, guide, champion):
    client.force_login(champion)
    response = client.post(
        reverse("programme:resources-add-version", args=[guide.public_id]), {"link": "https://www.partnership.riverbend.example/guide-2", "note": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == [rules.NOTE.required_message]
    assert 'value="https://www.partnership.riverbend.example/guide-2"' in response.content.decode()
    assert guide.versions.count() == 1


def test_a_new_version_with_a_file_the_library_cannot_take_loses_nothing_typed(client, guide, champion):
    client.force_login(champion)
    response = client.post(
        reverse("programme:resources-add-version", args=[guide.public_id]),
        {"file": upload("guide.docx", b"not a word document"), "note": "Now a Word document."},
    )
    assert response.status_code == 400
    assert rules.DISGUISED.format(kind="Word document") in response.context["form"].errors["file"][0]
    assert "Now a Word document." in response.content.decode()
    assert guide.versions.count() == 1


def test_versions_are_numbered_in_turn_and_a_link_can_follow_a_file(guide, champion, partnership_lead):
    services.add_version(guide, by=champion, link="https://www.partnership.riverbend.example/guide", note="Now on the website.")
    services.add_version(guide, by=partnership_lead, upload=upload("guide.txt", b"Back to a file."), note="A file again.")
    assert [v.number for v in queries.versions(guide)] == [3, 2, 1]
    guide.refresh_from_db()
    assert guide.changed_at == queries.latest_version(guide).uploaded_at


def test_the_details_and_tags_are_changed_by_the_person_who_added_it(client, guide, champion):
    client.force_login(champion)
    response = client.post(
        reverse("programme:resources-change", args=[guide.public_id]),
        {
            "title": "Writing with families (fictional)",
            "summary": "Shorter.",
            "kind": "template",
            "principles": ["hope"],
            "roles": ["champion", "practitioner"],
        },
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.title, guide.kind, guide.principles, guide.sectors, guide.roles) == (
        "Writing with families (fictional)",
        "template",
        ["hope"],
        [],
        ["champion", "practitioner"],
    )
    assert guide.tag_words == "Hope · Champion · Practitioner"  # each kind of tag in the order of its choices


def test_a_tag_not_in_the_choices_comes_back_with_everything_kept(client, guide, champion):
    client.force_login(champion)
    response = client.post(
        reverse("programme:resources-change", args=[guide.public_id]), {"title": "Renamed", "summary": "Shorter.", "kind": "guide", "principles": ["courage"]}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["principles"] == [rules.NOT_A_TAG]
    assert 'value="Renamed"' in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.change_resource(guide, by=champion, title="Renamed", summary="Shorter.", kind="guide", domains=["<script>"])
    assert refused.value.message_dict == {"domains": [rules.NOT_A_TAG]}


# Withdrawing


def test_a_withdrawn_resource_leaves_the_library_and_its_page_says_why(client, guide, champion, practitioner):
    client.force_login(champion)
    response = client.post(reverse("programme:resources-withdraw", args=[guide.public_id]), {"reason": "Replaced by the 2026 guide."})
    assert response.status_code == 302
    assert list(queries.library()) == []
    client.force_login(practitioner)
    page = unescape(client.get(detail_url(guide)).content.decode())
    assert "This resource was withdrawn on" in page and "Why: Replaced by the 2026 guide." in page
    assert download_url(guide, 1) not in page
    assert "kept for the record" in page


def test_a_withdrawn_resource_takes_no_new_versions_or_changes(client, guide, champion, partnership_lead):
    services.withdraw_resource(guide, by=champion)
    for attempt in (
        lambda: services.add_version(guide, by=partnership_lead, link="https://www.partnership.riverbend.example/x", note="Newer."),
        lambda: services.change_resource(guide, by=partnership_lead, title="Renamed", summary="Changed.", kind="guide"),
        lambda: services.withdraw_resource(guide, by=partnership_lead),
    ):
        with pytest.raises(Refused, match="withdrawn"):
            attempt()
    client.force_login(partnership_lead)
    response = client.get(reverse("programme:resources-add-version", args=[guide.public_id]))
    assert response.status_code == 403 and rules.WITHDRAWN in unescape(response.content.decode())


# Downloading


def test_a_practitioner_downloads_a_version_as_an_attachment_with_a_safe_name(client, guide, practitioner):
    client.force_login(practitioner)
    response = client.get(download_url(guide, 1))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="writing-with-families-words-that-help-fictional-version-1.md"'
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert downloaded(response).startswith(b"# Writing with families")


def test_a_title_with_odd_characters_makes_a_plain_download_name(client, champion, practitioner):
    resource = services.add_resource(
        by=champion, title='Plan "A"; <b>new</b>\\..\\ évaluation', summary="About it.", kind="tool", upload=upload("x.txt", b"Words.")
    )
    client.force_login(practitioner)
    disposition = client.get(download_url(resource, 1))["Content-Disposition"]
    assert disposition == 'attachment; filename="plan-a-bnewb-evaluation-version-1.txt"'


def test_an_older_version_is_downloaded_as_it_was(client, guide, champion):
    services.add_version(guide, by=champion, upload=upload("guide.txt", b"The second version."), note="Shorter.")
    client.force_login(champion)
    assert downloaded(client.get(download_url(guide, 1))).startswith(b"# Writing with families")
    assert downloaded(client.get(download_url(guide, 2))) == b"The second version."


def test_a_withdrawn_resources_files_are_for_the_person_who_added_it_and_the_partnership_team(client, guide, champion, partnership_lead, practitioner):
    services.withdraw_resource(guide, by=champion)
    for keeper in (champion, partnership_lead):
        client.force_login(keeper)
        assert client.get(download_url(guide, 1)).status_code == 200
    client.force_login(practitioner)
    response = client.get(download_url(guide, 1))
    assert response.status_code == 403
    assert "Ask the person who added it, or the partnership team" in unescape(response.content.decode())


def test_there_is_nothing_to_download_for_a_link_a_missing_version_or_a_lost_file(client, guide, linked_tool, practitioner):
    client.force_login(practitioner)
    assert client.get(download_url(linked_tool, 1)).status_code == 404
    assert client.get(download_url(guide, 7)).status_code == 404
    assert client.get(f"/programme/resources/{guide.public_id}/versions/99999999999/download/").status_code == 404
    version = ResourceVersion.objects.get(resource=guide)
    version.file.storage.delete(version.file.name)
    assert client.get(download_url(guide, 1)).status_code == 404


def test_a_link_opens_in_a_new_tab_without_giving_the_page_away(client, linked_tool, practitioner):
    client.force_login(practitioner)
    page = client.get(detail_url(linked_tool)).content.decode()
    assert 'href="https://www.partnership.riverbend.example/team-check-in" target="_blank" rel="noopener noreferrer"' in page
    assert "(opens in a new tab)" in page


def test_the_resource_page_shows_its_tags_and_where_it_comes_from(client, linked_tool, practitioner):
    client.force_login(practitioner)
    page = unescape(client.get(detail_url(linked_tool)).content.decode())
    for words in ("Calming", "Health, Fire and rescue", "Staff wellbeing", "Organisation lead", "The partnership as a whole", "Alex Morgan"):
        assert words in page
