"""The upload requests (from the generated ``upload`` operations) and what their answers mean:
``single_kwargs``, ``part_kwargs``, ``create_kwargs``, ``complete_kwargs`` and the parses of the
clip id, the upload context and a part's etag.

The generated ``Content-Type: multipart/form-data; boundary=+++`` header is dropped: httpx sets
the header with the boundary it really uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .._responses import json_body
from .._retry import RetryPolicy
from ._upload_state import UploadState

__all__ = [
    "complete_kwargs",
    "create_kwargs",
    "parse_clip_id",
    "parse_etag",
    "parse_upload_context",
    "part_kwargs",
    "single_kwargs",
]

_CREATED = frozenset({200, 201})


def _without_content_type(kwargs: dict[str, Any]) -> dict[str, Any]:
    headers = kwargs.get("headers") or {}
    kwargs["headers"] = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    return kwargs


def single_kwargs() -> dict[str, Any]:
    """``POST /clips/files`` (the body comes from ``single_body``)."""
    from zoom_clips_endpoints_api.api.upload import upload_clip_file  # noqa: PLC0415

    return _without_content_type(upload_clip_file._get_kwargs())


def part_kwargs() -> dict[str, Any]:
    """``POST /clips/files/multipart`` (the body comes from ``part_body``)."""
    from zoom_clips_endpoints_api.api.upload import upload_iq_multipart_clip_file  # noqa: PLC0415

    return _without_content_type(upload_iq_multipart_clip_file._get_kwargs())


def create_kwargs(file_name: str) -> dict[str, Any]:
    """``upload_events`` ``CreateMultipartUpload`` of ``file_name``."""
    from zoom_clips_endpoints_api.api.upload import (  # noqa: PLC0415
        initiate_and_complete_a_clip_multipart_upload as events,
    )
    from zoom_clips_endpoints_api.models import (  # noqa: PLC0415
        CreateMultipartUploadRequest,
        CreateMultipartUploadRequestMethod,
        CreateMultipartUploadRequestParams,
    )

    return events._get_kwargs(
        body=CreateMultipartUploadRequest(
            method=CreateMultipartUploadRequestMethod.CREATEMULTIPARTUPLOAD,
            params=CreateMultipartUploadRequestParams(file_name=file_name),
        )
    )


def complete_kwargs(state: UploadState) -> dict[str, Any]:
    """``upload_events`` ``CompleteMultipartUpload`` with every acknowledged part's etag."""
    from zoom_clips_endpoints_api.api.upload import (  # noqa: PLC0415
        initiate_and_complete_a_clip_multipart_upload as events,
    )
    from zoom_clips_endpoints_api.models import (  # noqa: PLC0415
        CompleteMultipartUploadRequest,
        CompleteMultipartUploadRequestMethod,
        CompleteMultipartUploadRequestParams,
        PartEtag,
    )

    return events._get_kwargs(
        body=CompleteMultipartUploadRequest(
            method=CompleteMultipartUploadRequestMethod.COMPLETEMULTIPARTUPLOAD,
            params=CompleteMultipartUploadRequestParams(
                upload_context=state.upload_context,
                part_number_etags=[PartEtag(part_number=n, etag=e) for n, e in state.parts],
            ),
        )
    )


def _field(body: Any, name: str) -> str:
    value = body[name]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name} is {value!r}, not a non-empty string")
    return value


def parse_clip_id(response: httpx.Response, policy: RetryPolicy) -> str:
    """The new clip's ``clip_id`` in a 201 (or 200), or the typed error."""
    return json_body(
        response, policy, lambda body: _field(body, "clip_id"), what="a clip id", statuses=_CREATED
    )


def parse_upload_context(response: httpx.Response, policy: RetryPolicy) -> str:
    """The ``upload_context`` of a CreateMultipartUpload's 201, or the typed error."""
    return json_body(
        response,
        policy,
        lambda body: _field(body, "upload_context"),
        what="an upload context",
        statuses=_CREATED,
    )


def parse_etag(number: int) -> Callable[[httpx.Response, RetryPolicy], str]:
    """How to read the answer to part ``number``: its etag, or the typed error."""

    def etag(body: Any) -> str:
        acknowledged = body["part_number_etag"]
        if acknowledged.get("part_number", number) != number:
            raise ValueError(f"it acknowledges part {acknowledged['part_number']!r}")
        return _field(acknowledged, "etag")

    def parse(response: httpx.Response, policy: RetryPolicy) -> str:
        return json_body(response, policy, etag, what=f"part {number}'s etag", statuses=_CREATED)

    return parse
