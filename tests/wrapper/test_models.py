"""The models read Zoom's JSON with the spec's quirks fixed and reject bodies of the wrong shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from zoom_clips import Clip, ClipStatus, ShareLinkSettings, ShareScope
from zoom_clips._models import InvalidBody, parse_clips_page
from zoom_clips_api.models import ClipItem
from zoom_clips_api.models import ShareLinkSettings as GeneratedShareLinkSettings
from zoom_clips_api.types import Unset

from .conftest import PASSCODE, clip_json, page_json


def parse(body: Any) -> Any:
    return parse_clips_page(json.dumps(body).encode())


def test_share_scope_accepts_both_spellings() -> None:
    """Zoom's SAME_ORGANIZATON and the correct SAME_ORGANIZATION both give the same member."""
    misspelt = parse(page_json([clip_json("a")])).data[0]
    fixed_item = clip_json("b", share_link_settings={"share_scope": "SAME_ORGANIZATION"})
    fixed = parse(page_json([fixed_item])).data[0]
    assert misspelt.share_link_settings.share_scope is ShareScope.SAME_ORGANIZATION
    assert fixed.share_link_settings.share_scope is ShareScope.SAME_ORGANIZATION
    assert ShareScope("SAME_ORGANIZATON") is ShareScope.SAME_ORGANIZATION


def test_tags_are_read_though_the_spec_omits_them() -> None:
    """tags becomes a tuple of str (empty when absent) instead of an unknown extra field."""
    tagged, untagged = parse(page_json([clip_json("a", tags=["x", "y"]), clip_json("b")])).data
    assert tagged.tags == ("x", "y")
    assert "tags" not in tagged.extra
    assert untagged.tags == ()


def test_dates_parse_both_forms_to_aware_utc() -> None:
    """Both the ``...631+00:00`` and the ``...Z`` forms become aware UTC datetimes."""
    clip = parse(page_json([clip_json("a")])).data[0]
    assert clip.created_date == datetime(2025, 1, 10, 1, 51, 50, 631000, tzinfo=UTC)
    assert clip.modified_date == datetime(2025, 1, 11, 10, 6, 8, tzinfo=UTC)
    assert clip.created_date.utcoffset() is not None
    shifted = parse(page_json([clip_json("b", created_date="2025-01-10T03:00:00+02:00")]))
    assert shifted.data[0].created_date == datetime(2025, 1, 10, 1, 0, tzinfo=UTC)


def test_total_records_is_int() -> None:
    """total_records is an int even when Zoom sends it as the spec's number (a float)."""
    page = parse({"data": [], "total_records": 30.0, "page_size": 30})
    assert page.total_records == 30
    assert type(page.total_records) is int


def test_unknown_enum_value_is_kept_as_string() -> None:
    """A status or share scope Zoom adds later comes back as the plain string, never raises."""
    item = clip_json("a", status="RECORD_PROCESSING", share_link_settings={"share_scope": "TEAM"})
    clip = parse(page_json([item])).data[0]
    assert clip.status == "RECORD_PROCESSING"
    assert not isinstance(clip.status, ClipStatus)
    assert clip.share_link_settings.share_scope == "TEAM"
    assert parse(page_json([clip_json("b")])).data[0].status is ClipStatus.RECORD_SUCCESS


def test_absent_fields_are_none_not_unset() -> None:
    """A clip with only an id has None for every other field, never the generator's Unset."""
    clip = parse({"data": [{"clip_id": "a"}]}).data[0]
    for field in attrs.fields(Clip):
        value = getattr(clip, field.name)
        assert not isinstance(value, Unset), field.name
    assert clip.title is None
    assert clip.share_link_settings is None
    assert clip.tags == ()
    assert clip.extra == {}


def test_clip_covers_every_property_of_the_generated_item_model() -> None:
    """A spec update that adds a clip field fails here until the wrapper maps it."""
    generated = {f.name for f in attrs.fields(ClipItem)} - {"additional_properties"}
    settings = {f.name for f in attrs.fields(GeneratedShareLinkSettings)} - {
        "additional_properties"
    }
    assert generated <= {f.name for f in attrs.fields(Clip)}
    assert settings <= {f.name for f in attrs.fields(ShareLinkSettings)}


def test_unknown_fields_are_preserved_in_extra() -> None:
    """Fields the spec does not know are kept as sent, not dropped."""
    clip = parse(page_json([clip_json("a", color="blue", meta={"k": 1})])).data[0]
    assert clip.extra == {"color": "blue", "meta": {"k": 1}}


def test_empty_or_missing_token_means_last_page() -> None:
    """next_page_token is None on the last page whether Zoom sent "" or nothing."""
    assert parse({"data": [], "next_page_token": ""}).next_page_token is None
    assert parse({"data": []}).next_page_token is None
    assert parse({"data": [], "next_page_token": "t"}).next_page_token == "t"


def test_passcode_is_hidden_from_repr_and_str() -> None:
    """The clip passcode never appears in repr() or str() of a clip or its settings."""
    clip = parse(page_json([clip_json("a")])).data[0]
    assert clip.share_link_settings.passcode == PASSCODE
    for text in (repr(clip), str(clip), repr(clip.share_link_settings)):
        assert PASSCODE not in text


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b'{"data": [{"clip_id": "a"', "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[]", "not an object"),
        (b'{"data": {"clip_id": "a"}}', "data is dict"),
        (b'{"data": ["a"]}', "a clip is str"),
        (b'{"data": [{"clip_id": 7}]}', "clip_id is int"),
        (b'{"data": [{"title": "no id"}]}', "a clip without its clip_id"),
        (b'{"data": [{"clip_id": null}]}', "a clip without its clip_id"),
        (b'{"data": [{"clip_id": ""}]}', "a clip without its clip_id"),
        (b'{"data": [{"duration": "long"}]}', "duration"),
        (b'{"data": [{"file_size": 1.5}]}', "file_size"),
        (b'{"data": [{"status": 3}]}', "status"),
        (b'{"data": [{"created_date": "yesterday"}]}', "created_date"),
        (b'{"data": [{"tags": "a,b"}]}', "tags"),
        (b'{"data": [{"share_link_settings": []}]}', "share_link_settings"),
        (b'{"data": [{"share_link_settings": {"enable_passcode": "yes"}}]}', "enable_passcode"),
        (b'{"data": [], "total_records": "many"}', "total_records"),
        (b'{"data": [], "next_page_token": 5}', "next_page_token"),
    ],
)
def test_bodies_of_the_wrong_shape_raise_invalid_body(body: bytes, fragment: str) -> None:
    """Every shape the spec does not allow is an InvalidBody naming the problem, nothing else."""
    with pytest.raises(InvalidBody, match=fragment):
        parse_clips_page(body)
