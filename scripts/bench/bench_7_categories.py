"""Benchmark 7, rate-limit categories: a year-long listing's throughput with transfers beside it.

Zoom counts LIGHT (the listing) and MEDIUM (``POST /clips/transfers``) requests against separate
budgets, and so do the mock (``plan="pro"``: LIGHT 30/s, MEDIUM 20/s) and the client's limiter
(``zoom_clips/_ratelimit.py``): transfers running on the same client must not slow the listing.
The async client lists every account for a year with ``rate_limit="pro"``, for a few seconds per
round, alone and then with four tasks sending transfers (``client.clips.transfer``, each task
moving its own clip back and forth between its own two users, on a mock whose transfers complete
at once) as fast as MEDIUM's budget lets them. Measured: listing requests per second, median over
rounds, the kinds of round alternating; the ratio must be >= 0.9x.

For contrast (information, not a target), a round where every request shares one budget, as the
limiter did before it had categories: the transfers then take their share of the listing's.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections import Counter
from typing import Any

import httpx
from dateutil.relativedelta import relativedelta
from zoom_clips import AsyncZoomClips, RetryPolicy, ServerToServerOAuth
from zoom_clips._ratelimit import OperationCategories, RateLimitedAuth
from zoom_clips.mock import MockConfig, MockServer, serve

from scripts.bench._report import Measurement, Ratio, Report

LIGHT_LIMIT = 30
LATENCY_MS = 50
TRANSFER_TASKS = 4
TARGET = 0.9


class _Counts:
    """Listing pages and transfers answered, counted by a response hook of the client's httpx."""

    def __init__(self) -> None:
        self.listing_ok = 0
        self.transfers_at: list[float] = []

    async def __call__(self, response: httpx.Response) -> None:
        path, ok = response.request.url.path, response.status_code
        if ok == 200 and path.endswith("/clips"):
            self.listing_ok += 1
        elif ok == 201 and path.endswith("/clips/transfers"):
            self.transfers_at.append(time.monotonic())


async def _transfers(client: AsyncZoomClips, clip_id: str, first: str, second: str) -> None:
    """Move ``clip_id`` from ``first`` to ``second`` and back until cancelled."""
    source, target = first, second
    while True:
        await client.clips.transfer(
            target_owner_user_id=target, source_owner_user_id=source, clip_ids=[clip_id]
        )
        source, target = target, source


def _movers(server: MockServer) -> list[tuple[str, str, str]]:
    """(clip, its owner, another user of the account) for each transfer task."""
    movers = []
    for account in server.dataset.sub_accounts:
        first, second = account.users[0].id, account.users[1].id
        owned = server.dataset.owned_by(account.id, first)
        if owned:
            movers.append((str(owned[0].wire["clip_id"]), first, second))
    if len(movers) < TRANSFER_TASKS:
        raise RuntimeError(
            f"the mock has {len(movers)} accounts to transfer in, not {TRANSFER_TASKS}"
        )
    return movers[:TRANSFER_TASKS]


def _round(server: MockServer, seconds: float, *, transfers: bool, shared: bool) -> dict[str, Any]:
    """List for ``seconds``; return listing requests/s and the transfers sent per second."""
    server.reset()
    auth = ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )
    now = server.clock.now()
    accounts = [a.id for a in server.dataset.accounts]
    counts = _Counts()

    async def main() -> float:
        async with (
            httpx.AsyncClient(timeout=30.0, event_hooks={"response": [counts]}) as http,
            AsyncZoomClips(
                auth=auth,
                base_url=server.base_url,
                http_client=http,
                retry_policy=RetryPolicy(max_retries=10),
                rate_limit={"LIGHT": LIGHT_LIMIT} if shared else "pro",
            ) as client,
        ):
            if shared:  # every request in LIGHT's bucket: the limiter before categories
                everything_light = OperationCategories({}, default="LIGHT")
                client._request_auth = RateLimitedAuth(
                    auth, client.rate_limiters, api_url=client.base_url, categories=everything_light
                )
            senders = [
                asyncio.create_task(_transfers(client, *mover))
                for mover in (_movers(server) if transfers else [])
            ]
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
            elapsed = time.perf_counter() - start
            for sender in senders:
                sender.cancel()
            outcomes = await asyncio.gather(*senders, return_exceptions=True)
            failed = [o for o in outcomes if not isinstance(o, asyncio.CancelledError)]
            if failed:
                raise RuntimeError(f"a transfer task stopped early: {failed[0]!r}")
            return elapsed

    elapsed = asyncio.run(main())
    per_second = Counter(int(t) for t in counts.transfers_at)
    return {
        "listing": counts.listing_ok / elapsed,
        "transfers": len(counts.transfers_at) / elapsed,
        "busiest_transfer_second": max(per_second.values(), default=0),
        "429": server.stats()["rate_limited_by_type"].get("QPS", 0),
    }


def run(*, quick: bool) -> Report:
    """Listing throughput alone, beside transfers, and beside transfers on one shared budget."""
    rounds, seconds = (1, 1.0) if quick else (5, 4.0)
    config = MockConfig(
        seed=7,
        clips=6000 if quick else 40000,
        plan="pro",
        latency_ms=LATENCY_MS,
        transfer_seconds=0,
    )
    samples: dict[str, list[dict[str, Any]]] = {"alone": [], "beside": [], "shared": []}
    with serve(config) as server:
        for _ in range(rounds):  # alternating, so the machine's noise falls on both alike
            samples["alone"].append(_round(server, seconds, transfers=False, shared=False))
            samples["beside"].append(_round(server, seconds, transfers=True, shared=False))
            samples["shared"].append(_round(server, seconds, transfers=True, shared=True))

    def median(kind: str, key: str) -> float:
        return statistics.median(float(sample[key]) for sample in samples[kind])

    alone, beside, shared = (median(kind, "listing") for kind in ("alone", "beside", "shared"))
    ratio = beside / alone
    busiest = max(int(s["busiest_transfer_second"]) for s in samples["beside"])
    refused = sum(int(s["429"]) for kind in samples.values() for s in kind)
    return Report(
        title=f"7. listing beside transfers (pro, {rounds} x {seconds:g} s)",
        measurements=(
            Measurement("listing alone", alone, "requests/s"),
            Measurement("listing beside transfers", beside, "requests/s"),
            Measurement("transfers meanwhile", median("beside", "transfers"), "requests/s"),
            Measurement("listing, one shared budget (before)", shared, "requests/s"),
        ),
        ratios=(
            Ratio("beside / alone", ratio, f">= {TARGET}x", ratio >= TARGET),
            Ratio("one shared budget / alone", shared / alone, "(info)", True),
        ),
        notes=(
            f"medians of {rounds} rounds each, alternating; {TRANSFER_TASKS} tasks sending "
            f"transfers (MEDIUM, 20/s on pro; busiest second seen: {busiest}) through "
            f"client.clips.transfer; the mock (plan pro: LIGHT {LIGHT_LIMIT}/s, MEDIUM 20/s, "
            f"{LATENCY_MS} ms latency) answered {refused} 429s in all rounds.",
        ),
    )
