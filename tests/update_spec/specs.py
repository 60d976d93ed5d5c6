"""Fixture specs for the update-spec tests: the vendored spec, changed by small named edits.

The base is ``baseline-master.json``, a frozen copy of spec/master.json as vendored from the
2026-02-07 snapshot, so these tests keep meaning the same after `make update-spec` moves the
real spec on.

``baseline-endpoints.json`` is the same for spec/endpoints.json (the Clips API under /clips).

Each ``with_*`` function takes a spec and returns a changed deep copy, so cases compose
(``with_tags(with_spelling_fixed(baseline()))``) and each says in its name what Zoom changed.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline-master.json"
SEED_PAGE = ROOT / "tests" / "seeds" / "clips-master-api-page.md"  # see tests/seeds/README.md
CLIPS = "/accounts/{accountId}/clips"
# endpoints.json (the Clips API under /clips), frozen from the same 2026-02-07 snapshot.
ENDPOINTS_BASELINE = Path(__file__).resolve().parent / "baseline-endpoints.json"
USER_SEED_PAGE = ROOT / "tests" / "seeds" / "clips-user-api-page.md"

Spec = dict[str, Any]


def baseline() -> Spec:
    """A fresh parse of the frozen baseline spec."""
    spec: Spec = json.loads(BASELINE.read_text(encoding="utf-8"))
    return spec


def operation(spec: Spec) -> dict[str, Any]:
    """The list-clips operation of ``spec``."""
    op: dict[str, Any] = spec["paths"][CLIPS]["get"]
    return op


def clip_properties(spec: Spec) -> dict[str, Any]:
    """The properties of one clip in the 200 response of ``spec``."""
    schema = operation(spec)["responses"]["200"]["content"]["application/json"]["schema"]
    props: dict[str, Any] = schema["properties"]["data"]["items"]["properties"]
    return props


def query_parameter(spec: Spec, name: str) -> dict[str, Any]:
    """The query parameter ``name`` of the list-clips operation."""
    (param,) = [p for p in operation(spec)["parameters"] if p["name"] == name]
    return param  # type: ignore[no-any-return]


def with_spelling_fixed(spec: Spec) -> Spec:
    """Zoom spells SAME_ORGANIZATION correctly in share_scope's enum."""
    spec = copy.deepcopy(spec)
    scope = clip_properties(spec)["share_link_settings"]["properties"]["share_scope"]
    scope["enum"] = ["SAME_ORGANIZATION" if v == "SAME_ORGANIZATON" else v for v in scope["enum"]]
    return spec


def with_tags(spec: Spec) -> Spec:
    """Zoom declares the tags array it has been sending since 2026-04."""
    spec = copy.deepcopy(spec)
    clip_properties(spec)["tags"] = {
        "type": "array",
        "description": "The clip's tags",
        "items": {"type": "string", "description": "tag name"},
    }
    return spec


def with_new_status(spec: Spec) -> Spec:
    """A new clip status, RECORD_ARCHIVED, both as a filter value and in responses."""
    spec = copy.deepcopy(spec)
    query_parameter(spec, "status")["schema"]["enum"].append("RECORD_ARCHIVED")
    clip_properties(spec)["status"]["enum"].append("RECORD_ARCHIVED")
    return spec


def with_new_optional_parameter(spec: Spec) -> Spec:
    """A new optional query parameter, sort_order, with an enum."""
    spec = copy.deepcopy(spec)
    operation(spec)["parameters"].insert(
        -1,
        {
            "name": "sort_order",
            "in": "query",
            "description": "Sort the clips by date.",
            "required": False,
            "schema": {"type": "string", "enum": ["asc", "desc"]},
        },
    )
    return spec


def without_share_link(spec: Spec) -> Spec:
    """Zoom drops the share_link field from each clip."""
    spec = copy.deepcopy(spec)
    del clip_properties(spec)["share_link"]
    return spec


def with_file_size_as_string(spec: Spec) -> Spec:
    """file_size becomes a string (retyped)."""
    spec = copy.deepcopy(spec)
    clip_properties(spec)["file_size"]["type"] = "string"
    return spec


def with_new_operation(spec: Spec) -> Spec:
    """A new operation: GET /accounts/{accountId}/clips/{clipId}."""
    spec = copy.deepcopy(spec)
    spec["paths"]["/accounts/{accountId}/clips/{clipId}"] = {
        "get": {
            "tags": ["list subAccount clips in account"],
            "summary": "Get a clip",
            "operationId": "GetClip",
            "parameters": [
                {"name": "accountId", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "clipId", "in": "path", "required": True, "schema": {"type": "string"}},
            ],
            "responses": {"200": {"description": "The clip."}},
        }
    }
    return spec


def with_page_size_tightened(spec: Spec) -> Spec:
    """page_size's maximum drops from 300 to 100."""
    spec = copy.deepcopy(spec)
    query_parameter(spec, "page_size")["schema"]["maximum"] = 100
    return spec


def endpoints_baseline() -> Spec:
    """A fresh parse of the frozen endpoints.json baseline."""
    spec: Spec = json.loads(ENDPOINTS_BASELINE.read_text(encoding="utf-8"))
    return spec


def with_emoji_comments(spec: Spec) -> Spec:
    """endpoints.json: EMOJI joins the content_type enum of top-level comments."""
    spec = copy.deepcopy(spec)
    listing = spec["paths"]["/clips/{clipId}/comments"]["get"]["responses"]["200"]
    comment = listing["content"]["application/json"]["schema"]["properties"]["data"]["items"]
    comment["properties"]["content_type"]["enum"].append("EMOJI")
    return spec


def without_collaborator_role(spec: Spec) -> Spec:
    """endpoints.json: the collaborators listing stops sending each collaborator's role."""
    spec = copy.deepcopy(spec)
    listing = spec["paths"]["/clips/{clipId}/collaborators"]["get"]["responses"]["200"]
    item = listing["content"]["application/json"]["schema"]["properties"]["data"]["items"]
    del item["properties"]["role"]
    return spec


def with_both_list_operations(spec: Spec) -> Spec:
    """A document claiming to be both specs: master's list-clips path added to endpoints.json."""
    spec = copy.deepcopy(spec)
    master = baseline()
    spec["paths"][CLIPS] = master["paths"][CLIPS]
    operation(spec)["operationId"] = "GetSubAccountClips"  # operation ids must stay unique
    return spec


def dump(spec: Spec) -> str:
    """``spec`` as Zoom writes it: key order kept, two-space indentation, final newline."""
    return json.dumps(spec, indent=2) + "\n"


def docs_page(spec_text: str, name: str = "master") -> str:
    """A seed docs page with its ``### {name}.json`` block replaced by ``spec_text``."""
    page = (SEED_PAGE if name == "master" else USER_SEED_PAGE).read_text(encoding="utf-8")
    head, rest = page.split(f"### {name}.json\n```json\n", 1)
    _, tail = rest.split("\n```\n", 1)
    return f"{head}### {name}.json\n```json\n{spec_text.rstrip()}\n```\n{tail}"
