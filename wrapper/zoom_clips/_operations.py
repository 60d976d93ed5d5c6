"""``client.operations`` and ``client.request``: every operation Zoom publishes, through the one
request path.

``client.operations.endpoints.<operation>`` and ``client.operations.master.<operation>`` are the
classes the generator writes from each vendored spec (``scripts/templates/api_init.py.jinja``:
one method per operation, named after its generated module, with the generated function's
arguments). They build each request with the operation's generated ``_get_kwargs`` and hand it
here, to a sender that sends it through the client's ``_send`` (auth, retries, the category's
rate limit, typed errors, the redirect and token policy, the file API's URL for uploads) and
reads a success with the operation's generated ``_parse_response``. Nothing is written per
operation: a spec update that adds one makes it callable once ``make generate`` has run.

The generated packages are imported on first use of ``client.operations.<spec>``, so
``import zoom_clips`` does not pay for them.

``client.request(method, path, ...)`` is the escape hatch for what no vendored spec has yet
(openai-python's ``client.get``/``client.post``): the same request path, the ``httpx.Response``
back, a status >= 400 raised as the typed error.
"""

from __future__ import annotations

import json as jsonlib
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._errors import APIResponseValidationError
from ._resource import AsyncAPIResource, SyncAPIResource
from ._responses import BodyCutShortError, Parse
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from zoom_clips_api import api as master_api
    from zoom_clips_endpoints_api import api as endpoints_api

__all__ = [
    "IDEMPOTENT_METHODS",
    "AsyncOperations",
    "Operations",
    "RawResponse",
    "is_idempotent",
    "operation_parse",
    "raw_request_kwargs",
]

T = TypeVar("T")

#: Methods a server may receive twice with the effect of once (RFC 9110): only these are resent
#: after a 5xx or a dropped connection. A 429 is resent for any method (Zoom did nothing).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_METHODS = frozenset({*IDEMPOTENT_METHODS, "POST", "PATCH"})
#: The specs ``client.operations`` serves, by the name ``make update-spec NAME=`` uses.
SPECS = ("endpoints", "master")


def is_idempotent(method: str) -> bool:
    """Whether a request with ``method`` may be resent after a failure Zoom may have acted on."""
    return method.upper() in IDEMPOTENT_METHODS


class RawResponse(Generic[T]):
    """An answer as Zoom sent it, and its parsed value on demand (openai-python's raw response).

    >>> raw = client.operations.endpoints.with_raw_response.get_clip_by_id("id")  # doctest: +SKIP
    >>> raw.status_code, raw.tracking_id, raw.headers["x-ratelimit-remaining"]  # doctest: +SKIP
    >>> clip = raw.parse()  # doctest: +SKIP
    """

    def __init__(self, response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = response
        self._parse = parse

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url.path}>"

    @property
    def status_code(self) -> int:
        """The HTTP status of the answer."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (rate-limit counters among them)."""
        return self.http_response.headers

    @property
    def tracking_id(self) -> str | None:
        """Zoom's ``x-zm-trackingid``, for support requests (``None`` when absent)."""
        value: str | None = self.http_response.headers.get("x-zm-trackingid")
        return value

    def parse(self) -> T:
        """The operation's value: its generated model, or ``None`` for an answer without one."""
        return self._parse()


