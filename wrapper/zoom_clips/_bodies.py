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

import zlib
from typing import Any

import httpx

from ._errors import APIResponseValidationError
from ._responses import BodyCutShortError
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


class _Collector:
    """One body being read: raw chunks in, decoded bytes kept, never more than ``limit``.

    gzip and deflate are inflated here with zlib's ``max_length``, so a bomb stops at the cap
    instead of inflating a whole chunk first (httpx's decoder inflates each chunk whole: one
    1 MB chunk of a bomb is a gigabyte). Other encodings (br, zstd) keep httpx's decoder.
    """

    __slots__ = ("_inflater", "_limit", "_pace", "_response", "_retry_raw", "parts", "size")

    def __init__(self, response: httpx.Response, policy: RetryPolicy, started: float) -> None:
        self._response = response
        self._limit = policy.max_json_bytes
        self._pace = Pace(policy, deadline=policy.deadline, started=started)
        self.parts: list[bytes] = []
        self.size = 0
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        self._inflater: Any = None
        self._retry_raw = False  # deflate: zlib-wrapped first, raw deflate if that fails
        if encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif encoding == "deflate":
            self._inflater, self._retry_raw = zlib.decompressobj(), True
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > self._limit:
            raise _too_large(response, self._limit)  # already over before a byte is read

    @property
    def raw(self) -> bool:
        """Whether the raw bytes are read (identity, gzip, deflate), else httpx's decoded ones."""
        encoding = self._response.headers.get("content-encoding", "identity").strip().lower()
        return self._inflater is not None or encoding in ("", "identity")

    def feed(self, chunk: bytes) -> None:
        """Keep ``chunk`` (inflated if need be); raise past the cap, the deadline or the floor."""
        if self._inflater is None:
            self._keep(chunk)
        else:
            data = chunk
            while data:
                try:
                    out = self._inflater.decompress(data, self._limit - self.size + 1)
                except zlib.error as exc:
                    if not self._retry_raw:
                        raise _undecodable(self._response, exc) from exc
                    self._inflater, self._retry_raw = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                self._retry_raw = False
                self._keep(out)
                data = self._inflater.unconsumed_tail
        self._pace.check(len(chunk), self._response.request)

    def _keep(self, out: bytes) -> None:
        self.size += len(out)
        if self.size > self._limit:
            raise _too_large(self._response, self._limit)
        if out:
            self.parts.append(out)

    def done(self) -> bytes:
        """The whole decoded body, also left as ``response.content``."""
        body = b"".join(self.parts)
        self._response._content = body  # what httpx's own read() stores
        return body


def _too_large(response: httpx.Response, limit: int) -> BodyTooLargeError:
    encoding = response.headers.get("content-encoding")
    how = f" once decoded from {encoding}" if encoding else ""
    return BodyTooLargeError(
        f"Zoom answered {response.status_code} with a body over {limit} bytes{how} "
        "(RetryPolicy.max_json_bytes): refused",
        response=response,
    )


def _undecodable(response: httpx.Response, exc: zlib.error) -> BodyCutShortError:
    return BodyCutShortError(
        f"Zoom answered {response.status_code} with a body that does not decode "
        f"as its Content-Encoding says: {exc}",
        response=response,
    )


def _handed_over(response: httpx.Response, limit: int) -> bytes:
    """A body a transport handed over read already (``httpx.MockTransport`` with ``content=``,
    an app's own transport): nothing left to pace, only the cap to hold. The hot path of every
    test suite, kept as cheap as httpx's own read (closed by the caller)."""
    body = response.content
    if len(body) > limit:
        raise _too_large(response, limit)
    return body


def read_capped(response: httpx.Response, policy: RetryPolicy, *, started: float) -> bytes:
    """Read a streamed ``response`` whole (decoded) within the policy's deadline, stall floor
    and ``max_json_bytes``; the bytes, also left as ``response.content``. Closes the response."""
    if response.is_stream_consumed:
        response.close()
        return _handed_over(response, policy.max_json_bytes)
    try:
        body = _Collector(response, policy, started)
        for chunk in response.iter_raw() if body.raw else response.iter_bytes():
            body.feed(chunk)
    except httpx.DecodingError as exc:
        raise BodyCutShortError(f"a body that does not decode: {exc}", response=response) from exc
    finally:
        response.close()
    return body.done()


async def aread_capped(response: httpx.Response, policy: RetryPolicy, *, started: float) -> bytes:
    """The async twin of ``read_capped``."""
    if response.is_stream_consumed:
        await response.aclose()
        return _handed_over(response, policy.max_json_bytes)
    try:
        body = _Collector(response, policy, started)
        async for chunk in response.aiter_raw() if body.raw else response.aiter_bytes():
            body.feed(chunk)
    except httpx.DecodingError as exc:
        raise BodyCutShortError(f"a body that does not decode: {exc}", response=response) from exc
    finally:
        await response.aclose()
    return body.done()
