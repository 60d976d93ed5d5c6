"""``POST /_mock/clips/{clipId}``: change a clip between two listings, as a user would in Zoom.

The JSON body holds the fields to change, in the API's wire form: ``{"status": "RECORD_DELETE"}``,
``{"share_link_settings": {"share_scope": "ANYONE"}}`` (merged into the clip's settings, so the
other settings stay), ``{"title": "..."}``. The clip's ``modified_date`` becomes the mock's current
time, as Zoom stamps an edit, so an incremental ``MODIFIED_DATE`` listing finds it again. The
answer is the clip as the API now sends it; an unknown clip is 404 code 2000 (Zoom's "clip does
not exist"), a body that is not a JSON object, or one that changes ``clip_id``,
``created_date`` or ``modified_date``, is 400 code 300.

The data set is immutable: a change builds a new one with the clip replaced and swaps it in.
That costs a rebuild of the index per change, which is nothing for the few changes a test makes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import Dataset, copy_wire
from zoom_clips.mock._state import MockState

__all__ = ["change_clip", "changed_dataset"]

_FIXED = ("clip_id", "created_date", "modified_date")


def _stamp(previous: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """``now`` in the wire form of ``previous`` (whole seconds ``...Z`` or ms ``+00:00``)."""
    if previous.endswith("Z"):
        when = now.replace(microsecond=0)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ"), when
    when = now.replace(microsecond=now.microsecond // 1000 * 1000)
    return when.isoformat(timespec="milliseconds"), when


def changed_dataset(
    dataset: Dataset, clip_id: str, changes: Mapping[str, Any], *, now: dt.datetime
) -> tuple[Dataset, dict[str, Any]]:
    """A copy of ``dataset`` with ``changes`` applied to one clip, and that clip's new wire.

    ``KeyError`` for an unknown clip, ``ValueError`` for a change the route refuses.
    """
    fixed = sorted(set(changes) & set(_FIXED))
    if fixed:
        raise ValueError(f"Invalid field: {', '.join(fixed)} cannot be changed")
    clips = list(dataset._clips)
    index = next((i for i, c in enumerate(clips) if c.wire.get("clip_id") == clip_id), None)
    if index is None:
        raise KeyError(clip_id)
    old = clips[index]
    wire = copy_wire(old.wire)
    for name, value in changes.items():
        if name == "share_link_settings":
            if not isinstance(value, dict):
                raise ValueError("Invalid field: share_link_settings must be an object")
            wire[name] = {**wire[name], **value}
        else:
            wire[name] = value
    stamp, modified = _stamp(str(old.wire["modified_date"]), now.astimezone(dt.UTC))
    wire["modified_date"] = stamp
    modified = max(modified, old.created)
    clips[index] = type(old)(old.account_id, old.owner, old.created, modified, wire)
    return Dataset(dataset.master_account_id, dataset.accounts, tuple(clips)), copy_wire(wire)


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
    try:
        state.dataset, wire = changed_dataset(
            state.dataset, clip_id, changes, now=state.clock.now()
        )
    except KeyError:
        return _error(404, 2000, f"Clip {clip_id} does not exist.")
    except ValueError as exc:
        return _error(400, 300, str(exc))
    return JSONResponse(wire)
