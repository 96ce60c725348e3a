"""Schemathesis fuzzes the app's own OpenAPI schema in-process (ASGI, no network): every
GET route and the upload, with valid and invalid inputs; no request may produce a 5xx.

The default run is bounded (a few examples per operation); ``make soak`` (``-m slow``)
runs many more.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from proxygraph.web import create_app
from test_web_helpers import copy_db

FAST_EXAMPLES = 8
SLOW_EXAMPLES = 200


def _schema_app():
    """An app over an empty database, only to serve its schema at collection time (the
    schema does not depend on the data; the sample corpus is built later, by the fixture)."""
    folder = Path(tempfile.mkdtemp(prefix="pg-fuzz-schema-"))
    atexit.register(shutil.rmtree, folder, True)
    return create_app(folder / "empty.duckdb")


# Loaded at import: schemathesis' lazy ``from_fixture`` breaks on pytest 9 (``_nodeid``).
schema = schemathesis.openapi.from_asgi("/openapi.json", _schema_app())


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    """The app under test, over a private copy of the sample database (uploads write)."""
    return create_app(copy_db(Path(tmp_path_factory.mktemp("fuzz")) / "fuzz.duckdb"))


HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.filter_too_much,
    HealthCheck.data_too_large,
    HealthCheck.function_scoped_fixture,
]


def no_server_error(case, app) -> None:
    response = case.call(app=app)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (case.method, case.formatted_path, response.text)


@schema.parametrize()
@settings(max_examples=FAST_EXAMPLES, deadline=None, suppress_health_check=HEALTH)
def test_schemathesis_web_no_server_error(case, app) -> None:
    no_server_error(case, app)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=HEALTH)
def test_schemathesis_web_no_server_error_long(case, app) -> None:
    no_server_error(case, app)


def test_schemathesis_web_check_catches_a_server_error(tmp_path: Path) -> None:
    """The check above fails on a route that breaks (here: no database object at all)."""
    broken = create_app(copy_db(tmp_path / "broken.duckdb"))
    broken.state.db = None
    case = schema["/api/summary"]["GET"].Case()
    with pytest.raises(Exception):  # noqa: B017, PT011  (a 500 or the app's own exception)
        no_server_error(case, broken)
