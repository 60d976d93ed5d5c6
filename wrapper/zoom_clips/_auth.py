"""Zoom's auth schemes as ``httpx.Auth`` flows; one flow object serves sync and async clients.

Server-to-Server OAuth and user OAuth fetch a token from Zoom's token endpoint *through the flow*:
the flow yields the token request, httpx sends it with the same client and transport, and the flow
reads the answer itself, within ``_small_bodies``' cap (a gzip bomb is refused, not inflated).
The token is cached on the auth object and shared by every thread and task that uses it.
Fetching is single-flight: ``sync_auth_flow`` holds a ``threading.Lock`` and ``async_auth_flow``
an ``asyncio.Lock`` (one per event loop) while a token request is in flight, and every request
queued behind that fetch takes its outcome, a failure too: 50 requests on a cold cache cause one
token request, whether it succeeds or not.

What the answer means is ``_token_answer``'s: a 5xx or 429 raises a typed error that the client's
request path retries under its ``RetryPolicy`` and sleep, as it would the API's own answer.

Zoom reports that a new token can invalidate older ones, which is one more reason to fetch once. On
a 401 with code 124 ("Invalid access token"), or saying "Access token is expired.", the flow
fetches a new token, unless another request already replaced the one that failed, and retries
the request once. The flow reads no other answer's body: the request path reads it within its
bounds.
"""

from __future__ import annotations

import base64
import logging
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from typing import TYPE_CHECKING, Any

import attrs
import httpx

from ._errors import error_body
from ._redirects import is_loopback, token_may_go
from ._small_bodies import aread_small, read_small
from ._token_answer import TokenFetchAbandoned, issued_token

if TYPE_CHECKING:
    import asyncio

__all__ = [
    "DEFAULT_TOKEN_URL",
    "BearerToken",
    "ServerToServerOAuth",
    "TokenPair",
    "UserOAuth",
    "require_secure_url",
]

logger = logging.getLogger("zoom_clips")

# Quirk oauth-urls-empty: the spec's oauth2 scheme has an empty tokenUrl; this is Zoom's real one.
DEFAULT_TOKEN_URL = "https://zoom.us/oauth/token"  # noqa: S105 -- a URL, not a password

EXPIRED_TOKEN_CODE = 124
#: Zoom's other answer to an expired token (ZOOM-FACTS, "More error shapes"), lowercased.
EXPIRED_TOKEN_MESSAGE = "access token is expired"  # noqa: S105 -- Zoom's words, not a secret
# Refresh this long before Zoom's expiry, so a token never expires between check and use; a
# short-lived token is refreshed a tenth of its lifetime early instead, or it would never be reused.
EXPIRY_MARGIN_SECONDS = 60.0
#: Who answered, in the messages of a token answer that could not be read.
_TOKEN_ENDPOINT = "the token endpoint"  # noqa: S105 -- words, not a secret


def refresh_at(now: float, expires_in: float) -> float:
    """When to stop trusting a token that Zoom said expires in ``expires_in`` seconds."""
    return now + expires_in - min(EXPIRY_MARGIN_SECONDS, expires_in / 10)


def require_secure_url(url: str, *, what: str) -> None:
    """Refuse to send credentials to ``url`` unless it is https, or http on a loopback host.

    Raises ``ValueError`` naming ``what`` and the URL (URLs here carry no secrets).
    """
    parsed = httpx.URL(url)
    if parsed.scheme == "https":
        return
    if parsed.scheme == "http" and is_loopback(parsed.host):
        return
    raise ValueError(
        f"{what} {url!r} would carry credentials in clear text: use https:// "
        "(plain http:// is accepted only for loopback hosts such as 127.0.0.1)"
    )


