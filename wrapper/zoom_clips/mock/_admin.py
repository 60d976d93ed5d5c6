"""``POST /_mock/clips/{clipId}``: change a clip between two listings, as a user would in Zoom.

The JSON body holds the fields to change, in the API's wire form: ``{"status": "RECORD_DELETE"}``,
``{"share_link_settings": {"share_scope": "ANYONE"}}`` (merged into the clip's settings, so the
other settings stay), ``{"title": "..."}``. The clip's ``modified_date`` becomes the mock's current
time, as Zoom stamps an edit, so an incremental ``MODIFIED_DATE`` listing finds it again. The
answer is the clip as the API now sends it; an unknown clip is 404 code 2000 (Zoom's "clip does
not exist"), a body that is not a JSON object, or one that changes ``clip_id``,
``created_date`` or ``modified_date``, is 400 code 300.

The change goes through the data set's current state (``Dataset.update``), like a soft delete
or a transfer, so earlier changes stay and ``POST /_mock/reset`` brings back the seeded clip.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import copy_wire
from zoom_clips.mock._state import MockState

__all__ = ["change_clip", "check_changes"]

_FIXED = ("clip_id", "created_date", "modified_date")


def check_changes(changes: Mapping[str, Any]) -> None:
    """``ValueError`` for a change the route refuses (a fixed field, settings not an object)."""
    fixed = sorted(set(changes) & set(_FIXED))
    if fixed:
        raise ValueError(f"Invalid field: {', '.join(fixed)} cannot be changed")
    if "share_link_settings" in changes and not isinstance(changes["share_link_settings"], dict):
        raise ValueError("Invalid field: share_link_settings must be an object")


def _error(status: int, code: int, message: str) -> Response:
    return JSONResponse({"code": code, "message": message}, status_code=status)


async def change_clip(request: Request) -> Response:
    """The route: apply the body's changes to the clip and answer its new wire form."""
    state: MockState = request.app.state.mock
    try:
        changes = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        changes = None
    if not isinstance(changes, dict):
        return _error(400, 300, "The body must be a JSON object of the fields to change.")
    clip_id = request.path_params["clipId"]
    if state.dataset.clip(clip_id) is None:
        return _error(404, 2000, f"Clip {clip_id} does not exist.")
    try:
        check_changes(changes)
    except ValueError as exc:
        return _error(400, 300, str(exc))
    now = state.clock.now().astimezone(dt.UTC)
    changed = state.dataset.update(clip_id, changes=changes, modified=now)
    return JSONResponse(copy_wire(changed.wire))
