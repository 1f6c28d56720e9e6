"""The API's schema documents every status each operation can answer, each refusal in one shape,
and every answer the apps' own API tests received is one the schema documents.

This module is also a small pytest plugin (`-p tests.test_api_schema`): with
GOLDENTHREAD_RECORD_API_ANSWERS set to a file name, it records each answer under /api/v1/ that
Django's test client receives, so the last test can run the apps' API tests and compare every
answer with the schema. That is why Django and the project are imported inside the functions.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORD_TO = "GOLDENTHREAD_RECORD_API_ANSWERS"
API = "/api/v1"
ERROR = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ValidationError"}

_answers = []


# The recording plugin ------------------------------------------------------------------------


def pytest_configure(config):
    if not os.environ.get(RECORD_TO):
        return
    from django.test.client import Client

    send = Client.request

    def request(self, **environ):
        response = send(self, **environ)
        path = response.request.get("PATH_INFO", "")
        if path.startswith(API + "/") or path == API:
            content_type = response.get("Content-Type", "")
            body = response.content.decode("utf-8", "replace") if content_type.startswith("application/json") else None
            _answers.append(
                {
                    "method": response.request["REQUEST_METHOD"],
                    "path": path,
                    "status": response.status_code,
                    "content_type": content_type,
                    "body": body,
                }
            )
        return response

    Client.request = request


def pytest_unconfigure(config):
    if os.environ.get(RECORD_TO):
        Path(os.environ[RECORD_TO]).write_text(json.dumps(_answers), encoding="utf-8")


# Reading the schema --------------------------------------------------------------------------


@pytest.fixture
def schema(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def statuses(operation) -> set[int]:
    return {int(status) for status in operation["responses"]}


def has_path_parameter(operation) -> bool:
    return any(parameter["in"] == "path" for parameter in operation.get("parameters", []))


# What the schema says -------------------------------------------------------------------------


def test_an_operation_that_needs_a_token_documents_401_and_only_then(schema):
    wrong = [name for name, operation in operations(schema) if (401 in statuses(operation)) != bool(operation.get("security"))]
    assert not wrong, f"401 documented where no token is needed, or missing where one is: {wrong}"


def test_an_operation_with_a_path_parameter_documents_404_and_only_then(schema):
    wrong = [name for name, operation in operations(schema) if (404 in statuses(operation)) != has_path_parameter(operation)]
    assert not wrong, f"404 documented without a path parameter, or missing with one: {wrong}"


def test_an_operation_with_parameters_documents_422_and_only_then(schema):
    def checks_something(operation):
        return bool(operation.get("parameters") or operation.get("requestBody"))

    wrong = [name for name, operation in operations(schema) if (422 in statuses(operation)) != checks_something(operation)]
    assert not wrong, f"422 documented with nothing to check, or missing where there is: {wrong}"


def test_only_an_operation_that_needs_a_token_can_refuse_with_403(schema):
    wrong = [name for name, operation in operations(schema) if 403 in statuses(operation) and not operation.get("security")]
    assert not wrong, f"403 documented on a public operation: {wrong}"


def test_every_operation_documents_how_it_succeeds(schema):
    wrong = [name for name, operation in operations(schema) if not any(200 <= status < 300 for status in statuses(operation))]
    assert not wrong, f"no success documented: {wrong}"


def test_every_refusal_has_the_shared_shape(schema):
    wrong = []
    for name, operation in operations(schema):
        for status, response in operation["responses"].items():
            if 400 <= int(status) < 500:
                expected = VALIDATION_ERROR if int(status) == 422 else ERROR
                if response.get("content") != {"application/json": {"schema": expected}}:
                    wrong.append(f"{name} {status}")
    assert not wrong, f"refusals not in the shared error shape: {wrong}"
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
    assert error["required"] == ["detail"]
    issue = schema["components"]["schemas"]["ValidationError"]["properties"]["detail"]
    assert issue["type"] == "array"


def test_no_two_response_schemas_share_a_name(schema):
    """Ninja names each schema after its class; two classes with one name would leave one route described wrongly."""
    from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema

    from goldenthread.api import api

    components = schema["components"]["schemas"]
    wrong = set()
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    if model is None or not hasattr(model, "model_json_schema"):
                        continue
                    described = model.model_json_schema(
                        ref_template=REF_TEMPLATE,
                        by_alias=operation.by_alias,
                        schema_generator=NinjaGenerateJsonSchema,
                        mode="serialization",
                    )
                    for name, definition in described.get("$defs", {}).items():
                        if components.get(name) != definition:
                            wrong.add(f"{name} (used by {operation.view_func.__module__}.{operation.view_func.__name__})")
    assert not wrong, f"schemas described differently from what their routes return (rename one of each pair): {sorted(wrong)}"


# How the API answers its own errors -------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        f"{API}/",
        f"{API}/nothing-here",
        f"{API}/organisations/",
        f"{API}/organisations/a%2Fb",
        f"{API}/pledges/a/b/c",
    ],
)
def test_an_address_under_the_api_that_names_no_route_is_not_found_as_json(client, db, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


def test_without_a_token_the_refusal_says_how_to_send_one(client, db):
    response = client.get(f"{API}/me")

    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.parametrize(
    ("raised", "status"),
    [
        ("Http404", 404),
        ("get_object_or_404", 404),
        ("PermissionDenied", 403),
        ("PermissionDenied with words", 403),
    ],
)
def test_an_error_raised_in_a_route_is_answered_as_json(rf, db, raised, status):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from goldenthread.api import api
    from goldenthread.partnership.models import Organisation

    try:
        if raised == "get_object_or_404":
            get_object_or_404(Organisation, slug="no-such-organisation")
        raise {
            "Http404": Http404(),
            "PermissionDenied": PermissionDenied(),
            "PermissionDenied with words": PermissionDenied("Only admins."),
        }[raised]
    except (Http404, PermissionDenied) as error:
        response = api.on_exception(rf.get(f"{API}/anything"), error)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = json.loads(response.content)["detail"]
    assert detail and "Organisation" not in detail
    if raised == "PermissionDenied with words":
        assert detail == "Only admins."


# What the apps' own tests received --------------------------------------------------------------


def operation_for(schema, path):
    """The operation whose path template matches, the most literal one first; None if no route matches."""
    matches = []
    for template, methods in schema["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            matches.append((template.count("{"), template, methods))
    return min(matches, key=lambda match: match[0])[1:] if matches else None


def documented_problems(schema, answer) -> list[str]:
    import jsonschema_rs

    where = f"{answer['method']} {answer['path']} -> {answer['status']}"
    if answer["path"] in (f"{API}/openapi.json", f"{API}/docs"):
        return []  # the schema itself, and its page
    found = operation_for(schema, answer["path"])
    if found is None:
        if answer["status"] == 404 and answer["body"] and set(json.loads(answer["body"])) == {"detail"}:
            return []
        return [f"{where}: no route here, so it should be a JSON 404"]
    template, methods = found
    operation = methods.get(answer["method"].lower())
    if operation is None:
        return [] if answer["status"] == 405 else [f"{where}: method not in the schema"]
    response = operation["responses"].get(str(answer["status"])) or operation["responses"].get(answer["status"])
    if response is None:
        return [f"{where}: status not documented for {answer['method']} {template} (documented: {sorted(statuses(operation))})"]
    content = response.get("content", {})
    media_type = answer["content_type"].split(";")[0].strip()
    if media_type not in content:
        return [f"{where}: answered {media_type}, documented {sorted(content)}"]
    if answer["body"] is None:
        return []
    validator = jsonschema_rs.validator_for(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": schema["components"],
            **content[media_type]["schema"],
        }
    )
    errors = [error.message for error in validator.iter_errors(json.loads(answer["body"]))]
    return [f"{where}: body does not match the documented schema: {errors[:3]}"] if errors else []


def test_every_answer_the_apps_api_tests_received_is_documented(schema, tmp_path):
    """Run the apps' API tests with the recorder on, then hold each answer against the schema."""
    app_tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "src" / "goldenthread").glob("*/tests/test_api.py"))
    record = tmp_path / "answers.json"
    # Its own throwaway database, so the run never touches this test's (or a shared) one.
    environment = {
        **os.environ,
        RECORD_TO: str(record),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'answers.sqlite3'}",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.test_api_schema",
            *app_tests,
        ],
        check=False,
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode in (0, 1) and record.exists(), f"the apps' API tests did not run:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    answers = json.loads(record.read_text(encoding="utf-8"))
    assert len(answers) > 100, "too few answers recorded; is the recorder still hooked into the test client?"

    problems = sorted({problem for answer in answers for problem in documented_problems(schema, answer)})

    assert not problems, "\n".join(problems)
