"""Reading a response body within the policy's bounds: a deadline, a stall floor, a size cap.

httpx's timeouts are per socket read, so a server that sends a byte a second never times out,
and a response it reads whole is held whole, decompressed (a gzip of 1 MB can inflate to
gigabytes). The request path reads every answer it parses through ``read_capped`` (and the
download and token paths pace their bodies with ``Pace``), so each attempt ends within
``RetryPolicy.deadline`` or at the stall floor, holding at most ``max_json_bytes``.

The timeouts raised are ``httpx.ReadTimeout`` subclasses, so every loop retries them as it
retries httpx's own, and the typed ``APITimeoutError`` at the end names which bound fired.
"""

from __future__ import annotations

import httpx

from ._errors import APIResponseValidationError
from ._retry import RetryPolicy

__all__ = [
    "BodyTooLargeError",
    "DeadlineExceeded",
    "Pace",
    "Stalled",
    "aread_capped",
    "read_capped",
]


class DeadlineExceeded(httpx.ReadTimeout):
    """The whole answer took longer than the policy's ``deadline``."""


class Stalled(httpx.ReadTimeout):
    """The body brought fewer than ``stall_bytes`` in ``stall_seconds`` (a trickle)."""


class BodyTooLargeError(APIResponseValidationError):
    """A body to be parsed as JSON decoded past ``max_json_bytes``: refused, not buffered."""


class Pace:
    """The clock of one response: ``started`` when the request went out; ``check`` after
    every chunk raises ``DeadlineExceeded`` or ``Stalled`` (curl's ``--speed-limit``).

    A server that sends nothing at all is httpx's read timeout; this catches the one that
    keeps sending too little.
    """

    __slots__ = ("_deadline", "_floor", "_policy", "_started", "_window_bytes", "_window_start")

    def __init__(self, policy: RetryPolicy, *, deadline: float | None, started: float) -> None:
        self._policy = policy
        self._deadline = None if deadline is None else started + deadline
        self._started = started
        self._window_start = started
        self._window_bytes = 0
        self._floor = policy.stall_bytes

    def check(self, received: int, request: httpx.Request) -> None:
        """Account ``received`` more bytes; raise if the answer is now late or stalled."""
        now = self._policy.clock()
        if self._deadline is not None and now > self._deadline:
            raise DeadlineExceeded(
                f"the answer took over the deadline of {self._policy.deadline:g} s "
                "(RetryPolicy.deadline)",
                request=request,
            )
        self._window_bytes += received
        if now - self._window_start < self._policy.stall_seconds:
            return
        if self._window_bytes < self._floor:
            raise Stalled(
                f"the body stalled: {self._window_bytes} bytes in {now - self._window_start:g} s, "
                f"under the floor of {self._floor} bytes per {self._policy.stall_seconds:g} s "
                "(RetryPolicy.stall_bytes, stall_seconds)",
                request=request,
            )
        self._window_start, self._window_bytes = now, 0


def _too_large(response: httpx.Response, limit: int) -> BodyTooLargeError:
    encoding = response.headers.get("content-encoding")
    how = f" once decoded from {encoding}" if encoding else ""
    return BodyTooLargeError(
        f"Zoom answered {response.status_code} with a body over {limit} bytes{how} "
        "(RetryPolicy.max_json_bytes): refused",
        response=response,
    )


def _fits(response: httpx.Response, limit: int) -> None:
    """Refuse at once a body whose announced (undecoded) length is already over ``limit``."""
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        raise _too_large(response, limit)


def read_capped(response: httpx.Response, policy: RetryPolicy, *, started: float) -> bytes:
    """Read a streamed ``response`` whole (decoded) within the policy's deadline, stall floor
    and ``max_json_bytes``; the bytes, also left as ``response.content``. Closes the response."""
    limit, pace = policy.max_json_bytes, Pace(policy, deadline=policy.deadline, started=started)
    try:
        _fits(response, limit)
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(response, limit)
            pace.check(len(chunk), response.request)
            parts.append(chunk)
    finally:
        response.close()
    body = b"".join(parts)
    response._content = body
    return body


async def aread_capped(response: httpx.Response, policy: RetryPolicy, *, started: float) -> bytes:
    """The async twin of ``read_capped``."""
    limit, pace = policy.max_json_bytes, Pace(policy, deadline=policy.deadline, started=started)
    try:
        _fits(response, limit)
        parts: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(response, limit)
            pace.check(len(chunk), response.request)
            parts.append(chunk)
    finally:
        await response.aclose()
    body = b"".join(parts)
    response._content = body
    return body
