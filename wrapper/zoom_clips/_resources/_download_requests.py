"""The two requests of a download, apart from the state machine: the API's answer and the token.

``GET /clips/{clipId}/download`` (``download_kwargs``) answers a 3xx whose ``Location`` is the
file (``parse_location``, which refuses what ``_redirects.refused_redirect`` refuses); its
404 code 10002 is ``ClipFileNotFoundError`` (``clip_file_error``). The file request carries the
Zoom token only where ``_redirects.keeps_authorization`` allows and never beside a URL's own
signature (``is_presigned``); where it does carry it, ``StreamingAuth`` keeps the client's auth
flow from reading the file's body whole. What a file answer's headers announce (its range, its
length, whether its framing marks its end) is read by ``content_range``, ``content_length`` and
``framed``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from typing import Any

import attrs
import httpx

from .._errors import (
    APIResponseValidationError,
    ClipFileNotFoundError,
    NotFoundError,
    RedirectError,
)
from .._redirects import REDIRECT_STATUSES, refused_redirect
from .._responses import status_error
from .._retry import RetryPolicy

__all__ = [
    "InlineFile",
    "StreamingAuth",
    "abody_chunks",
    "body_chunks",
    "clip_file_error",
    "content_length",
    "content_range",
    "download_kwargs",
    "framed",
    "is_presigned",
    "parse_location",
]

# The query parameters that make a URL its own credential: S3 and CloudFront (Signature,
# X-Amz-Signature), Google Cloud Storage, Azure SAS (sig), and the mock's file host.
_SIGNATURE_PARAMETERS = frozenset({"signature", "x-amz-signature", "x-goog-signature", "sig"})
_NO_FILE_CODE = 10002
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$", re.IGNORECASE)


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

    The 3xx is a redirect like any other: a ``Location`` that ``refused_redirect`` refuses
    (``file:``, ``ftp:``, https down to http off loopback) is a ``RedirectError``, before any
    request goes there.
    """
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise APIResponseValidationError(
                f"Zoom answered {status} to a download without a Location", response=response
            )
        try:
            url = response.request.url.join(location)
        except httpx.InvalidURL as exc:
            raise RedirectError(
                f"Zoom redirected a download to an invalid Location: {exc}", response=response
            ) from exc
        why = refused_redirect(response.request.url, url)
        if why is not None:
            raise RedirectError(f"refused the download's redirect {why}", response=response)
        return url
    if status == 200:
        return InlineFile(response)
    if status >= 400:
        raise status_error(response, policy)
    raise APIResponseValidationError(
        f"Zoom answered {status} to a download, with neither a Location nor the file",
        response=response,
    )


# -- what a file answer announces ------------------------------------------------------------------


def content_range(response: httpx.Response) -> tuple[int | None, int | None, int | None]:
    """``(start, end, total)`` of a ``Content-Range`` (``None`` for what it does not say; ``end``
    is the last byte's offset, inclusive, as written)."""
    match = _CONTENT_RANGE.match(response.headers.get("content-range") or "")
    if match is None:
        return None, None, None
    start, end, total = match.groups()
    return (
        int(start) if start is not None else None,
        int(end) if end is not None else None,
        int(total) if total not in (None, "*") else None,
    )


def content_length(response: httpx.Response) -> int | None:
    """The length of the body's bytes as written to the part: ``Content-Length``, unless the
    body is encoded (then it counts the compressed bytes, not the file's)."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() and encoding in ("", "identity") else None


def framed(response: httpx.Response) -> bool:
    """Whether the body's end is marked by its framing, so that a clean end is its true end:
    a ``Content-Length`` (h11 raises on a body short of it), chunked encoding (it ends with
    its last chunk) or HTTP/2+ (its stream ends). Otherwise the body ends with the connection,
    and a connection cut halfway looks the same as a complete body."""
    if "content-length" in response.headers or response.http_version.startswith(
        ("HTTP/2", "HTTP/3")
    ):
        return True
    return "chunked" in response.headers.get("transfer-encoding", "").lower()


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
            outgoing = await anext(flow)
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
