"""The uploads, served under the file API's root ``/file/v2`` only (``/v2/clips/files...`` is 404).

- ``POST /clips/files``: a form with the field ``file`` (at most 2,000,000,000 bytes, not
  empty); 201 ``{"clip_id"}``.
- ``POST /clips/files/multipart/upload_events``: JSON ``{"method": "CreateMultipartUpload",
  "params": {"file_name"}}`` answers 201 ``{"upload_context"}``; ``{"method":
  "CompleteMultipartUpload", "params": {"upload_context", "part_number_etags": [{"part_number",
  "etag"}, ...]}}`` answers 201 ``{"clip_id"}`` once the parts pass Zoom's rules (``_uploads``).
- ``POST /clips/files/multipart``: a form with ``file``, ``upload_context`` and ``part_number``
  (1..100); 201 ``{"part_number_etag": {"part_number", "etag"}}``, the etag the part's md5 in
  hex. The same number again replaces the part.

Each needs a token and counts against the UPLOAD budget (and ``upload_daily_limit`` per user).
Every refusal is 400 code 300 with a message saying why. Bodies stream to the mock's upload
directory, never into memory. A completed upload becomes a clip of the token's user (for a
Server-to-Server token, the master account's admin) titled with the file name, status
``RECORD_SUCCESS``, created now on the mock's clock, which lists, ``GET``s and downloads (a
single upload's file field sent without a file name is titled ``clip.mp4``).

With a webhook URL subscribed (``_webhooks``), an upload that begins sends ``clip.started`` (a
multipart upload at Create, when its clip id is drawn; a single upload once its body passed the
checks, just before it is stored), its clip ``RECORD_START`` with ``file_size`` 0; a completed
one sends ``clip.completed``, its clip as ``GET /clips/{clipId}`` answers it. The events are
queued: the answer never waits for their delivery.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from zoom_clips.mock._data import User, _Clip, _wire_date, copy_wire
from zoom_clips.mock._files import StoredFile
from zoom_clips.mock._http import Refusal
from zoom_clips.mock._multipart import Form, FormError, read_form
from zoom_clips.mock._state import Grant, MockState
from zoom_clips.mock._uploads import MAX_PART_NUMBER, MAX_SINGLE, UploadRefusedError
from zoom_clips.webhooks import CLIP_COMPLETED, CLIP_STARTED

__all__ = ["upload_events", "upload_file", "upload_part"]

#: Bytes per second of video, to give an uploaded clip a plausible ``duration`` (2 Mbit/s).
_BYTES_PER_SECOND = 250_000


def _bad(message: str) -> Refusal:
    return Refusal(400, 300, message)


async def _form(state: MockState, request: Request, *, file_limit: int | None) -> Form:
    content_type = request.headers.get("content-type", "")
    try:
        form = await read_form(
            request.stream(), content_type, state.uploads.directory, file_limit=file_limit
        )
    except FormError as exc:
        raise _bad(str(exc)) from None
    except ClientDisconnect:  # the client went mid-body: nothing was kept, no one reads this
        raise _bad("The client disconnected before the end of the body.") from None
    if form.file is None:
        raise _bad("The form must have a 'file' field.")
    return form


def _principal(grant: Grant) -> tuple[str, str | None]:
    return grant.account_id, grant.user_id


def _owner(state: MockState, grant: Grant) -> tuple[str, User]:
    """The account and user an upload of this token's belongs to."""
    dataset = state.dataset
    account = dataset.account(grant.account_id)
    if account is None:  # a token's account is always one of the data set's
        raise Refusal(403, 1003, "No permission to upload to this account.")
    owner = dataset.find_user(account.id, grant.user_id) if grant.user_id else account.users[0]
    if owner is None:
        raise Refusal(403, 1003, "No permission to upload for this user.")
    return account.id, owner


