"""The two requests of a download, apart from the state machine: the API's answer and the token.

``GET /clips/{clipId}/download`` (``download_kwargs``) answers a 3xx whose ``Location`` is the
file (``parse_location``); its 404 code 10002 is ``ClipFileNotFoundError`` (``clip_file_error``).
The file request carries the Zoom token only where ``_redirects.keeps_authorization`` allows and
never beside a URL's own signature (``is_presigned``); where it does carry it, ``StreamingAuth``
keeps the client's auth flow from reading the file's body whole.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from typing import Any

import attrs
import httpx

from .._errors import APIResponseValidationError, ClipFileNotFoundError, NotFoundError
from .._redirect_hops import REDIRECT_STATUSES
from .._responses import status_error
from .._retry import RetryPolicy

__all__ = [
    "InlineFile",
    "StreamingAuth",
    "abody_chunks",
    "body_chunks",
    "clip_file_error",
    "download_kwargs",
    "is_presigned",
    "parse_location",
]

# The query parameters that make a URL its own credential: S3 and CloudFront (Signature,
# X-Amz-Signature), Google Cloud Storage, Azure SAS (sig), and the mock's file host.
_SIGNATURE_PARAMETERS = frozenset({"signature", "x-amz-signature", "x-goog-signature", "sig"})
_NO_FILE_CODE = 10002


def is_presigned(url: httpx.URL) -> bool:
    """Whether ``url`` carries its own signature, so that a token beside it is refused (S3
    answers 400 to a pre-signed URL plus an ``Authorization`` header: two auth mechanisms),
    even on the origin the token came from (as the mock's file host is)."""
    return any(name.lower() in _SIGNATURE_PARAMETERS for name in url.params)


# -- the API request: GET /clips/{clipId}/download ------------------------------------------------


@attrs.frozen
class InlineFile:
    """Quirk ``download-documented-as-200``: a 200 with the file itself, as the spec documents."""

    response: httpx.Response


def download_kwargs(clip_id: str) -> dict[str, Any]:
    """``GET /clips/{clipId}/download`` (the id already checked)."""
    from zoom_clips_endpoints_api.api.download import download_clip  # noqa: PLC0415

    return download_clip._get_kwargs(clip_id)


def parse_location(response: httpx.Response, policy: RetryPolicy) -> httpx.URL | InlineFile:
    """The file's location from a 3xx (relative resolved against the request), or the file.

    Quirk ``download-documented-as-200``: Zoom answers 302, but its spec documents a 200
    ``application/octet-stream`` (with an object schema the generated parser would feed the bytes
    to). A 200 is still saved: the request path has read it whole by then, so it is written out
    from memory rather than streamed.
    """
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise APIResponseValidationError(
                f"Zoom answered {status} to a download without a Location", response=response
            )
        return response.request.url.join(location)
    if status == 200:
        return InlineFile(response)
    if status >= 400:
        raise status_error(response, policy)
    raise APIResponseValidationError(
        f"Zoom answered {status} to a download, with neither a Location nor the file",
        response=response,
    )


def clip_file_error(exc: NotFoundError) -> NotFoundError:
    """404 code 10002 from a download is ``ClipFileNotFoundError`` (from a transfer-status
    request it means "no such task", so it is mapped here and not in ``_errors._BY_CODE``)."""
    if exc.code != _NO_FILE_CODE or isinstance(exc, ClipFileNotFoundError):
        return exc
    return ClipFileNotFoundError(
        str(exc),
        response=exc.response,
        code=exc.code,
        message=exc.message,
        tracking_id=exc.tracking_id,
    )


class StreamingAuth(httpx.Auth):
    """The client's auth for a streamed file request to a Zoom host.

    The token is set (and fetched, and rate limited) exactly as the client's own auth does it,
    but the answer goes back to that auth's flow, which reads bodies to spot Zoom's expired-token
    401, only when it is a 401: a file body is never read whole into memory.
    """

    def __init__(self, inner: httpx.Auth) -> None:
        self.inner = inner

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self.inner.sync_auth_flow(request)
        try:
            outgoing = next(flow)
            while True:
                response = yield outgoing
                if outgoing is request:
                    if response.status_code != 401:
                        return
                    response.read()  # an error body: small
                try:
                    outgoing = flow.send(response)
                except StopIteration:
                    return
        finally:
            flow.close()

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.inner.async_auth_flow(request)
        try:
            outgoing = await flow.__anext__()
            while True:
                response = yield outgoing
                if outgoing is request:
                    if response.status_code != 401:
                        return
                    await response.aread()  # an error body: small
                try:
                    outgoing = await flow.asend(response)
                except StopAsyncIteration:
                    return
        finally:
            await flow.aclose()


def _unencoded(response: httpx.Response) -> bool:
    """Whether the body can be read raw: sent unencoded, and not already read (a response built
    with its content, as a test transport's, serves it through ``iter_bytes`` only)."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    return encoding in ("", "identity") and not response.is_stream_consumed


def body_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The file's bytes as they arrive: raw when the host sent them unencoded (as asked, with
    ``Accept-Encoding: identity``), which skips httpx's decoder layer; decoded otherwise."""
    return response.iter_raw() if _unencoded(response) else response.iter_bytes()


def abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """``body_chunks`` of an async response."""
    return response.aiter_raw() if _unencoded(response) else response.aiter_bytes()
