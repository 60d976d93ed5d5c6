"""Chaos: a year of clips across every account, through faults, 429s and revocations.

Each run lists the whole data set of a seeded mock with ``list_accounts`` (accounts x 13 windows,
fanned out) while the mock injects faults on 20% of requests (500, 502 HTML, 503, 504, dropped
connections, truncated bodies), per-second 429s with and without ``Retry-After`` and latency. A run
must end in one of two ways: exactly the data set (set equality on ``clip_id`` with
``dataset.select``, no duplicates), or a typed ``ZoomClipsError``, with every clip yielded before it
correct. Never a short result without an error.

Time never passes for real: the mock's clock is frozen, its latency advances that clock, and the
client's injected sleep advances it too (so a ``Retry-After: 1`` really lets the next second's
budget in). Most runs are in-process (``httpx.ASGITransport``); a few go over real loopback HTTP,
where a dropped connection is a real ``RemoteProtocolError``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest
import zoom_clips as zc
from zoom_clips.mock import MockClock, MockConfig, MockServer, create_app, serve

NOW = dt.datetime(2025, 6, 15, 12, 0, tzinfo=dt.UTC)
FROM = (NOW - dt.timedelta(days=366)).date().isoformat()  # a full year: 13 windows
TO = NOW.date().isoformat()
ORIGIN = "http://127.0.0.1"  # in-process: loopback, so the client accepts plain http
SEEDS = range(100)
CHAOS = {"fault_rate": 0.2, "qps": 10, "latency_ms": 40, "latency_jitter_ms": 40}


@attrs.define
class Outcome:
    """What one listing produced: the pairs yielded, and the error that ended it, if any."""

    pairs: list[tuple[str, str]]
    error: zc.ZoomClipsError | None
    truth: set[tuple[str, str]]
    stats: dict[str, Any]

    def check(self) -> None:
        """Exactly the data set, or a typed error after only correct clips; never duplicates."""
        assert len(self.pairs) == len(set(self.pairs)), "a clip was yielded twice"
        assert set(self.pairs) <= self.truth, "a clip that is not in the data set"
        if self.error is None:
            assert set(self.pairs) == self.truth, "the listing ended short without an error"


class InProcessTransport(httpx.ASGITransport):
    """``ASGITransport``, with a response the app left unfinished (the mock's "drop" fault)
    surfacing as the ``RemoteProtocolError`` a real connection gives, not httpx's assertion."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except AssertionError as exc:  # httpx asserts the ASGI app completed its response
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body", request=request
            ) from exc


def truth(dataset: Any, accounts: list[str]) -> set[tuple[str, str]]:
    return {
        (account, clip["clip_id"])
        for account in accounts
        for clip in dataset.select(account, from_=FROM, to=TO)
    }


def make_client(
    origin: str, clock: MockClock, http: httpx.AsyncClient, **kwargs: Any
) -> zc.AsyncZoomClips:
    async def sleep(seconds: float) -> None:
        clock.advance(seconds)  # the retry waits on the mock's clock, never for real

    auth = zc.ServerToServerOAuth(
        account_id="mock-master-account",
        client_id="mock-client-id",
        client_secret="mock-client-secret",
        token_url=f"{origin}/oauth/token",
    )
    policy = zc.RetryPolicy(
        max_retries=kwargs.pop("max_retries", 6), rand=lambda: 0.5, now=clock.now
    )
    return zc.AsyncZoomClips(
        auth=auth,
        base_url=f"{origin}/v2",
        http_client=http,
        sleep=sleep,
        retry_policy=policy,
        **kwargs,
    )


Hook = Callable[[int], None]


async def list_everything(
    client: zc.AsyncZoomClips, accounts: list[str], after_each: Hook | None
) -> tuple[list[tuple[str, str]], zc.ZoomClipsError | None]:
    pairs: list[tuple[str, str]] = []
    try:
        async for account, clip in client.clips.list_accounts(
            accounts, from_=FROM, to=TO, page_size=30
        ):
            pairs.append((account, str(clip.clip_id)))
            if after_each is not None:
                after_each(len(pairs))
    except zc.ZoomClipsError as exc:
        return pairs, exc
    finally:
        await client._http.aclose()  # the test brought this httpx client, so the test closes it
    return pairs, None


def run_in_process(
    config: MockConfig, *, hook: Callable[[Any], Hook] | None = None, **client_kwargs: Any
) -> Outcome:
    """List every account of a mock served in-process; ``hook(state)`` may meddle mid-listing."""
    app = create_app(config)
    state = app.state.mock
    accounts = [a.id for a in state.dataset.accounts]
    http = httpx.AsyncClient(transport=InProcessTransport(app=app))
    client = make_client(ORIGIN, state.clock, http, **client_kwargs)
    after_each = hook(state) if hook is not None else None
    pairs, error = asyncio.run(list_everything(client, accounts, after_each))
    return Outcome(pairs, error, truth(state.dataset, accounts), state.stats())


