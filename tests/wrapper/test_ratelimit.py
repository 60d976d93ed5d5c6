"""The client-side rate limiter: evenly spaced requests, retries counted, tokens not, no waiting.

The limiter is aiolimiter's bucket on the event loop's clock; these tests run on a loop whose clock
jumps instead of waiting (``tests/virtual_time.py``), so they measure spacing exactly and fast.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._ratelimit import SAFETY_MARGIN, RequestRateLimiter, resolve_rate_limit

from ..virtual_time import run_virtual
from .conftest import NOW, TOKEN, clip_json, json_response, make_auth, page_json

YEAR = {"from_": "2025-01-01", "to": "2025-12-31"}


class Recorder:
    """A Zoom that answers instantly and records when (virtual time) each request arrived."""

    def __init__(self, *, fail_first_try: bool = False, refuse_token_once: bool = False) -> None:
        self.api: list[float] = []
        self.token: list[float] = []
        self.fail_first_try = fail_first_try
        self.tried: set[str] = set()
        self.refuse_token_once = refuse_token_once

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        now = asyncio.get_running_loop().time()
        if request.url.path == "/oauth/token":
            self.token.append(now)
            return json_response(200, {"access_token": f"{TOKEN}-{len(self.token)}"})
        self.api.append(now)
        if self.refuse_token_once and len(self.api) == 5:
            return json_response(401, {"code": 124, "message": "Invalid access token."})
        if self.fail_first_try and str(request.url) not in self.tried:
            self.tried.add(str(request.url))
            return json_response(503, {"code": 503, "message": "busy"})
        page = int(request.url.params.get("next_page_token") or 0)
        token = str(page + 1) if page < 2 else ""
        clip = clip_json(f"{request.url}", modified_date=request.url.params["from"])  # in window
        return json_response(200, page_json([clip], token=token))


def client_for(zoom: Recorder, **kwargs: Any) -> zc.AsyncZoomClips:
    async def no_wait(_: float) -> None:
        return None

    return zc.AsyncZoomClips(
        auth=make_auth(),
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(zoom)),
        sleep=no_wait,
        retry_policy=zc.RetryPolicy(now=lambda: NOW),
        **kwargs,
    )


def listing(zoom: Recorder, **kwargs: Any) -> int:
    async def main() -> int:
        client = client_for(zoom, **kwargs)
        return len([clip async for clip in client.clips.list_accounts(["a", "b"], **YEAR)])

    return run_virtual(main())


def assert_paced(times: list[float], rate: float) -> None:
    """After the first two (a bucket a little over one request), one request per interval."""
    limiter = RequestRateLimiter(rate)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert limiter.interval == pytest.approx(1 / (rate * (1 - SAFETY_MARGIN)))
    assert gaps[0] == pytest.approx((2 - limiter.capacity) * limiter.interval, abs=1e-5)
    assert gaps[1:] == pytest.approx([limiter.interval] * len(gaps[1:]), abs=1e-5)
    assert busiest_second(times) <= rate


def busiest_second(times: list[float]) -> int:
    """The most requests counted in one fixed clock second, as Zoom and the mock count."""
    return max(Counter(int(t) for t in times).values())


def test_requests_are_spaced_evenly_at_the_rate() -> None:
    """72 fanned-out requests at rate_limit=10 leave one per 1/(10*0.97) s, never in a burst."""
    zoom = Recorder()
    assert listing(zoom, rate_limit=10, max_concurrency=16) == 2 * 12 * 3
    assert_paced(zoom.api, 10)


def test_without_a_rate_limit_requests_do_not_wait() -> None:
    """rate_limit=None sends everything at once (virtual time moves only by loop ticks)."""
    zoom = Recorder()
    listing(zoom, max_concurrency=16)
    assert zoom.api[-1] - zoom.api[0] < 1e-6


def test_retries_wait_for_the_limiter_too() -> None:
    """Every retried request is counted: all requests, failed or not, keep the spacing."""
    zoom = Recorder(fail_first_try=True)
    assert listing(zoom, rate_limit=20) == 72
    assert len(zoom.api) == 2 * 72  # every page failed once, then was retried
    assert_paced(zoom.api, 20)


def test_token_requests_do_not_wait_but_a_resend_after_401_124_does() -> None:
    """Token fetches skip the limiter (Zoom does not count them); the resend after one does not."""
    zoom = Recorder(refuse_token_once=True)
    listing(zoom, rate_limit=5, max_concurrency=1)
    assert len(zoom.token) == 2
    interval = 1 / (5 * (1 - SAFETY_MARGIN))
    # The new token is fetched right after the refusal; the resend then waits its turn.
    assert zoom.token[1] == pytest.approx(zoom.api[4], abs=1e-5)
    assert zoom.api[5] - zoom.api[4] == pytest.approx(interval, abs=1e-5)


def test_the_limiter_is_shared_by_listings_running_together() -> None:
    """Two listings on one client at the same time share one budget of requests per second."""
    zoom = Recorder()

    async def main() -> None:
        client = client_for(zoom, rate_limit=8)

        async def one(account: str) -> None:
            async for _ in client.clips.list(account, **YEAR):
                pass

        await asyncio.gather(one("a"), one("b"))

    run_virtual(main())
    assert busiest_second(zoom.api) <= 8
    assert len(zoom.api) == 72


def test_a_client_can_run_on_successive_event_loops() -> None:
    """The limiter keeps one bucket per loop, so asyncio.run twice on one client works."""
    zoom = Recorder()
    client = client_for(zoom, rate_limit=1000)

    async def count() -> int:
        return len([c async for c in client.clips.list("a", from_="2025-01-01", to="2025-01-02")])

    assert asyncio.run(count()) == 3
    assert asyncio.run(count()) == 3


@pytest.mark.parametrize(
    ("plan", "limit"),
    [("free", 4.0), ("Pro", 30.0), ("business", 80.0), ("Business+", 80.0), ("enterprise", 80.0)],
)
def test_plan_names_map_to_zoom_light_limits(plan: str, limit: float) -> None:
    """rate_limit may name the account's plan; it maps to Zoom's LIGHT limit for that plan."""
    assert resolve_rate_limit(plan) == limit
    client = zc.AsyncZoomClips(auth=make_auth(), rate_limit=plan)
    assert client.rate_limiter is not None
    assert client.rate_limiter.per_second == limit
    assert zc.LIGHT_RATE_LIMITS["pro"] == 30.0


@pytest.mark.parametrize(
    ("value", "error"),
    [("gold", ValueError), (0, ValueError), (-3, ValueError), (float("nan"), ValueError),
     (float("inf"), ValueError), (True, TypeError), ([30], TypeError)],
)  # fmt: skip
def test_bad_rate_limits_are_refused(value: Any, error: type[Exception]) -> None:
    """Anything but None, a positive finite number or a known plan is a clear error."""
    with pytest.raises(error, match="rate_limit"):
        zc.AsyncZoomClips(auth=make_auth(), rate_limit=value)


@pytest.mark.parametrize("rate", [4.0, 30.0, 80.0])
def test_no_one_second_span_can_exceed_the_rate(rate: float) -> None:
    """Capacity plus one second's drain stays below rate + 1, so no fixed second sees rate + 1."""
    limiter = RequestRateLimiter(rate)
    assert limiter.capacity + 1 / limiter.interval < rate + 1
    assert limiter.capacity > 1  # a late wake-up can catch up


def test_limiter_repr_and_margin_are_checked() -> None:
    """The limiter says its rate in its repr, and refuses a margin outside [0, 1)."""
    assert repr(RequestRateLimiter(30.0)) == "RequestRateLimiter(per_second=30.0)"
    with pytest.raises(ValueError, match="safety_margin"):
        RequestRateLimiter(30.0, safety_margin=1.0)
