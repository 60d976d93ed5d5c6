# Generated from spec/master.json (sha256 14f2ca3894ac) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.yaml and regenerate.
"""Every operation of the spec as a method, sent through a caller's request path.

Written by zoom-clips' template (scripts/templates/api_init.py.jinja), not by hand. The classes
below do not send anything themselves: each method builds its request with the operation's
generated ``_get_kwargs`` and hands it, with the operation's generated ``_parse_response``, to a
``Sender`` (zoom_clips' one request path: auth, retries, rate limits, typed errors). Endpoint
modules are imported on first call.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar, cast

import httpx

from ..client import Client

# The models and enums of the signatures (a parameter's default may be an enum member).
from ..models.clip_list_response import ClipListResponse
from ..models.list_clips_date_filter_type import ListClipsDateFilterType
from ..models.list_clips_status import ListClipsStatus
from ..types import UNSET, Unset

__all__ = [
    "OPERATIONS",
    "AsyncOperations",
    "AsyncRawOperations",
    "AsyncSender",
    "Operations",
    "RawOperations",
    "RawResponse",
    "Sender",
    "body_of",
]

T_co = TypeVar("T_co", covariant=True)

#: Each operation's method name (its generated module's) -> ``(tag, METHOD, path)``, the path with
#: the generated parameter names.
OPERATIONS: Final[Mapping[str, tuple[str, str, str]]] = {
    "get_user_clips": (
        "list_sub_account_clips_in_account",
        "GET",
        "/accounts/{account_id}/clips",
    ),
}

#: Reads a success response into the operation's model (the generated ``_parse_response``).
Parse = Callable[[httpx.Response], Any]


class RawResponse(Protocol[T_co]):
    """An answer as received (status, headers, Zoom's tracking id) with its parsed value."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> httpx.Headers: ...

    @property
    def tracking_id(self) -> str | None: ...

    @property
    def http_response(self) -> httpx.Response: ...

    def parse(self) -> T_co: ...


class Sender(Protocol):
    """The synchronous request path the methods send through."""

    def send(
        self, kwargs: dict[str, Any], parse: Parse, statuses: tuple[int, ...]
    ) -> Any: ...

    def send_raw(
        self, kwargs: dict[str, Any], parse: Parse, statuses: tuple[int, ...]
    ) -> RawResponse[Any]: ...


class AsyncSender(Protocol):
    """The asynchronous request path the methods send through."""

    async def send(
        self, kwargs: dict[str, Any], parse: Parse, statuses: tuple[int, ...]
    ) -> Any: ...

    async def send_raw(
        self, kwargs: dict[str, Any], parse: Parse, statuses: tuple[int, ...]
    ) -> RawResponse[Any]: ...


class _JSONMapping:
    """A plain mapping sent as an operation's JSON body, exactly as given."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)


def body_of(
    value: object, kind: str, model: Callable[[Mapping[str, Any]], object] | None = None
) -> Any:
    """The body to hand to ``_get_kwargs``: a generated model as is, or a plain mapping (sent
    as JSON exactly as given; a multipart or form body is built through ``model``)."""
    if isinstance(value, Unset):
        return value
    if hasattr(value, "to_dict") and type(value).__module__.startswith(_MODELS):
        return value
    if isinstance(value, Mapping):
        if kind == "json":
            return _JSONMapping(value)
        if model is not None:
            return model(value)
        raise TypeError(
            "this operation takes several kinds of body: pass its generated model"
        )
    raise TypeError(
        f"body must be the operation's generated model or a mapping, not {type(value).__name__}"
    )


_MODELS = __name__.rsplit(".", 1)[0] + ".models."
#: ``_parse_response`` wants a client only to know whether to raise on an undocumented status.
_PARSING = Client(base_url="", raise_on_unexpected_status=False)


def _missing(owner: object, name: str) -> AttributeError:
    close = difflib.get_close_matches(name, list(OPERATIONS), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return AttributeError(f"{type(owner).__name__} has no operation {name!r}{hint}")


class Operations:
    """Every operation of the spec (synchronous)."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    @property
    def with_raw_response(self) -> RawOperations:
        """The same operations, each answering a ``RawResponse`` (status, headers, tracking id)."""
        return RawOperations(self._sender)

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    def get_user_clips(
        self,
        account_id: str,
        *,
        user_id: str | Unset = UNSET,
        search_key: str | Unset = UNSET,
        date_filter_type: ListClipsDateFilterType
        | Unset = ListClipsDateFilterType.MODIFIED_DATE,
        from_: str | Unset = UNSET,
        to: str | Unset = UNSET,
        status: ListClipsStatus | Unset = UNSET,
        page_size: int | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> ClipListResponse:
        """List all clips (``GET /accounts/{account_id}/clips``)."""
        from .list_sub_account_clips_in_account import get_user_clips as operation

        kwargs = operation._get_kwargs(
            account_id=account_id,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "ClipListResponse",
            self._sender.send(kwargs, parse, (200,)),
        )


class AsyncOperations:
    """Every operation of the spec (awaitable)."""

    def __init__(self, sender: AsyncSender) -> None:
        self._sender = sender

    @property
    def with_raw_response(self) -> AsyncRawOperations:
        """The same operations, each answering a ``RawResponse`` (status, headers, tracking id)."""
        return AsyncRawOperations(self._sender)

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    async def get_user_clips(
        self,
        account_id: str,
        *,
        user_id: str | Unset = UNSET,
        search_key: str | Unset = UNSET,
        date_filter_type: ListClipsDateFilterType
        | Unset = ListClipsDateFilterType.MODIFIED_DATE,
        from_: str | Unset = UNSET,
        to: str | Unset = UNSET,
        status: ListClipsStatus | Unset = UNSET,
        page_size: int | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> ClipListResponse:
        """List all clips (``GET /accounts/{account_id}/clips``)."""
        from .list_sub_account_clips_in_account import get_user_clips as operation

        kwargs = operation._get_kwargs(
            account_id=account_id,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "ClipListResponse",
            await self._sender.send(kwargs, parse, (200,)),
        )


class RawOperations:
    """Every operation of the spec, answering a ``RawResponse``."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    def get_user_clips(
        self,
        account_id: str,
        *,
        user_id: str | Unset = UNSET,
        search_key: str | Unset = UNSET,
        date_filter_type: ListClipsDateFilterType
        | Unset = ListClipsDateFilterType.MODIFIED_DATE,
        from_: str | Unset = UNSET,
        to: str | Unset = UNSET,
        status: ListClipsStatus | Unset = UNSET,
        page_size: int | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[ClipListResponse]:
        """List all clips (``GET /accounts/{account_id}/clips``)."""
        from .list_sub_account_clips_in_account import get_user_clips as operation

        kwargs = operation._get_kwargs(
            account_id=account_id,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[ClipListResponse]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )


class AsyncRawOperations:
    """Every operation of the spec, awaitable, answering a ``RawResponse``."""

    def __init__(self, sender: AsyncSender) -> None:
        self._sender = sender

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    async def get_user_clips(
        self,
        account_id: str,
        *,
        user_id: str | Unset = UNSET,
        search_key: str | Unset = UNSET,
        date_filter_type: ListClipsDateFilterType
        | Unset = ListClipsDateFilterType.MODIFIED_DATE,
        from_: str | Unset = UNSET,
        to: str | Unset = UNSET,
        status: ListClipsStatus | Unset = UNSET,
        page_size: int | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[ClipListResponse]:
        """List all clips (``GET /accounts/{account_id}/clips``)."""
        from .list_sub_account_clips_in_account import get_user_clips as operation

        kwargs = operation._get_kwargs(
            account_id=account_id,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[ClipListResponse]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )
