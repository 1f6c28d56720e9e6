"""Finding a resource: search words in the title, the summary, the tags and the newest version's words; filters by kind and tag.

On SQLite (here) every word must be found; on PostgreSQL the search is full-text, ranked, and
the tests marked for it run only there (the integrator runs them). Everything here is fictional.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from goldenthread.programme.resources import queries, services

from .conftest import upload

pytestmark = pytest.mark.django_db

LIBRARY = reverse("programme:resources-library")
only_on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only")


@pytest.fixture
def library(champion, partnership_lead):
    """Three resources: a guide with words in its file, a tool that is a link, and a recording; plus one withdrawn."""
    guide = services.add_resource(
        by=champion,
        title="Writing with families",
        summary="Records families can read.",
        kind="guide",
        principles=["safety"],
        sectors=["childrens-social-care"],
        domains=["language"],
        roles=["practitioner"],
        upload=upload("guide.txt", b"Describe what happened, not what kind of person someone is. Mention the grandmother's garden."),
    )
    tool = services.add_resource(
        by=partnership_lead,
        title="Team check-in after a hard day",
        summary="Ten minutes for a team to pause together.",
        kind="tool",
        principles=["calming", "connectedness"],
        sectors=["fire"],
        domains=["staff"],
        roles=["organisation-lead"],
        link="https://www.partnership.riverbend.example/team-check-in",
    )
    recording = services.add_resource(
        by=partnership_lead,
        title="What the young advisers want us to know",
        summary="Young people talk about what helps.",
        kind="recording",
        principles=["hope"],
        domains=["lived-experience"],
        link="https://media.partnership.riverbend.example/young-advisers",
    )
    withdrawn = services.add_resource(
        by=partnership_lead,
        title="An older guide to writing with families",
        summary="Replaced.",
        kind="guide",
        link="https://www.partnership.riverbend.example/older",
    )
    services.withdraw_resource(withdrawn, by=partnership_lead)
    return {"guide": guide, "tool": tool, "recording": recording, "withdrawn": withdrawn}


def titles(resources) -> list[str]:
    return [resource.title for resource in resources]


def test_the_library_lists_every_resource_not_withdrawn_by_title(library):
    assert titles(queries.library()) == ["Team check-in after a hard day", "What the young advisers want us to know", "Writing with families"]


@pytest.mark.parametrize(
    "words,found",
    [
        ("families", ["Writing with families"]),  # the title; the withdrawn guide is not found
        ("pause together", ["Team check-in after a hard day"]),  # the summary
        ("garden", ["Writing with families"]),  # the words in the file
        ("Connectedness", ["Team check-in after a hard day"]),  # a tag, in words
        ("Lived experience", ["What the young advisers want us to know"]),  # a continuum area, in words
        ("nothing like this anywhere", []),
    ],
)
def test_search_finds_words_in_the_title_summary_tags_and_file(library, words, found):
    assert titles(queries.library(q=words)) == found


def test_search_reads_the_newest_version_only(library, champion):
    services.add_version(library["guide"], by=champion, upload=upload("guide.txt", b"Describe what happened, kindly."), note="Shorter.")
    assert titles(queries.library(q="garden")) == []
    assert titles(queries.library(q="kindly")) == ["Writing with families"]


@pytest.mark.parametrize(
    "filters,found",
    [
        ({"kind": "recording"}, ["What the young advisers want us to know"]),
        ({"principle": "calming"}, ["Team check-in after a hard day"]),
        ({"sector": "childrens-social-care"}, ["Writing with families"]),
        ({"domain": "staff"}, ["Team check-in after a hard day"]),
        ({"role": "practitioner"}, ["Writing with families"]),
        ({"principle": "calming", "sector": "fire", "q": "team"}, ["Team check-in after a hard day"]),
        ({"principle": "hope", "sector": "fire"}, []),
    ],
)
def test_filters_narrow_the_library_by_kind_and_tag(library, filters, found):
    assert titles(queries.library(**filters)) == found


@pytest.mark.parametrize("filters", [{"kind": "poster"}, {"principle": "courage"}, {"sector": "mars"}, {"domain": "<script>"}, {"role": "king"}])
def test_a_kind_or_tag_not_in_the_choices_matches_nothing(library, filters):
    assert titles(queries.library(**filters)) == []


def test_the_library_page_searches_and_filters(client, practitioner, library):
    client.force_login(practitioner)
    response = client.get(LIBRARY, {"q": "garden", "principle": "safety"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 resource matching ‘garden’" in page
    assert "Writing with families" in page and "Team check-in" not in page
    assert "Clear the search and show every resource" in page


def test_htmx_asks_for_the_results_only(client, practitioner, library):
    client.force_login(practitioner)
    response = client.get(LIBRARY, {"kind": "tool"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="resource-results"')
    assert "Team check-in after a hard day" in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 5000},
        {"q": "\x00\x01 garden"},
        {"q": "' OR 1=1 --"},
        {"q": '"unfinished phrase'},
        {"q": "-"},
        {"kind": "poster", "principle": "???", "sector": "", "domain": "x" * 300, "role": "<b>"},
        {"page": "999"},
        {"page": "not a number"},
    ],
)
def test_any_search_or_filter_answers_a_page_never_an_error(client, practitioner, library, query):
    client.force_login(practitioner)
    assert client.get(LIBRARY, query).status_code == 200


def test_the_search_words_are_shown_safely(client, practitioner, library):
    client.force_login(practitioner)
    page = client.get(LIBRARY, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@only_on_postgresql
def test_full_text_search_finds_forms_of_a_word_and_ranks_the_title_first(library, partnership_lead):
    services.add_resource(
        by=partnership_lead,
        title="Supervision prompts",
        summary="Questions to open a conversation. It mentions writing in passing.",
        kind="tool",
        link="https://www.partnership.riverbend.example/prompts",
    )
    found = titles(queries.library(q="write"))  # "writing" in both, by its stem
    assert found[0] == "Writing with families"
    assert "Supervision prompts" in found


@only_on_postgresql
def test_full_text_search_reads_the_query_as_a_search_engine_would(library):
    assert titles(queries.library(q='"team check-in"')) == ["Team check-in after a hard day"]
    assert titles(queries.library(q="families -garden")) == []
    assert set(titles(queries.library(q="garden or advisers"))) == {"Writing with families", "What the young advisers want us to know"}
