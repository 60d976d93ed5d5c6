"""``from``/``to`` on the wire: only ``yyyy-MM-ddTHH:mm:ssZ``; nothing lost or gained at an end."""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st
from zoom_clips._pagination import DateRange, normalize_range
from zoom_clips.mock._data import parse_window

from .conftest import ACCOUNT, NOW, Facade, FakeZoom, clip_json, json_response, make_auth, page_json

WIRE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

# Every shape of bound a caller may pass, each paired with a ``to`` at most a month later.
RANGES: list[dict[str, Any]] = [
    {"from_": date(2025, 1, 1), "to": date(2025, 12, 31)},
    {"from_": date(2025, 1, 31), "to": date(2025, 3, 31)},
    {"from_": "2025-02-01", "to": "2025-02-28"},
    {"from_": "2025-02-01", "to": "2025-02-01"},
    {"from_": datetime(2025, 1, 31, 6), "to": "2025-03-01T00:00:00+01:00"},  # noqa: DTZ001
    {"from_": "2025-01-01T00:00:00.250Z", "to": "2025-01-20T12:30:00.750+00:00"},
    {"from_": datetime(2025, 5, 1, 23, 30, tzinfo=UTC), "to": date(2025, 6, 10)},
    {"from_": date(2025, 6, 1), "to": datetime(2025, 6, 14, 9, 15, 1, 5, tzinfo=UTC)},
    {"from_": date(2025, 6, 1)},  # to: now (the end of today, for a date)
    {"from_": datetime(2025, 6, 1, 0, 0, 0, 999_999, tzinfo=UTC)},  # to: now
]


def bounds_sent(zoom: FakeZoom) -> list[tuple[str, str]]:
    """Each request's from/to, in time order (the async client's windows run in any order)."""
    return sorted((q["from"], q["to"]) for q in zoom.queries())


@pytest.mark.parametrize("query", RANGES)
def test_list_sends_only_zoom_datetime_bounds(
    make_client: Callable[..., Facade], query: dict[str, Any]
) -> None:
    """Whatever the caller passes, every request of a listing carries yyyy-MM-ddTHH:mm:ssZ."""
    zoom = FakeZoom(lambda _: json_response(200, page_json([clip_json("a")], token="")))
    make_client(zoom).list_all(ACCOUNT, **query)
    sent = bounds_sent(zoom)
    assert sent
    assert all(WIRE_FORM.match(frm) and WIRE_FORM.match(to) for frm, to in sent), sent


def _one_window(query: dict[str, Any]) -> bool:
    span = normalize_range(query["from_"], query.get("to"), now=NOW)
    return span is not None and len(span.windows()) == 1


@pytest.mark.parametrize("query", [q for q in RANGES if _one_window(q)])
def test_list_page_sends_only_zoom_datetime_bounds(
    make_client: Callable[..., Facade], query: dict[str, Any]
) -> None:
    """One raw page carries the same form (for every range of at most a month on the wire)."""
    zoom = FakeZoom(lambda _: json_response(200, page_json([])))
    make_client(zoom).list_page(ACCOUNT, **query)
    [(frm, to)] = bounds_sent(zoom)
    assert WIRE_FORM.match(frm)
    assert WIRE_FORM.match(to)


def test_list_accounts_sends_only_zoom_datetime_bounds() -> None:
    """The async fan-out over several accounts sends the same form on every request."""
    zoom = FakeZoom(lambda _: json_response(200, page_json([])))

    async def main() -> None:
        async with zc.AsyncZoomClips(
            auth=make_auth(),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(zoom)),
            retry_policy=zc.RetryPolicy(now=lambda: NOW),
        ) as client:
            pairs = client.clips.list_accounts(["a", "b"], **RANGES[5])
            assert [pair async for pair in pairs] == []

    asyncio.run(main())
    sent = bounds_sent(zoom)
    assert len(sent) == 2
    assert all(WIRE_FORM.match(frm) and WIRE_FORM.match(to) for frm, to in sent), sent


def test_a_date_range_becomes_utc_instants_through_the_end_of_its_last_day(
    make_client: Callable[..., Facade],
) -> None:
    """Dates D..E go out as DT00:00:00Z .. (E+1)T00:00:00Z, neighbours sharing each boundary."""
    zoom = FakeZoom(lambda _: json_response(200, page_json([])))
    make_client(zoom).list_all(ACCOUNT, from_=date(2025, 1, 31), to=date(2025, 3, 31))
    assert bounds_sent(zoom) == [
        ("2025-01-31T00:00:00Z", "2025-02-28T00:00:00Z"),
        ("2025-02-28T00:00:00Z", "2025-03-28T00:00:00Z"),  # not Mar 31: over a month from Feb 28
        ("2025-03-28T00:00:00Z", "2025-04-01T00:00:00Z"),
    ]


