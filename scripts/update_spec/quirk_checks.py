"""The checks of the quirk registry (``quirks.py``): does a given spec still have each defect?

Each check reads a parsed OpenAPI document (master.json or endpoints.json) and never raises: a
spec that lacks the part a check looks at does not have that quirk. The checks that both specs
share find the list-clips operation of either (:func:`list_clips_operation`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

Spec = Mapping[str, Any]

CLIPS_PATH = "/accounts/{accountId}/clips"
"""The list-clips path of master.json (the master-account API)."""
USER_CLIPS_PATH = "/clips"
"""The list-clips path of endpoints.json (the Clips API)."""
CLIP_PATH = "/clips/{clipId}"
TRANSFERS_PATH = "/clips/transfers"
TRANSFER_TASK_PATH = "/clips/transfers/{taskId}"
DOWNLOAD_PATH = "/clips/{clipId}/download"
COMMENTS_PATH = "/clips/{clipId}/comments"
UPLOAD_EVENTS_PATH = "/clips/files/multipart/upload_events"
UPLOAD_BASE_URL = "https://fileapi.zoom.us/v2"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_LABEL = re.compile(r"Rate Limit Label\]\([^)]*\):\*\*\s*`[A-Z_]+`")
_OWN_LIMIT = re.compile(r"rate limit (?:of this API )?is \d+ requests per second", re.IGNORECASE)


def dig(node: Any, *keys: str) -> Any:
    """``node[k1][k2]...``, or None as soon as a step is not a mapping."""
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _mapping(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def deref(spec: Spec, node: Any) -> Any:
    """``node`` with local ``$ref`` pointers followed (a spec may move a schema to components)."""
    for _ in range(16):  # a cycle of references ends here rather than looping
        ref = dig(node, "$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        node = dig(spec, *(p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")))
    return node


def operations(spec: Spec) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """``(METHOD, path, operation)`` for every operation of ``spec``."""
    for path, item in _mapping(spec.get("paths")).items():
        for method in _METHODS:
            operation = dig(item, method)
            if isinstance(operation, Mapping):
                yield method.upper(), str(path), operation


def list_clips_operation(spec: Spec) -> Mapping[str, Any]:
    """The ``GET`` list-clips operation (master.json's or endpoints.json's), or ``{}``."""
    for path in (CLIPS_PATH, USER_CLIPS_PATH):
        operation = dig(spec, "paths", path, "get")
        if isinstance(operation, Mapping):
            return operation
    return {}


def json_schema(spec: Spec, operation: Any, status: str) -> Mapping[str, Any]:
    """The JSON schema of ``operation``'s ``status`` response (references followed), or ``{}``."""
    content = dig(deref(spec, dig(operation, "responses", status)), "content", "application/json")
    return _mapping(deref(spec, dig(content, "schema")))


def _response_schema(spec: Spec) -> Mapping[str, Any]:
    return json_schema(spec, list_clips_operation(spec), "200")


def _clip_item_schema(spec: Spec) -> Mapping[str, Any]:
    data = deref(spec, dig(_response_schema(spec), "properties", "data"))
    return _mapping(deref(spec, dig(data, "items")))


def clip_item_properties(spec: Spec) -> Mapping[str, Any]:
    """The properties of one clip in the list-clips 200 response, or ``{}`` if there is none."""
    return _mapping(_clip_item_schema(spec).get("properties"))


def _clip_schemas(spec: Spec) -> list[Mapping[str, Any]]:
    """Every schema of one clip: the listing's item and (endpoints.json) ``GET /clips/{id}``'s."""
    single = json_schema(spec, dig(spec, "paths", CLIP_PATH, "get"), "200")
    return [s for s in (_clip_item_schema(spec), single) if s]


def _clip_property(spec: Spec, name: str) -> list[Mapping[str, Any]]:
    found = (dig(schema, "properties", name) for schema in _clip_schemas(spec))
    return [p for p in found if isinstance(p, Mapping)]


def misspelt_share_scope(spec: Spec) -> bool:
    """share_scope's enum has ``SAME_ORGANIZATON`` in some clip schema."""
    return any(
        "SAME_ORGANIZATON" in (dig(settings, "properties", "share_scope", "enum") or [])
        for settings in _clip_property(spec, "share_link_settings")
    )


def tags_missing(spec: Spec) -> bool:
    """Some clip schema declares properties but no ``tags``."""
    return any(
        isinstance(schema.get("properties"), Mapping) and "tags" not in schema["properties"]
        for schema in _clip_schemas(spec)
    )


