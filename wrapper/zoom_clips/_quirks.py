"""The registry of places where Zoom's ``master.json`` is wrong, and how the wrapper copes.

Every workaround in ``zoom_clips`` for a defect of the spec (or of the code generated from it) is
listed here, once: what is wrong, how the wrapper fixes it, where the fix lives, which test fails if
the fix is removed, and a check that tells whether a given spec still has the defect. When Zoom
updates the spec, ``scripts/update_spec.py`` runs every check against the new spec and reports the
quirks that are fixed upstream, so their workarounds can be retired once verified (the discipline of
Azure's ``_patch.py`` files).

Each ``present_in`` check reads a parsed OpenAPI document and never raises: a spec that lacks the
part a check looks at does not have that quirk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

__all__ = ["QUIRKS", "Quirk", "clip_item_properties", "list_clips_operation"]

Spec = Mapping[str, Any]
SpecName = Literal["master", "endpoints"]

CLIPS_PATH = "/accounts/{accountId}/clips"


@attrs.frozen
class Quirk:
    """One defect of the spec and the wrapper's workaround for it."""

    name: str
    problem: str
    fix: str
    module: str
    test: str
    present_in: Callable[[Spec], bool] = attrs.field(repr=False)
    specs: tuple[SpecName, ...] = attrs.field(default=("master",), kw_only=True)
    """Which of Zoom's specs the quirk is about: ``master`` (master.json), ``endpoints``
    (endpoints.json), or both; ``present_in`` is asked about each of them."""


