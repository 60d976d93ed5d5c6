"""The bodies the auth flow reads itself (a token answer, a 401's error body): small, so read
within a small cap.

httpx would read them whole (``requires_response_body``), decompressed, so a token answer of 1 MB
gzip would inflate to a gibibyte. They are read with ``_bodies.read_capped`` (gzip and deflate
inflated with a cap, the deadline and stall floor of ``RetryPolicy``'s defaults on the monotonic
clock) and a cap of ``SMALL_BODY_LIMIT``: a token answer is a few hundred bytes.
"""

from __future__ import annotations

import httpx

from ._bodies import BodyTooLargeError, aread_capped, read_capped
from ._retry import RetryPolicy

__all__ = ["SMALL_BODY_LIMIT", "aread_small", "read_small"]

SMALL_BODY_LIMIT = 64 * 1024
_SMALL = RetryPolicy(max_json_bytes=SMALL_BODY_LIMIT)


def _too_large(response: httpx.Response, what: str) -> BodyTooLargeError:
    encoding = response.headers.get("content-encoding")
    how = f" once decoded from {encoding}" if encoding else ""
    return BodyTooLargeError(
        f"{what} answered {response.status_code} with a body over {SMALL_BODY_LIMIT} "
        f"bytes{how}: refused",
        response=response,
    )


def read_small(response: httpx.Response, *, what: str) -> bytes:
    """Read ``response`` whole, decoded, refusing past ``SMALL_BODY_LIMIT`` bytes with
    ``BodyTooLargeError`` (``what`` names the server: "the token endpoint"). Closes it."""
    try:
        return read_capped(response, _SMALL, started=_SMALL.clock())
    except BodyTooLargeError as exc:
        raise _too_large(response, what) from exc


async def aread_small(response: httpx.Response, *, what: str) -> bytes:
    """The async twin of ``read_small``."""
    try:
        return await aread_capped(response, _SMALL, started=_SMALL.clock())
    except BodyTooLargeError as exc:
        raise _too_large(response, what) from exc
