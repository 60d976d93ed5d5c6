"""Benchmark 2, latency hiding: a 12-month listing, sync one window after another vs async fan-out.

The mock adds 50 ms to every API request and runs in its own process, as Zoom runs on its own
machines: in this process its request handling would compete with the client's for one GIL and
blur what is measured. Pages of one window are chained, so no client can list a window faster
than its page count x 50 ms: the critical path is the longest window's, counted from the requests
the sync client actually made. The sequential sync client pays the sum over all windows; the async
client's fan-out should pay about the critical path. The account listed is the mock's busiest sub
account, filtered by ``CREATED_DATE`` (spread evenly over the year), at 30 clips a page, so each
window has several pages.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
from dateutil.relativedelta import relativedelta
from zoom_clips import AsyncZoomClips, ServerToServerOAuth, ZoomClips
from zoom_clips._pagination import split_windows
from zoom_clips.mock import (
    DEMO_ACCOUNT_ID,
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    MockConfig,
    create_app,
)

from scripts.bench._mock_process import mock_process
from scripts.bench._report import Measurement, Ratio, Report, median_of, timed

LATENCY_S = 0.05
PAGE_SIZE = 30
FILTER = "CREATED_DATE"
SEED = 7


@contextlib.contextmanager
def _mock_process(clips: int) -> Iterator[str]:
    """``python -m zoom_clips.mock`` in a child process; yields its origin, stops it after."""
    args = ("--seed", str(SEED), "--clips", str(clips), "--latency-ms", str(LATENCY_S * 1000))
    with mock_process(args) as (origin, _pid):
        yield origin


def _auth(origin: str) -> ServerToServerOAuth:
    return ServerToServerOAuth(
        account_id=DEMO_ACCOUNT_ID,
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        token_url=f"{origin}/oauth/token",
    )


def run(*, quick: bool) -> Report:
    """Time both clients on the same mock and compare with the critical path."""
    samples = 1 if quick else 3
    clips = 3000 if quick else 15000
    # The data set depends only on the seed and "now": pick the busiest account from a local copy.
    dataset = create_app(MockConfig(seed=SEED, clips=clips)).state.mock.dataset
    end = datetime.now(UTC).date()
    start = end - relativedelta(months=12)
    account = max(
        (a.id for a in dataset.sub_accounts),
        key=lambda a: len(dataset.select(a, from_=str(start), to=str(end))),
    )
    windows = split_windows(start, end)
    counts: dict[str, int] = {}
    pages_by_window: Counter[str] = Counter()

    def count_page(response: httpx.Response) -> None:
        pages_by_window[response.request.url.params.get("from", "")] += 1

    with _mock_process(clips) as origin:
        base_url = f"{origin}/v2"

        def sequential() -> None:
            pages_by_window.clear()
            http = httpx.Client(timeout=30, event_hooks={"response": [count_page]})
            with http, ZoomClips(auth=_auth(origin), base_url=base_url, http_client=http) as client:
                listing = client.clips.list(
                    account, from_=start, to=end, date_filter_type=FILTER, page_size=PAGE_SIZE
                )
                counts["sync"] = sum(1 for _ in listing)

        async def fanned_out() -> None:
            async with AsyncZoomClips(auth=_auth(origin), base_url=base_url) as client:
                listing = client.clips.list(
                    account, from_=start, to=end, date_filter_type=FILTER, page_size=PAGE_SIZE
                )
                counts["async"] = len([c async for c in listing])

        sync_s = median_of(samples, lambda: timed(sequential))
        async_s = median_of(samples, lambda: timed(lambda: asyncio.run(fanned_out())))
    if counts["sync"] != counts["async"]:
        raise RuntimeError(f"the clients disagree: {counts}")
    pages = [pages_by_window[key] for key in sorted(pages_by_window)]
    critical = max(pages) * LATENCY_S
    to_critical = async_s / critical
    speedup = sync_s / async_s
    return Report(
        title="2. latency hiding (12 months, 50 ms/request)",
        measurements=(
            Measurement("critical path", critical, "s"),
            Measurement("sync sequential", sync_s, "s"),
            Measurement("async fan-out", async_s, "s"),
        ),
        ratios=(
            Ratio("async / critical path", to_critical, "<= 1.25x", to_critical <= 1.25),
            Ratio("sync / async", speedup, ">= 8x", speedup >= 8),
        ),
        notes=(
            f"{len(windows)} windows of {min(pages)}-{max(pages)} pages ({sum(pages)} in all, "
            f"{counts['async']} clips); critical path = {max(pages)} pages x 50 ms = "
            f"{critical:.2f} s; sequential floor = {sum(pages) * LATENCY_S:.2f} s; the mock runs "
            "in its own process.",
        ),
    )
