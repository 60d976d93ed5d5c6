"""Hostile servers against the one request path every operation takes (``_send``/``_exchange``).

Each case: a typed error, the number of requests sent as the settings bound it, and no real
waiting (the sleep is recorded, the trickles run on a fake clock).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._redirects import MAX_HOPS

from ..wrapper.clips_api_support import call
from .conftest import (
    ACCOUNT,
    NOW,
    Facade,
    FakeClock,
    FakeZoom,
    TrickleStream,
    gzip_bomb,
    json_response,
    loopback,
    page_json,
    peak_rss_mb,
)

QPS_BODY = {"code": 429, "message": "You have reached the maximum per-second rate limit."}


def policy(clock: FakeClock | None = None, **kwargs: Any) -> zc.RetryPolicy:
    """A deterministic policy: fixed jitter and wall clock, the fake monotonic clock."""
    extra: dict[str, Any] = {"clock": clock} if clock is not None else {}
    return zc.RetryPolicy(rand=lambda: 0.5, now=lambda: NOW, **extra, **kwargs)


def invoke(client: Facade, use: Callable[[Any], Any]) -> Any:
    """``use(client)`` on either client, awaited when it is a coroutine."""
    result = use(client.client)
    if inspect.isawaitable(result):

        async def wait() -> Any:
            return await result

        return asyncio.run(wait())
    return result


@pytest.mark.parametrize("retries", [0, 2, 5])
def test_an_answer_that_trickles_a_byte_a_second_stalls_out_after_each_allowed_attempt(
    make_client: Callable[..., Facade], retries: int
) -> None:
    """httpx's timeout is per read: a byte a second never trips it. The stall floor does, on
    every attempt, and the error names it; 1 + max_retries requests in all."""
    clock = FakeClock()
    streams: list[TrickleStream] = []

    def trickle(request: httpx.Request) -> httpx.Response:
        streams.append(TrickleStream(clock, piece=b" ", pieces=10**9, every=1.0))
        return httpx.Response(200, stream=streams[-1])

    zoom = FakeZoom(trickle)
    client = make_client(zoom, retry_policy=policy(clock, max_retries=retries))
    with pytest.raises(zc.APITimeoutError, match=r"stalled: \d+ bytes in 30 s.*stall_bytes"):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 1 + retries
    assert all(stream.sent <= 31 for stream in streams)  # cut at the 30 s window, not read on


def test_an_answer_fast_enough_for_the_floor_but_endless_meets_the_deadline(
    make_client: Callable[..., Facade],
) -> None:
    """2 KiB a second clears the stall floor forever; the deadline ends each attempt at 300 s."""
    clock = FakeClock()
    zoom = FakeZoom(
        lambda request: httpx.Response(
            200, stream=TrickleStream(clock, piece=b" " * 2048, pieces=10**9, every=1.0)
        )
    )
    client = make_client(zoom, retry_policy=policy(clock, max_retries=1))
    with pytest.raises(zc.APITimeoutError, match=r"deadline of 300 s"):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 2
    assert 600 <= clock.now <= 604  # two attempts of 300 s (and a chunk), no real time


def test_a_slow_but_steady_answer_within_the_bounds_is_read_whole(
    make_client: Callable[..., Facade],
) -> None:
    """The bounds cut hostile bodies only: a page arriving 2 KiB a second for 100 s is read."""
    clock = FakeClock()
    body = httpx.Response(200, json=page_json([])).content.ljust(200 * 1024, b" ")
    pieces = [body[i : i + 2048] for i in range(0, len(body), 2048)]

    class Steady(TrickleStream):
        def __iter__(self) -> Any:
            for piece in pieces:
                self.clock.now += 1.0
                yield piece

    zoom = FakeZoom(
        lambda request: httpx.Response(200, stream=Steady(clock, piece=b"", pieces=0, every=0))
    )
    client = make_client(zoom, retry_policy=policy(clock))
    assert client.list_page(ACCOUNT).data == ()
    assert len(zoom.api_requests) == 1


def test_a_gzip_bomb_on_a_json_answer_is_refused_not_buffered(
    make_client: Callable[..., Facade],
) -> None:
    """64 MiB inflated from 64 KB on the wire, over a 1 MiB cap: a typed error at the cap, once
    (a body the server means is not worth asking for again)."""
    bomb = gzip_bomb(64)
    zoom = FakeZoom(
        lambda request: httpx.Response(
            200,
            stream=httpx.ByteStream(bomb),  # content= would be inflated by httpx right here
            headers={"content-encoding": "gzip", "content-type": "application/json"},
        )
    )
    client = make_client(zoom, retry_policy=policy(max_json_bytes=1 << 20))
    with pytest.raises(
        zc.APIResponseValidationError, match=r"over 1048576 bytes once decoded from gzip"
    ):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 1


def test_an_announced_length_over_the_cap_is_refused_before_reading(
    make_client: Callable[..., Facade],
) -> None:
    """A Content-Length already past ``max_json_bytes`` is refused without reading a byte."""

    class Untouchable(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Any:
            raise AssertionError("read")

        async def __aiter__(self) -> Any:
            raise AssertionError("read")
            yield b""  # pragma: no cover -- makes this an async generator

    zoom = FakeZoom(
        lambda request: httpx.Response(
            200, stream=Untouchable(), headers={"content-length": str(10**12)}
        )
    )
    client = make_client(zoom, retry_policy=policy(max_json_bytes=1 << 20))
    with pytest.raises(zc.APIResponseValidationError, match="over 1048576 bytes"):
        client.list_page(ACCOUNT)


def test_a_body_a_transport_handed_over_read_is_still_held_to_the_cap(
    make_client: Callable[..., Facade],
) -> None:
    """A transport that read the body already (``content=``: nothing left to pace) skips the
    streamed read, and is still refused past ``max_json_bytes``; under it, the page parses."""
    page = json.dumps(page_json([])).encode()
    big = page + b" " * (1 << 20)  # valid JSON, past the cap only by its trailing spaces
    answers = iter([big, page])
    zoom = FakeZoom(lambda request: httpx.Response(200, content=next(answers)))
    client = make_client(zoom, retry_policy=policy(max_json_bytes=1 << 20))
    with pytest.raises(zc.APIResponseValidationError, match="over 1048576 bytes"):
        client.list_page(ACCOUNT)
    assert client.list_page(ACCOUNT).data == ()
    assert len(zoom.api_requests) == 2


BOMB_CHILD = """
import asyncio, httpx, zoom_clips as zc
from tests.hostile.conftest import gzip_bomb
bomb = gzip_bomb(1024)
requests = []
def handler(request):
    requests.append(request)
    return httpx.Response(
        200, stream=httpx.ByteStream(bomb), headers={"content-encoding": "gzip"}
    )