def dates_untyped(spec: Spec) -> bool:
    """A clip's created_date or modified_date lacks ``format: date-time``."""
    return any(
        prop.get("format") != "date-time"
        for name in ("created_date", "modified_date")
        for prop in _clip_property(spec, name)
    )


def server_lacks_v2(spec: Spec) -> bool:
    """Neither the servers nor the paths carry the ``/v2`` prefix Zoom serves under."""
    servers = spec.get("servers")
    urls = [s.get("url", "") for s in servers if isinstance(s, Mapping)] if servers else []
    paths = spec.get("paths")
    path_has_v2 = isinstance(paths, Mapping) and any(str(p).startswith("/v2/") for p in paths)
    return not path_has_v2 and not any(str(u).rstrip("/").endswith("/v2") for u in urls)


def error_bodies_undeclared(spec: Spec) -> bool:
    """Some operation's 4xx/5xx response declares no body."""
    return any(
        str(status)[:1] in {"4", "5"}
        and isinstance(response, Mapping)
        and not response.get("content")
        for _, _, operation in operations(spec)
        for status, response in _mapping(operation.get("responses")).items()
    )


def total_records_is_number(spec: Spec) -> bool:
    """The listing's total_records is typed ``number``."""
    return bool(dig(_response_schema(spec), "properties", "total_records", "type") == "number")


def closed_enums(spec: Spec) -> bool:
    """A clip's status, or endpoints.json's transfer task status, is a closed enum."""
    task = json_schema(spec, dig(spec, "paths", TRANSFER_TASK_PATH, "get"), "200")
    statuses = [*_clip_property(spec, "status"), _mapping(dig(task, "properties", "status"))]
    return any("enum" in prop for prop in statuses)


def date_filter_type_has_default(spec: Spec) -> bool:
    """The listing's date_filter_type parameter declares a default."""
    parameters = list_clips_operation(spec).get("parameters")
    if not isinstance(parameters, list):
        return False
    return any(
        isinstance(p, Mapping)
        and p.get("name") == "date_filter_type"
        and isinstance(p.get("schema"), Mapping)
        and "default" in p["schema"]
        for p in parameters
    )


def fields_all_optional(spec: Spec) -> bool:
    """The listing's clip declares properties but requires none."""
    return bool(clip_item_properties(spec)) and not _clip_item_schema(spec).get("required")


def success_body_declared(spec: Spec) -> bool:
    """The listing's 200 declares a JSON body (which the generated code parses eagerly)."""
    return bool(_response_schema(spec))


def oauth_urls_empty(spec: Spec) -> bool:
    """An oauth2 flow's tokenUrl is empty."""
    for scheme in _mapping(dig(spec, "components", "securitySchemes")).values():
        for flow in _mapping(dig(scheme, "flows")).values():
            if isinstance(flow, Mapping) and not str(flow.get("tokenUrl", "x")).strip():
                return True
    return False


def _transfer_schemas(spec: Spec) -> list[Mapping[str, Any]]:
    body = dig(spec, "paths", TRANSFERS_PATH, "post", "requestBody", "content", "application/json")
    task = json_schema(spec, dig(spec, "paths", TRANSFER_TASK_PATH, "get"), "200")
    return [s for s in (_mapping(deref(spec, dig(body, "schema"))), task) if s]


def transfer_source_owner_required(spec: Spec) -> bool:
    """The transfer body or task requires source_owner_user_id."""
    return any(
        "source_owner_user_id" in (schema.get("required") or [])
        for schema in _transfer_schemas(spec)
    )


def transfer_max_items_is_50(spec: Spec) -> bool:
    """The transfer body's clip_id_list takes at most 50 ids."""
    schemas = _transfer_schemas(spec)[:1]
    return any(dig(s, "properties", "clip_id_list", "maxItems") == 50 for s in schemas)


def operation_id_not_identifier(spec: Spec) -> bool:
    """Some operationId ends with a period (``InitiateAndCompleteAClipMultipartUpload.``)."""
    return any(
        str(operation.get("operationId", "")).endswith(".") for _, _, operation in operations(spec)
    )


def _comment_content_types(spec: Spec) -> Iterator[Mapping[str, Any]]:
    listing = json_schema(spec, dig(spec, "paths", COMMENTS_PATH, "get"), "200")
    comment = _mapping(deref(spec, dig(listing, "properties", "data", "items")))
    children = _mapping(deref(spec, dig(comment, "properties", "children_comments", "items")))
    for schema in (comment, children):
        content_type = dig(schema, "properties", "content_type")
        if isinstance(content_type, Mapping):
            yield content_type


