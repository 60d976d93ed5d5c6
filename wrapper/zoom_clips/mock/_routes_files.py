"""The download: ``GET /v2/clips/{clipId}/download`` (302) and the file host it points to.

``GET /clips/{clipId}/download`` is LIGHT and reaches the clips ``GET /clips/{clipId}``
reaches (another user's clip: 403 code 1003). A clip that does not exist or is deleted is 404
code 10002; one whose file is not made yet (``file_size`` 0: recording, failed) 400 code 50002
"clip mp4 is not ready". Otherwise 302 to ``{origin}/_files/{clipId}?expires=..&signature=..``,
pre-signed for one hour of the mock's clock, as Zoom points to its storage.

The file host (``GET``/``HEAD /_files/{clipId}``) stands for that storage: no Zoom token, no
Zoom rate limit, and no injected faults either (its fault is ``cut_next``). As S3 does, it
refuses a request that carries any ``Authorization`` header (400, S3's XML error: a
pre-signed URL and a header are two auth mechanisms), a bad signature or an expired URL (403),
and a file it does not have (404). Otherwise it answers 200 with ``Content-Length``,
``Content-Type: video/mp4``, ``Accept-Ranges``, ``ETag`` and ``Content-Disposition:
attachment; filename="<title>.mp4"`` (any title: its control characters and non-ASCII are
``?`` there, the exact name is in ``filename*``); one ``Range`` (``bytes=a-b``, ``a-``, ``-n``)
gives 206 with ``Content-Range``, an unsatisfiable one 416 with ``Content-Range: bytes */size``;
``If-Range`` with another ETag gets the whole file. Every answer is recorded in
``state.files.requests``; a client that goes before the whole body is sent is one warning line
on the ``zoom_clips.mock`` logger (the clip and the bytes sent), not a traceback.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

import anyio
import anyio.lowlevel
import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from zoom_clips.mock._files import URL_TTL, FileRequest, RangeNotSatisfiableError, parse_range
from zoom_clips.mock._http import Refusal, state_of, visible_clip
from zoom_clips.mock._state import Grant, MockState

__all__ = ["FileHostApp", "download_clip"]

_NOT_READY = "clip mp4 is not ready"
_LOG = logging.getLogger("zoom_clips.mock")
# What may not stand in a quoted header value: controls (CR, LF, NUL...), DEL, and non-ASCII.
_NOT_IN_QUOTED = re.compile(r"[^\x20-\x7e]")


def download_clip(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips/{clipId}/download``: 302 to the clip's pre-signed file URL."""
    clip_id = request.path_params["clipId"]
    no_file = Refusal(404, 10002, f"The clip file does not exist: {clip_id[:80]}.")
    clip = state.dataset.clip(clip_id)
    if clip is None:
        raise no_file
    visible_clip(state, grant, clip_id)
    if clip.wire["status"] == "RECORD_DELETE":
        raise no_file
    if not clip.wire["file_size"]:
        raise Refusal(400, 50002, _NOT_READY)
    expires = int(state.clock.now().timestamp()) + URL_TTL
    signature = state.files.signature(clip_id, expires)
    origin = f"{request.url.scheme}://{request.url.netloc}"
    location = f"{origin}/_files/{quote(clip_id, safe='')}?expires={expires}&signature={signature}"
    return Response(status_code=302, headers={"Location": location})


def _s3_error(status: int, code: str, message: str) -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    )
    return Response(body, status_code=status, media_type="application/xml")


def _disposition(title: str) -> str:
    """``attachment; filename="<title>.mp4"``, and ``filename*`` unless it is plain ASCII."""
    name = title if title.lower().endswith(".mp4") else f"{title}.mp4"
    plain = _NOT_IN_QUOTED.sub("?", name).replace("\\", "\\\\").replace('"', '\\"')
    header = f'attachment; filename="{plain}"'
    if not name.isascii() or not name.isprintable():
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


