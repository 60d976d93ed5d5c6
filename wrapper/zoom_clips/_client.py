"""``ZoomClips`` and ``AsyncZoomClips``: the clients apps use.

A client is a thin shell that owns the transport, auth, rate limit and retries. Its resources
(``client.clips`` with ``.collaborators`` and ``.comments``, in ``_resources/``) build each request
with the generated code and send it through the client's one request path, ``_send``: auth,
retries, typed errors, and the operation's own ``parse`` of the answer (``_responses``). Both
clients share everything but I/O: their arguments, URLs and environment (``_base_client``), what
an attempt's outcome means and when to retry it (``_retry``) and where a redirect goes
(``_redirects``). Each runs one short retry
loop around its own ``httpx`` client, with an injectable sleep.

Requests are built by the generated ``_get_kwargs`` functions and sent with the wrapper's own
httpx client, auth and transport, rather than through ``sync_detailed``/``asyncio_detailed``,
which parse every 200 eagerly with the generated ``from_dict`` (quirk ``generated-parse-eager``).
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import (
    Awaitable,
    Callable,
    Mapping,
)
from contextlib import ExitStack
from types import TracebackType
from typing import Any, Self, TypeVar

import attrs
import httpx

from ._base_client import (
    DEFAULT_BASE_URL,
    DEFAULT_FILE_BASE_URL,
    FILE_API_PATHS,
    Auth,
    BaseZoomClips,
    follows,
)
from ._bodies import aread_capped, read_capped
from ._errors import RedirectError
from ._logs import log_response, setup_logging
from ._operations import (
    AsyncOperations,
    Operations,
    is_idempotent,
    keep_response,
    raw_request_kwargs,
)
from ._ratelimit import RateLimit, RateLimitedAuth, RequestRateLimiter, resolve_rate_limits
from ._redirects import Hop, next_hop
from ._resources import AsyncClips, Clips
from ._resources._upload_body import Body
from ._responses import Parse, page_from_response
from ._retry import RetryPolicy
from ._retry._attempt import (
    RETRYABLE_ERRORS,
    Wait,
    after_failure,
    connection_error,
    outcome_of,
    token_retry,
)
from ._token_answer import TokenEndpointError

# page_from_response is re-exported: the fuzz tests and bench_1_parse measure it from here;
# the default URLs are the base client's.
__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_FILE_BASE_URL",
    "FILE_API_PATHS",
    "AsyncZoomClips",
    "ZoomClips",
    "page_from_response",
]

T = TypeVar("T")

logger = logging.getLogger("zoom_clips")

# Enough to page a year's 12-13 windows at once, and to keep Zoom's 80 requests/s (Business)
# flowing at 200 ms a round trip.
DEFAULT_MAX_CONCURRENCY = 16


async def _asyncio_sleep(seconds: float) -> None:
    """``asyncio.sleep``, the async client's default sleep, without loading asyncio before then."""
    import asyncio  # noqa: PLC0415 -- first needed here: sync apps never load asyncio

    await asyncio.sleep(seconds)


# -- the clients -----------------------------------------------------------------------------------


