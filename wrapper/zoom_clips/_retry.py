"""When to retry a request and how long to wait: small pure functions, shared by both clients.

The sync and async clients each run one short loop (in ``_client``) around these decisions; only
the sleep differs. Why not stamina: Zoom's ``Retry-After`` may be an ISO-8601 timestamp, a daily
429 must not be retried at all, and the wait must be bounded and logged per decision. Those are a
dozen lines here, while stamina would need its ``on`` hook to carry all of that anyway, plus a
global ``set_testing`` switch for tests; an explicit loop with an injected sleep is simpler.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import attrs
import httpx

from ._errors import error_body

__all__ = [
    "RETRYABLE_STATUSES",
    "RetryPolicy",
    "backoff_delay",
    "is_daily_limit",
    "parse_retry_after",
    "reset_time",
    "retry_delay",
]

logger = logging.getLogger("zoom_clips")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@attrs.frozen
class RetryPolicy:
    """How many times to retry and how long waits may be.

    ``initial_delay`` doubles per attempt up to ``max_delay``, minus up to 25% jitter; a server's
    ``Retry-After`` is followed but never beyond ``max_wait``. ``rand`` (``[0, 1)``) and ``now``
    are injectable so decisions are deterministic in tests.
    """

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_wait: float = 60.0
    rand: Callable[[], float] = attrs.field(default=random.random, repr=False)
    now: Callable[[], datetime] = attrs.field(default=lambda: datetime.now(UTC), repr=False)


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: seconds, ISO-8601 or HTTP-date.

    Returns ``None`` for a missing or unreadable value, and never a negative or non-finite number.

    >>> parse_retry_after("2", now=datetime(2025, 1, 1, tzinfo=UTC))
    2.0
    >>> parse_retry_after("2025-01-01T00:00:05Z", now=datetime(2025, 1, 1, tzinfo=UTC))
    5.0
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        at = _parse_timestamp(text)
        if at is None:
            return None
        seconds = (at - now).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _parse_timestamp(text: str) -> datetime | None:
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        try:
            at = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):  # email.utils raises any of these on garbage
            return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def reset_time(response: httpx.Response, *, now: datetime) -> datetime | None:
    """When Zoom says a 429 ends, as an aware UTC datetime, or ``None`` if it does not say."""
    seconds = parse_retry_after(response.headers.get("retry-after"), now=now)
    if seconds is None:
        return None
    try:
        return (now + timedelta(seconds=seconds)).astimezone(UTC)
    except OverflowError:  # a hostile Retry-After of many millennia
        return datetime.max.replace(tzinfo=UTC)


def is_daily_limit(response: httpx.Response) -> bool:
    """Whether a 429 is Zoom's daily limit (not worth retrying until the reset time)."""
    limit_type = response.headers.get("x-ratelimit-type", "")
    if limit_type.strip().lower() == "daily-limit":
        return True
    _, message = error_body(response)
    return message is not None and "daily" in message.lower()


def backoff_delay(attempt: int, policy: RetryPolicy) -> float:
    """Exponential backoff for retry number ``attempt`` (0-based), capped, with up to 25% jitter."""
    delay = min(policy.max_delay, policy.initial_delay * 2.0 ** min(attempt, 32))
    return delay * (1.0 - 0.25 * policy.rand())


def retry_delay(attempt: int, response: httpx.Response | None, policy: RetryPolicy) -> float | None:
    """Seconds to wait before retry ``attempt`` (0-based), or ``None`` if the outcome is final.

    ``response`` is ``None`` when the attempt failed with a connection error or timeout. Retried:
    those, 500/502/503/504 and per-second 429s, while ``attempt < policy.max_retries``.
    """
    if attempt >= policy.max_retries:
        return None
    if response is None:
        return backoff_delay(attempt, policy)
    status = response.status_code
    if status not in RETRYABLE_STATUSES or (status == 429 and is_daily_limit(response)):
        return None
    server_says = parse_retry_after(response.headers.get("retry-after"), now=policy.now())
    if server_says is not None:
        return min(server_says, policy.max_wait)
    if status == 429:  # a per-second limit without Retry-After: about a second, with jitter
        return 1.0 + 0.5 * policy.rand()
    return backoff_delay(attempt, policy)


def log_decision(
    method: str,
    path: str,
    attempt: int,
    delay: float | None,
    outcome: httpx.Response | Exception,
) -> None:
    """Log one retry decision at DEBUG: method, path, outcome and wait, never a header or body."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    what = (
        f"status {outcome.status_code}"
        if isinstance(outcome, httpx.Response)
        else type(outcome).__name__
    )
    if delay is None:
        logger.debug(
            "not retrying %s %s after %s (attempt %d)",
            method,
            path,
            what,
            attempt + 1,
        )
    else:
        logger.debug(
            "retrying %s %s after %s in %.3fs (retry %d)",
            method,
            path,
            what,
            delay,
            attempt + 1,
        )
