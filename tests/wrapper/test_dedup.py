"""A listing never yields a clip twice, whichever windows a server returns it from (sync and async).

The server here is deliberately unfaithful: it returns one clip, dated in window ``k``, from every
window of a year; clips on each shared boundary from both neighbours; and clips dated outside the
whole range. The wrapper yields each clip of the range once and nothing else, with the windows
sequential (sync) or concurrent in several interleavings (async), and its ledger ends empty.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

import httpx
import pytest
import zoom_clips as zc
import zoom_clips._clips as clips_module
from zoom_clips._dedup import WindowLedger
from zoom_clips._pagination import DateRange

from ..virtual_time import run_virtual
from .conftest import (
    ACCOUNT,
    NOW,
    TOKEN,
    Facade,
    FakeZoom,
    clip_json,
    json_response,
    make_auth,
    page_json,
)

YEAR = {"from_": date(2025, 1, 1), "to": date(2025, 12, 31)}  # 12 windows, one per month
OWN = 40  # clips dated inside each window, over two pages


def _z(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def month_start(month: int) -> datetime:
    """The first instant of 2025's ``month`` (13: January 2026)."""
    return datetime(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=UTC)


class EveryWindowZoom:
    """Each window: its own ``OWN`` clips, the boundary clip at each end, the stray, the outsiders.

    ``stray`` is dated mid-window ``k`` and returned by all twelve windows. ``edge-m`` is dated on
    the instant month ``m`` starts, which both neighbouring windows' inclusive bounds contain.
    ``before``/``after`` are dated just outside the year. Pages are two per window; ``delay``
    (seconds for a window's page) makes the async windows interleave.
    """

    def __init__(self, k: int, delay: Callable[[str, int], float] | None = None) -> None:
        self.k = k
        self.delay = delay
        self.requests: list[tuple[str, int]] = []

    def clips_of(self, frm: str) -> list[dict[str, Any]]:
        start = datetime.fromisoformat(frm)
        month = start.month if start.year == 2025 else 13
        own = [
            clip_json(f"own-{month}-{i}", modified_date=_z(start + timedelta(days=1, hours=i)))
            for i in range(OWN)
        ]
        edges = [
            clip_json(f"edge-{m}", modified_date=_z(month_start(m)))
            for m in (month, month + 1)
            if 2 <= m <= 12
        ]
        stray = clip_json("stray", modified_date=_z(month_start(self.k + 1) + timedelta(days=9)))
        outsiders = [
            clip_json("before", modified_date="2024-12-31T23:59:59.999+00:00"),
            clip_json("after", modified_date="2026-01-01T00:00:00Z"),
        ]
        return [*edges[:1], *own[: OWN // 2], stray, *outsiders, *own[OWN // 2 :], *edges[1:]]

    def page(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        number = int(params.get("next_page_token") or 0)
        self.requests.append((params["from"], number))
        clips = self.clips_of(params["from"])
        half = len(clips) // 2
        body = page_json(clips[:half], token="1") if number == 0 else page_json(clips[half:])
        return json_response(200, body)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return self.page(request)

    async def slowly(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return json_response(200, {"access_token": TOKEN, "expires_in": 3600})
        assert self.delay is not None
        await asyncio.sleep(self.delay(request.url.params["from"], len(self.requests)))
        return self.page(request)


EXPECTED = {
    "stray",
    *(f"edge-{m}" for m in range(2, 13)),
    *(f"own-{m}-{i}" for m in range(1, 13) for i in range(OWN)),
}


class RecordingLedger(WindowLedger):
    """A ``WindowLedger`` that keeps every instance and the most ids it held at once."""

    made: ClassVar[list[RecordingLedger]] = []
    peak: int = 0

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        RecordingLedger.made.append(self)

    def keep(self, clip: zc.Clip) -> bool:
        kept = super().keep(clip)
        self.peak = max(self.peak, self.remembered())
        return kept


@pytest.fixture
def ledgers(monkeypatch: pytest.MonkeyPatch) -> list[RecordingLedger]:
    """The ledgers the clients build during the test, recording their memory."""
    RecordingLedger.made = []
    monkeypatch.setattr(clips_module, "WindowLedger", RecordingLedger)
    return RecordingLedger.made


def ids_of(clips: list[zc.Clip]) -> list[str]:
    return [str(clip.clip_id) for clip in clips]


@pytest.mark.parametrize("k", [0, 5, 11])
def test_a_clip_returned_by_every_window_is_yielded_once(
    make_client: Callable[..., Facade], k: int, ledgers: list[RecordingLedger]
) -> None:
    """One clip dated in window k, returned by all 12 windows, comes out exactly once."""
    zoom = EveryWindowZoom(k)
    ids = ids_of(make_client(FakeZoom(zoom)).list_all(ACCOUNT, **YEAR))
    assert ids.count("stray") == 1
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED
    assert len(zoom.requests) == 24


def test_the_ledger_holds_one_window_plus_the_anomalies_and_ends_empty(
    kind: str, make_client: Callable[..., Facade], ledgers: list[RecordingLedger]
) -> None:
    """Memory: at most the window being paged (shared with the pager) plus strays; none after.

    The async client pages one window at a time here; its concurrent bound is tested below.
    """
    one_at_a_time = {"max_concurrency": 1} if kind == "async" else {}
    make_client(FakeZoom(EveryWindowZoom(7)), **one_at_a_time).list_all(ACCOUNT, **YEAR)
    [ledger] = ledgers
    assert ledger.remembered() == 0
    # Window w holds its own clips and the edge at its start; the stray and the next window's
    # edge wait under their own windows. The pager keeps no second set.
    assert OWN <= ledger.peak <= OWN + 3
    assert ledger.peak < len(EXPECTED) // 10


def _delays(seed: int) -> Callable[[str, int], float]:
    """Seeded per-request latencies, so windows and their pages finish in a scrambled order."""
    rng = random.Random(seed)  # noqa: S311 -- test data
    table: dict[tuple[str, int], float] = {}

    def delay(frm: str, nth: int) -> float:
        return table.setdefault((frm, nth), rng.choice([0.001, 0.01, 0.05, 0.2, 0.5]))

    return delay


def _async_listing(zoom: EveryWindowZoom, max_concurrency: int) -> list[str]:
    async def main() -> list[str]:
        client = zc.AsyncZoomClips(
            auth=make_auth(),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(zoom.slowly)),
            retry_policy=zc.RetryPolicy(now=lambda: NOW),
            max_concurrency=max_concurrency,
        )
        async with client:
            return [str(c.clip_id) async for c in client.clips.list(ACCOUNT, **YEAR)]

    return run_virtual(main())


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("k", "max_concurrency"), [(0, 16), (11, 16), (5, 3), (6, 2)])
def test_concurrent_windows_yield_the_stray_once_in_any_interleaving(
    seed: int, k: int, max_concurrency: int, ledgers: list[RecordingLedger]
) -> None:
    """Windows paged at once, finishing in seeded random orders: every clip once, ledger empty."""
    zoom = EveryWindowZoom(k, delay=_delays(seed))
    ids = _async_listing(zoom, max_concurrency)
    assert ids.count("stray") == 1
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED
    [ledger] = ledgers
    assert ledger.remembered() == 0
    # At most max_concurrency windows' own clips at once, plus the boundary clips and the stray.
    assert ledger.peak <= max_concurrency * (OWN + 1) + 12


def test_interleavings_differ() -> None:
    """The seeds above really scramble the order in which the windows' pages are answered."""
    orders = set()
    for seed in range(6):
        zoom = EveryWindowZoom(0, delay=_delays(seed))
        _async_listing(zoom, 16)
        orders.add(tuple(zoom.requests))
    assert len(orders) == 6


def test_outside_the_range_is_never_yielded(make_client: Callable[..., Facade]) -> None:
    """Clips dated before from or after to, returned by every window, never come out."""
    ids = ids_of(make_client(FakeZoom(EveryWindowZoom(3))).list_all(ACCOUNT, **YEAR))
    assert "before" not in ids
    assert "after" not in ids


def test_clips_that_cannot_be_placed_keep_todays_rule(make_client: Callable[..., Facade]) -> None:
    """No filter date: once per listing by id (a clip always has one: issue 21)."""
    no_date = clip_json("no-date")
    del no_date["modified_date"]
    zoom = FakeZoom(lambda _: json_response(200, page_json([no_date])))
    clips = make_client(zoom).list_all(ACCOUNT, **YEAR)
    assert ids_of(clips).count("no-date") == 1


def test_a_clip_modified_during_a_listing_can_come_twice_newest_last(
    make_client: Callable[..., Facade],
) -> None:
    """The documented race: a clip whose modified date moves to a later window is yielded again."""

    def handler(request: httpx.Request) -> httpx.Response:
        frm = request.url.params["from"]
        if frm.startswith("2025-01"):
            return json_response(200, page_json([clip_json("moved", title="old")]))
        if frm.startswith("2025-12"):
            moved = clip_json("moved", title="new", modified_date="2025-12-02T00:00:00Z")
            return json_response(200, page_json([moved]))
        return json_response(200, page_json([]))

    facade = make_client(FakeZoom(handler))
    clips = facade.list_all(ACCOUNT, **YEAR)
    assert sorted(c.title or "" for c in clips) == ["new", "old"]
    if facade.kind == "sync":
        assert [c.title for c in clips] == ["old", "new"]


def test_own_window_is_half_open_but_the_last_runs_to_the_end() -> None:
    """A boundary instant belongs to the later window; the range's last microsecond to the last."""
    ledger = WindowLedger(DateRange.of(date(2025, 1, 1), date(2025, 3, 31)))
    us = timedelta(microseconds=1)
    assert ledger.own_window(month_start(1)) == 0
    assert ledger.own_window(month_start(2) - us) == 0
    assert ledger.own_window(month_start(2)) == 1
    assert ledger.own_window(month_start(4) - us) == 2
    assert ledger.own_window(month_start(4)) is None
    assert ledger.own_window(month_start(1) - us) is None


def test_a_foreign_appearance_is_kept_first_and_skipped_after_its_own_window() -> None:
    """First sight wins; the own window then skips it; once it finished, foreign copies skip."""
    span = DateRange.of(date(2025, 1, 1), date(2025, 3, 31))
    jan, feb, mar = span.windows()
    ledger = WindowLedger(span)
    in_feb = zc.Clip(clip_id="f", modified_date=datetime(2025, 2, 10, tzinfo=UTC))
    in_jan = zc.Clip(clip_id="j", modified_date=datetime(2025, 1, 10, tzinfo=UTC))
    assert ledger.keep(in_feb)  # in January's pages: its own window not done, yielded now
    assert ledger.keep(in_jan)
    ledger.window_done(jan)
    assert not ledger.keep(in_feb)  # in February's pages: its own window skips it
    assert not ledger.keep(in_jan)  # in March's pages: its own window finished, skipped
    assert ledger.remembered() == 1
    ledger.window_done(feb)
    ledger.window_done(mar)
    assert ledger.remembered() == 0