auth = zc.BearerToken("t")
transport = httpx.MockTransport(handler)
error = None
if KIND == "sync":
    with zc.ZoomClips(auth=auth, http_client=httpx.Client(transport=transport)) as client:
        try:
            client.clips.list_page("acct")
        except zc.ZoomClipsError as exc:
            error = type(exc).__name__
else:
    async def main():
        http = httpx.AsyncClient(transport=transport)
        async with zc.AsyncZoomClips(auth=auth, http_client=http) as client:
            try:
                await client.clips.list_page("acct")
            except zc.ZoomClipsError as exc:
                return type(exc).__name__
    error = asyncio.run(main())
result = {"error": error, "requests": len(requests), "wire": len(bomb)}
"""


def test_a_gzip_bomb_of_a_gibibyte_leaves_the_listing_at_its_cap_in_memory(kind: str) -> None:
    """1 MB on the wire inflating to 1 GiB: the listing raises at the 16 MiB default cap, and
    the process's peak RSS stays far below the bomb (it went past 2 GB before)."""
    peak, result = peak_rss_mb(f"KIND = {kind!r}\n" + BOMB_CHILD)
    assert result == {"error": "BodyTooLargeError", "requests": 1, "wire": result["wire"]}
    assert result["wire"] < 1_100_000  # type: ignore[operator]
    assert peak < 150, f"peak RSS {peak:.0f} MB"


@pytest.mark.parametrize(
    "retry_after",
    ["1e12", "inf", "nan", "garbage", "9999-12-31T23:59:59Z", "Fri, 31 Dec 9999 23:59:59 GMT"],
)
def test_a_hostile_retry_after_on_a_per_second_429_is_capped(
    make_client: Callable[..., Facade], retry_after: str
) -> None:
    """A per-second 429 whose Retry-After says forever, nothing or nonsense waits at most
    ``max_wait`` (60 s) per retry, and ends with the RateLimitError after 1 + max_retries."""
    zoom = FakeZoom(lambda request: json_response(429, QPS_BODY, **{"retry-after": retry_after}))
    client = make_client(zoom, retry_policy=policy(max_retries=3))
    with pytest.raises(zc.RateLimitError):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 4
    assert len(client.sleeps) == 3
    assert all(0 < wait <= 60 for wait in client.sleeps)


@pytest.mark.parametrize("retry_after", ["-5", "2025-06-15T11:59:00Z"])
def test_a_retry_after_in_the_past_or_negative_means_the_policys_backoff(
    make_client: Callable[..., Facade], retry_after: str
) -> None:
    """No wait at all asked for is not a reason to hammer: the policy's wait is used."""
    zoom = FakeZoom(lambda request: json_response(429, QPS_BODY, **{"retry-after": retry_after}))
    client = make_client(zoom, retry_policy=policy(max_retries=2))
    with pytest.raises(zc.RateLimitError):
        client.list_page(ACCOUNT)
    assert client.sleeps == [1.25, 1.25]


