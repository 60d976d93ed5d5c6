"""The quirk registry describes both vendored specs truthfully and never raises on odd input."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts.update_spec.quirks import BOTH, QUIRKS, Quirk, clip_item_properties, quirks_of

# Zoom's specs as first vendored (master.json 2026-02-07, endpoints.json from the same day's
# snapshot), frozen: the quirks are defined against them. Whether the currently vendored specs
# still have each one is what `make update-spec` reports, so these tests do not fail merely
# because Zoom fixed a quirk upstream.
BASELINES = Path(__file__).resolve().parent / "update_spec"
SPECS: dict[str, dict[str, Any]] = {
    name: json.loads((BASELINES / f"baseline-{name}.json").read_text(encoding="utf-8"))
    for name in BOTH
}
BY_NAME = {q.name: q for q in QUIRKS}
PER_SPEC = [(q, spec) for q in QUIRKS for spec in q.specs]


def _spec(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = copy.deepcopy(SPECS[name])
    return spec


@pytest.mark.parametrize(
    ("quirk", "spec"), PER_SPEC, ids=[f"{q.name}-{spec}" for q, spec in PER_SPEC]
)
def test_every_quirk_is_present_in_the_vendored_spec(quirk: Quirk, spec: str) -> None:
    """Each registered quirk is really in every spec it says it is about (the frozen baselines)."""
    assert quirk.present_in(SPECS[spec])


@pytest.mark.parametrize("quirk", quirks_of("endpoints"), ids=lambda q: q.name)
def test_endpoints_only_quirks_are_absent_from_the_master_spec(quirk: Quirk) -> None:
    """A quirk registered for endpoints.json alone is not reported against master.json."""
    if "master" not in quirk.specs:
        assert not quirk.present_in(SPECS["master"])


@pytest.mark.parametrize("garbage", [{}, {"paths": []}, {"paths": {"/x": 1}}, {"servers": "x"}])
@pytest.mark.parametrize("quirk", QUIRKS, ids=lambda q: q.name)
def test_checks_never_raise_on_specs_of_odd_shape(quirk: Quirk, garbage: dict[str, Any]) -> None:
    """A spec missing the parts a check reads simply does not have that quirk."""
    assert quirk.present_in(garbage) in (True, False)


def test_fixing_the_spelling_and_adding_tags_clears_those_quirks() -> None:
    """A spec that fixes a quirk upstream is recognised as fixed."""
    fixed = _spec("master")
    props = clip_item_properties(fixed)
    scope = props["share_link_settings"]["properties"]["share_scope"]
    scope["enum"] = ["ANYONE", "SAME_ORGANIZATION", "INVITED_MEMBERS_ONLY", "PRIVATE"]
    props["tags"] = {"type": "array", "items": {"type": "string"}}  # type: ignore[index]
    assert not BY_NAME["share-scope-misspelt"].present_in(fixed)
    assert not BY_NAME["tags-missing"].present_in(fixed)
    assert BY_NAME["dates-untyped"].present_in(fixed)


def _ops(spec: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, Any] = spec["paths"]
    return paths


def _json_200(operation: dict[str, Any], status: str = "200") -> dict[str, Any]:
    schema: dict[str, Any] = operation["responses"][status]["content"]["application/json"]["schema"]
    return schema


def _clips(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Both clip schemas of endpoints.json: the listing's item and GET /clips/{clipId}'s."""
    listed = _json_200(_ops(spec)["/clips"]["get"])["properties"]["data"]["items"]
    return [listed, _json_200(_ops(spec)["/clips/{clipId}"]["get"])]


def _fix_source_owner(spec: dict[str, Any]) -> None:
    body = _ops(spec)["/clips/transfers"]["post"]["requestBody"]["content"]["application/json"]
    task = _json_200(_ops(spec)["/clips/transfers/{taskId}"]["get"])
    for schema in (body["schema"], task):
        schema["required"].remove("source_owner_user_id")


def _fix_max_items(spec: dict[str, Any]) -> None:
    body = _ops(spec)["/clips/transfers"]["post"]["requestBody"]["content"]["application/json"]
    body["schema"]["properties"]["clip_id_list"]["maxItems"] = 100


def _fix_operation_id(spec: dict[str, Any]) -> None:
    operation = _ops(spec)["/clips/files/multipart/upload_events"]["post"]
    operation["operationId"] = operation["operationId"].rstrip(".")


def _fix_emoji(spec: dict[str, Any]) -> None:
    comment = _json_200(_ops(spec)["/clips/{clipId}/comments"]["get"])["properties"]["data"]
    comment["items"]["properties"]["content_type"]["enum"].append("EMOJI")


def _fix_upload_servers(spec: dict[str, Any]) -> None:
    for path in ("/clips/files", "/clips/files/multipart", "/clips/files/multipart/upload_events"):
        _ops(spec)[path]["servers"] = [{"url": "https://fileapi.zoom.us/v2/"}]


def _fix_label(spec: dict[str, Any]) -> None:
    operation = _ops(spec)["/clips/{clipId}"]["get"]
    operation["description"] += (
        "\n\n**[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits"
        "#rate-limits):** `LIGHT`"
    )


def _fix_download(spec: dict[str, Any]) -> None:
    responses = _ops(spec)["/clips/{clipId}/download"]["get"]["responses"]
    responses["302"] = {"description": "Redirect to the file.", "headers": {"Location": {}}}
    del responses["200"]


def _fix_upload_events_oneof(spec: dict[str, Any]) -> None:
    operation = _ops(spec)["/clips/files/multipart/upload_events"]["post"]
    create, complete = _json_200(operation, "201")["oneOf"]
    create["required"] = ["upload_context"]
    complete["required"] = ["clip_id"]