def test_sub_second_bounds_are_rounded_outward_to_whole_seconds(
    make_client: Callable[..., Facade],
) -> None:
    """A datetime with sub-seconds is sent as the enclosing whole seconds: from down, to up."""
    zoom = FakeZoom(lambda _: json_response(200, page_json([])))
    make_client(zoom).list_all(
        ACCOUNT, from_="2025-01-01T06:00:00.500Z", to="2025-01-20T12:30:00.250Z"
    )
    assert bounds_sent(zoom) == [("2025-01-01T06:00:00Z", "2025-01-20T12:30:01Z")]


def _serving(clips: dict[str, str]) -> FakeZoom:
    """A Zoom that returns every one of ``clips`` (id: modified date) whatever the window."""
    body = page_json([clip_json(cid, modified_date=when) for cid, when in clips.items()])
    return FakeZoom(lambda _: json_response(200, body))


@pytest.mark.parametrize("windows", [1, 3])
def test_date_range_keeps_its_last_sub_second_and_drops_the_next_midnight(
    make_client: Callable[..., Facade], windows: int
) -> None:
    """23:59:59.900Z on the last day is listed; 00:00:00.000Z the next day is not; same at from."""
    zoom = _serving(
        {
            "before": "2025-02-28T23:59:59.999+00:00",
            "first": "2025-03-01T00:00:00.000+00:00",
            "late": f"2025-{2 + windows:02d}-31T23:59:59.900+00:00",
            "next": f"2025-{3 + windows:02d}-01T00:00:00.000+00:00",
        }
    )
    last = date(2025, 2 + windows, 31)
    clips = make_client(zoom).list_all(ACCOUNT, from_=date(2025, 3, 1), to=last)
    assert sorted(c.clip_id for c in clips) == ["first", "late"]
    assert len(zoom.api_requests) == windows


def test_datetime_to_is_inclusive_at_that_instant(make_client: Callable[..., Facade]) -> None:
    """A datetime to with sub-seconds lists up to that instant, not the rest of its second."""
    zoom = _serving(
        {
            "early": "2025-01-01T06:00:00.400+00:00",
            "start": "2025-01-01T06:00:00.500+00:00",
            "end": "2025-01-20T12:30:00.250+00:00",
            "after": "2025-01-20T12:30:00.251+00:00",
            "next-second": "2025-01-20T12:30:01Z",
        }
    )
    clips = make_client(zoom).list_all(
        ACCOUNT, from_="2025-01-01T06:00:00.500Z", to="2025-01-20T12:30:00.250Z"
    )
    assert sorted(c.clip_id for c in clips) == ["end", "start"]


def test_list_page_sends_the_next_midnight_and_returns_the_raw_page(
    make_client: Callable[..., Facade],
) -> None:
    """list_page sends to=(E+1)T00:00:00Z for a date E and filters nothing (one raw page)."""
    zoom = _serving({"next": "2025-02-01T00:00:00Z", "late": "2025-01-31T23:59:59.900Z"})
    page = make_client(zoom).list_page(ACCOUNT, from_=date(2025, 1, 1), to=date(2025, 1, 31))
    assert bounds_sent(zoom) == [("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z")]
    assert [c.clip_id for c in page.data] == ["next", "late"]


instants = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 -- hypothesis bounds are naive; tz below
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
bounds = st.one_of(instants, instants.map(lambda d: d.date()))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(start=bounds, length=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=800)))
def test_every_window_is_at_most_a_month_and_the_mock_accepts_it(
    start: date | datetime, length: timedelta
) -> None:
    """Any range: windows tile it edge to edge, each to <= from + 1 month, as the mock demands."""
    span = normalize_range(start, start + length, now=NOW)
    assert isinstance(span, DateRange)
    windows = span.windows()
    assert windows[0].start <= span.start < windows[0].start + timedelta(seconds=1)
    assert windows[-1].end - timedelta(seconds=1) < span.end <= windows[-1].end
    for window, after in itertools.pairwise(windows):
        assert window.end == after.start
    for window in windows:
        assert window.start <= window.end <= window.start + relativedelta(months=1)
        params = window.params()
        assert WIRE_FORM.match(params["from_"])
        assert WIRE_FORM.match(params["to"])
        parse_window(params["from_"], params["to"], now=NOW)  # raises if Zoom's limits are broken
