"""The contract suite covers an operation the day it is vendored, with nothing written for it.

The spec is the packaged endpoints.json plus three operations the project has never seen
(``tests.mock.new_operations``); the mock serves it (``MockConfig(specs=...)``) and answers them
from the spec; schemathesis drives them through the same copy, settings, checks and hooks as
``make contract`` (:mod:`tests.contract.endpoints_schema`, ``schemathesis.toml``,
:mod:`tests.contract.zoom_checks`): every check passes. The operations already in the spec are
``test_contract_endpoints``'s.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from zoom_clips.mock import MockClock, MockConfig, create_app

from tests.contract import zoom_checks
from tests.contract.endpoints_schema import schema_document
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token
from tests.mock.new_operations import NEW_PATHS, spec_with_new_operations

ROOT = Path(__file__).resolve().parent.parent.parent
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
BASE_URL = "http://testserver/v2"
FILE_BASE_URL = "http://testserver/file/v2"

SPEC = spec_with_new_operations()
NEW = {op["operationId"] for item in NEW_PATHS.values() for op in item.values()}
# Excluded rather than included: schemathesis ORs an include with schemathesis.toml's own.
_OTHERS = {
    op["operationId"]
    for item in SPEC["paths"].values()
    for op in item.values()
    if isinstance(op, dict) and "operationId" in op
} - NEW
# The mock reads its spec from a file at its first request; the directory lives as long as
# the module's app (the test process), and the data is fixed, so nothing depends on the path.
_DIRECTORY = tempfile.TemporaryDirectory(prefix="zoom-clips-contract-")
SPEC_FILE = Path(_DIRECTORY.name) / "endpoints.json"
SPEC_FILE.write_text(json.dumps(SPEC), encoding="utf-8")
APP = create_app(
    MockConfig(seed=7, clips=2_000, clock=MockClock(NOW), specs={"endpoints": SPEC_FILE})
)
TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(APP))
SCHEMA = schemathesis.openapi.from_dict(
    schema_document(file_base_url=FILE_BASE_URL, base_url=BASE_URL, spec=SPEC),
    config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml"),
).exclude(operation_id=sorted(_OTHERS))
SCHEMA.app = APP
#: ``((METHOD, path), status)`` of every answer the run got.
ANSWERED: set[tuple[tuple[str, str], int]] = set()
SCHEMA.config.update(headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.fixture(scope="module")
def target() -> Iterator[Target]:
    """The checks and hooks pointed at this module's in-process mock."""
    with zoom_checks.use_target(
        Target(base_url=BASE_URL, token=TOKEN, now=NOW, app=APP, file_base_url=FILE_BASE_URL)
    ) as target:
        yield target
    _DIRECTORY.cleanup()
    # The run reached each new operation's data, not only its refusals: each operation it
    # requested answered its declared success at least once.
    successes = {
        ((method.upper(), path), min(int(code) for code in op["responses"] if code[0] == "2"))
        for path, item in NEW_PATHS.items()
        for method, op in item.items()
    }
    assert successes <= ANSWERED, sorted(ANSWERED)


@SCHEMA.parametrize()
def test_a_new_operation_conforms_to_its_spec(case: schemathesis.Case, target: Target) -> None:
    """Every generated request to a new operation passes every check, Zoom's included."""
    response = zoom_checks.steer_unhooked(case).call_and_validate()
    ANSWERED.add(((case.method.upper(), case.operation.path), response.status_code))


def test_the_contract_copy_keeps_a_new_operation_as_vendored() -> None:
    """The copy patches only the quirks it names: a new operation, even one added to a path it
    patches (a GET beside the uploads' POST), is kept exactly as the spec has it."""
    spec = spec_with_new_operations()
    beside = {"operationId": "GetProbeUploads", "responses": {"200": {"description": "ok"}}}
    spec["paths"]["/clips/files"] = {"get": beside, **spec["paths"]["/clips/files"]}
    document = schema_document(spec=spec)
    for path, item in NEW_PATHS.items():
        assert document["paths"][path] == item
    assert document["paths"]["/clips/files"]["get"] == beside
