"""The quirk registry describes the vendored spec truthfully and never raises on odd input."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from zoom_clips._quirks import QUIRKS, clip_item_properties

# Zoom's spec as first vendored (2026-02-07), frozen: the quirks are defined against it. Whether
# the currently vendored spec still has each one is what `make update-spec` reports, so this test
# does not fail merely because Zoom fixed a quirk upstream.
BASELINE = Path(__file__).resolve().parent / "update_spec" / "baseline-master.json"
SPEC: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("quirk", QUIRKS, ids=lambda q: q.name)
def test_every_quirk_is_present_in_the_vendored_spec(quirk: Any) -> None:
    """Each registered quirk is really in Zoom's spec as first vendored (the frozen baseline)."""
    assert quirk.present_in(SPEC)


@pytest.mark.parametrize("garbage", [{}, {"paths": []}, {"paths": {"/x": 1}}, {"servers": "x"}])
@pytest.mark.parametrize("quirk", QUIRKS, ids=lambda q: q.name)
def test_checks_never_raise_on_specs_of_odd_shape(quirk: Any, garbage: dict[str, Any]) -> None:
    """A spec missing the parts a check reads simply does not have that quirk."""
    assert quirk.present_in(garbage) in (True, False)


def test_fixing_the_spelling_and_adding_tags_clears_those_quirks() -> None:
    """A spec that fixes a quirk upstream is recognised as fixed."""
    fixed = copy.deepcopy(SPEC)
    props = clip_item_properties(fixed)
    scope = props["share_link_settings"]["properties"]["share_scope"]
    scope["enum"] = ["ANYONE", "SAME_ORGANIZATION", "INVITED_MEMBERS_ONLY", "PRIVATE"]
    props["tags"] = {"type": "array", "items": {"type": "string"}}  # type: ignore[index]
    by_name = {q.name: q for q in QUIRKS}
    assert not by_name["share-scope-misspelt"].present_in(fixed)
    assert not by_name["tags-missing"].present_in(fixed)
    assert by_name["dates-untyped"].present_in(fixed)


def test_quirk_names_are_unique() -> None:
    """Names identify quirks in update-spec reports, so they must not repeat."""
    assert len({q.name for q in QUIRKS}) == len(QUIRKS)
