"""Consumer-side fuzz: every 200 body becomes models or ``APIResponseValidationError``, only.

Bodies go through ``page_from_response`` on an ``httpx.Response``, the function both clients call
on a real response. Bounded and seeded under ``make test``; ``make fuzz-nightly`` runs thousands.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import httpx
from hypothesis import given
from zoom_clips import (
    APIResponseValidationError,
    Clip,
    ClipsPage,
    ClipStatus,
    RetryPolicy,
    ShareLinkSettings,
    ShareScope,
)
from zoom_clips._client import page_from_response

from .profiles import FUZZ
from .strategies import (
    DATE_FIELDS,
    IGNORED,
    PAGE_SCHEMA,
    SUPPORTED,
    keywords,
    quirky_bodies,
    raw_bodies,
    spec_bodies,
)

POLICY = RetryPolicy(max_retries=0, rand=lambda: 0.5, now=lambda: datetime(2025, 6, 15, tzinfo=UTC))
STRING_FIELDS = ("clip_id", "title", "description", "owner_id", "share_link", "thumbnail_link")
KNOWN = {field.name for field in attrs.fields(Clip)} - {"extra"}
STATUSES = {member.value: member for member in ClipStatus}
SCOPES = {member.value: member for member in ShareScope} | {
    "SAME_ORGANIZATON": ShareScope.SAME_ORGANIZATION
}


def parse(raw: bytes) -> ClipsPage | APIResponseValidationError:
    """The page, or the validation error; any other exception fails the calling test."""
    response = httpx.Response(200, content=raw)
    try:
        return page_from_response(response, POLICY)
    except APIResponseValidationError as exc:
        error = exc
    assert error.response is response
    assert error.status_code == 200
    return error


def encode(body: Any) -> bytes:
    return json.dumps(body).encode("utf-8", "surrogatepass")


# -- oracle: what a spec-valid body should become --------------------------------------------------


def expected_date(text: str) -> datetime | None:
    """The aware UTC instant ``text`` names, or ``None`` when no datetime can hold it."""
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+05:00 is in year 0 in UTC
        return None


def fits_float(number: float) -> bool:
    """Whether a JSON number converts to a Python float (a 400-digit integer does not)."""
    try:
        float(number)
    except OverflowError:
        return False
    return True


def representable(body: dict[str, Any]) -> bool:
    """Whether a spec-valid body fits the models: counts integral, numbers and dates in range."""
    total = body.get("total_records")
    if isinstance(total, float) and not total.is_integer():
        return False
    for item in body.get("data", []):
        if not item.get("clip_id"):  # every clip carries its id (issue 21), the spec or not
            return False
        if "duration" in item and not fits_float(item["duration"]):
            return False
        if any(name in item and expected_date(item[name]) is None for name in DATE_FIELDS):
            return False
    return True


def assert_matches(clip: Clip, item: dict[str, Any]) -> None:
    """``clip`` holds exactly what the spec-valid ``item`` says, with the quirks fixed."""
    for name in STRING_FIELDS:
        assert getattr(clip, name) == item.get(name), name
    if "duration" in item:
        assert clip.duration == float(item["duration"])
    else:
        assert clip.duration is None
    assert clip.file_size == item.get("file_size")
    assert clip.status == (STATUSES[item["status"]] if "status" in item else None)
    for name in DATE_FIELDS:
        assert getattr(clip, name) == (expected_date(item[name]) if name in item else None)
    settings = item.get("share_link_settings")
    if settings is None:
        assert clip.share_link_settings is None
    else:
        assert clip.share_link_settings == ShareLinkSettings(
            enable_passcode=settings.get("enable_passcode"),
            passcode=settings.get("passcode"),
            share_scope=SCOPES[settings["share_scope"]] if "share_scope" in settings else None,
        )
    assert clip.tags == ()
    assert clip.extra == {}


# -- invariants: what any successfully parsed body looks like --------------------------------------


def assert_clip_invariants(clip: Clip, item: Any) -> None:
    """The types the models promise, whatever the body was."""
    assert isinstance(item, dict)
    for name in (*STRING_FIELDS, "share_link"):
        assert type(getattr(clip, name)) in (str, type(None)), name
    assert clip.duration is None or type(clip.duration) is float
    assert clip.file_size is None or type(clip.file_size) is int
    for when in (clip.created_date, clip.modified_date):
        assert when is None or (when.tzinfo is UTC and when.utcoffset() == timedelta(0))
    assert clip.status is None or isinstance(clip.status, ClipStatus) or clip.status not in STATUSES
    assert type(clip.tags) is tuple
    assert all(type(tag) is str for tag in clip.tags)
    settings = clip.share_link_settings
    if settings is not None:
        scope = settings.share_scope
        assert scope is None or isinstance(scope, ShareScope) or scope not in SCOPES
        assert settings.enable_passcode in (None, True, False)
        if settings.passcode is not None:
            assert "'***'" in repr(settings)
            assert f"passcode={settings.passcode!r}" not in repr(clip)
    assert set(clip.extra) == set(item) - KNOWN
    assert all(clip.extra[key] == item[key] or item[key] != item[key] for key in clip.extra)


def assert_page_invariants(page: ClipsPage, raw: bytes) -> None:
    """The page's types, and each clip's, hold for the body it came from."""
    body = json.loads(raw)
    assert type(page.data) is tuple
    assert len(page.data) == len(body.get("data") or [])
    for clip, item in zip(page.data, body.get("data") or [], strict=True):
        assert_clip_invariants(clip, item)
    token = page.next_page_token
    assert token is None or (type(token) is str and token != "")
    assert page.page_size is None or type(page.page_size) is int
    assert page.total_records is None or type(page.total_records) is int


# -- the properties --------------------------------------------------------------------------------


def test_strategy_covers_every_keyword_of_the_spec_schema() -> None:
    """The spec-derived strategy knows every keyword the 200 schema uses (else it is stale)."""
    assert keywords(PAGE_SCHEMA) <= SUPPORTED | IGNORED


@FUZZ
@given(spec_bodies())
def test_spec_bodies_parse_to_exactly_their_content(body: dict[str, Any]) -> None:
    """A body the spec allows parses, field by field, unless a value cannot fit the models."""
    result = parse(encode(body))
    if not representable(body):
        assert isinstance(result, APIResponseValidationError)
        return
    assert isinstance(result, ClipsPage), result
    assert len(result.data) == len(body.get("data", []))
    for clip, item in zip(result.data, body.get("data", []), strict=True):
        assert_matches(clip, item)
    assert result.next_page_token == (body.get("next_page_token") or None)
    assert result.page_size == body.get("page_size")
    total = body.get("total_records")
    assert result.total_records == (None if total is None else int(total))


@FUZZ
@given(quirky_bodies())
def test_quirky_bodies_give_models_or_the_validation_error(body: Any) -> None:
    """Quirks, nulls, wrong types, huge numbers and odd dates never raise anything undocumented."""
    raw = encode(body)
    result = parse(raw)
    if isinstance(result, ClipsPage):
        assert_page_invariants(result, raw)


@FUZZ
@given(raw_bodies())
def test_any_bytes_give_models_or_the_validation_error(raw: bytes) -> None:
    """Truncated, non-object, non-UTF-8 or absurd bytes: a page or the validation error only."""
    result = parse(raw)
    if isinstance(result, ClipsPage):
        assert_page_invariants(result, raw)
