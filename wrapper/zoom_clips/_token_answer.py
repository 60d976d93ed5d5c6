"""What the token endpoint's answer means: a token and how long to trust it, or a typed error.

The answer, already read within ``_small_bodies``' cap, is one of:

- a 200 with a usable ``access_token``: an ``IssuedToken``, its lifetime clamped between
  ``MIN_TOKEN_LIFETIME`` and ``MAX_TOKEN_LIFETIME`` (a lifetime of 0, -5, 401 digits, ``NaN`` or
  ``"soon"`` never makes a fetch before every call, nor a raw ``OverflowError``);
- a 5xx or a 429: ``TokenServerError`` / ``TokenRateLimitError``, an ``InternalServerError`` /
  ``RateLimitError`` that the request path retries under the client's ``RetryPolicy``, as it
  would the API's own answer (the API request was never sent);
- anything else (a 400/401 refusal, a redirect, a 200 without a token): ``AuthenticationError``.

No message ever carries the request's credentials: only the status and Zoom's reason.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any, TypeGuard

import attrs
import httpx

from ._errors import (
    APIStatusError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
    describe,
)
from ._retry import is_daily_limit, reset_time

__all__ = [
    "DEFAULT_TOKEN_LIFETIME",
    "MAX_TOKEN_LIFETIME",
    "MIN_TOKEN_LIFETIME",
    "IssuedToken",
    "TokenEndpointError",
    "TokenFetchAbandoned",
    "TokenRateLimitError",
    "TokenServerError",
    "issued_token",
    "token_lifetime",
]

#: What a token answer without a readable ``expires_in`` is trusted for: Zoom's hour.
DEFAULT_TOKEN_LIFETIME = 3600.0
#: A token is trusted at least this long, whatever ``expires_in`` says (0 or below included), so
#: a server's odd lifetime never makes a token fetch before every call.
MIN_TOKEN_LIFETIME = 60.0
#: And at most a day (Zoom's tokens last an hour): an ``expires_in`` of 401 digits or ``inf``
#: is clamped here; a token that dies earlier is replaced on Zoom's 401 code 124.
MAX_TOKEN_LIFETIME = 86400.0


class TokenEndpointError(Exception):
    """Marks a typed error as the token endpoint's retryable answer (a 5xx, a 429): the request
    path retries it under the client's policy, as the API request it stood for was never sent."""

    response: httpx.Response


class TokenServerError(TokenEndpointError, InternalServerError):
    """The token endpoint answered 5xx (an ``InternalServerError``)."""


class TokenRateLimitError(TokenEndpointError, RateLimitError):
    """The token endpoint answered 429 (a ``RateLimitError``)."""


class TokenFetchAbandoned(httpx.ConnectError):
    """What a request queued behind a token fetch gets when that fetch's request failed in
    transport (or its caller was cancelled): the queued request was never sent (hence a
    ``ConnectError``, which every request path may retry), and fetches anew if it retries."""


@attrs.frozen
class IssuedToken:
    """A token the endpoint issued, how long to trust it, and the answer's JSON object."""

    access_token: str = attrs.field(repr=False)
    lifetime: float
    body: dict[str, Any] = attrs.field(repr=False)


def token_lifetime(expires_in: object) -> float:
    """Seconds to trust a token whose answer said ``expires_in`` (a number, or a numeric string
    as some OAuth servers send), clamped to ``[MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME]``;
    missing or unreadable means ``DEFAULT_TOKEN_LIFETIME``.

    >>> token_lifetime(3599), token_lifetime(0), token_lifetime(10**401), token_lifetime("x")
    (3599.0, 60.0, 86400.0, 3600.0)
    """
    value: float | int
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float | str):
        return DEFAULT_TOKEN_LIFETIME
    if isinstance(expires_in, str):
        try:
            value = float(expires_in)
        except ValueError:
            return DEFAULT_TOKEN_LIFETIME
    else:
        value = expires_in  # an int stays an int: float() of 401 digits would overflow
    if isinstance(value, float) and math.isnan(value):
        return DEFAULT_TOKEN_LIFETIME
    return float(max(MIN_TOKEN_LIFETIME, min(MAX_TOKEN_LIFETIME, value)))


def _usable(token: object) -> TypeGuard[str]:
    """A bearer token fit for a header: visible ASCII, no spaces (RFC 6750's b64token and more)."""
    return (
        isinstance(token, str)
        and bool(token)
        and token.isascii()
        and token.isprintable()
        and " " not in token
    )


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = json.loads(response.content)
    except ValueError:  # not JSON, not UTF-8, or an integer past Python's digit limit
        return None
    return body if isinstance(body, dict) else None


def _reason(response: httpx.Response) -> str | None:
    """The token endpoint's reason (``{"reason", "error"}`` or OAuth's fields), if it gave one."""
    body = _json_object(response) or {}
    for key in ("reason", "error_description", "message", "error"):
        if isinstance(body.get(key), str):
            return str(body[key])
    return None


def _error(response: httpx.Response, token_url: str) -> APIStatusError:
    """The typed error of a token answer that is not a 200."""
    status = response.status_code
    reason = _reason(response)
    text = describe(response, None, reason)
    if status >= 500:
        return TokenServerError(
            f"the token endpoint could not issue a token: {text}", response=response, message=reason
        )
    if status == 429:
        return TokenRateLimitError(
            f"the token endpoint is rate limiting: {text}",
            response=response,
            message=reason,
            limit_type=response.headers.get("x-ratelimit-type")
            or ("Daily-limit" if is_daily_limit(response) else None),
            retry_after=reset_time(response, now=datetime.now(UTC)),
        )
    if 300 <= status < 400:
        return AuthenticationError(
            f"the token endpoint answered {status}, a redirect, which is not followed: the "
            f"credentials go only to {token_url}",
            response=response,
            message=reason,
        )
    return AuthenticationError(
        f"the token endpoint refused the credentials: {text}", response=response, message=reason
    )


def issued_token(response: httpx.Response, token_url: str) -> IssuedToken:
    """The token a (read) token answer carries, or its typed error."""
    if response.url != httpx.URL(token_url):
        # Reached through a redirect the caller's httpx client followed: not the issuer's word.
        raise AuthenticationError(
            f"the token endpoint redirected the token request to {response.url.host}: the "
            f"credentials go only to {token_url}",
            response=response,
        )
    if response.status_code != 200:
        raise _error(response, token_url)
    body = _json_object(response) or {}
    token = body.get("access_token")
    if not _usable(token):
        raise AuthenticationError(
            "Zoom's token endpoint answered 200 without a usable access_token",
            response=response,
        )
    return IssuedToken(token, token_lifetime(body.get("expires_in")), body)
