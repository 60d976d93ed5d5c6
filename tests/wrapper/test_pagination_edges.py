"""Edges of the pure pagination logic: bad ranges, window flags, the default rule of one window."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from zoom_clips._models import ClipsPage, page_from_json
from zoom_clips._pagination import (
    DateRange,
    WindowPager,
    aiter_window,
    format_bound,
    iter_window,
    normalize_range,
    single_window_params,
    split_windows,
)

from .conftest import clip_json, page_json

NOW = datetime(2025, 6, 15, 12, 30, tzinfo=UTC)


def test_to_without_from_is_a_value_error_naming_both() -> None:
    """``to=`` alone is refused with a ValueError that says it needs ``from_=``."""
    with pytest.raises(ValueError, match="needs from_"):
        normalize_range(None, date(2025, 6, 1), now=NOW)


def test_an_open_end_is_today_for_a_date_and_now_for_a_datetime() -> None:
    """Without ``to``, a date ``from_`` runs to the end of today, a datetime one to now."""
    by_date = normalize_range(date(2025, 6, 1), None, now=NOW)
    by_instant = normalize_range(datetime(2025, 6, 1, tzinfo=UTC), None, now=NOW)
    assert by_date == DateRange.of(date(2025, 6, 1), date(2025, 6, 15))
    assert by_instant == DateRange(datetime(2025, 6, 1, tzinfo=UTC), NOW)


def test_a_bound_with_sub_seconds_cannot_be_formatted() -> None:
    """The wire form has whole seconds only: a sub-second instant is a ValueError."""
    assert format_bound(datetime(2025, 6, 1, 1, 2, 3, tzinfo=UTC)) == "2025-06-01T01:02:03Z"
    with pytest.raises(ValueError, match="whole second"):
        format_bound(datetime(2025, 6, 1, 1, 2, 3, 500, tzinfo=UTC))


def test_only_inner_windows_have_neighbours_on_both_sides() -> None:
    """Of three windows, the first has no previous one, the last no next one, the middle both."""
    windows = DateRange.of(date(2025, 1, 1), date(2025, 3, 20)).windows()
    assert [(w.has_previous, w.has_next) for w in windows] == [
        (False, True),
        (True, True),
        (True, False),
    ]
    (only,) = DateRange.of(date(2025, 1, 1), date(2025, 1, 2)).windows()
    assert (only.has_previous, only.has_next) == (False, False)


def test_a_too_long_single_page_range_names_the_bounds_it_would_send() -> None:
    """``list_page`` over more than a month says which wire bounds were too far apart."""
    with pytest.raises(ValueError, match="one-month") as raised:
        single_window_params(date(2025, 1, 1), date(2025, 3, 20), now=NOW)
    message = str(raised.value)
    assert "2025-01-01 00:00:00+00:00" in message
    assert "2025-03-21 00:00:00+00:00" in message


def test_the_first_request_of_a_window_carries_no_page_token() -> None:
    """A pager's first parameters are the query alone, without a ``next_page_token`` key."""
    assert WindowPager({"page_size": 300}).params() == {"page_size": 300}


def _pages(*pages: list[dict[str, Any]]) -> list[tuple[ClipsPage, httpx.Response]]:
    tokens = [f"t{i}" for i in range(1, len(pages))] + [""]
    return [
        (page_from_json(page_json(clips, token)), httpx.Response(200))
        for clips, token in zip(pages, tokens, strict=True)
    ]


def _listed(is_async: bool, answers: list[tuple[ClipsPage, httpx.Response]]) -> list[str | None]:
    queue = iter(answers)

    def fetch(_: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
        return next(queue)

    async def afetch(_: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
        return next(queue)

    if not is_async:
        return [clip.clip_id for clip in iter_window(fetch, {})]

    async def collect() -> list[str | None]:
        return [clip.clip_id async for clip in aiter_window(afetch, {})]

    return asyncio.run(collect())


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_one_window_on_its_own_yields_each_id_once(
    is_async: bool,
) -> None:
    """Without a listing's rule, a window drops repeated ids (every clip has one: issue 21)."""
    answers = _pages(
        [clip_json("a"), clip_json("b")],
        [clip_json("b"), clip_json("c")],
    )
    assert _listed(is_async, answers) == ["a", "b", "c"]


def test_split_windows_is_the_windows_of_the_same_range() -> None:
    """``split_windows(start, end)`` gives exactly ``DateRange.of(start, end).windows()``."""
    windows = split_windows(date(2025, 1, 31), date(2025, 4, 2))
    assert windows == DateRange.of(date(2025, 1, 31), date(2025, 4, 2)).windows()
    assert [w.params()["from_"] for w in windows] == [
        "2025-01-31T00:00:00Z",
        "2025-02-28T00:00:00Z",
        "2025-03-28T00:00:00Z",
    ]


def test_windows_reach_the_end_of_the_year_9999() -> None:
    """A range ending in December 9999 splits (the month after its last start is past any end)."""
    end = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    windows = DateRange.of(date(9999, 11, 15), end).windows()
    assert [(w.start.month, w.start.day) for w in windows] == [(11, 15), (12, 15)]
    assert windows[-1].end == end


def test_a_to_the_wire_form_cannot_name_is_a_value_error() -> None:
    """A date ``to`` of 9999-12-31 would go out as a year-10000 instant: ValueError, not an
    OverflowError from the rounding."""
    with pytest.raises(ValueError, match="last bound"):
        DateRange.of(date(9999, 12, 1), date(9999, 12, 31))
