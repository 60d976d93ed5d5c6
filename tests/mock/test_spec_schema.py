"""Every operation of the packaged specs is answered, and its answer is what its schema says.

The operations are read from the generated packages' copies of the specs (nothing here lists
them), so an operation vendored tomorrow is checked too. Bodies are checked with ``jsonschema``,
independently of the mock's own validator.
"""

from __future__ import annotations

import importlib.resources
import random
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from zoom_clips.mock import DEMO_ACCOUNT_ID, MockClock, MockConfig, create_app
from zoom_clips.mock._app import FILE_API_ROUTES
from zoom_clips.mock._router import ApiRouter
from zoom_clips.mock._routes_spec import spec_routes
from zoom_clips.mock._schema import synthesise
from zoom_clips.mock._spec import read_spec, spec_sources

from tests.contract.endpoints_schema import schema_document
from tests.mock.conftest import NOW, InProcess
from tests.mock.new_operations import openapi_validator, packaged_spec

ROOT = Path(__file__).resolve().parent.parent.parent
_METHODS = ("get", "put", "post", "delete", "patch")
FILE_API_PATHS = {route.template for route in FILE_API_ROUTES}


def _operations() -> list[tuple[str, str, str, dict[str, Any]]]:
    """``(spec name, METHOD, path, operation)`` of every operation of the packaged specs."""
    return [
        (name, method.upper(), path, operation)
        for name in ("master", "endpoints")
        for path, item in packaged_spec(name)["paths"].items()
        for method, operation in item.items()
        if method in _METHODS
    ]


OPERATIONS = _operations()
IDS = [f"{method} {path}" for _, method, path, _ in OPERATIONS]


def _request(mock: InProcess, path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """Arguments of a request the spec allows: a real clip, the demo account, example values."""
    rng = random.Random(7)  # noqa: S311 -- reproducible test data
    clip_id = str(mock.state.dataset.clips[0]["clip_id"])
    query: dict[str, Any] = {}
    for parameter in operation.get("parameters", []):
        value = synthesise(parameter.get("schema") or {}, rng)
        if parameter["in"] == "path":
            known = {"clipId": clip_id, "accountId": DEMO_ACCOUNT_ID}
            path = path.replace(
                f"{{{parameter['name']}}}", str(known.get(parameter["name"], value))
            )
        elif parameter["in"] == "query" and parameter.get("required"):
            query[parameter["name"]] = value
    request: dict[str, Any] = {"path": path, "params": query}
    content = (operation.get("requestBody") or {}).get("content") or {}
    if "application/json" in content:
        request["json"] = synthesise(content["application/json"].get("schema") or {}, rng)
    return request


def _judged(spec_name: str) -> dict[str, Any]:
    """The spec answers are judged by: endpoints.json as the contract suite patches its quirks
    (its upload-events ``oneOf`` accepts no answer at all as vendored), master.json as it is."""
    return schema_document() if spec_name == "endpoints" else packaged_spec(spec_name)


def _check(spec_name: str, method: str, path: str, status: int, answer: Any) -> bool:
    """Validate ``answer`` if the operation declares ``status`` with a JSON schema (True if so)."""
    spec = _judged(spec_name)
    declared = spec["paths"][path][method.lower()]["responses"].get(str(status)) or {}
    media = (declared.get("content") or {}).get("application/json")
    if not media or "schema" not in media:
        return False
    validator = openapi_validator(media["schema"], spec)
    errors = [e.message for e in validator.iter_errors(answer.json())]
    assert errors == [], errors
    return True


@pytest.fixture(scope="module")
def mock() -> InProcess:
    """The mock as it is served: stateful routes first, the spec for the rest."""
    return InProcess(create_app(MockConfig(seed=3, clips=300, clock=MockClock(NOW))))


@pytest.fixture(scope="module")
def spec_only() -> InProcess:
    """The mock's state behind a router with no stateful route: the spec answers everything."""
    served = create_app(MockConfig(seed=3, clips=300, clock=MockClock(NOW)))
    router = Middleware(ApiRouter, routes=(), spec_routes=lambda: spec_routes(None, 3, ()))
    app = Starlette(routes=served.routes, middleware=[router])
    app.state.mock = served.state.mock
    return InProcess(app)


@pytest.mark.parametrize(("spec_name", "method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_is_answered_as_its_schema_says(
    mock: InProcess, spec_name: str, method: str, path: str, operation: dict[str, Any]
) -> None:
    """Each operation gets an answer other than 405 or 5xx; a 2xx declared with a schema
    validates against it (a stateful route or the spec answering, whichever serves it)."""
    request = _request(mock, path, operation)
    # The uploads are served under the file API's root (as Zoom serves them from fileapi.zoom.us).
    root = "/file/v2" if path in FILE_API_PATHS else "/v2"
    url = f"{root}{request.pop('path')}"
    answer = mock.request(
        method, url, headers={"Authorization": f"Bearer {mock.token()}"}, **request
    )
    assert answer.status_code != 405
    assert answer.status_code < 500, answer.text
    if answer.status_code < 300:
        _check(spec_name, method, path, answer.status_code, answer)


@pytest.mark.parametrize(("spec_name", "method", "path", "operation"), OPERATIONS, ids=IDS)
def test_the_spec_alone_answers_every_operation_with_its_declared_success(
    spec_only: InProcess, spec_name: str, method: str, path: str, operation: dict[str, Any]
) -> None:
    """Answered from the spec alone, each operation gets its declared success status and a body
    its schema accepts: what a new operation gets the day it is vendored."""
    request = _request(spec_only, path, operation)
    answer = spec_only.api(method, request.pop("path"), **request)
    success = min(int(code) for code in operation["responses"] if code.startswith("2"))
    assert answer.status_code == success, answer.text
    if success == 204:
        assert answer.content == b""
    elif answer.headers["content-type"].startswith("application/json"):
        assert _check(spec_name, method, path, success, answer)


@pytest.mark.parametrize("name", ["master", "endpoints"])
def test_the_mock_reads_each_spec_from_its_generated_package(name: str) -> None:
    """By default the mock serves the package's copy, which is spec/'s file byte for byte."""
    (where,) = [where for spec, where in spec_sources(None) if spec == name]
    package = where.removeprefix("package:")
    shipped = (importlib.resources.files(package) / "openapi.json").read_bytes()
    assert shipped == (ROOT / "spec" / f"{name}.json").read_bytes()
    assert read_spec(where) == packaged_spec(name)
