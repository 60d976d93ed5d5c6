"""Benchmark 2, latency hiding: a 12-month listing, sync one window after another vs async fan-out.

The mock (real loopback HTTP) adds 50 ms to every API request. Pages of one window are chained,
so no client can list a window faster than its page count x 50 ms: the critical path is the
longest window's. The sequential sync client pays the sum over all windows; the async client's
fan-out should pay about the critical path. The account listed is the mock's busiest sub account,
filtered by ``CREATED_DATE`` (spread evenly over the year), at 30 clips a page, so each window has
several pages.
"""

from __future__ import annotations

import asyncio
import math

from dateutil.relativedelta import relativedelta
from zoom_clips import AsyncZoomClips, ServerToServerOAuth, ZoomClips
from zoom_clips._pagination import format_bound, split_windows
from zoom_clips.mock import MockConfig, MockServer, serve

from scripts.bench._report import Measurement, Ratio, Report, median_of, timed

LATENCY_S = 0.05
PAGE_SIZE = 30
FILTER = "CREATED_DATE"


def _auth(server: MockServer) -> ServerToServerOAuth:
    return ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )


def run(*, quick: bool) -> Report:
    """Time both clients on the same mock and compare with the critical path."""
    samples = 1 if quick else 3
    config = MockConfig(seed=7, clips=3000 if quick else 15000, latency_ms=LATENCY_S * 1000)
    with serve(config) as server:
        now = server.clock.now()
        start, end = (now - relativedelta(months=12)).date(), now.date()
        dataset = server.dataset
        account = max(
            (a.id for a in dataset.sub_accounts),
            key=lambda a: len(dataset.select(a, from_=str(start), to=str(end))),
        )
        windows = split_windows(start, end)
        pages = [
            max(
                1,
                math.ceil(
                    len(
                        dataset.select(
                            account,
                            from_=format_bound(w.start),
                            to=format_bound(w.end),
                            date_filter_type=FILTER,
                        )
                    )
                    / PAGE_SIZE
                ),
            )
            for w in windows
        ]
        critical = max(pages) * LATENCY_S
        counts: dict[str, int] = {}

        def sequential() -> None:
            with ZoomClips(auth=_auth(server), base_url=server.base_url) as client:
                clips = client.clips.list(
                    account, from_=start, to=end, date_filter_type=FILTER, page_size=PAGE_SIZE
                )
                counts["sync"] = sum(1 for _ in clips)

        async def fanned_out() -> None:
            async with AsyncZoomClips(auth=_auth(server), base_url=server.base_url) as client:
                clips = client.clips.list(
                    account, from_=start, to=end, date_filter_type=FILTER, page_size=PAGE_SIZE
                )
                counts["async"] = len([c async for c in clips])

        sync_s = median_of(samples, lambda: timed(sequential))
        async_s = median_of(samples, lambda: timed(lambda: asyncio.run(fanned_out())))
    if counts["sync"] != counts["async"]:
        raise RuntimeError(f"the clients disagree: {counts}")
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
            f"{critical:.2f} s; sequential floor = {sum(pages) * LATENCY_S:.2f} s.",
        ),
    )
