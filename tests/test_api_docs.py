"""The API's documentation is a page of the site: every operation of the schema, written out,
readable without JavaScript, and accessible; the schema for programs stays at openapi.json."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from goldenthread.api import api
from goldenthread.core.api_docs import describe, kind_of, prose

DOCS = "/api/v1/docs"


@pytest.fixture
def docs(db):
    response = Client().get(DOCS)
    assert response.status_code == 200
    return response, unescape(response.content.decode())


def schema():
    return Client().get("/api/v1/openapi.json").json()


def test_the_docs_are_a_page_of_the_site_with_no_script_of_their_own(docs):
    response, page = docs

    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en"' in page
    assert '<h1 class="govuk-heading-xl">API documentation</h1>' in page
    assert "swagger" not in page.lower() and "redoc" not in page.lower()
    assert "cdn" not in page.lower()
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
    assert all(src.startswith("/static/goldenthread/") for src in scripts), scripts


def test_every_operation_in_the_schema_is_on_the_page_with_its_method_and_address(docs, db):
    _, page = docs

    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            assert f"{method.upper()}</strong> <code>{path}</code>" in page, (method, path)
            assert operation["summary"] in page


def test_each_operation_lists_its_parameters_and_every_answer_it_can_give(docs, db):
    _, page = docs
    organisations = page.split('id="get-api-v1-organisations"')[1].split("</section>")[0]

    assert "<code>sector</code>" in organisations and "<code>limit</code>" in organisations
    assert "whole number, from 1 to 100, 100 if not given" in organisations
    assert "How many to return, at most 100." in organisations
    assert ">200<" in organisations and ">422<" in organisations
    assert 'href="#shape-pagedorganisationout"' in organisations
    members = page.split('id="get-api-v1-organisations-slug-members"')[1].split("</section>")[0]
    for status in ("200", "401", "403", "404", "422"):
        assert f">{status}<" in members
    assert "A personal token" in members


def test_the_page_says_how_to_get_a_token_and_send_it(docs):
    _, page = docs
    tokens = page.split('id="tokens"')[1].split('id="errors"')[0]

    assert f'href="{reverse("core:tokens")}"' in tokens
    assert "two-step verification" in tokens
    assert "Authorization: Bearer <your token>" in tokens
    assert "family records scope" in tokens
    assert "/api/v1/me" in tokens


def test_the_shape_of_each_answer_is_described_field_by_field(docs, db):
    _, page = docs

    for name in schema()["components"]["schemas"]:
        assert f'id="shape-{name.lower()}"' in page, name
    organisation = page.split('id="shape-organisationout"')[1].split("</section>")[0]
    assert "<code>pledge_state</code>" in organisation
    assert "text or nothing (null)" in organisation
    assert "'Signed', 'Lapsed' or 'Withdrawn'; null if it has not signed." in organisation


def test_the_machine_readable_schema_stays_at_openapi_json_and_is_linked(docs):
    _, page = docs

    assert 'href="/api/v1/openapi.json"' in page
    assert schema()["info"]["title"] == "Golden Thread API"


def test_the_footer_link_leads_to_the_readable_docs(db):
    page = Client().get(reverse("core:home")).content.decode()

    assert f'href="{DOCS}"' in page


def test_descriptions_are_escaped_and_code_is_shown_as_code():
    assert (
        prose("Filter by `sector`.\n\nNever <b>bold</b>.")
        == '<p class="govuk-body">Filter by <code>sector</code>.</p><p class="govuk-body">Never &lt;b&gt;bold&lt;/b&gt;.</p>'
    )


@pytest.mark.parametrize(
    "schema_part, words",
    [
        ({"type": "string"}, "text"),
        ({"type": "string", "format": "date"}, "text (a date, 2026-03-27)"),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "whole number or nothing (null)"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/PledgeOut"}}, "list of PledgeOut"),
        ({"type": "boolean", "default": False}, "true or false, false if not given"),
        ({"enum": ["open", "done"]}, "one of “open”, “done”"),
    ],
)
def test_a_type_is_said_in_words(schema_part, words):
    assert kind_of(schema_part) == words


def test_the_description_reads_only_the_schema_it_is_given():
    described = describe(api.get_openapi_schema(path_prefix="/api/v1/"))

    assert [group.name for group in described["groups"]][:2] == ["You", "Organisations"]
    assert sum(len(group.operations) for group in described["groups"]) == sum(
        len(ops) for ops in api.get_openapi_schema(path_prefix="/api/v1/")["paths"].values()
    )


@pytest.mark.browser
def test_the_api_docs_are_accessible(browser_page, assert_accessible):
    browser_page.goto(DOCS)
    browser_page.get_by_role("heading", name="API documentation", level=1).wait_for()
    assert_accessible(browser_page, "the API documentation")
