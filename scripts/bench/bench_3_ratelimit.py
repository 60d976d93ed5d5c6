"""Benchmark 3, rate-limit saturation: a fanned-out listing against a mock allowing 30 requests/s.

The mock counts requests per fixed clock second and answers the 31st of a second with a 429, as
Zoom does. The async client lists every account for a year with ``rate_limit="pro"`` (30/s) for
20 s (2 s in quick mode), then stops. Measured: successful API requests per second, and the share
of API requests answered 429. For contrast, the same listing without a limiter runs for a quarter
of the time: it bounces off the limit.

Tuning (see ``zoom_clips/_ratelimit.py``): the limiter is a leaky bucket of capacity one, so
requests leave evenly spaced; with exactly 1/30 s between them a fixed second holds at most 30,
and the 3% margin (29.1 requests/s) absorbs the send-to-count jitter of a loaded machine. A bucket
that allows a burst (aiolimiter's default, capacity = the rate) sends 30 at once and 30 more as it
drains within the same second: 429s in the first second, every time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from dateutil.relativedelta import relativedelta
from zoom_clips import AsyncZoomClips, RetryPolicy, ServerToServerOAuth
from zoom_clips.mock import MockConfig, MockServer, serve

from scripts.bench._report import Measurement, Ratio, Report

LIMIT = 30
LATENCY_MS = 50


def _listing(server: MockServer, seconds: float, **client_kwargs: Any) -> dict[str, float]:
    """List every account until ``seconds`` pass; return API requests by outcome and the time."""
    server.reset()
    auth = ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )
    now = server.clock.now()
    accounts = [a.id for a in server.dataset.accounts]

    async def main() -> float:
        async with AsyncZoomClips(
            auth=auth,
            base_url=server.base_url,
            retry_policy=RetryPolicy(max_retries=10),
            **client_kwargs,
        ) as client:
            start = time.perf_counter()
            pairs = client.clips.list_accounts(
                accounts,
                from_=(now - relativedelta(months=12)).date(),
                to=now.date(),
                page_size=30,
                date_filter_type="CREATED_DATE",
            )
            async with contextlib.aclosing(pairs):  # stops the workers at once on break
                async for _ in pairs:
                    if time.perf_counter() - start >= seconds:
                        break
            return time.perf_counter() - start

    elapsed = asyncio.run(main())
    stats = server.stats()
    by_status = stats["requests_by_status"]
    ok = by_status.get("200", 0) - stats["tokens_issued"]  # the token endpoint answers 200 too
    limited = stats["rate_limited_by_type"].get("QPS", 0)
    return {"ok": ok, "limited": limited, "elapsed": elapsed}


def run(*, quick: bool) -> Report:
    """Saturate a 30/s mock with and without the client's limiter."""
    seconds = 2.0 if quick else 20.0
    config = MockConfig(seed=3, clips=6000 if quick else 40000, qps=LIMIT, latency_ms=LATENCY_MS)
    with serve(config) as server:
        limited = _listing(server, seconds, rate_limit="pro")
        unthrottled = _listing(server, seconds / 4)
    achieved = limited["ok"] / limited["elapsed"]
    share_429 = limited["limited"] / max(1.0, limited["ok"] + limited["limited"])
    raw_share = unthrottled["limited"] / max(1.0, unthrottled["ok"] + unthrottled["limited"])
    return Report(
        title=f"3. rate-limit saturation ({LIMIT}/s, {seconds:.0f} s)",
        measurements=(
            Measurement("limited: API requests", limited["ok"] / limited["elapsed"], "ok/s"),
            Measurement("limited: answered 429", 100 * share_429, "%"),
            Measurement("no limiter: answered 429", 100 * raw_share, "%"),
        ),
        ratios=(
            Ratio("achieved / limit", achieved / LIMIT, ">= 0.95x", achieved / LIMIT >= 0.95),
            Ratio("429 share", share_429, "<= 0.01", share_429 <= 0.01),
        ),
        notes=(
            f"limited: {limited['ok']:.0f} ok + {limited['limited']:.0f} 429 in "
            f"{limited['elapsed']:.2f} s; no limiter: {unthrottled['ok']:.0f} ok + "
            f"{unthrottled['limited']:.0f} 429 in {unthrottled['elapsed']:.2f} s.",
        ),
    )
