"""A client-side limit on API requests per second, so a fan-out stays under Zoom's limit.

Zoom limits this endpoint per account (category LIGHT: Free 4/s, Pro 30/s, Business and up 80/s)
and counts requests per clock second. A client that fans out must space its requests or bounce
off 429s. ``RequestRateLimiter`` does it with aiolimiter's leaky bucket (a maintained library,
rather than a hand-written bucket), drained at ``rate * (1 - SAFETY_MARGIN)`` requests/s, with a
capacity of barely more than one request: requests leave evenly spaced, never in a burst.

Why those numbers: a leaky bucket of capacity ``C`` drained at ``r``/s lets at most ``C + r``
requests through in any one-second span, so Zoom's fixed seconds (however they align with the
client's clock) see at most ``floor(C + r)``. aiolimiter's default capacity (``C = r``) would
send twice the limit in the first second. With ``C = 1`` the count stays under the limit, but a
waiter the event loop wakes a little late loses that time for good (``bench_3_ratelimit`` measured
27.9 of 30/s). So half the margin goes to capacity (``C = 1 + rate * margin / 2``: a late request
may catch up by part of an interval) and half absorbs the jitter between the client sending and
the server counting: ``C + r = rate + 1 - rate * margin / 2``, below ``rate + 1`` for any rate.
- Every request to the API counts, retries included, and so does the second send of a request
  whose token was refused (401/124), because the limiter wraps the auth flow: it waits before each
  API request the flow sends. Token requests go to Zoom's OAuth endpoint, which this limit does
  not cover, so they do not wait.

aiolimiter binds a bucket to an event loop, so the limiter keeps one bucket per running loop;
within a loop, every concurrent request of the client shares it. The bucket reads the loop's own
clock (``loop.time()``), so tests drive it with a loop whose time they control.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections.abc import AsyncGenerator, Generator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from aiolimiter import AsyncLimiter

__all__ = [
    "LIGHT_RATE_LIMITS",
    "SAFETY_MARGIN",
    "RateLimitedAuth",
    "RequestRateLimiter",
    "resolve_rate_limit",
]

#: Zoom's LIGHT-category limits (this endpoint's category), requests per second, by plan.
LIGHT_RATE_LIMITS: Mapping[str, float] = MappingProxyType(
    {"free": 4.0, "pro": 30.0, "business": 80.0, "business_plus": 80.0, "enterprise": 80.0}
)

#: The share of the limit left unused to absorb send-to-count jitter (see the module docstring).
SAFETY_MARGIN = 0.03


def resolve_rate_limit(value: object) -> float | None:
    """Requests/s from ``rate_limit=``: ``None`` (off), a positive number, or a plan name.

    >>> resolve_rate_limit("Pro")
    30.0
    """
    if value is None:
        return None
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_").replace("-", "_").replace("+", "_plus")
        if key in LIGHT_RATE_LIMITS:
            return LIGHT_RATE_LIMITS[key]
        plans = ", ".join(LIGHT_RATE_LIMITS)
        raise ValueError(f"rate_limit={value!r} is not a Zoom plan ({plans}) or a number")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            f"rate_limit must be None, a number or a plan name, not {type(value).__name__}"
        )
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"rate_limit must be a positive number of requests/s, not {value!r}")
    return float(value)


class RequestRateLimiter:
    """At most ``per_second`` requests in any second, spaced evenly, shared by all tasks."""

    def __init__(self, per_second: float, *, safety_margin: float = SAFETY_MARGIN) -> None:
        if not 0 <= safety_margin < 1:
            raise ValueError(f"safety_margin must be in [0, 1), not {safety_margin!r}")
        self.per_second = per_second
        #: Seconds between two requests leaving this client, in the long run.
        self.interval = 1.0 / (per_second * (1.0 - safety_margin))
        #: The bucket's size in requests: a little over one, to catch up on a late wake-up.
        self.capacity = 1.0 + per_second * safety_margin / 2
        self._buckets: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncLimiter] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        return f"RequestRateLimiter(per_second={self.per_second!r})"

    async def acquire(self) -> None:
        """Wait until one more request may leave without exceeding the rate."""
        loop = asyncio.get_running_loop()
        bucket = self._buckets.get(loop)
        if bucket is None:
            # Drained at one request per ``interval``; never more than ``capacity`` at once.
            # Imported on first use: a client without a rate limit never needs aiolimiter.
            from aiolimiter import AsyncLimiter  # noqa: PLC0415

            bucket = AsyncLimiter(self.capacity, self.capacity * self.interval)
            self._buckets[loop] = bucket
        await bucket.acquire()


class RateLimitedAuth(httpx.Auth):
    """An auth flow that waits for the limiter before each request it sends to the API.

    It drives the wrapped flow (token fetches, the 401/124 retry) unchanged; requests whose URL
    starts with ``api_url`` wait for ``limiter``, others (the token endpoint) do not.
    """

    def __init__(self, inner: httpx.Auth, limiter: RequestRateLimiter, *, api_url: str) -> None:
        self.inner = inner
        self.limiter = limiter
        self._api_prefix = api_url.rstrip("/") + "/"

    def __repr__(self) -> str:
        return f"RateLimitedAuth({self.inner!r}, {self.limiter!r})"

    def _counts(self, request: httpx.Request) -> bool:
        return str(request.url).startswith(self._api_prefix)

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("the rate limiter is for the async client only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.inner.async_auth_flow(request)
        try:
            outgoing = await flow.__anext__()
            while True:
                if self._counts(outgoing):
                    await self.limiter.acquire()
                response = yield outgoing
                try:
                    outgoing = await flow.asend(response)
                except StopAsyncIteration:
                    return
        finally:
            await flow.aclose()