def comment_content_type_lacks_emoji(spec: Spec) -> bool:
    """A comment content_type describes EMOJI while its enum lacks it."""
    return any(
        "EMOJI" in str(prop.get("description", ""))
        and isinstance(prop.get("enum"), list)
        and "EMOJI" not in prop["enum"]
        for prop in _comment_content_types(spec)
    )


def _servers_name(node: Any, base_url: str) -> bool:
    servers = dig(node, "servers")
    return isinstance(servers, list) and any(
        str(dig(s, "url") or "").rstrip("/") == base_url for s in servers
    )


def upload_base_url_in_prose(spec: Spec) -> bool:
    """An operation's description names fileapi.zoom.us while no ``servers`` entry does."""
    for _, path, operation in operations(spec):
        if UPLOAD_BASE_URL in str(operation.get("description", "")) and not (
            _servers_name(operation, UPLOAD_BASE_URL)
            or _servers_name(dig(spec, "paths", path), UPLOAD_BASE_URL)
        ):
            return True
    return False


def rate_limit_label_missing(spec: Spec) -> bool:
    """An operation states neither a "Rate Limit Label" nor a limit of its own."""
    return any(
        not _LABEL.search(description) and not _OWN_LIMIT.search(description)
        for _, _, operation in operations(spec)
        for description in [str(operation.get("description", ""))]
    )


def download_documented_as_200(spec: Spec) -> bool:
    """The download declares a 200 octet-stream body with an object schema and no 302."""
    responses = _mapping(dig(spec, "paths", DOWNLOAD_PATH, "get", "responses"))
    schema = dig(responses, "200", "content", "application/octet-stream", "schema")
    return dig(schema, "type") == "object" and "302" not in responses


def _accepts_any_object(spec: Spec, schema: Any) -> bool:
    """An object schema that requires nothing and forbids nothing: every JSON object matches it."""
    schema = deref(spec, schema)
    return (
        dig(schema, "type") == "object"
        and not _list(dig(schema, "required"))
        and dig(schema, "additionalProperties") is not False
        and not any(dig(schema, key) for key in ("minProperties", "oneOf", "anyOf", "allOf", "not"))
    )


def upload_events_oneof_ambiguous(spec: Spec) -> bool:
    """The upload-events 201 is a ``oneOf`` of which two alternatives accept any object.

    ``oneOf`` demands exactly one match, so every answer (Create's or Complete's) fails it.
    """
    schema = deref(spec, json_schema(spec, dig(spec, "paths", UPLOAD_EVENTS_PATH, "post"), "201"))
    alternatives = _list(dig(schema, "oneOf"))
    return sum(_accepts_any_object(spec, option) for option in alternatives) >= 2


def page_size_is_number(spec: Spec) -> bool:
    """The collaborators or comments listing types its page_size as ``number``."""
    for path in ("/clips/{clipId}/collaborators", COMMENTS_PATH):
        listing = json_schema(spec, dig(spec, "paths", path, "get"), "200")
        if dig(listing, "properties", "page_size", "type") == "number":
            return True
    return False


def comments_page_size_is_string(spec: Spec) -> bool:
    """The comments listing's ``page_size`` query parameter is typed ``string``."""
    for reference in _list(dig(spec, "paths", COMMENTS_PATH, "get", "parameters")):
        parameter = deref(spec, reference)
        if dig(parameter, "name") == "page_size" and dig(parameter, "in") == "query":
            return bool(dig(deref(spec, dig(parameter, "schema")), "type") == "string")
    return False


def error_statuses_undeclared(spec: Spec) -> bool:
    """An operation declares no 401 or no 429 response, though Zoom may answer either to any."""
    return any(
        not {"401", "429"} <= {str(status) for status in _mapping(operation.get("responses"))}
        for _, _, operation in operations(spec)
    )


def clip_schema_inline_twice(spec: Spec) -> bool:
    """The listing's clip and ``GET /clips/{clipId}``'s are two inline schemas, not one ``$ref``."""
    single = dig(spec, "paths", CLIP_PATH, "get", "responses", "200", "content")
    single_schema = dig(single, "application/json", "schema")
    item = dig(list_clips_operation(spec), "responses", "200", "content", "application/json")
    listed = dig(item, "schema", "properties", "data", "items")
    return (
        isinstance(single_schema, Mapping)
        and isinstance(listed, Mapping)
        and not ("$ref" in single_schema and single_schema.get("$ref") == listed.get("$ref"))
    )
