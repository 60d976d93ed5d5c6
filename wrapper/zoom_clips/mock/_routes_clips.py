"""One clip: get and (soft) delete it, list and remove its collaborators, list and delete comments.

A clip id that never existed is 404 code 2000 on every route; a soft-deleted clip still exists
(``GET`` shows it as ``RECORD_DELETE``, its collaborators and comments stay readable, a second
delete is another 204). Deleting sets ``status`` to ``RECORD_DELETE`` and ``modified_date`` to
the mock's now, so a ``MODIFIED_DATE`` listing of today shows the deletion. Collaborator and
comment listings page with ``next_page_token`` (bound to the route, clip, page size and caller;
15 minutes): collaborators ``page_size`` up to 300 (default 30; 0 or less: the default),
comments up to 50 (the spec's ``maxItems``; default 30; the spec types it as a string, so an
integer in a string; a larger value is taken as 50). A page size that is not an integer, or a
collaborators page size over 300, is 400 code 300.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import InvalidQueryError, copy_wire
from zoom_clips.mock._http import Refusal, single_values, visible_clip
from zoom_clips.mock._state import Grant, MockState

__all__ = [
    "delete_clip",
    "delete_comment",
    "get_clip",
    "list_collaborators",
    "list_comments",
    "remove_collaborator",
]

_INTEGER = re.compile(r"[+-]?[0-9]{1,1000}")
_DEFAULT_PAGE_SIZE = 30
_MAX_COLLABORATORS_PAGE = 300
_MAX_COMMENTS_PAGE = 50


def _page_size(values: dict[str, str], *, largest: int, clamp: bool) -> int:
    text = values.get("page_size")
    if text is None:
        return _DEFAULT_PAGE_SIZE  # both listings allow at least 30 a page
    if not _INTEGER.fullmatch(text.strip()):
        raise InvalidQueryError("Invalid field: 'page_size' must be an integer")
    size = int(text)
    if size <= 0:
        return _DEFAULT_PAGE_SIZE
    if size > largest:
        if not clamp:
            raise InvalidQueryError(f"Invalid field: 'page_size' must be at most {largest}")
        return largest
    return size


def get_clip(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips/{clipId}``: the clip as the listings send it."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    return JSONResponse(copy_wire(clip.wire))


def delete_clip(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``DELETE /clips/{clipId}``: a soft delete (``RECORD_DELETE``), 204."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    if clip.wire["status"] != "RECORD_DELETE":
        state.dataset.update(
            str(clip.wire["clip_id"]),
            changes={"status": "RECORD_DELETE"},
            modified=state.clock.now(),
        )
    return Response(status_code=204)


def list_collaborators(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips/{clipId}/collaborators``: the owner first, then the viewers, paged."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    values = single_values(request)
    page_size = _page_size(values, largest=_MAX_COLLABORATORS_PAGE, clamp=False)
    binding = ("collaborators", clip.wire["clip_id"], page_size, grant.account_id, grant.user_id)
    data, token = state.social.page(
        state.social.collaborators(clip),
        binding=binding,
        page_size=page_size,
        token=values.get("next_page_token", ""),
        now=state.clock.now(),
    )
    return JSONResponse({"data": data, "next_page_token": token, "page_size": page_size})


def remove_collaborator(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``DELETE /clips/{clipId}/collaborators?user_key=...|channel_id=...``: 204, or 400 1500."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    values = single_values(request)
    why = state.social.remove_collaborator(
        clip, values.get("user_key") or None, values.get("channel_id") or None
    )
    if why:
        raise Refusal(400, 1500, why)
    return Response(status_code=204)


def list_comments(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips/{clipId}/comments``: oldest first, each with its replies, paged."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    values = single_values(request)
    page_size = _page_size(values, largest=_MAX_COMMENTS_PAGE, clamp=True)
    binding = ("comments", clip.wire["clip_id"], page_size, grant.account_id, grant.user_id)
    data, token = state.social.page(
        state.social.comments(clip),
        binding=binding,
        page_size=page_size,
        token=values.get("next_page_token", ""),
        now=state.clock.now(),
    )
    return JSONResponse({"data": data, "next_page_token": token, "page_size": page_size})


def delete_comment(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``DELETE /clips/{clipId}/comments/{commentId}``: 204, or 404 code 2005."""
    clip = visible_clip(state, grant, request.path_params["clipId"])
    comment_id = request.path_params["commentId"]
    if not state.social.delete_comment(clip, comment_id):
        raise Refusal(404, 2005, f"Comment does not exist: {comment_id[:80]}.")
    return Response(status_code=204)