def _wire(clip_id: str, owner: User, file_name: str, size: int, now: dt.datetime) -> dict[str, Any]:
    """A new clip in the API's wire form; ``size`` 0: still uploading (``RECORD_START``)."""
    stamp = _wire_date(now, with_millis=False)
    return {
        "title": file_name,
        "description": "",
        "duration": max(1, size // _BYTES_PER_SECOND) if size else 0,
        "status": "RECORD_SUCCESS" if size else "RECORD_START",
        "clip_id": clip_id,
        "owner_id": owner.id,
        "file_size": size,
        "share_link": f"https://zoom.us/clips/share/{clip_id}",
        "share_link_settings": {"share_scope": "PRIVATE", "enable_passcode": False},
        "thumbnail_link": f"https://file.zoom.us/file/{clip_id}?attachType=preview",
        "created_date": stamp,
        "modified_date": stamp,
        "tags": [],
    }


def _announce_start(state: MockState, grant: Grant, clip_id: str, file_name: str) -> None:
    """Send ``clip.started`` for an upload that begins (if a webhook URL is subscribed)."""
    if not state.webhooks.active:
        return
    try:
        account_id, owner = _owner(state, grant)
    except Refusal:  # Complete refuses it; Create never did, so no event either
        return
    now = state.clock.now().replace(microsecond=0)
    state.webhooks.send(CLIP_STARTED, account_id, _wire(clip_id, owner, file_name, 0, now))


def _add_clip(
    state: MockState, grant: Grant, clip_id: str, file_name: str, file: StoredFile
) -> str:
    """Make the uploaded file a clip of the token's user (and send ``clip.completed``); its id."""
    account_id, owner = _owner(state, grant)
    now = state.clock.now().replace(microsecond=0)
    state.uploads.store(clip_id, file)
    state.dataset.add(
        _Clip(account_id, owner, now, now, _wire(clip_id, owner, file_name, file.size, now))
    )
    if state.webhooks.active:
        clip = state.dataset.clip(clip_id)
        if clip is not None:  # just added: the clip as GET /clips/{clipId} answers it
            state.webhooks.send(CLIP_COMPLETED, account_id, copy_wire(clip.wire))
    return clip_id


async def upload_file(state: MockState, grant: Grant, request: Request) -> Response:
    """``POST /clips/files``: one upload of a whole file."""
    form = await _form(state, request, file_limit=MAX_SINGLE)
    assert form.file is not None  # noqa: S101 -- _form refuses a form without one
    try:
        file = state.uploads.single(form.file)
    except UploadRefusedError as exc:
        raise _bad(str(exc)) from None
    name = form.file.filename or "clip.mp4"  # a file field sent without a file name
    clip_id = state.uploads.new_clip_id()
    _announce_start(state, grant, clip_id, name)
    return JSONResponse({"clip_id": _add_clip(state, grant, clip_id, name, file)}, status_code=201)


def _part_number(text: str | None) -> int:
    if text is None:
        raise _bad("The form must have a 'part_number' field.")
    number = int(text) if text.strip().isdigit() and len(text) < 10 else 0
    if not 1 <= number <= MAX_PART_NUMBER:
        raise _bad(f"part_number must be an integer from 1 to {MAX_PART_NUMBER}.")
    return number


def _part_fields(state: MockState, grant: Grant, form: Form) -> tuple[str, int]:
    """The part's live upload context and its number, or the refusal."""
    token = form.fields.get("upload_context")
    if not token:
        raise _bad("The form must have an 'upload_context' field.")
    number = _part_number(form.fields.get("part_number"))
    try:
        state.uploads.context(token, _principal(grant), state.clock.now())
    except UploadRefusedError as exc:
        raise _bad(str(exc)) from None
    return token, number


class _Dropped(Response):
    """A response that promises a body, sends part of it and ends: the connection drops."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", b"96")]
        await send({"type": "http.response.start", "status": 201, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b'{"part_number_etag": {', "more_body": True}
        )


async def upload_part(state: MockState, grant: Grant, request: Request) -> Response:
    """``POST /clips/files/multipart``: one part of a multipart upload."""
    form = await _form(state, request, file_limit=None)
    assert form.file is not None  # noqa: S101 -- _form refuses a form without one
    try:
        token, number = _part_fields(state, grant, form)
    except Refusal:
        form.file.path.unlink(missing_ok=True)
        raise
    failure = state.uploads.take_failure(number)
    etag = state.uploads.add_part(token, number, form.file, kept=failure is None)
    if failure == "drop":
        return _Dropped()
    if isinstance(failure, int):
        message = f"Injected failure of part {number}."
        return JSONResponse({"code": failure, "message": message}, status_code=failure)
    answer = {"part_number_etag": {"part_number": number, "etag": etag}}
    return JSONResponse(answer, status_code=201)


def _listed(params: dict[str, Any]) -> list[tuple[int, str]]:
    items = params.get("part_number_etags")
    if not isinstance(items, list):
        raise _bad("params.part_number_etags must be a list of {part_number, etag}.")
    listed = []
    for item in items:
        number = item.get("part_number") if isinstance(item, dict) else None
        etag = item.get("etag") if isinstance(item, dict) else None
        if type(number) is not int or not isinstance(etag, str):
            raise _bad("Each of part_number_etags must be {part_number: integer, etag: string}.")
        listed.append((number, etag))
    return listed


def upload_events(state: MockState, grant: Grant, _request: Request, body: bytes) -> Response:
    """``POST /clips/files/multipart/upload_events``: Create or Complete a multipart upload."""
    try:
        payload = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise _bad("The body must be a JSON object with 'method' and 'params'.")
    method, params = payload.get("method"), payload.get("params")
    if not isinstance(params, dict):
        params = {}
    if method == "CreateMultipartUpload":
        file_name = params.get("file_name")
        if not isinstance(file_name, str) or not file_name.strip():
            raise _bad("params.file_name must be a non-empty string.")
        token = state.uploads.create(_principal(grant), file_name, state.clock.now())
        started = state.uploads.context(token, _principal(grant), state.clock.now())
        _announce_start(state, grant, started.clip_id, file_name)
        return JSONResponse({"upload_context": token}, status_code=201)
    if method == "CompleteMultipartUpload":
        context = params.get("upload_context")
        if not isinstance(context, str) or not context:
            raise _bad("params.upload_context must be a string.")
        try:
            upload = state.uploads.context(context, _principal(grant), state.clock.now())
            file, file_name = state.uploads.complete(context, _listed(params))
        except UploadRefusedError as exc:
            raise _bad(str(exc)) from None
        clip_id = _add_clip(state, grant, upload.clip_id, file_name, file)
        return JSONResponse({"clip_id": clip_id}, status_code=201)
    raise _bad("method must be CreateMultipartUpload or CompleteMultipartUpload.")
