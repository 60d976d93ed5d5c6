"""The errors ``zoom_clips`` raises: one shallow tree, every class importable from ``zoom_clips``.

::

    ZoomClipsError
    ├── APIConnectionError            the request never got a response
    │   └── APITimeoutError
    ├── APIResponseValidationError    a 2xx body that is not the JSON the spec promises
    │   └── RedirectError             a redirect not followed: a loop, file:/ftp:, https to http
    ├── APIStatusError                Zoom answered with an error status
    │   ├── BadRequestError           400
    │   │   ├── PaginationError       a page token repeats or expires twice; pages stop advancing
    │   │   ├── TransferInProgressError   400 code 30001: the two users have a transfer running
    │   │   ├── MissingScopesError    400 code 4711: the token lacks scopes (``scopes`` names them)
    │   │   └── ClipNotReadyError     400 code 50002: the clip's mp4 is not ready yet (wait, retry)
    │   ├── AuthenticationError       401, or the token endpoint refused the credentials
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404 (code 2000: no such clip)
    │   │   └── ClipFileNotFoundError 404 code 10002 from a download: no such clip file (skip it)
    │   ├── RateLimitError            429 not worth retrying (daily limit), or retries ran out
    │   └── InternalServerError       5xx
    ├── TransferError                 wait_for_transfer: the task did not succeed
    │   ├── TransferFailedError       the task ended FAILED
    │   ├── TransferTimeoutError      the task was still running when the timeout ran out
    │   └── TransferUnknownStatusError    a status Zoom does not document, or none: no waiting on it
    ├── DownloadError                 a clip file's bytes did not arrive whole (resume state kept)
    ├── UploadError                   an upload the SDK cannot start or continue
    │   └── UploadExpiredError        a multipart upload's 7 days ran out: start it again
    └── WebhookVerificationError      a webhook request that is not Zoom's signed word (``reason``)

Messages carry Zoom's ``code`` and ``message`` and the ``x-zm-trackingid`` header, never a secret:
no header values of the request and no request body ever go into a message.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from ._api_models import TransferTask
    from ._resources._upload_state import UploadState

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClipFileNotFoundError",
    "ClipNotReadyError",
    "DownloadError",
    "InternalServerError",
    "MissingScopesError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "TransferError",
    "TransferFailedError",
    "TransferInProgressError",
    "TransferTimeoutError",
    "TransferUnknownStatusError",
    "UploadError",
    "UploadExpiredError",
    "WebhookVerificationError",
    "ZoomClipsError",
    "status_error_from_response",
]

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SNIPPET_CHARS = 120


class ZoomClipsError(Exception):
    """Base of every error ``zoom_clips`` raises.

    ``upload_state`` is set on an error that interrupted a multipart upload after Zoom created
    it: persist it (``UploadState.to_json``) and pass it as ``clips.upload(..., resume=)`` to send
    only the missing parts. ``None`` on every other error.
    """

    upload_state: UploadState | None = None


class APIConnectionError(ZoomClipsError):
    """The request failed before Zoom answered (DNS, refused connection, reset, ...)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out, on every attempt the retry policy allowed."""


class APIResponseValidationError(ZoomClipsError):
    """Zoom answered 200 with a body that is not the JSON object the spec promises."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code


class RedirectError(APIResponseValidationError):
    """A redirect the SDK does not follow: past the hop limit (a loop), to a scheme other than
    http(s), or from https down to plain http off loopback. Refused before any request goes
    there, token or not."""


class APIStatusError(ZoomClipsError):
    """Zoom answered with an error status; ``code``/``message`` come from its JSON body."""

    def __init__(
        self,
        description: str,
        *,
        response: httpx.Response,
        code: int | None = None,
        message: str | None = None,
        tracking_id: str | None = None,
    ) -> None:
        super().__init__(description)
        self.response = response
        self.status_code = response.status_code
        self.code = code
        self.message = description if message is None else message
        self.tracking_id = tracking_id


class BadRequestError(APIStatusError):
    """400: Zoom refused the query (code 300 covers validation and pagination errors)."""


class PaginationError(BadRequestError):
    """Paging cannot continue: a ``next_page_token`` repeated, or expired again after a restart,
    or more than the policy's ``max_retries`` pages carried a token but nothing new."""


