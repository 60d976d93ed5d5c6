"""The resource base (as openai-python's ``_resource.py``): the one module that knows the clients'
insides.

Every hand-written resource (``client.clips`` and its collaborators, comments, transfers,
downloads, uploads, and the listing under them) is a ``SyncAPIResource`` or an
``AsyncAPIResource`` and reaches its client only through the few entry points below: send a
generated request with its parse (``_send``, the client's one request path), sleep the client's
(injectable) sleep, read the clock and retry policy, place a spec path under its base URL, and
stream a file request with the client's own ``httpx`` client and auth. The two bases are the same
but for ``await``. Below the client, this is the only module that imports ``_client`` (for types
only), so no import cycle runs through the resources (``tests/wrapper/test_resource_base.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._resources._upload_body import Body
from ._responses import Parse
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from ._client import AsyncZoomClips, ZoomClips

__all__ = ["AsyncAPIResource", "SyncAPIResource", "WrapAuth"]

T = TypeVar("T")

#: Wraps the client's auth for a streamed request (``_download_requests.StreamingAuth``).
WrapAuth = Callable[[httpx.Auth], httpx.Auth]


class SyncAPIResource:
    """A resource of a ``ZoomClips`` client."""

    _client: ZoomClips

    def __init__(self, client: ZoomClips) -> None:
        self._client = client

    def _send(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        idempotent: bool = True,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """A generated ``_get_kwargs`` request through the client's one request path (see
        ``ZoomClips._send``): auth, retries, ``parse`` of the answer or a typed error."""
        return self._client._send(
            kwargs, parse, idempotent=idempotent, body=body, follow_redirects=follow_redirects
        )

    def _send_once(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """``_send`` without its retries: one attempt (and its redirects), or its typed error.

        For a loop that keeps one ``_retry.Budget`` across several requests (an upload's parts),
        so the request path's retries do not multiply with the loop's.
        """
        once = self._client.with_options(max_retries=0)
        return once._send(kwargs, parse, body=body, follow_redirects=follow_redirects)

    def _sleep(self, seconds: float) -> None:
        """The client's sleep (injected in tests, so nothing waits for real)."""
        self._client._sleep(seconds)

    @property
    def _policy(self) -> RetryPolicy:
        """The client's retry policy (its clock, its backoff)."""
        return self._client._policy

    def _now(self) -> datetime:
        """The current time by the client's clock."""
        return self._client._policy.now()

    def _url_for(self, path: str) -> str:
        """The absolute URL of a spec path (under ``file_base_url`` for the uploads)."""
        return self._client._url_for(path)

    def _open_stream(
        self, url: httpx.URL, headers: Mapping[str, str], auth: WrapAuth | None
    ) -> httpx.Response:
        """``GET url`` streamed (the caller closes it), with the client's ``httpx`` client and,
        if ``auth`` is given, the client's auth (the async client's: rate-limited) wrapped by it;
        redirects are not followed."""
        client = self._client
        request = client._http.build_request("GET", url, headers=headers)
        return client._http.send(
            request,
            stream=True,
            auth=auth(client._request_auth) if auth is not None else None,
            follow_redirects=False,
        )


class AsyncAPIResource:
    """A resource of an ``AsyncZoomClips`` client: ``SyncAPIResource`` with ``await``."""

    _client: AsyncZoomClips

    def __init__(self, client: AsyncZoomClips) -> None:
        self._client = client

    async def _send(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        idempotent: bool = True,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """See ``SyncAPIResource._send``."""
        return await self._client._send(
            kwargs, parse, idempotent=idempotent, body=body, follow_redirects=follow_redirects
        )

    async def _send_once(
        self,
        kwargs: Mapping[str, Any],
        parse: Parse[T],
        *,
        body: Body | None = None,
        follow_redirects: bool = False,
    ) -> tuple[T, httpx.Response]:
        """See ``SyncAPIResource._send_once``."""
        once = self._client.with_options(max_retries=0)
        return await once._send(kwargs, parse, body=body, follow_redirects=follow_redirects)

    async def _sleep(self, seconds: float) -> None:
        """The client's sleep (injected in tests, so nothing waits for real)."""
        await self._client._sleep(seconds)

    @property
    def _policy(self) -> RetryPolicy:
        """The client's retry policy (its clock, its backoff)."""
        return self._client._policy

    def _now(self) -> datetime:
        """The current time by the client's clock."""
        return self._client._policy.now()

    def _url_for(self, path: str) -> str:
        """The absolute URL of a spec path (under ``file_base_url`` for the uploads)."""
        return self._client._url_for(path)

    @property
    def _max_concurrency(self) -> int:
        """How many requests the client's fan-outs keep in flight."""
        return self._client.max_concurrency

    async def _open_stream(
        self, url: httpx.URL, headers: Mapping[str, str], auth: WrapAuth | None
    ) -> httpx.Response:
        """See ``SyncAPIResource._open_stream``."""
        client = self._client
        request = client._http.build_request("GET", url, headers=headers)
        return await client._http.send(
            request,
            stream=True,
            auth=auth(client._request_auth) if auth is not None else None,
            follow_redirects=False,
        )