class FileHostApp:
    """The ASGI app of ``/_files/{clipId}`` (raw ASGI, so a cut can drop the connection)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        state = state_of(request)
        clip_id: str = scope["path_params"]["clipId"]
        authorization = "authorization" in request.headers
        progress = _Progress()
        try:
            refusal = self._refusal(state, request, clip_id, authorization=authorization)
            if refusal is not None:
                progress.status = refusal.status_code
                await refusal(scope, receive, send)
                return
            # Stop sending when the client goes (uvicorn's send then just drops the bytes).
            async with anyio.create_task_group() as group:

                async def serve_then_stop() -> None:
                    await self._serve(state, request, send, clip_id, progress)
                    group.cancel_scope.cancel()

                group.start_soon(serve_then_stop)
                await _until_disconnect(receive)
                group.cancel_scope.cancel()
                if progress.sent < progress.length:
                    _LOG.warning(
                        "file host: the client closed the connection after %d of %d bytes of "
                        "clip %r (HTTP %d)",
                        progress.sent,
                        progress.length,
                        clip_id[:80],
                        progress.status,
                    )
        finally:
            asked = request.headers.get("range")
            record = FileRequest(clip_id, asked, authorization, progress.status, progress.sent)
            state.files.record(record)

    @staticmethod
    def _refusal(
        state: MockState, request: Request, clip_id: str, *, authorization: bool
    ) -> Response | None:
        if authorization:
            return _s3_error(
                400,
                "InvalidArgument",
                "Only one auth mechanism allowed; only the signature query parameter or the "
                "Authorization header should be specified",
            )
        expires = request.query_params.get("expires", "")
        signature = request.query_params.get("signature", "")
        if not state.files.signed(clip_id, expires, signature):
            return _s3_error(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.",
            )
        if int(expires) <= state.clock.now().timestamp():
            return _s3_error(403, "AccessDenied", "Request has expired")
        if state.file_of(clip_id) is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        return None

    @staticmethod
    async def _serve(
        state: MockState, request: Request, send: Send, clip_id: str, progress: _Progress
    ) -> None:
        """Send the file (or the asked range of it), noting its status and bytes in ``progress``."""
        file = state.file_of(clip_id)
        clip = state.dataset.clip(clip_id)
        assert file is not None  # noqa: S101 -- checked by _refusal
        assert clip is not None  # noqa: S101 -- the file is of a clip
        size = file.size
        accept = state.files.accept_ranges
        headers = {
            "Content-Type": "video/mp4",
            "Accept-Ranges": "bytes" if accept else "none",
            "ETag": file.etag,
            "Content-Disposition": _disposition(str(clip.wire["title"])),
        }
        if_range = request.headers.get("if-range")
        wanted = request.headers.get("range") if accept else None
        if if_range is not None and if_range != file.etag:
            wanted = None
        try:
            span = parse_range(wanted, size)
        except RangeNotSatisfiableError:
            headers["Content-Range"] = f"bytes */{size}"
            progress.status = 416
            await _start(send, 416, headers | {"Content-Length": "0"})
            await send({"type": "http.response.body", "body": b""})
            return
        status, (start, stop) = (200, (0, size)) if span is None else (206, span)
        progress.status = status
        if status == 206:
            headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
        await _start(send, status, headers | {"Content-Length": str(stop - start)})
        if request.method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        progress.length = stop - start
        cut = state.files.take_cut()
        end = stop if cut is None or cut >= stop else max(cut, start)
        for chunk in file.chunks(start, end):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            progress.sent += len(chunk)
            # uvicorn's send need not suspend: let the disconnect listener run between chunks.
            await anyio.lowlevel.checkpoint()
        if end < stop:
            return  # a cut: end without finishing, so the server drops the connection
        await send({"type": "http.response.body", "body": b""})


@attrs.define
class _Progress:
    """What a file response has done so far: its status and the body bytes sent."""

    status: int = 500
    sent: int = 0
    length: int = 0  # the body bytes it means to send (none for HEAD or 416)


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _start(send: Send, status: int, headers: dict[str, str]) -> None:
    raw = [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
