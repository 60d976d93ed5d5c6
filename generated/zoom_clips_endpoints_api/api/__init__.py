# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
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
from ..models.clip import Clip
from ..models.clip_list_response import ClipListResponse
from ..models.collaborator_list_response import CollaboratorListResponse
from ..models.comment_list_response import CommentListResponse
from ..models.complete_multipart_upload_request import CompleteMultipartUploadRequest
from ..models.complete_multipart_upload_response import CompleteMultipartUploadResponse
from ..models.create_multipart_upload_request import CreateMultipartUploadRequest
from ..models.create_multipart_upload_response import CreateMultipartUploadResponse
from ..models.download_clip_response_200 import DownloadClipResponse200
from ..models.list_clips_date_filter_type import ListClipsDateFilterType
from ..models.list_clips_status import ListClipsStatus
from ..models.transfer_created import TransferCreated
from ..models.transfer_request import TransferRequest
from ..models.transfer_task import TransferTask
from ..models.upload_clip_file_body import UploadClipFileBody
from ..models.upload_clip_file_response_201 import UploadClipFileResponse201
from ..models.upload_iq_multipart_clip_file_body import UploadIqMultipartClipFileBody
from ..models.upload_iq_multipart_clip_file_response_201 import (
    UploadIqMultipartClipFileResponse201,
)
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
    "get_clip_by_id": ("clips", "GET", "/clips/{clip_id}"),
    "get_clip_collaborators": ("clips", "GET", "/clips/{clip_id}/collaborators"),
    "get_user_clips": ("clips", "GET", "/clips"),
    "delete_collaborator": ("collaborator", "DELETE", "/clips/{clip_id}/collaborators"),
    "deleteacomment": ("comment", "DELETE", "/clips/{clip_id}/comments/{comment_id}"),
    "listclipcomments": ("comment", "GET", "/clips/{clip_id}/comments"),
    "download_clip": ("download", "GET", "/clips/{clip_id}/download"),
    "delete_clip": ("single", "DELETE", "/clips/{clip_id}"),
    "transferclipsowner": ("transfer", "POST", "/clips/transfers"),
    "transfertaskstatuscheck": ("transfer", "GET", "/clips/transfers/{task_id}"),
    "initiate_and_complete_a_clip_multipart_upload": (
        "upload",
        "POST",
        "/clips/files/multipart/upload_events",
    ),
    "upload_clip_file": ("upload", "POST", "/clips/files"),
    "upload_iq_multipart_clip_file": ("upload", "POST", "/clips/files/multipart"),
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

    def get_clip_by_id(
        self,
        clip_id: str,
    ) -> Clip:
        """Get a clip (``GET /clips/{clip_id}``)."""
        from .clips import get_clip_by_id as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "Clip",
            self._sender.send(kwargs, parse, (200,)),
        )

    def get_clip_collaborators(
        self,
        clip_id: str,
        *,
        page_size: int | Unset = 30,
        next_page_token: str | Unset = UNSET,
    ) -> CollaboratorListResponse:
        """Get collaborators of a clip (``GET /clips/{clip_id}/collaborators``)."""
        from .clips import get_clip_collaborators as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CollaboratorListResponse",
            self._sender.send(kwargs, parse, (200,)),
        )

    def get_user_clips(
        self,
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
        """List all clips (``GET /clips``)."""
        from .clips import get_user_clips as operation

        kwargs = operation._get_kwargs(
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

    def delete_collaborator(
        self,
        clip_id: str,
        *,
        user_key: str | Unset = UNSET,
        channel_id: str | Unset = UNSET,
    ) -> None:
        """Remove the collaborator from a clip (``DELETE /clips/{clip_id}/collaborators``)."""
        from .collaborator import delete_collaborator as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            user_key=user_key,
            channel_id=channel_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            self._sender.send(kwargs, parse, (204,)),
        )

    def deleteacomment(
        self,
        clip_id: str,
        comment_id: str,
    ) -> None:
        """Delete a comment (``DELETE /clips/{clip_id}/comments/{comment_id}``)."""
        from .comment import deleteacomment as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            comment_id=comment_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            self._sender.send(kwargs, parse, (204,)),
        )

    def listclipcomments(
        self,
        clip_id: str,
        *,
        page_size: str | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> CommentListResponse:
        """List clip comments (``GET /clips/{clip_id}/comments``)."""
        from .comment import listclipcomments as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CommentListResponse",
            self._sender.send(kwargs, parse, (200,)),
        )

    def download_clip(
        self,
        clip_id: str,
    ) -> DownloadClipResponse200:
        """Download a clip (``GET /clips/{clip_id}/download``)."""
        from .download import download_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "DownloadClipResponse200",
            self._sender.send(kwargs, parse, (200,)),
        )

    def delete_clip(
        self,
        clip_id: str,
    ) -> None:
        """Delete a clip(soft delete) (``DELETE /clips/{clip_id}``)."""
        from .single import delete_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            self._sender.send(kwargs, parse, (204,)),
        )

    def transferclipsowner(
        self,
        *,
        body: TransferRequest | Mapping[str, Any] | Unset = UNSET,
    ) -> TransferCreated:
        """Transfer clips owner (``POST /clips/transfers``)."""
        from .transfer import transferclipsowner as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "TransferCreated",
            self._sender.send(kwargs, parse, (201,)),
        )

    def transfertaskstatuscheck(
        self,
        task_id: str,
    ) -> TransferTask:
        """Transfer task status check (``GET /clips/transfers/{task_id}``)."""
        from .transfer import transfertaskstatuscheck as operation

        kwargs = operation._get_kwargs(
            task_id=task_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "TransferTask",
            self._sender.send(kwargs, parse, (200,)),
        )

    def initiate_and_complete_a_clip_multipart_upload(
        self,
        *,
        body: CompleteMultipartUploadRequest
        | CreateMultipartUploadRequest
        | Mapping[str, Any],
    ) -> CompleteMultipartUploadResponse | CreateMultipartUploadResponse:
        """Initiate and complete the multipart file upload for a clip (``POST /clips/files/multipart/upload_events``)."""
        from .upload import initiate_and_complete_a_clip_multipart_upload as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CompleteMultipartUploadResponse | CreateMultipartUploadResponse",
            self._sender.send(kwargs, parse, (201,)),
        )

    def upload_clip_file(
        self,
        *,
        body: UploadClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> UploadClipFileResponse201:
        """Upload clip file (``POST /clips/files``)."""
        from typing import cast

        from .upload import upload_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "UploadClipFileResponse201",
            self._sender.send(kwargs, parse, (201,)),
        )

    def upload_iq_multipart_clip_file(
        self,
        *,
        body: UploadIqMultipartClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> UploadIqMultipartClipFileResponse201:
        """Upload clip multipart files (``POST /clips/files/multipart``)."""
        from typing import cast

        from .upload import upload_iq_multipart_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadIqMultipartClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "UploadIqMultipartClipFileResponse201",
            self._sender.send(kwargs, parse, (201,)),
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

    async def get_clip_by_id(
        self,
        clip_id: str,
    ) -> Clip:
        """Get a clip (``GET /clips/{clip_id}``)."""
        from .clips import get_clip_by_id as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "Clip",
            await self._sender.send(kwargs, parse, (200,)),
        )

    async def get_clip_collaborators(
        self,
        clip_id: str,
        *,
        page_size: int | Unset = 30,
        next_page_token: str | Unset = UNSET,
    ) -> CollaboratorListResponse:
        """Get collaborators of a clip (``GET /clips/{clip_id}/collaborators``)."""
        from .clips import get_clip_collaborators as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CollaboratorListResponse",
            await self._sender.send(kwargs, parse, (200,)),
        )

    async def get_user_clips(
        self,
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
        """List all clips (``GET /clips``)."""
        from .clips import get_user_clips as operation

        kwargs = operation._get_kwargs(
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

    async def delete_collaborator(
        self,
        clip_id: str,
        *,
        user_key: str | Unset = UNSET,
        channel_id: str | Unset = UNSET,
    ) -> None:
        """Remove the collaborator from a clip (``DELETE /clips/{clip_id}/collaborators``)."""
        from .collaborator import delete_collaborator as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            user_key=user_key,
            channel_id=channel_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            await self._sender.send(kwargs, parse, (204,)),
        )

    async def deleteacomment(
        self,
        clip_id: str,
        comment_id: str,
    ) -> None:
        """Delete a comment (``DELETE /clips/{clip_id}/comments/{comment_id}``)."""
        from .comment import deleteacomment as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            comment_id=comment_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            await self._sender.send(kwargs, parse, (204,)),
        )

    async def listclipcomments(
        self,
        clip_id: str,
        *,
        page_size: str | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> CommentListResponse:
        """List clip comments (``GET /clips/{clip_id}/comments``)."""
        from .comment import listclipcomments as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CommentListResponse",
            await self._sender.send(kwargs, parse, (200,)),
        )

    async def download_clip(
        self,
        clip_id: str,
    ) -> DownloadClipResponse200:
        """Download a clip (``GET /clips/{clip_id}/download``)."""
        from .download import download_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "DownloadClipResponse200",
            await self._sender.send(kwargs, parse, (200,)),
        )

    async def delete_clip(
        self,
        clip_id: str,
    ) -> None:
        """Delete a clip(soft delete) (``DELETE /clips/{clip_id}``)."""
        from .single import delete_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "None",
            await self._sender.send(kwargs, parse, (204,)),
        )

    async def transferclipsowner(
        self,
        *,
        body: TransferRequest | Mapping[str, Any] | Unset = UNSET,
    ) -> TransferCreated:
        """Transfer clips owner (``POST /clips/transfers``)."""
        from .transfer import transferclipsowner as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "TransferCreated",
            await self._sender.send(kwargs, parse, (201,)),
        )

    async def transfertaskstatuscheck(
        self,
        task_id: str,
    ) -> TransferTask:
        """Transfer task status check (``GET /clips/transfers/{task_id}``)."""
        from .transfer import transfertaskstatuscheck as operation

        kwargs = operation._get_kwargs(
            task_id=task_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "TransferTask",
            await self._sender.send(kwargs, parse, (200,)),
        )

    async def initiate_and_complete_a_clip_multipart_upload(
        self,
        *,
        body: CompleteMultipartUploadRequest
        | CreateMultipartUploadRequest
        | Mapping[str, Any],
    ) -> CompleteMultipartUploadResponse | CreateMultipartUploadResponse:
        """Initiate and complete the multipart file upload for a clip (``POST /clips/files/multipart/upload_events``)."""
        from .upload import initiate_and_complete_a_clip_multipart_upload as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "CompleteMultipartUploadResponse | CreateMultipartUploadResponse",
            await self._sender.send(kwargs, parse, (201,)),
        )

    async def upload_clip_file(
        self,
        *,
        body: UploadClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> UploadClipFileResponse201:
        """Upload clip file (``POST /clips/files``)."""
        from typing import cast

        from .upload import upload_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "UploadClipFileResponse201",
            await self._sender.send(kwargs, parse, (201,)),
        )

    async def upload_iq_multipart_clip_file(
        self,
        *,
        body: UploadIqMultipartClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> UploadIqMultipartClipFileResponse201:
        """Upload clip multipart files (``POST /clips/files/multipart``)."""
        from typing import cast

        from .upload import upload_iq_multipart_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadIqMultipartClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "UploadIqMultipartClipFileResponse201",
            await self._sender.send(kwargs, parse, (201,)),
        )