def chaos_config(seed: int, **overrides: Any) -> MockConfig:
    options: dict[str, Any] = {"seed": seed, "clips": 400, **CHAOS, **overrides}
    return MockConfig(clock=MockClock(NOW), **options)


def test_a_year_of_every_account_comes_back_exactly_through_chaos() -> None:
    """For 100 seeds with 20% faults and QPS 429s, the listing is exact or a typed error."""
    outcomes = [run_in_process(chaos_config(seed)) for seed in SEEDS]
    for outcome in outcomes:
        outcome.check()
    faults: Counter[str] = Counter()
    for outcome in outcomes:
        faults.update(outcome.stats["faults"])
    assert set(faults) == {"500", "502", "503", "504", "drop", "truncate"}
    assert sum(o.stats["rate_limited_by_type"].get("QPS", 0) for o in outcomes) > 0
    exact = sum(o.error is None for o in outcomes)
    assert exact >= 95, f"only {exact} of 100 chaotic listings finished: retries are not working"


def test_faults_outlasting_the_retry_budget_raise_a_typed_error() -> None:
    """With one retry, some seeds run out: each of those raises, none returns a short result."""
    outcomes = [run_in_process(chaos_config(seed), max_retries=1) for seed in range(15)]
    for outcome in outcomes:
        outcome.check()
    failed = [o for o in outcomes if o.error is not None]
    assert failed, "no seed outlasted one retry: this test exercises nothing"
    kinds = (zc.APIStatusError, zc.APIResponseValidationError, zc.APIConnectionError)
    assert all(isinstance(o.error, kinds) for o in failed)


def test_page_tokens_expiring_mid_listing_restart_their_windows() -> None:
    """All page tokens expire halfway (16 minutes pass): windows restart, nothing is lost."""

    def expire_page_tokens(state: Any) -> Hook:
        def after(count: int) -> None:
            if count == 1500:
                state.clock.advance(16 * 60)

        return after

    for seed in range(3):
        # 3,000 clips: about 70 per sub-account window, so windows have three pages of 30.
        config = chaos_config(seed, clips=3000)
        outcome = run_in_process(config, hook=expire_page_tokens)
        assert outcome.error is None
        outcome.check()
        assert outcome.stats["requests_by_status"].get("400", 0) > 0  # tokens did expire


def test_access_token_revoked_mid_listing_is_refreshed() -> None:
    """Another app fetching a token revokes ours mid-listing: 401/124, one refresh, carry on."""

    def revoke(state: Any) -> Hook:
        def after(count: int) -> None:
            if count == 100:
                state.issue_token("mock-master-account", None)  # invalidates ours

        return after

    for seed in range(5):
        config = chaos_config(seed, invalidate_previous_tokens=True)
        outcome = run_in_process(config, hook=revoke)
        assert outcome.error is None
        outcome.check()
        assert outcome.stats["requests_by_status"].get("401", 0) > 0
        assert outcome.stats["tokens_issued"] == 3  # ours, the other app's, our refresh


def test_daily_limit_mid_listing_raises_rate_limit_error_after_correct_clips() -> None:
    """A daily limit hit halfway raises RateLimitError; the clips yielded before it are right."""
    for seed in range(5):
        outcome = run_in_process(chaos_config(seed, daily_limit=40))
        outcome.check()
        assert isinstance(outcome.error, zc.RateLimitError)
        assert outcome.error.limit_type == "Daily-limit"
        assert outcome.error.retry_after == dt.datetime(2025, 6, 16, tzinfo=dt.UTC)
        assert outcome.pairs


@pytest.fixture
def served() -> Iterator[Callable[[MockConfig], MockServer]]:
    with_servers: list[Any] = []

    def start(config: MockConfig) -> MockServer:
        context = serve(config)
        with_servers.append(context)
        return context.__enter__()

    yield start
    for context in with_servers:
        context.__exit__(None, None, None)


def test_over_real_http_dropped_connections_are_retried(
    served: Callable[[MockConfig], MockServer],
) -> None:
    """Over loopback HTTP, real dropped connections and cut bodies still give the exact set.

    Over real sockets the order in which concurrent requests reach the mock (and so which of
    them draw a fault) depends on the scheduler, so the outcome must not hinge on one request's
    luck: no QPS limit (a frozen clock lets one second's budget starve a request, which the
    in-process runs cover), and enough retries that exhausting them at 20% faults has odds of
    0.2**13 per request.
    """
    drops = 0
    for seed in range(4):
        config = chaos_config(seed, clips=150, latency_ms=0, latency_jitter_ms=0, qps=None)
        server = served(config)
        accounts = [a.id for a in server.dataset.accounts]
        client = make_client(server.origin, server.clock, httpx.AsyncClient(), max_retries=12)
        pairs, error = asyncio.run(list_everything(client, accounts, None))
        outcome = Outcome(pairs, error, truth(server.dataset, accounts), server.stats())
        assert outcome.error is None
        outcome.check()
        drops += outcome.stats["faults"].get("drop", 0)
    assert drops > 0
