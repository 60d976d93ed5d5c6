"""The contract's copy of the spec describes the four file operations as Zoom serves them.

The vendored spec's file operations have three quirks the copy patches (the upload host only in
prose, the download's 302 documented as a 200, the upload-events ``oneOf`` no answer can pass):
these tests prove each is in ``spec/endpoints.json`` and gone from the copy, and walk the
multipart upload (Create -> part -> Complete -> the clip -> its download) by hand against the
mock, validating each answer with the copy's response schemas.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from zoom_clips import _quirk_checks

from tests.contract.endpoints_schema import SPEC, UPLOAD_PATHS, schema_document

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
    assert _quirk_checks.upload_events_oneof_ambiguous(VENDORED)
    assert not _quirk_checks.upload_events_oneof_ambiguous(schema_document())


@pytest.mark.parametrize(
    "quirk",
    [
        _quirk_checks.upload_base_url_in_prose,
        _quirk_checks.download_documented_as_200,
        _quirk_checks.upload_events_oneof_ambiguous,
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
