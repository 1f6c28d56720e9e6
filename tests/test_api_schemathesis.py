"""Schemathesis tries every operation of the API against its own schema, in-process, twice over:
once with no token (or a made-up one) and once with a working personal token.

Each answer must be no server error, a status the schema documents, in the documented content
type, with a body that matches the documented schema. The run is bounded and derandomized, so
it finds the same things every time; raise MAX_EXAMPLES locally to look harder.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from goldenthread.core import services as core_services
from goldenthread.core.tests.tokens import working_token

MAX_EXAMPLES = 20

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20250601,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "mode": "all",
        },
        # Every operation is a read, so there is no sequence of calls to explore.
        "phases": {"stateful": {"enabled": False}},
    }
)

# The schema as the running app serves it, fetched through Django's own WSGI handler: no server, no network.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def same_connection(db):
    """Keep the test's database connection open across requests, as Django's test client does.

    Django closes connections it thinks stale when a request starts and finishes; inside a
    test's transaction that would throw the test's data away.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["no token", "working token"])
def headers(request, same_connection, childrens_services, community_health, partnership_lead):
    """No token (schemathesis may still send a made-up one), or the partnership lead's working token.

    The lead has set up two-step verification and accepted the terms, and the token may read
    family records, so each route gets past its safeguards to its own answers.
    """
    if request.param == "no token":
        return {}
    _, key = working_token(partnership_lead, "Schemathesis")
    core_services.accept_terms(partnership_lead, by=partnership_lead)
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_is_documented_and_no_server_error(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
