"""When to retry a request and how long to wait: small pure functions, shared by both clients.

The sync and async clients each run one short loop (in ``_client``) around these decisions; only
the sleep differs. Why not stamina: Zoom's ``Retry-After`` may be an ISO-8601 timestamp, a daily
429 must not be retried at all, and the wait must be bounded and logged per decision. Those are a
dozen lines here, while stamina would need its ``on`` hook to carry all of that anyway, plus a
global ``set_testing`` switch for tests; an explicit loop with an injected sleep is simpler.

This package is the retry policy (``RetryPolicy``, the one rule ``Budget``, the pure decisions
below) and, beside it, what one attempt of the request path came to (``_retry._attempt``: a
parsed value, a wait, or a typed error). The attempt logic is imported from its module rather
than re-exported here: it reads responses (``_responses``), which read this policy.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import attrs
import httpx

from .._errors import error_body

__all__ = [
    "RETRYABLE_STATUSES",
    "Budget",
    "RetryPolicy",
    "backoff_delay",
    "is_daily_limit",
    "parse_retry_after",
    "reset_time",
    "retry_delay",
    "wait_after",
]

logger = logging.getLogger("zoom_clips")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@attrs.frozen
class RetryPolicy:
    """How many times to retry, how long waits may be, and what a server can make us hold.

    Every loop that talks to a server follows one rule (``Budget``): a failed attempt that kept
    nothing spends one of ``max_retries``; one that kept progress (bytes appended after an
    honoured ``Range``, a part acknowledged) spends one of ``max_resumes`` instead. So no loop
    sends more than ``1 + max_retries + max_resumes`` requests.

    Waits: ``initial_delay`` doubles per retry up to ``max_delay``, minus up to 25% jitter; a
    server's ``Retry-After`` is followed but never beyond ``max_wait`` (one in the past, or
    unreadable, means the backoff instead).

    Bounds on one response: ``deadline`` seconds to read an API answer's body once its headers
    have come (an upload's own sending is not counted; ``None``: no deadline; downloads have
    none, they have the stall rule); a body that brings fewer than
    ``stall_bytes`` in ``stall_seconds`` is stalled (curl's ``--speed-limit``/``--speed-time``);
    a JSON body decoded (after gzip) past ``max_json_bytes`` is refused. Each ends the attempt
    with a typed error naming which bound fired.

    ``rand`` (``[0, 1)``), ``now`` (wall clock) and ``clock`` (monotonic seconds) are
    injectable so decisions are deterministic in tests.
    """

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_wait: float = 60.0
    max_resumes: int = 20
    deadline: float | None = 300.0
    stall_seconds: float = 30.0
    stall_bytes: int = 1024
    max_json_bytes: int = 16 * 1024 * 1024
    rand: Callable[[], float] = attrs.field(default=random.random, repr=False)
    now: Callable[[], datetime] = attrs.field(default=lambda: datetime.now(UTC), repr=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)

    def __attrs_post_init__(self) -> None:
        for name in ("max_retries", "max_resumes", "stall_bytes", "max_json_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be an int >= 0, not {value!r}")
        for name in ("initial_delay", "max_delay", "max_wait", "stall_seconds", "deadline"):
            value = getattr(self, name)
            if value is None and name == "deadline":
                continue
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or not math.isfinite(value)
                or value < 0
                or (name in ("stall_seconds", "deadline") and value == 0)
            ):
                raise ValueError(f"{name} must be a finite number of seconds, not {value!r}")


@attrs.define
class Budget:
    """The retry budget of one loop that talks to a server: the SDK's one retry rule.

    The request path, a download's resumes, an upload's parts and Complete, transfer polling,
    pagination and the token fetch each keep one ``Budget`` and ask it after every failed
    attempt. A failure spends one of ``policy.max_retries``, unless the attempt made progress
    that is kept, which spends one of ``policy.max_resumes`` instead. Progress is a high-water
    mark (``advance``): the same bytes, part or page twice is no progress, so a host that drops
    every body, or answers a ranged request from the wrong offset, spends the retries.

    >>> budget = Budget(RetryPolicy(max_retries=1, max_resumes=1, rand=lambda: 0.0))
    >>> budget.advance(10), budget.advance(10)
    (True, False)
    >>> budget.next_wait(None, progressed=True), budget.next_wait(None, progressed=False)
    (0.5, 0.5)
    >>> budget.next_wait(None, progressed=True) is None, budget.attempts
    (True, 3)
    """

    policy: RetryPolicy
    retries: int = 0
    resumes: int = 0
    high_water: int = 0

    @property
    def attempts(self) -> int:
        """Attempts made so far when the next is about to be decided (the first counts)."""
        return 1 + self.retries + self.resumes

    def advance(self, mark: int) -> bool:
        """Record how far the work has got (bytes kept, parts acknowledged); ``True`` only
        past the previous high-water mark."""
        if mark > self.high_water:
            self.high_water = mark
            return True
        return False

    def next_wait(
        self, response: httpx.Response | None, *, progressed: bool = False
    ) -> float | None:
        """Seconds to wait before the next attempt after a failure, or ``None``: give up.

        ``response`` is the failed answer, ``None`` for a connection error, timeout or cut body.
        A status that is never retried (a 4xx but 429, a daily 429) is final either way.
        """
        if progressed:
            if self.resumes >= self.policy.max_resumes:
                return None
            delay = wait_after(0, response, self.policy)
            if delay is not None:
                self.resumes += 1
            return delay
        delay = retry_delay(self.retries, response, self.policy)
        if delay is not None:
            self.retries += 1
        return delay


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: seconds, ISO-8601 or HTTP-date.

    Returns ``None`` for a missing or unreadable value, a non-finite number, and a time already
    past or a negative number (the caller uses its backoff then, as for no header at all).

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
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


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
    """When Zoom says a 429 ends, as an aware UTC datetime, or ``None`` if it does not say.

    A timestamp is reported as written, even one already past (the server's clock may differ).
    """
    text = (response.headers.get("retry-after") or "").strip()
    try:
        seconds = float(text)
    except ValueError:
        at = _parse_timestamp(text) if text else None
        return None if at is None else at.astimezone(UTC)
    if not math.isfinite(seconds) or seconds < 0:
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
    return wait_after(attempt, response, policy)


def wait_after(attempt: int, response: httpx.Response | None, policy: RetryPolicy) -> float | None:
    """``retry_delay`` without the count: the wait a failed outcome asks for, or ``None`` if it
    is never retried (a 4xx but 429, a daily 429)."""
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
