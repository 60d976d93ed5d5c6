"""The contract's copy of the spec describes the four file operations as Zoom serves them.

The vendored spec's file operations have three quirks the copy patches (the upload host only in
prose, the download's 302 documented as a 200, the upload-events ``oneOf`` no answer can pass):
these tests prove each is in ``spec/endpoints.json`` and gone from the copy, and walk the
multipart upload (Create -> part -> Complete -> the clip -> its download) by hand against the
mock, validating each answer with the copy's response schemas.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app

from scripts.update_spec import quirk_checks
from tests.contract import zoom_checks, zoom_files_checks
from tests.contract.endpoints_schema import SPEC, UPLOAD_PATHS, schema_document
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token

NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
VENDORED: dict[str, Any] = json.loads(SPEC.read_text(encoding="utf-8"))
EVENTS = "/clips/files/multipart/upload_events"
CREATED = {"upload_context": "ctx-1"}
COMPLETED = {"clip_id": "clip-1"}


def _events_201(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["paths"][EVENTS]["post"]["responses"]["201"]["content"][
        "application/json"
    ]["schema"]
    return schema


def _errors(schema: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    return [error.message for error in jsonschema.Draft4Validator(schema).iter_errors(answer)]


def test_the_upload_events_201_oneof_matches_both_until_patched() -> None:
    """In the vendored spec Create's and Complete's answers each match both alternatives of
    the 201 ``oneOf``, so both fail it; the copy's ``required`` lets each match its own alone."""
    vendored = _events_201(VENDORED)
    for answer in (CREATED, COMPLETED, {}):
        assert any("valid under each of" in e for e in _errors(vendored, answer)), answer
    patched = _events_201(schema_document())
    assert _errors(patched, CREATED) == []
    assert _errors(patched, COMPLETED) == []
    assert _errors(patched, {}) != []  # an answer with neither field fails both alternatives
    assert quirk_checks.upload_events_oneof_ambiguous(VENDORED)
    assert not quirk_checks.upload_events_oneof_ambiguous(schema_document())


@pytest.mark.parametrize(
    "quirk",
    [
        quirk_checks.upload_base_url_in_prose,
        quirk_checks.download_documented_as_200,
        quirk_checks.upload_events_oneof_ambiguous,
    ],
    ids=lambda check: check.__name__,
)
def test_the_copy_patches_each_file_quirk_of_the_vendored_spec(quirk: Any) -> None:
    """Each file-operation quirk the registry detects in spec/endpoints.json is gone from the
    contract's copy (so a run judges the mock by what Zoom does, not by the quirk)."""
    assert quirk(VENDORED)
    assert not quirk(schema_document())


def test_the_copy_serves_the_uploads_from_the_file_api_root() -> None:
    """The three uploads name the file API (Zoom's by default, a mock's when asked); nothing
    else has a servers entry of its own."""
    for root in ("https://fileapi.zoom.us/v2", "http://testserver/file/v2"):
        document = schema_document(file_base_url=root)
        own = {
            path: op["servers"]
            for path, item in document["paths"].items()
            for op in item.values()
            if "servers" in op
        }
        assert own == {path: [{"url": root}] for path in UPLOAD_PATHS}


# --- the multipart sequence by hand, against the mock ------------------------------------------

APP = create_app(MockConfig(seed=3, clips=200, clock=MockClock(NOW)))
TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(APP))
COPY = schema_document(file_base_url="http://testserver/file/v2")


def _response_schema(path: str, status: str = "201") -> dict[str, Any]:
    schema: dict[str, Any] = COPY["paths"][path]["post"]["responses"][status]["content"][
        "application/json"
    ]["schema"]
    return schema


@pytest.fixture
def target() -> Iterator[Target]:
    """The checks pointed at this module's in-process mock."""
    with zoom_checks.use_target(
        Target(base_url="http://testserver/v2", token=TOKEN, now=NOW, app=APP)
    ) as target:
        yield target


def test_create_part_complete_makes_a_clip_of_the_parts(target: Target) -> None:
    """Create -> two parts -> Complete answers per the copy's schemas and makes a clip of the
    parts' bytes, which its download serves back through a file host that passes the checks."""
    create = target.call_file_api(
        EVENTS, json={"method": "CreateMultipartUpload", "params": {"file_name": "two.mp4"}}
    )
    assert create.status_code == 201, create.text
    assert _errors(_response_schema(EVENTS), create.json()) == []
    context = create.json()["upload_context"]
    first, last = b"a" * (5 << 20), b"tail"
    etags = []
    for number, data in ((1, first), (2, last)):
        part = target.call_file_api(
            "/clips/files/multipart",
            files={"file": ("part", data)},
            data={"upload_context": context, "part_number": str(number)},
        )
        assert part.status_code == 201, part.text
        assert _errors(_response_schema("/clips/files/multipart"), part.json()) == []
        etags.append(part.json()["part_number_etag"])
    complete = target.call_file_api(
        EVENTS,
        json={
            "method": "CompleteMultipartUpload",
            "params": {"upload_context": context, "part_number_etags": etags},
        },
    )
    assert complete.status_code == 201, complete.text
    assert _errors(_response_schema(EVENTS), complete.json()) == []
    clip_id = complete.json()["clip_id"]
    clip = target.call("GET", f"/clips/{clip_id}").json()
    assert clip["file_size"] == len(first) + len(last)
    redirect = target.call("GET", f"/clips/{clip_id}/download")
    assert redirect.status_code == 302
    location = redirect.headers["location"]
    zoom_files_checks.check_file_host(target, clip_id, location)
    assert target.fetch(location, headers={"Range": "bytes=-4"}).content == last
