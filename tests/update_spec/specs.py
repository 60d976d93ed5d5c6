"""Fixture specs for the update-spec tests: the vendored spec, changed by small named edits.

The base is ``baseline-master.json``, a frozen copy of spec/master.json as vendored from the
2026-02-07 snapshot, so these tests keep meaning the same after `make update-spec` moves the
real spec on.

``baseline-endpoints.json`` is the same for spec/endpoints.json (the Clips API under /clips).

Each ``with_*`` function takes a spec and returns a changed deep copy, so cases compose
(``with_tags(with_spelling_fixed(baseline()))``) and each says in its name what Zoom changed.

New operations, written as Zoom writes them (summary, scopes, "Rate Limit Label", error
responses, ``security`` and ``x-extensions``), come from :func:`zoom_operation` and join a spec
through :func:`with_operations`; :func:`with_new_clip_operations` adds the five Zoom has published
since the snapshot (ZOOM-FACTS.md in the shared reference material, "Learned since").
``vendored_endpoints()`` is the spec this checkout vendors today, for an update on top of it::

    text = dump(with_new_clip_operations(vendored_endpoints()))
    # then: make update-spec SPEC=<a file holding text> NAME=endpoints
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping, Sequence
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

#: What each seed page says about the spec in its ``### X.json`` block (its address, where Zoom
#: publishes the file, the snapshot's date): a vendoring from that page records these, in this
#: order, before its ``extracted_from`` and ``sha256``. The seed pages are pinned by sha256
#: (tests/seeds/README.md), so these stay true whatever spec/ holds after `make update-spec`.
SEED_PAGE_FACTS: dict[str, dict[str, str]] = {
    "master": {
        "file": "master.json",
        "source_url": "https://developers.zoom.us/api-hub/clips/ma/master.json",
        "docs_page": "https://developers.zoom.us/docs/api/clips/ma/",
        "snapshot_date": "2026-02-07",
    },
    "endpoints": {
        "file": "endpoints.json",
        "source_url": "https://developers.zoom.us/api-hub/clips/methods/endpoints.json",
        "docs_page": "https://developers.zoom.us/docs/api/clips/",
        "snapshot_date": "2026-02-07",
    },
}


def baseline() -> Spec:
    """A fresh parse of the frozen baseline spec."""
    spec: Spec = json.loads(BASELINE.read_text(encoding="utf-8"))
    return spec


def seed_provenance(name: str) -> dict[str, str]:
    """The provenance of the ``name`` baseline as vendored from its seed page (no committed file).

    ``sha256`` is the baseline's, which is the seed page's block byte for byte.
    """
    baseline_file = BASELINE if name == "master" else ENDPOINTS_BASELINE
    page = SEED_PAGE if name == "master" else USER_SEED_PAGE
    return {
        **SEED_PAGE_FACTS[name],
        "extracted_from": f"shared/seeds/{page.name}, section '## Downloads' / '### {name}.json'",
        "sha256": hashlib.sha256(baseline_file.read_bytes()).hexdigest(),
    }


def copy_generator_configs(repo: Path) -> None:
    """Give a scratch checkout the generator configs, which name the calls the report shows."""
    (repo / "scripts").mkdir(parents=True, exist_ok=True)
    for config in (ROOT / "scripts").glob("openapi-python-client*.yaml"):
        (repo / "scripts" / config.name).write_bytes(config.read_bytes())


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


def vendored_endpoints() -> Spec:
    """A fresh parse of the checkout's spec/endpoints.json, whatever update it is at."""
    spec: Spec = json.loads((ROOT / "spec" / "endpoints.json").read_text(encoding="utf-8"))
    return spec


_SCOPES = "https://developers.zoom.us/docs/integrations/oauth-scopes-overview/"
_LABEL = "https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits"
_ERRORS = {
    "400": "**HTTP Status Code:** `400` <br>\n Bad Request  \n\n **Error Code:** `10001` <br>\n "
    "Missing field. <br>\n",
    "401": "**HTTP Status Code:** `401` <br>\n Unauthorized  \n\n **Error Code:** `1002` <br>\n "
    "No authenticated <br>\n",
    "403": "**HTTP Status Code:** `403` <br>\n Forbidden  \n\n **Error Code:** `1003` <br>\n "
    "No permission to operate <br>\n",
    "404": "**HTTP Status Code:** `404` <br>\n Not Found  \n\n **Error Code:** `2000` <br>\n "
    "Clip does not exist: {clipId}. <br>\n",
    "429": "**HTTP Status Code:** `429` <br>\n Too Many Requests. For more information, see "
    "[rate limits](https://developers.zoom.us/docs/api/rest/rate-limits/). \n\n ",
}


