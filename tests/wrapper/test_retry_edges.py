"""Edges of the retry decisions: Retry-After in other time zones, naive, or absurdly far away."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._retry import parse_retry_after, reset_time

from .conftest import ACCOUNT, Facade, FakeZoom, clip_json, json_response, page_json

NOW = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("2025-01-01T00:00:05Z", 5.0),
        ("2025-01-01T02:00:05+02:00", 5.0),  # the same instant, written in another zone
        ("2025-01-01T00:00:05", 5.0),  # no zone: read as UTC, as Zoom's timestamps are
        ("Wed, 01 Jan 2025 00:00:07 GMT", 7.0),
        ("Wed, 01 Jan 2025 01:00:07 +0100", 7.0),
    ],
)
def test_retry_after_timestamps_are_instants_whatever_their_zone(
    value: str, seconds: float
) -> None:
    """A Retry-After timestamp is read as the instant it names, a naive one as UTC."""
    assert parse_retry_after(value, now=NOW) == seconds


def test_a_retry_after_too_far_away_for_datetime_resets_at_the_end_of_time() -> None:
    """A hostile Retry-After of many millennia gives datetime.max (UTC), not an OverflowError."""
    response = httpx.Response(429, headers={"Retry-After": "1e15"})
    assert reset_time(response, now=NOW) == datetime.max.replace(tzinfo=UTC)


def test_a_reasonable_retry_after_resets_that_many_seconds_from_now() -> None:
    """The reset time of a 429 is now plus its Retry-After, as an aware UTC datetime."""
    response = httpx.Response(429, headers={"Retry-After": "90"})
    assert reset_time(response, now=NOW) == datetime(2025, 1, 1, 0, 1, 30, tzinfo=UTC)
    assert reset_time(httpx.Response(429), now=NOW) is None


def _serve(*statuses: int) -> Callable[[httpx.Request], httpx.Response]:
    answers = iter(statuses)

    def handler(_: httpx.Request) -> httpx.Response:
        status = next(answers, 200)
        if status != 200:
            return httpx.Response(status)
        return json_response(200, page_json([clip_json("a")]))

    return handler


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]


def test_each_retry_is_logged_with_its_number(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """Retries are logged as retry 1, retry 2, ... in order, each with the status that caused it."""
    client = make_client(FakeZoom(_serve(503, 502)))
    with caplog.at_level(logging.DEBUG, logger="zoom_clips"):
        client.list_page(ACCOUNT)
    messages = _messages(caplog)
    assert [m.rsplit("(", 1)[1] for m in messages] == ["retry 1)", "retry 2)"]
    assert ["status 503" in messages[0], "status 502" in messages[1]] == [True, True]


def test_the_final_decision_is_logged_with_the_attempt_it_ended(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """When retries run out, "not retrying" names the status and the attempt that was the last."""
    client = make_client(FakeZoom(_serve(503, 503)), max_retries=1)
    with caplog.at_level(logging.DEBUG, logger="zoom_clips"), pytest.raises(zc.ZoomClipsError):
        client.list_page(ACCOUNT)
    final = [m for m in _messages(caplog) if m.startswith("not retrying")]
    assert len(final) == 1
    assert "status 503" in final[0]
    assert final[0].endswith("(attempt 2)")
