"""The change report: each kind of upstream change gets an exact, classified report section."""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Callable

import attrs
import pytest

from scripts import update_spec
from scripts.update_spec.quirks import Quirk, quirks_of
from tests.update_spec import specs
from tests.update_spec.specs import Spec

GROUP = "  GET /accounts/{accountId}/clips\n"


def report_of(change: Callable[[Spec], Spec]) -> str:
    """The summary line and change sections for the vendored spec changed by ``change``."""
    old = specs.baseline()
    changes = update_spec.diff(old, change(old))
    return f"{update_spec.summary_line(changes)}\n\n{update_spec.render_changes(changes)}"


CASES: dict[str, tuple[Callable[[Spec], Spec], str]] = {
    "spelling fixed and tags added": (
        lambda s: specs.with_tags(specs.with_spelling_fixed(s)),
        "3 changes: 0 breaking, 2 additive, 1 compatible.\n\n"
        "Response fields\n" + GROUP + "    additive    200 data[].tags: added "
        "(array of string, optional)\n\n"
        "Enum values\n" + GROUP + "    additive    200 data[].share_link_settings.share_scope: "
        'value added "SAME_ORGANIZATION"\n'
        "    compatible  200 data[].share_link_settings.share_scope: "
        'value removed "SAME_ORGANIZATON" (narrows what callers receive)',
    ),
    "new status value": (
        specs.with_new_status,
        "2 changes: 0 breaking, 2 additive, 0 compatible.\n\n"
        "Enum values\n" + GROUP + "    additive    200 data[].status: "
        'value added "RECORD_ARCHIVED"\n'
        '    additive    query status: value added "RECORD_ARCHIVED"',
    ),
    "new optional parameter": (
        specs.with_new_optional_parameter,
        "1 change: 0 breaking, 1 additive, 0 compatible.\n\n"
        "Parameters\n" + GROUP + "    additive    query sort_order: added (string, optional)",
    ),
    "removed response field": (
        specs.without_share_link,
        "1 change: 1 breaking, 0 additive, 0 compatible.\n\n"
        "Response fields\n" + GROUP + "    BREAKING    200 data[].share_link: removed: "
        "callers reading it get nothing",
    ),
    "retyped field": (
        specs.with_file_size_as_string,
        "1 change: 1 breaking, 0 additive, 0 compatible.\n\n"
        "Response fields\n" + GROUP + "    BREAKING    200 data[].file_size: "
        "type integer -> string (retyped)",
    ),
    "new operation": (
        specs.with_new_operation,
        "1 change: 0 breaking, 1 additive, 0 compatible.\n\n"
        "Operations\n  GET /accounts/{accountId}/clips/{clipId}\n"
        "    additive    operation: added (operationId GetClip)",
    ),
    "tightened constraint": (
        specs.with_page_size_tightened,
        "1 change: 1 breaking, 0 additive, 0 compatible.\n\n"
        "Parameters\n" + GROUP + "    BREAKING    query page_size: maximum 300 -> 100 (tightened)",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_fixture_has_its_exact_report(case: str) -> None:
    """Each upstream change is listed once, in its section, with its classification."""
    change, expected = CASES[case]
    assert report_of(change) == expected


def test_the_vendored_spec_against_itself_has_no_changes() -> None:
    """Comparing the vendored spec with itself finds nothing to report."""
    assert update_spec.diff(specs.baseline(), specs.baseline()) == []


def _quirk_lines(new: Spec) -> dict[str, str]:
    report = update_spec.render_quirks(specs.baseline(), new)
    lines = [line.split(None, 1) for line in report.splitlines()[1:] if not line.startswith("   ")]
    return dict(lines)


def test_quirks_fixed_upstream_are_named_with_their_module() -> None:
    """A spec that fixes the misspelling and adds tags marks exactly those quirks fixed."""
    statuses = _quirk_lines(specs.with_tags(specs.with_spelling_fixed(specs.baseline())))
    fixed = "fixed upstream: the workaround in zoom_clips._models can go once verified"
    assert statuses["share-scope-misspelt"] == fixed
    assert statuses["tags-missing"] == fixed
    others = {
        name: s
        for name, s in statuses.items()
        if name not in {"share-scope-misspelt", "tags-missing"}
    }
    assert others
    assert set(others.values()) == {"still present"}


def test_every_registered_quirk_is_reported() -> None:
    """The report reads the registry generically: one line per quirk, whatever is registered."""
    assert list(_quirk_lines(specs.baseline())) == [q.name for q in quirks_of("master")]


def test_a_quirk_check_that_raises_counts_as_still_present() -> None:
    """A broken registry check keeps its workaround rather than crashing the report."""

    def broken(spec: object) -> bool:
        raise KeyError("boom")

    quirk = Quirk("broken", "p", "f", "zoom_clips._x", "t", broken)
    assert update_spec.quirk_status(quirk, {}, {}) == "still present"


@pytest.mark.parametrize(
    ("attr", "side", "old", "new", "kind"),
    [
        ("minimum", update_spec.Side.REQUEST, 30, 10, update_spec.Kind.ADDITIVE),
        ("minimum", update_spec.Side.REQUEST, None, 10, update_spec.Kind.BREAKING),
        ("maxLength", update_spec.Side.RESPONSE, 100, 50, update_spec.Kind.COMPATIBLE),
        ("maxLength", update_spec.Side.RESPONSE, 100, 200, update_spec.Kind.BREAKING),
        ("type", update_spec.Side.RESPONSE, ("number",), ("integer",), update_spec.Kind.COMPATIBLE),
        ("type", update_spec.Side.REQUEST, ("number",), ("integer",), update_spec.Kind.BREAKING),
        ("type", update_spec.Side.REQUEST, ("integer",), ("number",), update_spec.Kind.ADDITIVE),
        ("required", update_spec.Side.REQUEST, False, True, update_spec.Kind.BREAKING),
        ("required", update_spec.Side.RESPONSE, True, False, update_spec.Kind.BREAKING),
        ("format", update_spec.Side.RESPONSE, None, "date-time", update_spec.Kind.BREAKING),
        ("default", update_spec.Side.REQUEST, "A", "B", update_spec.Kind.BREAKING),
        ("description", update_spec.Side.REQUEST, "a", "b", update_spec.Kind.COMPATIBLE),
        ("x-extensions", update_spec.Side.NEITHER, {}, {"a": 1}, update_spec.Kind.COMPATIBLE),
        ("oneOf", update_spec.Side.RESPONSE, None, [{}], update_spec.Kind.BREAKING),
    ],
)
def test_fact_rules_follow_the_direction_of_the_data(
    attr: str, side: update_spec.Side, old: object, new: object, kind: update_spec.Kind
) -> None:
    """Narrowing what callers send breaks them; widening what they receive breaks them."""
    ((got, _),) = update_spec.compare_fact(attr, side, old, new)
    assert got is kind


def test_removed_scope_and_security_scheme_are_breaking() -> None:
    """Security: a removed scheme or scope breaks callers, and so does a new required scope."""
    old = specs.baseline()
    new = specs.baseline()
    del new["components"]["securitySchemes"]["openapi_authorization"]
    new["paths"][specs.CLIPS]["get"]["security"][0]["openapi_oauth"].append("clips:write")
    text = update_spec.render_changes(update_spec.diff(old, new))
    assert text.startswith("Security schemes\n")
    assert "    BREAKING    operation: security requirements" in text
    assert "  BREAKING    openapi_authorization: removed" in text


def test_changes_outside_the_model_are_not_reported_as_none() -> None:
    """A difference in a part the tool does not model is never reported as "no changes"."""
    old = specs.baseline()
    new = specs.baseline()
    new["paths"][specs.CLIPS]["get"]["parameters"].reverse()
    assert update_spec.diff(old, new) == []  # query parameters in another order mean the same
    new["webhooks"] = {}
    (change,) = update_spec.diff(old, new)
    assert change.kind is update_spec.Kind.BREAKING
    assert "webhooks" in change.what


def test_recursive_refs_do_not_loop() -> None:
    """A schema that refers to itself is walked once, not forever."""
    spec = specs.baseline()
    spec["components"]["schemas"] = {
        "Node": {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}
    }
    specs.clip_properties(spec)["tree"] = {"$ref": "#/components/schemas/Node"}
    text = update_spec.render_changes(update_spec.diff(specs.baseline(), spec))
    assert "    additive    200 data[].tree: added (object, optional)" in text


def test_a_fixed_quirk_without_a_linked_workaround_asks_for_a_check_by_hand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unlinked quirk fixed upstream says so and names no test, rather than a stale one."""
    # The quirk as it was registered before its workaround was linked (issue 15's download).
    # (The package re-exports a function of the module's name, hence import_module.)
    quirk_status = importlib.import_module("scripts.update_spec.quirk_status")
    unlinked = [
        attrs.evolve(q, module="", test="") if q.name == "download-documented-as-200" else q
        for q in quirk_status.QUIRKS
    ]
    monkeypatch.setattr(quirk_status, "QUIRKS", tuple(unlinked))
    old = json.loads((specs.ROOT / "spec" / "endpoints.json").read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    download = new["paths"]["/clips/{clipId}/download"]["get"]
    download["responses"] = {
        "302": {"description": "the file's location"},
        **{status: answer for status, answer in download["responses"].items() if status != "200"},
    }
    report = update_spec.render_quirks(old, new, "endpoints")
    lines = report.splitlines()
    at = next(i for i, line in enumerate(lines) if "download-documented-as-200" in line)
    assert lines[at].split(None, 1)[1] == "fixed upstream: its workaround can go once verified"
    assert "none linked yet: check the workaround by hand" in lines[at + 1]