def _fix_comments_page_size(spec: dict[str, Any]) -> None:
    for parameter in spec["paths"]["/clips/{clipId}/comments"]["get"]["parameters"]:
        if parameter["name"] == "page_size":
            parameter["schema"] = {"type": "integer", "maximum": 300}


def _fix_page_size(spec: dict[str, Any]) -> None:
    for path in ("/clips/{clipId}/collaborators", "/clips/{clipId}/comments"):
        _json_200(_ops(spec)[path]["get"])["properties"]["page_size"]["type"] = "integer"


def _fix_inline_clip(spec: dict[str, Any]) -> None:
    listed, single = _clips(spec)
    spec["components"]["schemas"] = {"Clip": copy.deepcopy(single)}
    ref = {"$ref": "#/components/schemas/Clip"}
    _json_200(_ops(spec)["/clips"]["get"])["properties"]["data"]["items"] = ref
    _ops(spec)["/clips/{clipId}"]["get"]["responses"]["200"]["content"]["application/json"] = {
        "schema": dict(ref)
    }
    assert listed


def _fix_error_bodies(spec: dict[str, Any]) -> None:
    error = {"type": "object", "properties": {"code": {"type": "integer"}}}
    for item in _ops(spec).values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    response["content"] = {"application/json": {"schema": error}}


def _fix_error_statuses(spec: dict[str, Any]) -> None:
    for item in _ops(spec).values():
        for operation in item.values():
            for status in ("401", "429"):
                operation["responses"].setdefault(status, {"description": "Zoom's error."})


def _fix_endpoints_spelling_and_tags(spec: dict[str, Any]) -> None:
    for clip in _clips(spec):
        scope = clip["properties"]["share_link_settings"]["properties"]["share_scope"]
        scope["enum"] = [
            "SAME_ORGANIZATION" if v == "SAME_ORGANIZATON" else v for v in scope["enum"]
        ]
        clip["properties"]["tags"] = {"type": "array", "items": {"type": "string"}}


FIXES: dict[str, tuple[Callable[[dict[str, Any]], None], tuple[str, ...]]] = {
    "transfer-source-owner-required": (_fix_source_owner, ()),
    "transfer-max-50-clip-ids": (_fix_max_items, ()),
    "operation-id-trailing-period": (_fix_operation_id, ()),
    "comment-content-type-lacks-emoji": (_fix_emoji, ()),
    "upload-base-url-in-prose": (_fix_upload_servers, ()),
    "rate-limit-label-missing": (_fix_label, ()),
    "download-documented-as-200": (_fix_download, ()),
    "page-size-is-number": (_fix_page_size, ()),
    "upload-events-oneof-ambiguous": (_fix_upload_events_oneof, ()),
    "comments-page-size-string": (_fix_comments_page_size, ()),
    "clip-schema-inline-twice": (_fix_inline_clip, ()),
    "error-bodies-undeclared": (_fix_error_bodies, ()),
    "error-statuses-undeclared": (_fix_error_statuses, ()),
    "share-scope-misspelt": (_fix_endpoints_spelling_and_tags, ("tags-missing",)),
}


@pytest.mark.parametrize("name", FIXES, ids=str)
def test_an_upstream_fix_of_the_endpoints_spec_is_detected_as_fixed(name: str) -> None:
    """Zoom fixing one quirk of endpoints.json clears that quirk (and only those it implies)."""
    fix, also_fixed = FIXES[name]
    spec = _spec("endpoints")
    fix(spec)
    cleared = {q.name for q in quirks_of("endpoints") if not q.present_in(spec)}
    assert cleared == {name, *also_fixed}


def test_every_endpoints_only_quirk_has_an_upstream_fix_case() -> None:
    """Each quirk registered for endpoints.json alone is shown to clear when Zoom fixes it."""
    only = {q.name for q in QUIRKS if q.specs == ("endpoints",)}
    assert only <= set(FIXES)


def test_the_spelling_must_be_fixed_in_both_clip_schemas_of_the_endpoints_spec() -> None:
    """Fixing SAME_ORGANIZATON in the listing alone leaves it in GET /clips/{clipId}."""
    spec = _spec("endpoints")
    scope = _clips(spec)[0]["properties"]["share_link_settings"]["properties"]["share_scope"]
    scope["enum"] = ["SAME_ORGANIZATION" if v == "SAME_ORGANIZATON" else v for v in scope["enum"]]
    assert BY_NAME["share-scope-misspelt"].present_in(spec)


def test_closed_enums_stays_while_the_transfer_status_is_closed() -> None:
    """Opening the clip's status enums alone leaves the transfer task's: the quirk stays."""
    spec = _spec("endpoints")
    for clip in _clips(spec):
        del clip["properties"]["status"]["enum"]
    assert BY_NAME["closed-enums"].present_in(spec)
    del _json_200(_ops(spec)["/clips/transfers/{taskId}"]["get"])["properties"]["status"]["enum"]
    assert not BY_NAME["closed-enums"].present_in(spec)


def test_quirk_names_are_unique() -> None:
    """Names identify quirks in update-spec reports, so they must not repeat."""
    assert len({q.name for q in QUIRKS}) == len(QUIRKS)


def test_every_quirk_says_which_spec_it_is_about() -> None:
    """Each quirk names master, endpoints or both, never nothing and never another spec."""
    for quirk in QUIRKS:
        assert quirk.specs
        assert set(quirk.specs) <= set(BOTH), quirk.name


def test_every_quirk_is_linked_to_its_workaround_and_regression_test() -> None:
    """No quirk is registered without the module that works around it and the test that proves it
    (the last two unlinked ones, the download's and the uploads' base URL, were linked by the
    clip-files work)."""
    assert [q.name for q in QUIRKS if not q.linked] == []
