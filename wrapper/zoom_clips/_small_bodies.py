"""Reading a small body whole (a token answer, a 401's error body) within a byte cap, decoded
without ever inflating past it.

httpx decodes a compressed body one received chunk at a time, each chunk inflated whole, so one
chunk of a megabyte (all a test transport's body, or a proxy's large read) can inflate to a
gibibyte before any cap sees the result. Here the body is read raw and inflated with zlib's
``max_length``: no more than ``limit + 1`` decoded bytes ever exist, whatever the ratio. Only the
encodings a server may send without being asked are read (none, ``gzip``, ``deflate``); the
requests these bodies answer send no ``Accept-Encoding``. The read keeps ``_bodies.Pace``'s
deadline and stall floor (``RetryPolicy``'s defaults), so a trickling answer ends too.
"""

from __future__ import annotations

import zlib

import httpx

from ._bodies import BodyTooLargeError, Pace
from ._errors import APIResponseValidationError
from ._retry import RetryPolicy

__all__ = ["SMALL_BODY_LIMIT", "aread_small", "read_small"]

#: A token answer is a few hundred bytes, a 401's error body less: 64 KiB is plenty.
SMALL_BODY_LIMIT = 64 * 1024
#: The deadline and stall floor of a small body: RetryPolicy's defaults, on the monotonic clock.
_PACE = RetryPolicy()


class _Inflater:
    """One response's decoder: the decoded bytes of each raw chunk, never more than asked."""

    def __init__(self, response: httpx.Response, what: str) -> None:
        self._response, self._what = response, what
        self.encoding = response.headers.get("content-encoding", "").strip().lower()
        self._zlib: zlib._Decompress | None = None
        self._raw_deflate_next = False
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.encoding == "deflate":  # zlib-wrapped, or (as some servers send) raw
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_deflate_next = True
        elif self.encoding not in ("", "identity"):
            raise self._unreadable(f"its Content-Encoding {self.encoding!r} is not read here")

    def _unreadable(self, why: str) -> APIResponseValidationError:
        status = self._response.status_code
        return APIResponseValidationError(
            f"{self._what} answered {status} with a body that cannot be read: {why}",
            response=self._response,
        )

    def decode(self, raw: bytes, room: int) -> bytes:
        """The bytes ``raw`` decodes to, at most ``room + 1`` of them (one more: over the cap)."""
        if self._zlib is None:
            return raw
        try:
            decoded = self._zlib.decompress(raw, room + 1)
        except zlib.error as exc:
            if not self._raw_deflate_next:
                raise self._unreadable(f"corrupt {self.encoding} data") from exc
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            self._raw_deflate_next = False
            return self.decode(raw, room)
        self._raw_deflate_next = False
        return decoded


def _too_large(response: httpx.Response, what: str, limit: int, encoding: str) -> BodyTooLargeError:
    how = f" once decoded from {encoding}" if encoding not in ("", "identity") else ""
    return BodyTooLargeError(
        f"{what} answered {response.status_code} with a body over {limit} bytes{how}: refused",
        response=response,
    )


def _already_read(response: httpx.Response, what: str, limit: int) -> bytes | None:
    """The body of a response read before (a test transport's, built with its content)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if len(content) > limit:
        raise _too_large(response, what, limit, "")
    return content


def read_small(response: httpx.Response, *, what: str, limit: int = SMALL_BODY_LIMIT) -> bytes:
    """Read ``response`` whole, decoded, refusing past ``limit`` bytes with ``BodyTooLargeError``
    (``what`` names the server in messages: "the token endpoint"); the bytes, also left as
    ``response.content``. Closes the response."""
    content = _already_read(response, what, limit)
    if content is not None:
        return content
    pace = Pace(_PACE, deadline=_PACE.deadline, started=_PACE.clock())
    parts: list[bytes] = []
    size = 0
    try:
        inflater = _Inflater(response, what)
        for raw in response.iter_raw():
            pace.check(len(raw), response.request)
            decoded = inflater.decode(raw, limit - size)
            size += len(decoded)
            if size > limit:
                raise _too_large(response, what, limit, inflater.encoding)
            parts.append(decoded)
    finally:
        response.close()
    body = b"".join(parts)
    response._content = body  # as httpx's own read() leaves it
    return body


async def aread_small(
    response: httpx.Response, *, what: str, limit: int = SMALL_BODY_LIMIT
) -> bytes:
    """The async twin of ``read_small``."""
    content = _already_read(response, what, limit)
    if content is not None:
        return content
    pace = Pace(_PACE, deadline=_PACE.deadline, started=_PACE.clock())
    parts: list[bytes] = []
    size = 0
    try:
        inflater = _Inflater(response, what)
        async for raw in response.aiter_raw():
            pace.check(len(raw), response.request)
            decoded = inflater.decode(raw, limit - size)
            size += len(decoded)
            if size > limit:
                raise _too_large(response, what, limit, inflater.encoding)
            parts.append(decoded)
    finally:
        await response.aclose()
    body = b"".join(parts)
    response._content = body  # as httpx's own aread() leaves it
    return body
