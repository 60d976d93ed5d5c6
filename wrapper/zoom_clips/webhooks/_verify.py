"""Zoom's webhook signature: signing (for tests and the mock), checking, the URL validation answer.

Zoom signs every webhook request: ``x-zm-signature: v0=<hex>``, the HMAC-SHA256 keyed with the
app's secret token over ``v0:{x-zm-request-timestamp}:{raw body}``. The check here runs over the
raw bytes as received (a body parsed and serialised again is not what Zoom signed: different
whitespace or key order fails, as it must), compares in constant time, and refuses a timestamp
outside a window around now, so that a captured request cannot be replayed later.

Zoom's own JavaScript SDK signs ``JSON.stringify`` of the parsed body and compares with ``===``;
neither is done here.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from .._errors import WebhookVerificationError

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Headers",
    "check_tolerance",
    "header",
    "raw_bytes",
    "sign",
    "signature",
    "url_validation_response",
    "verify",
]

SIGNATURE_HEADER: Final = "x-zm-signature"
TIMESTAMP_HEADER: Final = "x-zm-request-timestamp"
#: Seconds a request's timestamp may lie before or after now (Stripe's and Slack's default too).
DEFAULT_TOLERANCE: Final = 300.0
_VERSION = "v0"

#: Request headers as a framework hands them over: a mapping (any case), or (name, value) pairs
#: as ASGI's ``scope["headers"]`` (bytes) or WSGI environments give them.
Headers = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[str | bytes, str | bytes]]


def raw_bytes(body: bytes | bytearray | memoryview | str) -> bytes:
    """The body as the bytes Zoom signed. A ``str`` is taken as the UTF-8 text of those bytes
    (what ``bytes.decode()`` gave): pass the raw bytes when the framework has them."""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    raise TypeError(f"body must be the raw request body (bytes), not {type(body).__name__}")


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def header(headers: Headers, name: str) -> str | None:
    """The value of header ``name`` (case-insensitive), or ``None``; the first one if repeated."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in pairs:
        if _text(key).lower() == name:
            return _text(value)
    return None


def _secret(secret: str | bytes) -> bytes:
    if isinstance(secret, str) and secret:
        return secret.encode("utf-8")
    if isinstance(secret, bytes) and secret:
        return secret
    raise ValueError("the webhook secret token must be a non-empty string")


def signature(body: bytes, secret: str | bytes, timestamp: str) -> str:
    """``v0=`` and the hex HMAC-SHA256 of ``v0:{timestamp}:{body}`` keyed with ``secret``."""
    message = b"%s:%s:%s" % (_VERSION.encode(), timestamp.encode("ascii"), body)
    return f"{_VERSION}={hmac.new(_secret(secret), message, hashlib.sha256).hexdigest()}"


def sign(
    body: bytes | bytearray | memoryview | str, secret: str | bytes, *, timestamp: int
) -> dict[str, str]:
    """The two headers Zoom sends with ``body`` at ``timestamp`` (seconds since the epoch).

    For tests of a webhook handler, and for the mock server's deliveries.

    >>> sign(b'{"event":"clip.completed"}', "secret-token", timestamp=1733472000)
    ... # doctest: +NORMALIZE_WHITESPACE
    {'x-zm-request-timestamp': '1733472000',
     'x-zm-signature': 'v0=4aa6f7a48cbc2dc6a9e5f0d8ea7018dbcec7557fcec82a00dcc13622aef5405a'}
    """
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise TypeError(f"timestamp must be whole seconds since the epoch, not {timestamp!r}")
    stamp = str(timestamp)
    return {
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: signature(raw_bytes(body), secret, stamp),
    }


def check_tolerance(tolerance: object) -> float:
    """``tolerance`` as seconds, or a ``TypeError``/``ValueError`` if it is no positive number."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
        raise TypeError(f"tolerance must be seconds, not {tolerance!r}")
    if not (math.isfinite(tolerance) and tolerance > 0):
        raise ValueError(f"tolerance must be a positive number of seconds, not {tolerance!r}")
    return float(tolerance)


def _fail(message: str, reason: str) -> WebhookVerificationError:
    return WebhookVerificationError(f"webhook not verified: {message}", reason=reason)


def _timestamp(value: str | None) -> tuple[str, float]:
    if value is None:
        raise _fail(f"the {TIMESTAMP_HEADER} header is missing", "missing header")
    stamp = value.strip()
    # Whole seconds, as Zoom sends: no sign, no fraction, no exponent, no 401 digits.
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
        raise _fail(f"the {TIMESTAMP_HEADER} header is not whole seconds", "malformed timestamp")
    return stamp, float(stamp)


def verify(
    body: bytes | bytearray | memoryview | str,
    headers: Headers,
    secret: str | bytes,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: Callable[[], float] = time.time,
) -> None:
    """Check that ``body`` and ``headers`` are a request Zoom signed with ``secret`` within
    ``tolerance`` seconds of ``now()``; raise ``WebhookVerificationError`` naming the failed
    check otherwise.

    The signature is compared in constant time; the timestamp is checked before it, so a stale
    request costs no HMAC. ``tolerance`` must be a positive number of seconds.
    """
    check_tolerance(tolerance)
    key = _secret(secret)
    data = raw_bytes(body)
    stamp, sent_at = _timestamp(header(headers, TIMESTAMP_HEADER))
    given = header(headers, SIGNATURE_HEADER)
    if given is None:
        raise _fail(f"the {SIGNATURE_HEADER} header is missing", "missing header")
    age = now() - sent_at
    if age > tolerance:
        raise _fail(
            f"its timestamp is {age:.0f} s old, more than the {tolerance:g} s allowed "
            "(a replay, or a clock far behind)",
            "stale timestamp",
        )
    if -age > tolerance:
        raise _fail(
            f"its timestamp is {-age:.0f} s in the future, more than the {tolerance:g} s allowed",
            "future timestamp",
        )
    expected = signature(data, key, stamp)
    if not hmac.compare_digest(expected.encode(), given.strip().encode("utf-8", "replace")):
        raise _fail(
            "the signature does not match the body and timestamp for this secret token",
            "bad signature",
        )


def url_validation_response(plain_token: str, secret: str | bytes) -> dict[str, str]:
    """The answer to Zoom's ``endpoint.url_validation`` event: the token, and its hex
    HMAC-SHA256 keyed with ``secret`` (sent back as JSON with status 200, within 3 seconds).

    >>> url_validation_response("qgg8vlvZRS6UYooatFL8Aw", "secret-token")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'plainToken': 'qgg8vlvZRS6UYooatFL8Aw',
     'encryptedToken': '5b72bd117f184f54093c1c3c11499c1d13e6d56dc0d96e6b78fbfecedc953b75'}
    """
    if not isinstance(plain_token, str) or not plain_token:
        raise ValueError("plainToken must be a non-empty string")
    digest = hmac.new(_secret(secret), plain_token.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"plainToken": plain_token, "encryptedToken": digest}
