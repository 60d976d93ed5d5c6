"""One attempt of the clients' request path: a parsed value, a wait before the next attempt, or
a typed error.

Both clients' ``_send`` loops call these; only their I/O and sleep differ. ``idempotent=False``
(a transfer, a single upload, a Complete) resends only what Zoom cannot have acted on: a 429 or a
connection never made. The token endpoint's 5xx and 429 (``_token_answer.TokenEndpointError``,
raised by the auth flow before the API request leaves) are retried as the API's own answers
would be, whatever the request, under the same count and waits (``token_retry``).
"""

from __future__ import annotations

from typing import TypeVar

import attrs
import httpx

from .._errors import APIConnectionError, APITimeoutError
from .._responses import BodyCutShortError, Parse, status_error
from .._token_answer import TokenEndpointError
from . import RetryPolicy, log_decision, retry_delay

__all__ = [
    "RETRYABLE_ERRORS",
    "Wait",
    "after_failure",
    "connection_error",
    "outcome_of",
    "token_retry",
]

T = TypeVar("T")

RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
# Errors raised before a single byte of the request left: resending can never repeat an effect.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@attrs.frozen
class Wait:
    """The outcome of an attempt worth retrying: seconds to wait before the next one."""

    seconds: float


def connection_error(exc: httpx.TransportError) -> APIConnectionError:
    """The typed error of a transport failure (a timeout is ``APITimeoutError``)."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:  # httpx raises when the error carries no request
        request = None
    return cls(f"{type(exc).__name__} talking to Zoom: {exc}", request=request)


def _safe_to_resend(outcome: httpx.Response | Exception) -> bool:
    if isinstance(outcome, httpx.Response):
        return outcome.status_code == 429  # Zoom counted it against the limit and did nothing
    return isinstance(outcome, _NEVER_SENT)


def after_failure(
    policy: RetryPolicy,
    attempt: int,
    method: str,
    url: str,
    outcome: httpx.Response | Exception,
    *,
    idempotent: bool,
) -> float | None:
    """Seconds to wait before retrying a failed attempt, or ``None``: give up (logged)."""
    response = outcome if isinstance(outcome, httpx.Response) else None
    delay = retry_delay(attempt, response, policy)
    if delay is not None and not idempotent and not _safe_to_resend(outcome):
        # A POST that may have reached Zoom (a 5xx, a timeout, a body cut short) is not sent
        # again: a second transfer would start, or fail with 30001 and hide the first.
        delay = None
    log_decision(method, httpx.URL(url).path, attempt, delay, outcome)
    return delay


def token_retry(policy: RetryPolicy, attempt: int, exc: TokenEndpointError) -> float | None:
    """Seconds to wait after the token endpoint answered a 5xx or 429 in place of the API, or
    ``None``: give up (the error is final). Any request may be resent: it never left."""
    token = exc.response
    return after_failure(
        policy, attempt, token.request.method, str(token.url), token, idempotent=True
    )


def outcome_of(
    policy: RetryPolicy,
    attempt: int,
    method: str,
    url: str,
    response: httpx.Response,
    *,
    parse: Parse[T],
    idempotent: bool,
) -> T | Wait:
    """What ``response`` means (``parse``), or the wait before the next attempt; else raises."""
    if response.status_code >= 400:
        delay = after_failure(policy, attempt, method, url, response, idempotent=idempotent)
        if delay is None:
            raise status_error(response, policy)
        return Wait(delay)
    try:
        return parse(response, policy)
    except BodyCutShortError as exc:
        delay = after_failure(policy, attempt, method, url, exc, idempotent=idempotent)
        if delay is None:
            raise
        return Wait(delay)
