"""Edges of the retry decisions: Retry-After in other time zones, naive, or absurdly far away."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from zoom_clips._retry import parse_retry_after, reset_time

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