def _hidden(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen
class TokenPair:
    """A user OAuth token pair as Zoom issued it; the tokens never show in ``repr``/``str``."""

    access_token: str = attrs.field(repr=_hidden)
    refresh_token: str = attrs.field(repr=_hidden)
    expires_in: float
    scope: str | None = None


class _CachedTokenAuth(httpx.Auth):
    """Shared machinery: a cached bearer token, single-flight fetching, the 401/124 retry."""

    def __init__(self, *, token_url: str, clock: Callable[[], float]) -> None:
        require_secure_url(token_url, what="token_url")
        self.token_url = token_url
        self._issuer = httpx.URL(token_url)  # parsed once: every request is judged against it
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        # How many token fetches have ended, and how the last one failed (None: it succeeded).
        # A request notes the count before queueing for the lock; finding it moved once it holds
        # the lock, it takes that fetch's outcome instead of fetching again.
        self._fetches = 0
        self._failure: Exception | None = None
        self._thread_lock = threading.Lock()
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    # -- what subclasses provide ----------------------------------------------------------------

    def _token_form(self) -> dict[str, str]:
        raise NotImplementedError

    def _basic_credentials(self) -> tuple[str, str]:
        raise NotImplementedError

    def _accept_token_body(self, body: dict[str, Any], lifetime: float) -> None:
        """Hook for a subclass that needs more of the token response (the rotated refresh token)."""

    # -- pure decisions shared by both flows ----------------------------------------------------

    def _usable_token(self) -> str | None:
        if self._token is not None and self._clock() < self._expires_at:
            return self._token
        return None

    def _token_request(
        self, stale: str | None, api_request: httpx.Request, seen: int
    ) -> httpx.Request | None:
        """The token request to send, or ``None`` if the cache already holds a fresh token.

        ``stale`` is a token Zoom just refused: a cached token equal to it does not count.
        ``seen`` is ``_fetches`` when the request queued for the lock: a fetch that ended since
        hands it its outcome (raised again here, if it failed), even a short-lived token.
        """
        if stale is not None and self._token == stale:
            self._token = None  # Zoom refused it: not used again, even if this fetch fails
        if self._fetches != seen:
            if self._failure is not None:
                # The same error object for every request queued behind the failed fetch, as
                # concurrent.futures hands one exception to every caller of result().
                raise self._failure
            if self._token is not None and self._token != stale:
                return None
        cached = self._usable_token()
        if cached is not None and cached != stale:
            return None
        client_id, client_secret = self._basic_credentials()
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode("ascii")
        logger.debug("fetching a new access token from %s", self.token_url)
        return httpx.Request(
            "POST",
            self.token_url,
            data=self._token_form(),
            headers={"Authorization": f"Basic {basic}", "Accept": "application/json"},
            # A request a flow yields skips the client's defaults: carry the API call's timeout.
            extensions={"timeout": api_request.extensions.get("timeout", {})},
        )

    def _accept_token_response(self, response: httpx.Response) -> None:
        """Cache the token a (read) token answer carries, or raise its typed error."""
        issued = issued_token(response, self.token_url)
        self._accept_token_body(issued.body, issued.lifetime)
        self._token = issued.access_token
        self._expires_at = refresh_at(self._clock(), issued.lifetime)
        self._settle(None)

    def _settle(self, failure: Exception | None) -> None:
        """Record how a fetch ended, for the requests queued behind it (called under the lock)."""
        self._fetches += 1
        self._failure = failure

    def _abandoned(self, stop: GeneratorExit, token_request: httpx.Request) -> None:
        """httpx closed the flow while its token request was out: it failed in transport (or
        its caller was cancelled). The requests queued behind it get ``TokenFetchAbandoned``
        (naming the transport error when the flow can see it), which they may retry."""
        cause: BaseException | None = stop.__context__
        for _ in range(4):  # through a wrapping flow's own GeneratorExit (RateLimitedAuth)
            if cause is None or isinstance(cause, httpx.TransportError):
                break
            cause = cause.__context__
        known = isinstance(cause, httpx.TransportError)
        detail = f": {type(cause).__name__}: {cause}" if known else ""
        self._settle(
            TokenFetchAbandoned(
                f"the token request this call waited for did not complete{detail}",
                request=token_request,
            )
        )

    def _goes_to_issuer(self, request: httpx.Request) -> bool:
        """Whether ``request`` may carry this auth's token at all (``_redirects.token_may_go``:
        a Zoom token only to Zoom's hosts, another server's never to Zoom's); when not, the
        request goes without it and no token is fetched for it."""
        if token_may_go(self._issuer, request.url):
            return True
        logger.debug(
            "not sending the token from %s to %s: another issuer's host",
            self.token_url,
            request.url.host,
        )
        request.headers.pop("Authorization", None)
        return False

    def _authorize(self, request: httpx.Request) -> str:
        token = self._token or ""
        request.headers["Authorization"] = f"Bearer {token}"
        return token

    @staticmethod
    def _is_expired_token(response: httpx.Response) -> bool:
        """A 401 saying the token is no longer good: code 124, or Zoom's other wording of it,
        "Access token is expired." (whatever code comes with it)."""
        if response.status_code != 401:
            return False
        code, message = error_body(response)
        return code == EXPIRED_TOKEN_CODE or (
            message is not None and message.strip().lower().startswith(EXPIRED_TOKEN_MESSAGE)
        )

    def _async_lock(self) -> asyncio.Lock:
        import asyncio  # noqa: PLC0415 -- only an async flow needs it: sync apps never load asyncio

        loop = asyncio.get_running_loop()
        with self._thread_lock:
            lock = self._async_locks.get(loop)
            if lock is None:
                lock = self._async_locks[loop] = asyncio.Lock()
            return lock

    # -- the two flows: the same steps, each under its own kind of lock -------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._goes_to_issuer(request):
            yield request
            return
        stale: str | None = None
        for attempt in range(2):
            seen = self._fetches
            if attempt == 1 or self._usable_token() is None:
                with self._thread_lock:
                    token_request = self._token_request(stale, request, seen)
                    if token_request is not None:
                        try:
                            token_response = yield token_request
                            read_small(token_response, what=_TOKEN_ENDPOINT)
                            self._accept_token_response(token_response)
                        except GeneratorExit as stop:
                            self._abandoned(stop, token_request)
                            raise
                        except Exception as exc:
                            self._settle(exc)
                            raise
            used = self._authorize(request)
            response = yield request
            if attempt == 1 or response.status_code != 401:
                return  # the body is the caller's to read, within its bounds (_bodies)
            read_small(response, what="Zoom")  # a 401's error body: small, or refused
            if not self._is_expired_token(response):
                return
            logger.debug("access token refused (code 124): fetching a new one and retrying once")
            stale = used

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if not self._goes_to_issuer(request):
            yield request
            return
        stale: str | None = None
        for attempt in range(2):
            seen = self._fetches
            if attempt == 1 or self._usable_token() is None:
                async with self._async_lock():
                    token_request = self._token_request(stale, request, seen)
                    if token_request is not None:
                        try:
                            token_response = yield token_request
                            await aread_small(token_response, what=_TOKEN_ENDPOINT)
                            self._accept_token_response(token_response)
                        except GeneratorExit as stop:
                            self._abandoned(stop, token_request)
                            raise
                        except Exception as exc:
                            self._settle(exc)
                            raise
            used = self._authorize(request)
            response = yield request
            if attempt == 1 or response.status_code != 401:
                return  # the body is the caller's to read, within its bounds (_bodies)
            await aread_small(response, what="Zoom")  # a 401's error body: small, or refused
            if not self._is_expired_token(response):
                return
            logger.debug("access token refused (code 124): fetching a new one and retrying once")
            stale = used


class ServerToServerOAuth(_CachedTokenAuth):
    """Server-to-Server OAuth (``grant_type=account_credentials``), shared across threads and tasks.

    >>> auth = ServerToServerOAuth(account_id="acct", client_id="id", client_secret="s3cret")
    >>> "s3cret" in repr(auth)
    False
    """

    def __init__(
        self,
        *,
        account_id: str,
        client_id: str,
        client_secret: str,
        token_url: str = DEFAULT_TOKEN_URL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        for name, value in (
            ("account_id", account_id),
            ("client_id", client_id),
            ("client_secret", client_secret),
        ):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string")
        super().__init__(token_url=token_url, clock=clock)
        self.account_id = account_id
        self.client_id = client_id
        self._client_secret = client_secret

    def __repr__(self) -> str:
        return (
            f"ServerToServerOAuth(account_id={self.account_id!r}, client_id={self.client_id!r}, "
            f"client_secret='***', token_url={self.token_url!r})"
        )

    def _token_form(self) -> dict[str, str]:
        return {"grant_type": "account_credentials", "account_id": self.account_id}

    def _basic_credentials(self) -> tuple[str, str]:
        return self.client_id, self._client_secret


class UserOAuth(_CachedTokenAuth):
    """User-level OAuth with a rotating refresh token.

    Each refresh returns a new refresh token and invalidates the old one, so every new pair goes to
    ``on_token`` for the app to persist. Pass ``access_token`` to start from a token already held.
    """

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        on_token: Callable[[TokenPair], None] | None = None,
        access_token: str | None = None,
        token_url: str = DEFAULT_TOKEN_URL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        for name, value in (
            ("client_id", client_id),
            ("client_secret", client_secret),
            ("refresh_token", refresh_token),
        ):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string")
        super().__init__(token_url=token_url, clock=clock)
        self.client_id = client_id
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self._on_token = on_token
        if access_token:
            # Its expiry is unknown: use it until Zoom answers 401/124, then refresh.
            self._token = access_token
            self._expires_at = float("inf")

    def __repr__(self) -> str:
        return (
            f"UserOAuth(client_id={self.client_id!r}, client_secret='***', refresh_token='***', "
            f"token_url={self.token_url!r})"
        )

    def _token_form(self) -> dict[str, str]:
        return {"grant_type": "refresh_token", "refresh_token": self._refresh_token}

    def _basic_credentials(self) -> tuple[str, str]:
        return self.client_id, self._client_secret

    def _accept_token_body(self, body: dict[str, Any], lifetime: float) -> None:
        refresh = body.get("refresh_token")
        if isinstance(refresh, str) and refresh:
            self._refresh_token = refresh
        if self._on_token is not None:
            scope = body.get("scope")
            self._on_token(
                TokenPair(
                    access_token=str(body["access_token"]),
                    refresh_token=self._refresh_token,
                    expires_in=lifetime,
                    scope=scope if isinstance(scope, str) else None,
                )
            )


class BearerToken(httpx.Auth):
    """A static access token (``ZOOM_ACCESS_TOKEN``); it is never refreshed."""

    def __init__(self, token: str) -> None:
        if not isinstance(token, str) or not token:
            raise ValueError("token must be a non-empty string")
        self._token = token

    def __repr__(self) -> str:
        return "BearerToken(token='***')"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request
