"""Benchmark 7, rate-limit categories: a year-long listing's throughput with transfers beside it.

Zoom counts LIGHT (the listing) and MEDIUM (``POST /clips/transfers``) requests against separate
budgets, and so does the client's limiter (``zoom_clips/_ratelimit.py``): transfers running on
the same client must not slow the listing. The async client lists every account for a year with
``rate_limit="pro"`` (LIGHT 30/s, MEDIUM 20/s) against a mock allowing 30 listing requests/s,
for a few seconds per round, alone and then with four tasks sending transfers as fast as MEDIUM's
budget lets them, through the same client (its auth and its limiter). Measured: listing requests
per second, median over rounds, the two kinds of round alternating; the ratio must be >= 0.9x.

For contrast (information, not a target), a round where every request shares one budget, as the
limiter did before it had categories: the transfers then take their share of the listing's.

The transfers are raw ``POST {base_url}/clips/transfers`` requests sent with the client's own
auth (so each waits for its category's limiter), answered with ``201 {"task_id"}`` after the
mock's latency by ``_TransfersBeside``, a transport in front of the real one, until the mock
serves the route and ``client.clips.transfer`` exists; everything else goes over HTTP to the mock.
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


class _TransfersBeside(httpx.AsyncBaseTransport):
    """Answers ``POST .../clips/transfers`` itself (after the latency); sends the rest on."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.listing_ok = 0
        self.transfers_at: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/clips/transfers"):
            await asyncio.sleep(LATENCY_MS / 1000)
            self.transfers_at.append(time.monotonic())
            return httpx.Response(201, json={"task_id": f"task-{len(self.transfers_at)}"})
        response = await self.inner.handle_async_request(request)
        if response.status_code == 200 and request.url.path.endswith("/clips"):
            self.listing_ok += 1
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


async def _transfers(client: AsyncZoomClips, source: str, target: str) -> None:
    """Send partial transfers until cancelled, each through the client's auth and limiter."""
    body = {
        "transfer_type": "PARTIAL_TRANSFER",
        "source_owner_user_id": source,
        "target_owner_user_id": target,
        "clip_ids": ["clip-1"],
    }
    while True:
        await client._http.post(  # a stand-in for client.clips.transfer
            f"{client.base_url}/clips/transfers", json=body, auth=client._request_auth
        )


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
    users = server.dataset.sub_accounts[0].users
    transport = _TransfersBeside(httpx.AsyncHTTPTransport())

    async def main() -> float:
        async with (
            httpx.AsyncClient(transport=transport, timeout=30.0) as http,
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
                asyncio.create_task(_transfers(client, users[0].id, users[1].id))
                for _ in range(TRANSFER_TASKS if transfers else 0)
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
            await asyncio.gather(*senders, return_exceptions=True)
            return elapsed

    elapsed = asyncio.run(main())
    per_second = Counter(int(t) for t in transport.transfers_at)
    return {
        "listing": transport.listing_ok / elapsed,
        "transfers": len(transport.transfers_at) / elapsed,
        "busiest_transfer_second": max(per_second.values(), default=0),
        "429": server.stats()["rate_limited_by_type"].get("QPS", 0),
    }


def run(*, quick: bool) -> Report:
    """Listing throughput alone, beside transfers, and beside transfers on one shared budget."""
    rounds, seconds = (1, 1.0) if quick else (5, 4.0)
    config = MockConfig(
        seed=7, clips=6000 if quick else 40000, qps=LIGHT_LIMIT, latency_ms=LATENCY_MS
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
            f"transfers (MEDIUM, 20/s on pro; busiest second seen: {busiest}); the mock allows "
            f"{LIGHT_LIMIT} listing requests/s with {LATENCY_MS} ms latency and answered "
            f"{refused} 429s in all rounds.",
        ),
    )
