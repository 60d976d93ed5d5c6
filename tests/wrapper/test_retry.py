"""Retries follow Zoom's rate limits and fail fast where waiting cannot help; no real sleeps."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._retry import RetryPolicy, backoff_delay, parse_retry_after, retry_delay

from .conftest import (
    ACCOUNT,
    NOW,
    PASSCODE,
    SECRET,
    TOKEN,
    Facade,
    FakeZoom,
    clip_json,
    json_response,
    page_json,
)


def script(*responses: httpx.Response | Exception) -> Callable[[httpx.Request], httpx.Response]:
    """A handler answering with ``responses`` in order, then a page with one clip."""
    queue: Iterator[httpx.Response | Exception] = iter(responses)

    def handler(_: httpx.Request) -> httpx.Response:
        item = next(queue, None)
        if item is None:
            return json_response(200, page_json([clip_json("a")]))
        if isinstance(item, Exception):
            raise item
        return item

    return handler


QPS = {"x-ratelimit-type": "QPS", "x-ratelimit-category": "Light"}
QPS_BODY = {"code": 429, "message": "You have reached the maximum per-second rate limit."}


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_capped_backoff(
    make_client: Callable[..., Facade], status: int
) -> None:
    """5xx answers are retried with exponential backoff and jitter, then succeed."""
    zoom = FakeZoom(script(*(httpx.Response(status) for _ in range(3))))
    client = make_client(zoom)
    assert client.list_page(ACCOUNT).data[0].clip_id == "a"
    assert len(zoom.api_requests) == 4
    assert client.sleeps == [0.5 * 0.875, 1.0 * 0.875, 2.0 * 0.875]


def test_retries_stop_after_max_retries(make_client: Callable[..., Facade]) -> None:
    """After max_retries retries the last error is raised."""
    zoom = FakeZoom(script(*(httpx.Response(503) for _ in range(10))))
    client = make_client(zoom, max_retries=2)
    with pytest.raises(zc.InternalServerError):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 3
    assert len(client.sleeps) == 2


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (httpx.ConnectError("refused"), zc.APIConnectionError),
        (httpx.ReadTimeout("slow"), zc.APITimeoutError),
        (httpx.RemoteProtocolError("reset"), zc.APIConnectionError),
    ],
)
def test_connection_errors_and_timeouts_are_retried_then_raised(
    make_client: Callable[..., Facade], error: Exception, raised: type[Exception]
) -> None:
    """Transport failures are retried; when retries run out they become typed errors."""
    recovering = make_client(FakeZoom(script(error)))
    assert recovering.list_page(ACCOUNT).data[0].clip_id == "a"
    assert len(recovering.sleeps) == 1
    failing = make_client(FakeZoom(script(*([error] * 5))), max_retries=1)
    with pytest.raises(raised) as caught:
        failing.list_page(ACCOUNT)
    assert isinstance(caught.value.__cause__, httpx.TransportError)


@pytest.mark.parametrize(
    ("retry_after", "waited"),
    [
        ("2", 2.0),
        ("0.25", 0.25),
        ("2025-06-15T12:00:03Z", 3.0),
        ("Sun, 15 Jun 2025 12:00:04 GMT", 4.0),
        (None, 1.25),  # no header: about a second, with jitter
        ("-5", 1.25),  # negative: no wait at all asked for, so the policy's own
        ("2025-06-15T11:59:00Z", 1.25),  # and a time already past: the same
        ("99999999999", 60.0),  # hostile: bounded by max_wait
        ("9999-12-31T23:59:59Z", 60.0),
        ("nan", 1.25),
        ("soon-ish", 1.25),
    ],
)
def test_per_second_429_waits_as_retry_after_says_within_bounds(
    make_client: Callable[..., Facade], retry_after: str | None, waited: float
) -> None:
    """A QPS 429 is retried after Retry-After (seconds or ISO), bounded, never crashing."""
    headers = dict(QPS)
    if retry_after is not None:
        headers["retry-after"] = retry_after
    zoom = FakeZoom(script(json_response(429, QPS_BODY, **headers)))
    client = make_client(zoom)
    assert client.list_page(ACCOUNT).data[0].clip_id == "a"
    assert client.sleeps == [waited]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"x-ratelimit-type": "Daily-limit", "retry-after": "2025-06-16T00:00:00Z"}, "Too many"),
        ({}, "You have reached the maximum daily rate limit for this API."),
    ],
)
def test_daily_limit_raises_after_exactly_one_request(
    make_client: Callable[..., Facade], headers: dict[str, str], message: str
) -> None:
    """A daily-limit 429 (by header or by message) is not retried: RateLimitError at once."""
    zoom = FakeZoom(script(json_response(429, {"code": 429, "message": message}, **headers)))
    client = make_client(zoom)
    with pytest.raises(zc.RateLimitError) as caught:
        client.list_all(ACCOUNT, from_="2025-06-01", to="2025-06-02")
    assert len(zoom.api_requests) == 1
    assert client.sleeps == []
    assert caught.value.limit_type == "Daily-limit"
    if "retry-after" in headers:
        assert caught.value.retry_after == datetime(2025, 6, 16, tzinfo=UTC)


def test_rate_limit_error_after_retries_carries_reset_time(
    make_client: Callable[..., Facade],
) -> None:
    """A QPS 429 that persists ends as RateLimitError with its type and reset time."""
    limited = json_response(429, QPS_BODY, **QPS, **{"retry-after": "1"})
    client = make_client(FakeZoom(script(*([limited] * 5))), max_retries=1)
    with pytest.raises(zc.RateLimitError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.limit_type == "QPS"
    assert caught.value.retry_after == datetime(2025, 6, 15, 12, 0, 1, tzinfo=UTC)


def test_4xx_other_than_429_are_not_retried(make_client: Callable[..., Facade]) -> None:
    """400/403/404 are final: one request, no sleep."""
    zoom = FakeZoom(script(json_response(404, {"code": 1001, "message": "no"})))
    client = make_client(zoom)
    with pytest.raises(zc.NotFoundError):
        client.list_page(ACCOUNT)
    assert (len(zoom.api_requests), client.sleeps) == (1, [])


def test_retry_decisions_are_logged_at_debug_without_secrets(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """Each retry decision is a DEBUG record on zoom_clips, with no token, secret or passcode."""
    zoom = FakeZoom(
        script(
            httpx.Response(503),
            json_response(429, QPS_BODY, **QPS),
            httpx.ConnectError("refused"),
        )
    )
    client = make_client(zoom)
    with caplog.at_level(logging.DEBUG, logger="zoom_clips"):
        page = client.list_page(ACCOUNT)
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(retries) == 3
    assert all(r.name == "zoom_clips" and r.levelno == logging.DEBUG for r in retries)
    assert "status 503" in retries[0].getMessage()
    text = "\n".join(r.getMessage() for r in caplog.records) + repr(page) + repr(client.client)
    for secret in (SECRET, TOKEN, PASSCODE):
        assert secret not in text


def test_pure_decisions() -> None:
    """The shared decision functions: parse, backoff cap, and final outcomes."""
    policy = RetryPolicy(max_retries=5, rand=lambda: 0.0, now=lambda: NOW)
    assert parse_retry_after(None, now=NOW) is None
    assert parse_retry_after("  ", now=NOW) is None
    assert parse_retry_after("inf", now=NOW) is None
    assert parse_retry_after("2025-06-15T11:00:00Z", now=NOW) is None  # past: the backoff then
    assert backoff_delay(50, policy) == policy.max_delay
    assert retry_delay(5, None, policy) is None
    assert retry_delay(0, httpx.Response(200), policy) is None
    assert retry_delay(0, httpx.Response(501), policy) is None