def operation_parse(
    parse: Callable[[httpx.Response], Any], statuses: tuple[int, ...]
) -> Parse[Any]:
    """How the request path reads a generated operation's success.

    ``parse`` is the operation's generated ``_parse_response``; ``statuses`` its documented
    2xx statuses. An answer without content is ``None``. A 2xx the spec does not document (a
    200 where it says 201) is read as the documented one. A body that is not JSON is retried as
    a cut-short body; JSON of another shape (a required field missing, a wrong type) is an
    ``APIResponseValidationError``. Unknown fields and enum values are kept by the generated
    models themselves (the generator's templates).
    """

    def read(response: httpx.Response, policy: RetryPolicy) -> Any:
        if not 200 <= response.status_code < 300 or not response.content:
            return None
        documented = response
        if statuses and response.status_code not in statuses:
            documented = httpx.Response(
                statuses[0],
                headers=response.headers,
                content=response.content,
                request=response.request,
            )
        try:
            return parse(documented)
        except (jsonlib.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BodyCutShortError(
                f"Zoom answered {response.status_code} with a body that is not JSON: {exc}",
                response=response,
            ) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            path = response.request.url.path
            raise APIResponseValidationError(
                f"Zoom's {response.status_code} answer to {response.request.method} {path} "
                f"does not match the spec: {type(exc).__name__}: {exc}",
                response=response,
            ) from exc

    return read


def raw_request_kwargs(
    method: object,
    path: object,
    *,
    params: Mapping[str, Any] | None,
    json: Any,
    headers: Mapping[str, str] | None,
) -> dict[str, Any]:
    """The request of ``client.request``, its arguments checked before anything is sent."""
    if not isinstance(method, str) or method.upper() not in _METHODS:
        known = ", ".join(sorted(_METHODS))
        raise ValueError(f"method must be one of {known}, not {method!r}")
    if not isinstance(path, str) or not path.strip("/"):
        raise ValueError(f"path must be a path under the API's base URL, not {path!r}")
    url = httpx.URL(path)
    if url.scheme or url.host or path.startswith("//"):
        # The client's token goes only where its base URL points: never to a URL given here.
        raise ValueError(
            f"path must be relative to the client's base URL (like '/clips/abc'), not {path!r}"
        )
    if "?" in path or "#" in path:
        raise ValueError("pass query parameters as params=, not in the path")
    if params is not None and not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping, not {type(params).__name__}")
    if headers is not None and not isinstance(headers, Mapping):
        raise TypeError(f"headers must be a mapping, not {type(headers).__name__}")
    kwargs: dict[str, Any] = {"method": method.upper(), "url": "/" + path.lstrip("/")}
    if params:
        kwargs["params"] = dict(params)
    if json is not None:
        kwargs["json"] = json
    if headers:
        kwargs["headers"] = dict(headers)
    return kwargs


# -- the senders the generated classes send through -----------------------------------------------


class _Sender(SyncAPIResource):
    """``zoom_clips_*_api.api.Sender`` over a ``ZoomClips``: its ``_send``, nothing else."""

    def send(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], Any],
        statuses: tuple[int, ...],
    ) -> Any:
        return self.send_raw(kwargs, parse, statuses).parse()

    def send_raw(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], Any],
        statuses: tuple[int, ...],
    ) -> RawResponse[Any]:
        value, response = self._send(
            kwargs, operation_parse(parse, statuses), idempotent=is_idempotent(kwargs["method"])
        )
        return RawResponse(response, lambda: value)


class _AsyncSender(AsyncAPIResource):
    """``zoom_clips_*_api.api.AsyncSender`` over an ``AsyncZoomClips``."""

    async def send(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], Any],
        statuses: tuple[int, ...],
    ) -> Any:
        return (await self.send_raw(kwargs, parse, statuses)).parse()

    async def send_raw(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], Any],
        statuses: tuple[int, ...],
    ) -> RawResponse[Any]:
        value, response = await self._send(
            kwargs, operation_parse(parse, statuses), idempotent=is_idempotent(kwargs["method"])
        )
        return RawResponse(response, lambda: value)


def _no_spec(owner: object, name: str) -> AttributeError:
    import difflib  # noqa: PLC0415 -- only a typo pays for it

    close = difflib.get_close_matches(name, SPECS, n=2, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else f" (the specs: {', '.join(SPECS)})"
    return AttributeError(f"{type(owner).__name__} has no spec {name!r}{hint}")


class Operations(SyncAPIResource):
    """``client.operations``: ``.endpoints`` (spec/endpoints.json) and ``.master`` (master.json).

    >>> client.operations.endpoints.get_clip_by_id("clip-id").title  # doctest: +SKIP
    >>> client.operations.endpoints.updateclipssharesetting(  # doctest: +SKIP
    ...     "clip-id", body={"share_scope": "SAME_ORGANIZATON"})
    >>> client.operations.master.get_user_clips("account-id", from_="2025-01-01")  # doctest: +SKIP
    """

    @cached_property
    def _sender(self) -> _Sender:
        return _Sender(self._client)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {', '.join(SPECS)}>"

    @cached_property
    def endpoints(self) -> endpoints_api.Operations:
        """Every operation of spec/endpoints.json (the Clips API under ``/clips``)."""
        from zoom_clips_endpoints_api import api  # noqa: PLC0415 -- loaded on first use

        return api.Operations(self._sender)

    @cached_property
    def master(self) -> master_api.Operations:
        """Every operation of spec/master.json (the master account's listing)."""
        from zoom_clips_api import api  # noqa: PLC0415 -- loaded on first use

        return api.Operations(self._sender)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            raise _no_spec(self, name)


class AsyncOperations(AsyncAPIResource):
    """``aclient.operations``: ``Operations`` with every method awaitable."""

    @cached_property
    def _sender(self) -> _AsyncSender:
        return _AsyncSender(self._client)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {', '.join(SPECS)}>"

    @cached_property
    def endpoints(self) -> endpoints_api.AsyncOperations:
        """Every operation of spec/endpoints.json, awaitable."""
        from zoom_clips_endpoints_api import api  # noqa: PLC0415 -- loaded on first use

        return api.AsyncOperations(self._sender)

    @cached_property
    def master(self) -> master_api.AsyncOperations:
        """Every operation of spec/master.json, awaitable."""
        from zoom_clips_api import api  # noqa: PLC0415 -- loaded on first use

        return api.AsyncOperations(self._sender)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            raise _no_spec(self, name)


def keep_response(response: httpx.Response, policy: RetryPolicy) -> httpx.Response:
    """The parse of ``client.request``: the response itself (errors raised before it)."""
    return response