class TransferInProgressError(BadRequestError):
    """400 code 30001: the source and target users already have a transfer task in progress.

    Wait for that task (``clips.wait_for_transfer``) and send the transfer again.
    """


class MissingScopesError(BadRequestError):
    """400 code 4711: the token does not carry every scope the operation needs.

    ``scopes`` names the missing ones as Zoom listed them (``("clips:read:admin",)``). Add them
    to the app in Zoom's Marketplace and get a new token: sending the request again cannot help.
    """

    def __init__(
        self,
        description: str,
        *,
        response: httpx.Response,
        code: int | None = None,
        message: str | None = None,
        tracking_id: str | None = None,
    ) -> None:
        super().__init__(
            description, response=response, code=code, message=message, tracking_id=tracking_id
        )
        self.scopes = missing_scopes(message or "")


_SCOPES = re.compile(r"scopes?\s*:?\s*\[([^\]]*)\]", re.IGNORECASE)


def missing_scopes(message: str) -> tuple[str, ...]:
    """The scopes a 4711 message lists: ``"...does not contain scopes:[a:b, c:d]."`` -> both.

    >>> missing_scopes("Invalid access token, does not contain scopes:[clips:read:admin].")
    ('clips:read:admin',)
    """
    found = _SCOPES.search(message)
    if found is None:
        return ()
    return tuple(scope for scope in re.split(r"[\s,]+", found.group(1)) if scope)


class ClipNotReadyError(BadRequestError):
    """400 code 50002 from ``clips.download``: the clip's mp4 is not ready yet.

    Zoom is still processing the recording: wait and download it again later.
    """


class AuthenticationError(APIStatusError):
    """401 from the API, or the OAuth token endpoint refused the credentials."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the scope (code 1003)."""


class NotFoundError(APIStatusError):
    """404: no such account, clip (code 2000), comment (2005) or transfer task (10002)."""


class ClipFileNotFoundError(NotFoundError):
    """404 code 10002 from ``clips.download``: Zoom has no file for the clip ("not found or not
    ready"); a bulk download skips it."""


class RateLimitError(APIStatusError):
    """429 that the client did not (or could no longer) retry.

    ``limit_type`` is Zoom's ``X-RateLimit-Type`` (``"QPS"`` or ``"Daily-limit"``, ``None`` when the
    header is missing); ``retry_after`` is when Zoom says to try again, as an aware UTC datetime.
    """

    def __init__(
        self,
        description: str,
        *,
        response: httpx.Response,
        code: int | None = None,
        message: str | None = None,
        tracking_id: str | None = None,
        limit_type: str | None = None,
        retry_after: datetime | None = None,
    ) -> None:
        super().__init__(
            description, response=response, code=code, message=message, tracking_id=tracking_id
        )
        self.limit_type = limit_type
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx from Zoom or a proxy in front of it, after the retry policy gave up."""


class TransferError(ZoomClipsError):
    """A transfer task that ``wait_for_transfer`` saw end other than in success.

    ``task`` is the task's last known state (``task.task_id`` names it).
    """

    def __init__(self, message: str, *, task: TransferTask) -> None:
        super().__init__(message)
        self.task = task
        self.task_id = task.task_id


class TransferFailedError(TransferError):
    """The transfer task ended with status ``FAILED``."""


class TransferTimeoutError(TransferError):
    """The transfer task was still in progress when ``wait_for_transfer``'s timeout ran out.

    The task itself goes on at Zoom: wait again, or check ``clips.transfer_status`` later.
    """


class TransferUnknownStatusError(TransferError):
    """The task's ``status`` is none of the ones Zoom documents (``IN_PROCESS``, ``SUCCESS``,
    ``FAILED``), or it is missing or null.

    ``wait_for_transfer`` cannot tell whether such a task is still running, so it stops at the
    first such answer instead of polling until its timeout. ``task.status`` is what Zoom sent
    (``clips.transfer_status`` reports it as it is).
    """


class DownloadError(ZoomClipsError):
    """A clip file's bytes did not arrive whole, after the retry policy gave up.

    Nothing is left at the target path; ``part_path`` (when not ``None``) holds the bytes
    written so far, which the next ``clips.download`` of the same target resumes from.
    """

    def __init__(self, message: str, *, clip_id: str, part_path: Path | None = None) -> None:
        super().__init__(message)
        self.clip_id = clip_id
        self.part_path = part_path


class UploadError(ZoomClipsError):
    """An upload that cannot continue: a file that changed while it uploaded or since its
    resume state was saved, a state that belongs to another file, or a part Zoom did not
    acknowledge before the retry policy gave up (the last error is its ``__cause__``). An answer
    without the clip id or etag is an ``APIResponseValidationError``.

    After Zoom created a multipart upload, ``upload_state`` names the parts it acknowledged."""


class UploadExpiredError(UploadError):
    """A multipart upload's 7 days (counted from its ``CreateMultipartUpload``) ran out: Zoom
    has dropped its parts, so upload the file again without the resume state."""


class WebhookVerificationError(ZoomClipsError):
    """A webhook request that is not Zoom's signed word (``zoom_clips.webhooks``).

    ``reason`` names the check that failed: ``"missing header"``, ``"malformed timestamp"``,
    ``"stale timestamp"``, ``"future timestamp"``, ``"bad signature"`` or ``"malformed body"``
    (signed, but not a Zoom event). The message never carries the secret token, nor the
    signature that was expected.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


