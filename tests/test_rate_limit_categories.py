"""generate.py reads each operation's rate-limit category from the spec into rate_limits.py."""

import copy
import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from scripts import generate
from scripts.update_spec.quirks import QUIRKS

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "tests" / "update_spec"
ENDPOINTS: dict[str, Any] = json.loads(
    (BASELINES / "baseline-endpoints.json").read_text(encoding="utf-8")
)
MASTER: dict[str, Any] = json.loads((BASELINES / "baseline-master.json").read_text("utf-8"))
LABEL = "**[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits):** `{}`"


def _spec(*operations: tuple[str, str, str]) -> dict[str, Any]:
    """A minimal spec with one operation per (method, path, description)."""
    paths: dict[str, Any] = {}
    for method, path, description in operations:
        paths.setdefault(path, {})[method] = {"description": description, "responses": {}}
    return {"openapi": "3.0.0", "paths": paths}


def test_labels_give_light_and_medium() -> None:
    """Each operation's "Rate Limit Label" is its category, found as such."""
    table = generate.rate_limit_categories(
        _spec(
            ("get", "/clips", "Lists clips.\n\n" + LABEL.format("LIGHT")),
            ("post", "/clips/transfers", "Transfers.\n\n" + LABEL.format("MEDIUM")),
            ("delete", "/clips/{clipId}", LABEL.format("HEAVY")),
        )
    )
    assert table == {
        ("GET", "/clips"): ("LIGHT", "label"),
        ("POST", "/clips/transfers"): ("MEDIUM", "label"),
        ("DELETE", "/clips/{clipId}"): ("HEAVY", "label"),
    }


def test_the_uploads_own_limit_gives_the_upload_category() -> None:
    """An operation that states its own limit in prose (the uploads) gets UPLOAD, not a default."""
    prose = "* The rate limit is 20 requests per second or 2000 requests per second per IP address"
    table = generate.rate_limit_categories(_spec(("post", "/clips/files", prose)))
    assert table == {("POST", "/clips/files"): (generate.UPLOAD_CATEGORY, "own")}
    assert generate.UPLOAD_CATEGORY == "UPLOAD"


def test_an_unlabelled_operation_defaults_to_light() -> None:
    """An operation with neither a label nor its own limit is LIGHT (rate-limit-label-missing)."""
    table = generate.rate_limit_categories(_spec(("get", "/clips/{clipId}", "Returns a clip.")))
    assert table == {("GET", "/clips/{clipId}"): ("LIGHT", "default")}
    assert generate.DEFAULT_CATEGORY == "LIGHT"
    module = generate.rate_limits_module(_spec(("get", "/x", "no label")), "endpoints.json")
    assert '("GET", "/x"): "LIGHT"' in module
    assert (
        'UNLABELLED: Final[frozenset[tuple[str, str]]] = frozenset(\n    {\n        ("GET", "/x"),'
        in module
    )


def test_the_endpoints_spec_gives_the_categories_zoom_documents() -> None:
    """Transfers are MEDIUM, uploads UPLOAD, GET /clips/{clipId} the default, the rest LIGHT."""
    table = {
        op: category for op, (category, _) in generate.rate_limit_categories(ENDPOINTS).items()
    }
    assert table[("POST", "/clips/transfers")] == "MEDIUM"
    uploads = {op for op, category in table.items() if category == "UPLOAD"}
    assert uploads == {
        ("POST", "/clips/files"),
        ("POST", "/clips/files/multipart"),
        ("POST", "/clips/files/multipart/upload_events"),
    }
    assert table[("GET", "/clips/{clipId}")] == "LIGHT"
    others = set(table) - uploads - {("POST", "/clips/transfers")}
    assert len(others) == 9
    assert {table[op] for op in others} == {"LIGHT"}
    how = generate.rate_limit_categories(ENDPOINTS)
    assert [op for op, (_, found) in how.items() if found == "default"] == [
        ("GET", "/clips/{clipId}")
    ]


def test_the_master_spec_lists_light() -> None:
    """master.json's one operation is LIGHT by its label."""
    assert generate.rate_limit_categories(MASTER) == {
        ("GET", "/accounts/{accountId}/clips"): ("LIGHT", "label")
    }


@pytest.mark.parametrize("target", generate.TARGETS, ids=lambda t: t.name)
def test_each_generated_rate_limits_module_matches_its_spec(target: generate.Target) -> None:
    """The committed rate_limits.py of each package is what its vendored spec says."""
    spec = json.loads(target.spec.read_text(encoding="utf-8"))
    module = importlib.import_module(f"{target.package}.rate_limits")
    table = generate.rate_limit_categories(spec)
    assert {op: category for op, (category, _) in table.items()} == module.CATEGORIES
    assert {op for op, (_, how) in table.items() if how != "label"} == module.UNLABELLED


def test_the_quirk_check_and_the_generator_agree_on_a_missing_label() -> None:
    """rate-limit-label-missing is present exactly when generate.py falls back to the default."""
    (quirk,) = [q for q in QUIRKS if q.name == "rate-limit-label-missing"]
    assert quirk.present_in(ENDPOINTS)
    labelled = copy.deepcopy(ENDPOINTS)
    labelled["paths"]["/clips/{clipId}"]["get"]["description"] += "\n\n" + LABEL.format("LIGHT")
    assert not quirk.present_in(labelled)
    assert "default" not in {how for _, how in generate.rate_limit_categories(labelled).values()}