def path_parameter(name: str, description: str = "The clip's ID.") -> dict[str, Any]:
    """A required string path parameter, as Zoom declares ``clipId``."""
    return {
        "name": name,
        "in": "path",
        "description": description,
        "required": True,
        "schema": {"type": "string", "example": "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ"},
    }


def query_parameter_of(name: str, schema: Mapping[str, Any], description: str) -> dict[str, Any]:
    """An optional query parameter."""
    return {
        "name": name,
        "in": "query",
        "description": description,
        "required": False,
        "schema": dict(schema),
    }


def json_content(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``content`` holding ``schema`` as application/json."""
    return {"application/json": {"schema": copy.deepcopy(dict(schema))}}


def zoom_operation(
    *,
    operation_id: str,
    summary: str,
    description: str,
    tag: str = "Clips",
    category: str = "LIGHT",
    parameters: Sequence[Mapping[str, Any]] = (),
    body: Mapping[str, Any] | None = None,
    status: str = "200",
    response: Mapping[str, Any] | None = None,
    response_description: str = "Success.",
    scopes: Sequence[str] = ("clips:write", "clips:write:admin"),
    granular_scopes: Sequence[str] = (),
    errors: Sequence[str] = ("400", "401", "403", "404", "429"),
) -> dict[str, Any]:
    """One operation as Zoom's specs write it.

    ``description`` gets Zoom's scope lines and its "Rate Limit Label" (``category``);
    ``body`` is the JSON request body's schema, ``response`` the success response's (None: an
    answer without content, as Zoom's 204s); ``errors`` are the error statuses it documents.
    """
    scope_list = ",".join(f"`{s}`" for s in scopes)
    granular_list = ",".join(f"`{s}`" for s in granular_scopes)
    text = f"{description}\n\n**[Scopes]({_SCOPES}):** {scope_list}"
    if granular_scopes:
        text += f"\n\n**[Granular Scopes]({_SCOPES}):** {granular_list}"
    text += f"\n\n**[Rate Limit Label]({_LABEL}):** `{category}`"
    success: dict[str, Any] = {
        "description": f"**HTTP Status Code:** `{status}`   " + response_description
    }
    if response is not None:
        success["content"] = json_content(response)
    operation: dict[str, Any] = {
        "tags": [tag],
        "summary": summary,
        "description": text,
        "operationId": operation_id,
    }
    if parameters:
        operation["parameters"] = [copy.deepcopy(dict(p)) for p in parameters]
    if body is not None:
        operation["requestBody"] = {"content": json_content(body)}
    operation["responses"] = {status: success} | {e: {"description": _ERRORS[e]} for e in errors}
    operation["security"] = [
        {"openapi_oauth": [*scopes, *granular_scopes], "openapi_authorization": []}
    ]
    operation["x-extensions"] = {
        "x-permissions": ["Clip:Edit"],
        "x-macro-scopes": list(scopes),
        "x-granular-scopes": list(granular_scopes),
    }
    return operation


def with_operations(spec: Spec, operations: Mapping[tuple[str, str], Mapping[str, Any]]) -> Spec:
    """``spec`` with each ``(method, path) -> operation`` added, and any new scope declared.

    A path already in the spec gains the method; adding an existing operation is an error.
    """
    spec = copy.deepcopy(spec)
    flows = spec["components"]["securitySchemes"]["openapi_oauth"]["flows"]
    declared: dict[str, str] = flows["authorizationCode"]["scopes"]
    for (method, path), operation in operations.items():
        item = spec["paths"].setdefault(path, {})
        if method.lower() in item:
            raise ValueError(f"{method.upper()} {path} is already in the spec")
        item[method.lower()] = copy.deepcopy(dict(operation))
        for requirement in operation.get("security", ()):
            for scope in requirement.get("openapi_oauth", ()):
                declared.setdefault(scope, scope)
    return spec


def _chapter(*, with_id: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "title": {"type": "string", "description": "The chapter's title.", "example": "Intro"},
        "start_time": {
            "type": "integer",
            "description": "Where the chapter starts, in seconds from the clip's start.",
            "example": 0,
        },
    }
    if with_id:
        properties = {
            "chapter_id": {"type": "string", "description": "The chapter's ID.", "example": "ch1"},
            **properties,
        }
    return {"type": "object", "properties": properties}


#: What Zoom has added to endpoints.json since the 2026-02-07 snapshot (ZOOM-FACTS.md in the
#: shared reference, "Learned since"): ``(METHOD, path) -> operationId``. No mock route or
#: resource knows them yet.
NEW_CLIP_OPERATIONS: dict[tuple[str, str], str] = {
    ("PATCH", "/clips/{clipId}"): "UpdateClipById",
    ("GET", "/clips/{clipId}/chapters"): "GetClipChapters",
    ("POST", "/clips/{clipId}/chapters"): "createClipChapters",
    ("POST", "/clips/{clipId}/duplicate"): "DuplicateClips",
    ("PATCH", "/clips/{clipId}/share_settings"): "Updateclipssharesetting",
}


def new_clip_operations() -> dict[tuple[str, str], dict[str, Any]]:
    """The operations of :data:`NEW_CLIP_OPERATIONS`, as Zoom's endpoints.json writes them."""
    clip_id = path_parameter("clipId")
    chapters = {
        "type": "object",
        "properties": {
            "clip_id": {"type": "string", "description": "The clip's ID.", "example": "c1"},
            "chapters": {"type": "array", "items": _chapter(with_id=True)},
        },
    }
    ops = {
        ("PATCH", "/clips/{clipId}"): zoom_operation(
            operation_id="UpdateClipById",
            summary="Update a clip",
            description="Updates a clip's title, description and tags.",
            parameters=[clip_id],
            body={
                "type": "object",
                "properties": {
                    "title": {
                        "type": "string",
                        "description": "The clip's title.",
                        "maxLength": 200,
                    },
                    "description": {"type": "string", "description": "The clip's description."},
                    "tags": {
                        "type": "array",
                        "description": "The clip's tags.",
                        "items": {"type": "string", "description": "A tag."},
                    },
                },
            },
            status="204",
            response_description="Clip updated.",
            granular_scopes=("clips:update:clip", "clips:update:clip:admin"),
        ),
        ("GET", "/clips/{clipId}/chapters"): zoom_operation(
            operation_id="GetClipChapters",
            summary="List a clip's chapters",
            description="Returns the chapters of a clip.",
            parameters=[
                clip_id,
                query_parameter_of(
                    "page_size",
                    {"type": "integer", "maximum": 300, "default": 30},
                    "The number of records returned within a single API call.",
                ),
            ],
            response=chapters,
            response_description="The clip's chapters.",
            scopes=("clips:read", "clips:read:admin"),
            granular_scopes=("clips:read:chapters", "clips:read:chapters:admin"),
            errors=("401", "403", "404", "429"),
        ),
        ("POST", "/clips/{clipId}/chapters"): zoom_operation(
            operation_id="createClipChapters",
            summary="Create a clip's chapters",
            description="Creates chapters for a clip, replacing any it has.",
            parameters=[clip_id],
            body={
                "type": "object",
                "required": ["chapters"],
                "properties": {
                    "chapters": {"type": "array", "maxItems": 50, "items": _chapter(with_id=False)}
                },
            },
            status="201",
            response=chapters,
            response_description="Chapters created.",
            granular_scopes=("clips:write:chapters", "clips:write:chapters:admin"),
        ),
        ("POST", "/clips/{clipId}/duplicate"): zoom_operation(
            operation_id="DuplicateClips",
            summary="Duplicate a clip",
            description="Makes a copy of a clip, owned by the same user.",
            category="MEDIUM",
            parameters=[clip_id],
            body={
                "type": "object",
                "properties": {
                    "title": {"type": "string", "description": "The copy's title."},
                },
            },
            status="201",
            response={
                "type": "object",
                "required": ["clip_id"],
                "properties": {
                    "clip_id": {"type": "string", "description": "The copy's clip ID."},
                },
            },
            response_description="Clip duplicated.",
            granular_scopes=("clips:write:duplicate", "clips:write:duplicate:admin"),
        ),
        ("PATCH", "/clips/{clipId}/share_settings"): zoom_operation(
            operation_id="Updateclipssharesetting",
            summary="Update a clip's share settings",
            description="Updates who can watch a clip through its share link.",
            tag="Single",
            parameters=[clip_id],
            body={
                "type": "object",
                "properties": {
                    "share_scope": {
                        "type": "string",
                        "description": "Who can watch the clip through its share link.",
                        "enum": ["ANYONE", "SAME_ORGANIZATON", "INVITED_MEMBERS_ONLY", "PRIVATE"],
                    },
                    "enable_passcode": {
                        "type": "boolean",
                        "description": "Whether the passcode is enabled.",
                    },
                    "passcode": {"type": "string", "description": "The passcode."},
                },
            },
            status="204",
            response_description="Share settings updated.",
            granular_scopes=("clips:update:share_setting", "clips:update:share_setting:admin"),
        ),
    }
    assert {k: v["operationId"] for k, v in ops.items()} == NEW_CLIP_OPERATIONS
    return ops


def with_new_clip_operations(spec: Spec) -> Spec:
    """endpoints.json: the five operations Zoom has added since the snapshot."""
    return with_operations(spec, new_clip_operations())