# Zoom's codes that name a more specific error than their status: (status, code) -> class.
_BY_CODE: dict[tuple[int, int], type[APIStatusError]] = {
    (400, 30001): TransferInProgressError,
    (400, 4711): MissingScopesError,
    (400, 50002): ClipNotReadyError,
}

_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def error_body(response: httpx.Response) -> tuple[int | None, str | None]:
    """Zoom's ``(code, message)`` from an error body, or ``(None, None)`` if it is not that JSON."""
    try:
        body = json.loads(response.content)
    except ValueError:  # not JSON (an HTML 502 page), or not UTF-8
        return None, None
    if not isinstance(body, dict):
        return None, None
    code = body.get("code")
    message = body.get("message")
    return (
        code if isinstance(code, int) and not isinstance(code, bool) else None,
        message if isinstance(message, str) else None,
    )


def _readable_non_json(response: httpx.Response) -> str:
    text = response.content[:4096].decode("utf-8", "replace")
    title = _TITLE.search(text)
    snippet = " ".join((title.group(1) if title else text).split())
    if len(snippet) > _SNIPPET_CHARS:
        snippet = snippet[:_SNIPPET_CHARS] + "..."
    return snippet


def describe(response: httpx.Response, code: int | None, message: str | None) -> str:
    """A one-line, secret-free description of an error response."""
    status = f"{response.status_code} {response.reason_phrase}".strip()
    if message is not None:
        detail = f"{message} (code {code})" if code is not None else message
    else:
        snippet = _readable_non_json(response)
        detail = f"non-JSON body: {snippet!r}" if snippet else "empty body"
    tracking_id = response.headers.get("x-zm-trackingid")
    suffix = f" [tracking id {tracking_id}]" if tracking_id else ""
    return f"Zoom answered {status}: {detail}{suffix}"


def status_error_from_response(
    response: httpx.Response,
    *,
    limit_type: str | None = None,
    retry_after: datetime | None = None,
) -> APIStatusError:
    """The typed error for an error response, whether its body is Zoom's JSON or a proxy's HTML.

    Quirk ``error-bodies-undeclared``: the spec declares no body for 400/401/403/429, so the
    generated client returns ``None`` for them; this reads Zoom's ``{code, message}`` itself.
    """
    code, message = error_body(response)
    text = describe(response, code, message)
    tracking_id = response.headers.get("x-zm-trackingid")
    status = response.status_code
    if status == 429:
        return RateLimitError(
            text,
            response=response,
            code=code,
            message=message,
            tracking_id=tracking_id,
            limit_type=limit_type,
            retry_after=retry_after,
        )
    cls = _BY_CODE.get((status, code)) if code is not None else None
    if cls is None:
        cls = _BY_STATUS.get(status, InternalServerError if status >= 500 else APIStatusError)
    return cls(text, response=response, code=code, message=message, tracking_id=tracking_id)