def _dig(node: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def list_clips_operation(spec: Spec) -> Mapping[str, Any]:
    """The ``GET`` operation on the clips path, or ``{}`` if the spec has none."""
    operation = _dig(spec, "paths", CLIPS_PATH, "get")
    return operation if isinstance(operation, Mapping) else {}


def _response_schema(spec: Spec) -> Mapping[str, Any]:
    schema = _dig(
        list_clips_operation(spec), "responses", "200", "content", "application/json", "schema"
    )
    return schema if isinstance(schema, Mapping) else {}


def _clip_item_schema(spec: Spec) -> Mapping[str, Any]:
    item = _dig(_response_schema(spec), "properties", "data", "items")
    return item if isinstance(item, Mapping) else {}


def clip_item_properties(spec: Spec) -> Mapping[str, Any]:
    """The properties of one clip in the 200 response, or ``{}`` if the spec has none."""
    props = _clip_item_schema(spec).get("properties")
    return props if isinstance(props, Mapping) else {}


def _share_scope_enum(spec: Spec) -> list[Any]:
    enum = _dig(clip_item_properties(spec), "share_link_settings", "properties", "share_scope")
    values = _dig(enum, "enum")
    return list(values) if isinstance(values, list) else []


def _misspelt_share_scope(spec: Spec) -> bool:
    return "SAME_ORGANIZATON" in _share_scope_enum(spec)


def _tags_missing(spec: Spec) -> bool:
    return bool(clip_item_properties(spec)) and "tags" not in clip_item_properties(spec)


def _dates_untyped(spec: Spec) -> bool:
    props = clip_item_properties(spec)
    return any(
        isinstance(props.get(name), Mapping) and props[name].get("format") != "date-time"
        for name in ("created_date", "modified_date")
    )


def _server_lacks_v2(spec: Spec) -> bool:
    servers = spec.get("servers")
    urls = [s.get("url", "") for s in servers if isinstance(s, Mapping)] if servers else []
    paths = spec.get("paths")
    path_has_v2 = isinstance(paths, Mapping) and any(str(p).startswith("/v2/") for p in paths)
    return not path_has_v2 and not any(str(u).rstrip("/").endswith("/v2") for u in urls)


def _error_bodies_undeclared(spec: Spec) -> bool:
    responses = _dig(list_clips_operation(spec), "responses")
    if not isinstance(responses, Mapping):
        return False
    return any(
        isinstance(responses.get(code), Mapping) and "content" not in responses[code]
        for code in ("400", "401", "403", "429")
    )


def _total_records_is_number(spec: Spec) -> bool:
    return bool(_dig(_response_schema(spec), "properties", "total_records", "type") == "number")


def _closed_enums(spec: Spec) -> bool:
    status = _dig(clip_item_properties(spec), "status")
    return isinstance(status, Mapping) and "enum" in status


def _date_filter_type_has_default(spec: Spec) -> bool:
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


def _fields_all_optional(spec: Spec) -> bool:
    return bool(clip_item_properties(spec)) and not _clip_item_schema(spec).get("required")


def _success_body_declared(spec: Spec) -> bool:
    return bool(_response_schema(spec))


def _oauth_urls_empty(spec: Spec) -> bool:
    schemes = _dig(spec, "components", "securitySchemes")
    if not isinstance(schemes, Mapping):
        return False
    for scheme in schemes.values():
        flows = _dig(scheme, "flows")
        if isinstance(flows, Mapping):
            for flow in flows.values():
                if isinstance(flow, Mapping) and not str(flow.get("tokenUrl", "x")).strip():
                    return True
    return False


QUIRKS: tuple[Quirk, ...] = (
    Quirk(
        name="share-scope-misspelt",
        specs=("master",),
        problem="share_scope's enum spells SAME_ORGANIZATION as SAME_ORGANIZATON, and so does the "
        "wire; Zoom may fix it on the wire without notice.",
        fix="ShareScope.SAME_ORGANIZATION is the member for both spellings.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_share_scope_accepts_both_spellings",
        present_in=_misspelt_share_scope,
    ),
    Quirk(
        name="tags-missing",
        specs=("master",),
        problem="Zoom sends a tags array on each clip since 2026-04, but the spec does not declare "
        "it, so the generated model files it under additional_properties.",
        fix="Clip.tags is a tuple of str, read from the raw item, empty when absent.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_tags_are_read_though_the_spec_omits_them",
        present_in=_tags_missing,
    ),
    Quirk(
        name="dates-untyped",
        specs=("master",),
        problem="created_date and modified_date are plain strings (no format: date-time), with "
        "examples in two forms: ...Z and ...631+00:00.",
        fix="Clip.created_date/modified_date are aware UTC datetimes, parsed from both forms.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_dates_parse_both_forms_to_aware_utc",
        present_in=_dates_untyped,
    ),
    Quirk(
        name="server-url-lacks-v2",
        specs=("master",),
        problem="The spec's server is https://api.zoom.us/ and its path lacks /v2, but Zoom serves "
        "the API under https://api.zoom.us/v2.",
        fix="The clients' default base_url is https://api.zoom.us/v2.",
        module="zoom_clips._client",
        test="tests/wrapper/test_client.py::test_default_base_url_has_v2",
        present_in=_server_lacks_v2,
    ),
    Quirk(
        name="error-bodies-undeclared",
        specs=("master",),
        problem="400/401/403/429 responses declare no body, so the generated client returns None "
        "for them; Zoom sends {code, message} JSON (and proxies send HTML 502 pages).",
        fix="The wrapper parses Zoom's error body itself and raises a typed APIStatusError.",
        module="zoom_clips._errors",
        test="tests/wrapper/test_errors.py::test_error_body_becomes_typed_error",
        present_in=_error_bodies_undeclared,
    ),
    Quirk(
        name="total-records-is-number",
        specs=("master",),
        problem="total_records is typed number (float) though it counts records.",
        fix="ClipsPage.total_records is an int.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_total_records_is_int",
        present_in=_total_records_is_number,
    ),
    Quirk(
        name="closed-enums",
        specs=("master",),
        problem="status and share_scope are closed enums; the generated from_dict raises "
        "ValueError on a value Zoom adds later.",
        fix="An unknown enum value comes back as the plain string instead of raising.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_unknown_enum_value_is_kept_as_string",
        present_in=_closed_enums,
    ),
    Quirk(
        name="oauth-urls-empty",
        specs=("master",),
        problem="The oauth2 security scheme has empty tokenUrl/refreshUrl and the other scheme is "
        "an apiKey on Authorization, so the spec says nothing usable about getting a token.",
        fix="ServerToServerOAuth/UserOAuth use Zoom's real token URL, https://zoom.us/oauth/token.",
        module="zoom_clips._auth",
        test="tests/wrapper/test_auth.py::test_default_token_url_is_zooms",
        present_in=_oauth_urls_empty,
    ),
    Quirk(
        name="date-filter-type-always-sent",
        specs=("master",),
        problem="date_filter_type declares a default (MODIFIED_DATE), so the generated endpoint's "
        "signature defaults to it and sends date_filter_type=MODIFIED_DATE on every request, "
        "whether the caller asked for it or not.",
        fix="The wrapper passes UNSET explicitly unless the caller gave a date_filter_type.",
        module="zoom_clips._clips",
        test="tests/wrapper/test_client.py::test_date_filter_type_sent_only_when_asked",
        present_in=_date_filter_type_has_default,
    ),
    Quirk(
        name="fields-all-optional",
        specs=("master",),
        problem="No clip property is required, so every generated field is `X | Unset` and callers "
        "would have to test for the generator's Unset sentinel.",
        fix="Clip's absent fields are None (tags: an empty tuple); Unset never leaves the wrapper.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_absent_fields_are_none_not_unset",
        present_in=_fields_all_optional,
    ),
    Quirk(
        name="generated-parse-eager",
        specs=("master",),
        problem="The generated sync_detailed/asyncio_detailed parse every 200 with "
        "ClipListResponse.from_dict before returning: an unknown enum value or a truncated body "
        "raises ValueError/JSONDecodeError with the raw response lost, and HTTPStatus(code) raises "
        "on a non-standard status (e.g. a proxy's 520).",
        fix="The wrapper builds each request with the generated get_user_clips._get_kwargs (path, "
        "quoting, query) and sends it itself, parsing the raw body with its own parser.",
        module="zoom_clips._clips",
        test="tests/wrapper/test_client.py::test_unknown_status_and_odd_http_status_do_not_crash",
        present_in=_success_body_declared,
    ),
)
