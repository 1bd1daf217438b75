"""Schemathesis against the hub's own OpenAPI document, in process: whatever a client sends that
the document allows or not, no 5xx, and every answer is one the document describes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from bazar_pos.hub.api import create_app
from tests.conftest import NOW
from tests.hubkit import make_hub

# The document allows up to 10,000 products, which can be more than the 1 MB a bundle may be:
# 413 is the hub's refusal of such a body, as documented. A generated bundle can match the schema
# but cannot carry sums that add up or a valid Ed25519 signature, so "schema-valid means accepted"
# is not asked here; tests/test_hub_trust.py shows consistent signed bundles are accepted.
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 413, 422]

[checks.positive_data_acceptance]
enabled = false
"""


@pytest.fixture
def api_schema(tmp_path: Path) -> Any:
    _, token, _ = make_hub(tmp_path / "hub.db")
    app = create_app(tmp_path / "hub.db", clock=lambda: NOW)
    config = SchemathesisConfig.from_str(
        CONFIG + f'[auth.openapi.HTTPBearer]\nbearer = "{token}"\n'
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.serializer("application/x-ndjson")
def ndjson(_: Any, value: Any) -> bytes:
    """Forwarded envelopes go one per line: a generated envelope is one line."""
    return json.dumps(value).encode()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_hub_answers_only_what_its_openapi_document_says(case: Any) -> None:
    case.call_and_validate()