class RawOperations:
    """Every operation of the spec, answering a ``RawResponse``."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    def get_clip_by_id(
        self,
        clip_id: str,
    ) -> RawResponse[Clip]:
        """Get a clip (``GET /clips/{clip_id}``)."""
        from .clips import get_clip_by_id as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[Clip]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )

    def get_clip_collaborators(
        self,
        clip_id: str,
        *,
        page_size: int | Unset = 30,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[CollaboratorListResponse]:
        """Get collaborators of a clip (``GET /clips/{clip_id}/collaborators``)."""
        from .clips import get_clip_collaborators as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CollaboratorListResponse]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )

    def get_user_clips(
        self,
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
        """List all clips (``GET /clips``)."""
        from .clips import get_user_clips as operation

        kwargs = operation._get_kwargs(
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

    def delete_collaborator(
        self,
        clip_id: str,
        *,
        user_key: str | Unset = UNSET,
        channel_id: str | Unset = UNSET,
    ) -> RawResponse[None]:
        """Remove the collaborator from a clip (``DELETE /clips/{clip_id}/collaborators``)."""
        from .collaborator import delete_collaborator as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            user_key=user_key,
            channel_id=channel_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            self._sender.send_raw(kwargs, parse, (204,)),
        )

    def deleteacomment(
        self,
        clip_id: str,
        comment_id: str,
    ) -> RawResponse[None]:
        """Delete a comment (``DELETE /clips/{clip_id}/comments/{comment_id}``)."""
        from .comment import deleteacomment as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            comment_id=comment_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            self._sender.send_raw(kwargs, parse, (204,)),
        )

    def listclipcomments(
        self,
        clip_id: str,
        *,
        page_size: str | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[CommentListResponse]:
        """List clip comments (``GET /clips/{clip_id}/comments``)."""
        from .comment import listclipcomments as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CommentListResponse]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )

    def download_clip(
        self,
        clip_id: str,
    ) -> RawResponse[DownloadClipResponse200]:
        """Download a clip (``GET /clips/{clip_id}/download``)."""
        from .download import download_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[DownloadClipResponse200]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )

    def delete_clip(
        self,
        clip_id: str,
    ) -> RawResponse[None]:
        """Delete a clip(soft delete) (``DELETE /clips/{clip_id}``)."""
        from .single import delete_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            self._sender.send_raw(kwargs, parse, (204,)),
        )

    def transferclipsowner(
        self,
        *,
        body: TransferRequest | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[TransferCreated]:
        """Transfer clips owner (``POST /clips/transfers``)."""
        from .transfer import transferclipsowner as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[TransferCreated]",
            self._sender.send_raw(kwargs, parse, (201,)),
        )

    def transfertaskstatuscheck(
        self,
        task_id: str,
    ) -> RawResponse[TransferTask]:
        """Transfer task status check (``GET /clips/transfers/{task_id}``)."""
        from .transfer import transfertaskstatuscheck as operation

        kwargs = operation._get_kwargs(
            task_id=task_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[TransferTask]",
            self._sender.send_raw(kwargs, parse, (200,)),
        )

    def initiate_and_complete_a_clip_multipart_upload(
        self,
        *,
        body: CompleteMultipartUploadRequest
        | CreateMultipartUploadRequest
        | Mapping[str, Any],
    ) -> RawResponse[CompleteMultipartUploadResponse | CreateMultipartUploadResponse]:
        """Initiate and complete the multipart file upload for a clip (``POST /clips/files/multipart/upload_events``)."""
        from .upload import initiate_and_complete_a_clip_multipart_upload as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CompleteMultipartUploadResponse | CreateMultipartUploadResponse]",
            self._sender.send_raw(kwargs, parse, (201,)),
        )

    def upload_clip_file(
        self,
        *,
        body: UploadClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[UploadClipFileResponse201]:
        """Upload clip file (``POST /clips/files``)."""
        from typing import cast

        from .upload import upload_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[UploadClipFileResponse201]",
            self._sender.send_raw(kwargs, parse, (201,)),
        )

    def upload_iq_multipart_clip_file(
        self,
        *,
        body: UploadIqMultipartClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[UploadIqMultipartClipFileResponse201]:
        """Upload clip multipart files (``POST /clips/files/multipart``)."""
        from typing import cast

        from .upload import upload_iq_multipart_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadIqMultipartClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[UploadIqMultipartClipFileResponse201]",
            self._sender.send_raw(kwargs, parse, (201,)),
        )


class AsyncRawOperations:
    """Every operation of the spec, awaitable, answering a ``RawResponse``."""

    def __init__(self, sender: AsyncSender) -> None:
        self._sender = sender

    if not TYPE_CHECKING:  # a typo is an AttributeError naming the closest operations

        def __getattr__(self, name: str) -> Any:
            raise _missing(self, name)

    async def get_clip_by_id(
        self,
        clip_id: str,
    ) -> RawResponse[Clip]:
        """Get a clip (``GET /clips/{clip_id}``)."""
        from .clips import get_clip_by_id as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[Clip]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )

    async def get_clip_collaborators(
        self,
        clip_id: str,
        *,
        page_size: int | Unset = 30,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[CollaboratorListResponse]:
        """Get collaborators of a clip (``GET /clips/{clip_id}/collaborators``)."""
        from .clips import get_clip_collaborators as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CollaboratorListResponse]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )

    async def get_user_clips(
        self,
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
        """List all clips (``GET /clips``)."""
        from .clips import get_user_clips as operation

        kwargs = operation._get_kwargs(
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

    async def delete_collaborator(
        self,
        clip_id: str,
        *,
        user_key: str | Unset = UNSET,
        channel_id: str | Unset = UNSET,
    ) -> RawResponse[None]:
        """Remove the collaborator from a clip (``DELETE /clips/{clip_id}/collaborators``)."""
        from .collaborator import delete_collaborator as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            user_key=user_key,
            channel_id=channel_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            await self._sender.send_raw(kwargs, parse, (204,)),
        )

    async def deleteacomment(
        self,
        clip_id: str,
        comment_id: str,
    ) -> RawResponse[None]:
        """Delete a comment (``DELETE /clips/{clip_id}/comments/{comment_id}``)."""
        from .comment import deleteacomment as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            comment_id=comment_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            await self._sender.send_raw(kwargs, parse, (204,)),
        )

    async def listclipcomments(
        self,
        clip_id: str,
        *,
        page_size: str | Unset = UNSET,
        next_page_token: str | Unset = UNSET,
    ) -> RawResponse[CommentListResponse]:
        """List clip comments (``GET /clips/{clip_id}/comments``)."""
        from .comment import listclipcomments as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
            page_size=page_size,
            next_page_token=next_page_token,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CommentListResponse]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )

    async def download_clip(
        self,
        clip_id: str,
    ) -> RawResponse[DownloadClipResponse200]:
        """Download a clip (``GET /clips/{clip_id}/download``)."""
        from .download import download_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[DownloadClipResponse200]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )

    async def delete_clip(
        self,
        clip_id: str,
    ) -> RawResponse[None]:
        """Delete a clip(soft delete) (``DELETE /clips/{clip_id}``)."""
        from .single import delete_clip as operation

        kwargs = operation._get_kwargs(
            clip_id=clip_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[None]",
            await self._sender.send_raw(kwargs, parse, (204,)),
        )

    async def transferclipsowner(
        self,
        *,
        body: TransferRequest | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[TransferCreated]:
        """Transfer clips owner (``POST /clips/transfers``)."""
        from .transfer import transferclipsowner as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[TransferCreated]",
            await self._sender.send_raw(kwargs, parse, (201,)),
        )

    async def transfertaskstatuscheck(
        self,
        task_id: str,
    ) -> RawResponse[TransferTask]:
        """Transfer task status check (``GET /clips/transfers/{task_id}``)."""
        from .transfer import transfertaskstatuscheck as operation

        kwargs = operation._get_kwargs(
            task_id=task_id,
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[TransferTask]",
            await self._sender.send_raw(kwargs, parse, (200,)),
        )

    async def initiate_and_complete_a_clip_multipart_upload(
        self,
        *,
        body: CompleteMultipartUploadRequest
        | CreateMultipartUploadRequest
        | Mapping[str, Any],
    ) -> RawResponse[CompleteMultipartUploadResponse | CreateMultipartUploadResponse]:
        """Initiate and complete the multipart file upload for a clip (``POST /clips/files/multipart/upload_events``)."""
        from .upload import initiate_and_complete_a_clip_multipart_upload as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "json"),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[CompleteMultipartUploadResponse | CreateMultipartUploadResponse]",
            await self._sender.send_raw(kwargs, parse, (201,)),
        )

    async def upload_clip_file(
        self,
        *,
        body: UploadClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[UploadClipFileResponse201]:
        """Upload clip file (``POST /clips/files``)."""
        from typing import cast

        from .upload import upload_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[UploadClipFileResponse201]",
            await self._sender.send_raw(kwargs, parse, (201,)),
        )

    async def upload_iq_multipart_clip_file(
        self,
        *,
        body: UploadIqMultipartClipFileBody | Mapping[str, Any] | Unset = UNSET,
    ) -> RawResponse[UploadIqMultipartClipFileResponse201]:
        """Upload clip multipart files (``POST /clips/files/multipart``)."""
        from typing import cast

        from .upload import upload_iq_multipart_clip_file as operation

        kwargs = operation._get_kwargs(
            body=body_of(body, "files", UploadIqMultipartClipFileBody.from_dict),
        )

        def parse(response: httpx.Response) -> Any:
            return operation._parse_response(client=_PARSING, response=response)

        return cast(
            "RawResponse[UploadIqMultipartClipFileResponse201]",
            await self._sender.send_raw(kwargs, parse, (201,)),
        )