def test_a_daily_limit_says_when_it_resets_instead_of_sleeping_on_it(
    make_client: Callable[..., Facade],
) -> None:
    """Zoom's daily 429 is final at once: no sleep, one request, the reset time in the error."""
    zoom = FakeZoom(
        lambda request: json_response(
            429,
            {"code": 429, "message": "You have reached the maximum daily rate limit."},
            **{"x-ratelimit-type": "Daily-limit", "retry-after": "2025-06-16T00:00:00Z"},
        )
    )
    client = make_client(zoom, retry_policy=policy(max_retries=5))
    with pytest.raises(zc.RateLimitError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.retry_after is not None
    assert caught.value.retry_after.isoformat() == "2025-06-16T00:00:00+00:00"
    assert len(zoom.api_requests) == 1
    assert client.sleeps == []


@pytest.mark.parametrize("retries", [0, 1, 4])
def test_an_endpoint_that_always_fails_gets_exactly_one_plus_max_retries_requests(
    make_client: Callable[..., Facade], retries: int
) -> None:
    """The bound is the setting: ``client.request`` against an endless 503 and a cut body."""
    answers = iter([httpx.Response(503), httpx.Response(200, content=b'{"da')] * 10)
    zoom = FakeZoom(lambda request: next(answers))
    client = make_client(zoom, retry_policy=policy(max_retries=retries))
    with pytest.raises(zc.ZoomClipsError):
        invoke(client, lambda c: c.operations.endpoints.get_clip_by_id("c1"))
    assert len(zoom.api_requests) == 1 + retries


def _loopback_client(
    kind: str, origin: str, sleeps: list[float]
) -> zc.ZoomClips | zc.AsyncZoomClips:
    options: dict[str, Any] = {
        "auth": zc.BearerToken("loopback-token"),
        "base_url": f"{origin}/v2",
        "retry_policy": policy(max_retries=2),
    }
    if kind == "sync":
        return zc.ZoomClips(sleep=sleeps.append, **options)

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    return zc.AsyncZoomClips(sleep=record, **options)


def test_a_redirect_loop_over_real_http_ends_at_the_hop_limit(kind: str, tmp_path: Path) -> None:
    """An upload's 307 back to itself, on a real loopback server: RedirectError after
    MAX_HOPS redirects, never retried (the loop is the server's answer, not a fault)."""
    (tmp_path / "f.mp4").write_bytes(b"x" * 1000)

    def again(handler: Any) -> None:
        handler.send_response(307)
        handler.send_header("Location", "/file/v2/clips/files?again")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    sleeps: list[float] = []
    with loopback(again) as (origin, seen):
        client = _loopback_client(kind, origin, sleeps)
        with pytest.raises(zc.RedirectError, match=f"more than {MAX_HOPS} redirects"):
            invoke(Facade(kind, client, sleeps), lambda c: c.clips.upload(tmp_path / "f.mp4"))
        invoke(Facade(kind, client, sleeps), lambda c: c.close() if kind == "sync" else c.aclose())
    assert len(seen) == MAX_HOPS + 1
    assert sleeps == []


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x/"])
def test_a_redirect_to_another_scheme_is_refused_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path, location: str
) -> None:
    """file:, ftp: and the like: RedirectError, with nothing sent there (token or not)."""
    (tmp_path / "f.mp4").write_bytes(b"x" * 1000)
    zoom = FakeZoom(lambda request: httpx.Response(307, headers={"Location": location}))
    with pytest.raises(zc.RedirectError, match="refused a redirect to a"):
        call(make_client(zoom), "upload", tmp_path / "f.mp4")
    assert len(zoom.api_requests) == 1


def test_the_bound_is_read_from_the_clients_settings_and_with_options_changes_it(
    make_client: Callable[..., Facade],
) -> None:
    """``client.retry_policy`` says how many requests a failing call sends; a copy from
    ``with_options(retry_policy=...)`` sends that many, the original its own."""
    zoom = FakeZoom(lambda request: httpx.Response(503))
    client = make_client(zoom, retry_policy=policy(max_retries=1))
    strict = client.client.with_options(retry_policy=policy(max_retries=3, max_resumes=0))
    assert strict.retry_policy.max_retries == 3
    assert client.client.retry_policy.max_retries == 1
    with pytest.raises(zc.InternalServerError):
        invoke(Facade(client.kind, strict, client.sleeps), lambda c: c.clips.get("c1"))
    assert len(zoom.api_requests) == 1 + strict.retry_policy.max_retries
    with pytest.raises(zc.InternalServerError):
        invoke(client, lambda c: c.clips.get("c1"))
    assert len(zoom.api_requests) == 4 + 1 + client.client.retry_policy.max_retries
    with pytest.raises(TypeError, match="retry_policy must be a RetryPolicy"):
        client.client.with_options(retry_policy=3)  # type: ignore[arg-type]


def test_policy_bounds_are_checked_when_the_policy_is_made() -> None:
    """A negative retry count, a zero stall window or a nan wait is a ValueError at once."""
    for bad in (
        {"max_retries": -1},
        {"max_resumes": 1.5},
        {"stall_seconds": 0},
        {"max_wait": float("nan")},
        {"deadline": 0},
        {"max_json_bytes": True},
    ):
        with pytest.raises(ValueError, match=next(iter(bad))):
            zc.RetryPolicy(**bad)
    assert zc.RetryPolicy(deadline=None).deadline is None