class ZoomClips(BaseZoomClips):
    """The synchronous client.

    >>> with ZoomClips(auth=ServerToServerOAuth(account_id="a", client_id="i",
    ...                client_secret="s")) as client:  # doctest: +SKIP
    ...     for clip in client.clips.list("a", from_=date(2025, 1, 1), to=date(2025, 3, 31)):
    ...         print(clip.title)

    ``http_client`` lets a caller bring its own ``httpx.Client`` (it is not closed by ``close``);
    ``sleep`` and ``retry_policy`` are injectable so tests never wait.
    """

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str = DEFAULT_BASE_URL,
        file_base_url: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retry_policy: RetryPolicy | None = None,
        multipart_threshold: int | None = None,
        part_size: int | None = None,
    ) -> None:
        super().__init__(
            auth=auth,
            base_url=base_url,
            file_base_url=file_base_url,
            max_retries=max_retries,
            policy=retry_policy,
            multipart_threshold=multipart_threshold,
            part_size=part_size,
        )
        # The auth every request goes through: the client's own (the sync client has no rate
        # limiter; the async client's wraps its auth in one).
        self._request_auth: httpx.Auth = self._auth
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=timeout)
        self._sleep = sleep
        #: ``httpx`` arguments of every request (``with_options(timeout=...)``).
        self._bind_resources()
        setup_logging()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from ``ZOOM_*`` environment variables (see the README)."""
        auth, urls = cls._auth_from_env(os.environ if env is None else env)
        return cls(auth=auth, **(urls | kwargs))

    def _send(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        idempotent: bool = True,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """Send a generated ``_get_kwargs`` request: auth, retries, ``parse`` or a typed error.

        Every operation of every resource goes through here. ``idempotent=False`` (a transfer)
        resends only what Zoom cannot have acted on: a 429 or a connection never made. ``body``
        builds the request's ``files=``/``data=`` afresh for each attempt (an upload's file is
        reopened). ``follow_redirects`` follows 30x answers (``_redirects``), the token
        going along only where ``_redirects.keeps_authorization`` allows.
        """
        method, url, extra = self._prepare(kwargs)
        attempt = 0
        while True:
            try:
                response = self._exchange(Hop(method, url, extra, True), body, follow_redirects)
            except RETRYABLE_ERRORS as exc:
                delay = after_failure(
                    self._policy, attempt, method, url, exc, idempotent=idempotent
                )
                if delay is None:
                    raise connection_error(exc) from exc
            except httpx.TransportError as exc:
                raise connection_error(exc) from exc
            except TokenEndpointError as exc:
                delay = token_retry(self._policy, attempt, exc)
                if delay is None:
                    raise
            else:
                if logger.isEnabledFor(logging.INFO):
                    log_response(response)
                outcome = outcome_of(
                    self._policy, attempt, method, url, response, parse=parse, idempotent=idempotent
                )
                if not isinstance(outcome, Wait):
                    return outcome, response
                delay = outcome.seconds
            self._sleep(delay)
            attempt += 1

    def _exchange(self, first: Hop, body: Body | None, follow_redirects: bool) -> httpx.Response:
        """One attempt: the request, then the redirects it may follow (at most ``MAX_HOPS``), and
        the last answer's body read within the policy's deadline, stall floor and size cap."""
        hop, follow = first, follows(follow_redirects, self._http)
        for hops in itertools.count():  # next_hop ends it: MAX_HOPS redirects at most
            with ExitStack() as stack:
                content = body(stack) if body is not None and hop.keeps_body else {}
                request = self._http.build_request(
                    hop.method, hop.url, **hop.extra, **content, **self._request_options
                )
                response = self._http.send(
                    request,
                    auth=self._hop_auth(first.url, hop, self._request_auth),
                    stream=True,
                    follow_redirects=False,  # followed here, under the token rules
                )
            if not follow:
                break
            try:
                following = next_hop(response, hop.method, hop.extra, hops=hops)
            except RedirectError:
                response.close()
                raise
            if following is None:
                break
            response.close()  # a redirect's body is never read
            hop = attrs.evolve(following, keeps_body=hop.keeps_body and following.keeps_body)
        read_capped(response, self._policy, started=self._policy.clock())
        return response

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send any request under the base URL through the request path; the response back.

        For what no vendored spec has yet (use ``client.operations`` for what one has). Auth,
        retries (5xx and dropped connections only for idempotent methods), rate limits and
        typed errors apply as to every operation: a status >= 400 raises the typed error.

        >>> response = client.request("PATCH", "/clips/abc", json={"title": "Q3"})  # doctest: +SKIP
        >>> response.status_code  # doctest: +SKIP
        204
        """
        kwargs = raw_request_kwargs(method, path, params=params, json=json, headers=headers)
        response, _ = self._send(kwargs, keep_response, idempotent=is_idempotent(method))
        return response

    def _bind_resources(self) -> None:
        self.clips = Clips(self)
        #: Every operation of both vendored specs (``.endpoints``, ``.master``): ``_operations``.
        self.operations = Operations(self)

    def close(self) -> None:
        """Close the HTTP connections (unless the caller brought its own ``httpx.Client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncZoomClips(BaseZoomClips):
    """The asyncio client: ``ZoomClips``'s behaviour with ``await``/``async for``, plus fan-out.

    ``clips.list`` and ``clips.list_accounts`` page independent windows and accounts at the
    same time, at most ``max_concurrency`` requests in flight. ``rate_limit`` caps the requests
    per second of the whole client, retries included, one budget per Zoom rate-limit category
    (LIGHT, MEDIUM, UPLOAD), so a fan-out stays under Zoom's limits instead of bouncing off 429s
    and a transfer (MEDIUM) never spends the listing's (LIGHT) budget: the account's Zoom plan
    (``"free"``, ``"pro"``, ``"business"``, ... -> every category's budget on that plan), a
    mapping of category to requests/s (others unlimited), or a number (the LIGHT budget only, as
    before). ``None`` (the default) sends unthrottled. See ``zoom_clips/_ratelimit.py``.

    >>> async with AsyncZoomClips(auth=auth, rate_limit="pro") as aclient:  # doctest: +SKIP
    ...     async for account_id, clip in aclient.clips.list_accounts(
    ...         ["sub-1", "sub-2"], from_="2025-01-01", to="2025-12-31"
    ...     ):
    ...         print(account_id, clip.title)
    """

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str = DEFAULT_BASE_URL,
        file_base_url: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep,
        retry_policy: RetryPolicy | None = None,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        rate_limit: RateLimit = None,
        multipart_threshold: int | None = None,
        part_size: int | None = None,
    ) -> None:
        super().__init__(
            auth=auth,
            base_url=base_url,
            file_base_url=file_base_url,
            max_retries=max_retries,
            policy=retry_policy,
            multipart_threshold=multipart_threshold,
            part_size=part_size,
        )
        if (
            not isinstance(max_concurrency, int)
            or isinstance(max_concurrency, bool)
            or max_concurrency < 1
        ):
            raise ValueError(f"max_concurrency must be an int >= 1, not {max_concurrency!r}")
        self.max_concurrency = max_concurrency
        #: Category (``"LIGHT"``, ``"MEDIUM"``, ``"UPLOAD"``) -> the limiter its requests wait for.
        self.rate_limiters: Mapping[str, RequestRateLimiter] = {
            category: RequestRateLimiter(per_second)
            for category, per_second in resolve_rate_limits(rate_limit).items()
        }
        #: The LIGHT category's limiter (the listing's), or ``None`` when it is not limited.
        self.rate_limiter = self.rate_limiters.get("LIGHT")
        self._request_auth: httpx.Auth = (
            RateLimitedAuth(
                self._auth, self.rate_limiters, api_url=(self.base_url, self.file_base_url)
            )
            if self.rate_limiters
            else self._auth
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(timeout=timeout)
        self._sleep = sleep
        self._bind_resources()
        setup_logging()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from ``ZOOM_*`` environment variables (see the README)."""
        auth, urls = cls._auth_from_env(os.environ if env is None else env)
        return cls(auth=auth, **(urls | kwargs))

    async def _send(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        idempotent: bool = True,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """The async twin of ``ZoomClips._send`` (the same body but for ``await``)."""
        method, url, extra = self._prepare(kwargs)
        attempt = 0
        while True:
            try:
                response = await self._exchange(
                    Hop(method, url, extra, True), body, follow_redirects
                )
            except RETRYABLE_ERRORS as exc:
                delay = after_failure(
                    self._policy, attempt, method, url, exc, idempotent=idempotent
                )
                if delay is None:
                    raise connection_error(exc) from exc
            except httpx.TransportError as exc:
                raise connection_error(exc) from exc
            except TokenEndpointError as exc:
                delay = token_retry(self._policy, attempt, exc)
                if delay is None:
                    raise
            else:
                if logger.isEnabledFor(logging.INFO):
                    log_response(response)
                outcome = outcome_of(
                    self._policy, attempt, method, url, response, parse=parse, idempotent=idempotent
                )
                if not isinstance(outcome, Wait):
                    return outcome, response
                delay = outcome.seconds
            await self._sleep(delay)
            attempt += 1

    async def _exchange(
        self, first: Hop, body: Body | None, follow_redirects: bool
    ) -> httpx.Response:
        """The async twin of ``ZoomClips._exchange``."""
        hop, follow = first, follows(follow_redirects, self._http)
        for hops in itertools.count():  # next_hop ends it: MAX_HOPS redirects at most
            with ExitStack() as stack:
                content = body(stack) if body is not None and hop.keeps_body else {}
                request = self._http.build_request(
                    hop.method, hop.url, **hop.extra, **content, **self._request_options
                )
                response = await self._http.send(
                    request,
                    auth=self._hop_auth(first.url, hop, self._request_auth),
                    stream=True,
                    follow_redirects=False,  # followed here, under the token rules
                )
            if not follow:
                break
            try:
                following = next_hop(response, hop.method, hop.extra, hops=hops)
            except RedirectError:
                await response.aclose()
                raise
            if following is None:
                break
            await response.aclose()  # a redirect's body is never read
            hop = attrs.evolve(following, keeps_body=hop.keeps_body and following.keeps_body)
        await aread_capped(response, self._policy, started=self._policy.clock())
        return response

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send any request under the base URL; see ``ZoomClips.request``."""
        kwargs = raw_request_kwargs(method, path, params=params, json=json, headers=headers)
        response, _ = await self._send(kwargs, keep_response, idempotent=is_idempotent(method))
        return response

    def _bind_resources(self) -> None:
        self.clips = AsyncClips(self)
        self.operations = AsyncOperations(self)

    async def aclose(self) -> None:
        """Close the HTTP connections (unless the caller brought its own ``httpx.AsyncClient``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
