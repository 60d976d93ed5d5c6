"""The two listings: ``GET /accounts/{accountId}/clips`` (master API) and ``GET /clips``.

Both share one query engine: the same parameters, validation, order, page tokens (bound to
their listing, query and caller) and the same current data (a soft-deleted clip lists as
``RECORD_DELETE``, a transferred one under its new owner). ``GET /clips`` lists the clips of the
token's account: with a user token only its user's own (``user_id`` may only name that user),
with a Server-to-Server (admin) token every user's, ``user_id`` naming one by id or email.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import (
    CLIP_STATUSES,
    DATE_FILTER_TYPES,
    InvalidQueryError,
    copy_wire,
    parse_window,
)
from zoom_clips.mock._http import Refusal, single_values
from zoom_clips.mock._state import DEMO_ACCOUNT_ID, PAGE_TOKEN_TTL, Cursor, Grant, MockState

__all__ = ["account_clips", "user_clips"]

_QUERY_PARAMETERS = frozenset(
    {"user_id", "search_key", "date_filter_type", "from", "to", "status", "page_size"}
)
_PAGE_SIZE = re.compile(r"[0-9]{1,4}")


def _enum(values: dict[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = values.get(name)
    if value is not None and value not in allowed:
        raise InvalidQueryError(f"Invalid field: {name!r} must be one of {', '.join(allowed)}")
    return value


def _page_size(values: dict[str, str]) -> int:
    text = values.get("page_size")
    if text is None:
        return 30
    if not _PAGE_SIZE.fullmatch(text) or not 30 <= int(text) <= 300:
        raise InvalidQueryError("Invalid field: 'page_size' must be an integer from 30 to 300")
    return int(text)


def _owner(state: MockState, grant: Grant, account_id: str, user_id: str | None) -> str | None:
    """The owner filter (an id or email) that ``user_id`` means for this token."""
    if grant.user_id is not None:  # a user token sees only its own clips
        user = state.dataset.find_user(grant.account_id, grant.user_id)
        mine = user is not None and user_id in (None, "", "me", user.id, user.email)
        if not mine:
            raise PermissionError("A user token can only list its own clips (user_id=me).")
        return grant.user_id
    if user_id == "me":  # a Server-to-Server token acts as the master account's admin
        return state.dataset.accounts[0].users[0].id if account_id == DEMO_ACCOUNT_ID else "me"
    return user_id or None


def _new_cursor(
    state: MockState, grant: Grant, account_id: str, values: dict[str, str], page_size: int
) -> Cursor:
    window = parse_window(values.get("from"), values.get("to"), now=state.clock.now())
    return Cursor(
        binding=(),
        account_id=account_id,
        window=window,
        date_filter_type=_enum(values, "date_filter_type", DATE_FILTER_TYPES) or "MODIFIED_DATE",
        status=_enum(values, "status", CLIP_STATUSES),
        user_id=_owner(state, grant, account_id, values.get("user_id")),
        search_key=values.get("search_key") or None,
        offset=0,
        expires_at=state.clock.now(),
    )


def _list_clips(
    state: MockState, grant: Grant, request: Request, account_id: str, route: str
) -> Response:
    values = single_values(request)
    page_size = _page_size(values)
    token = values.pop("next_page_token", "")
    binding = (
        route,
        account_id,
        grant.account_id,
        grant.user_id,
        tuple(sorted((k, v) for k, v in values.items() if k in _QUERY_PARAMETERS)),
    )
    if token:
        cursor = state.cursor_for(token) if len(token) <= 100 else None
        if cursor is None:
            raise InvalidQueryError("Invalid field: 'next_page_token' is invalid or has expired")
        if cursor.binding != binding:
            raise InvalidQueryError(
                "Invalid field: 'next_page_token' belongs to a query with other parameters"
            )
    else:
        cursor = _new_cursor(state, grant, account_id, values, page_size)
    hits = state.dataset.matching(
        account_id,
        from_=cursor.window.start,
        to=cursor.window.end,
        date_filter_type=cursor.date_filter_type,
        status=cursor.status,
        user_id=cursor.user_id,
        search_key=cursor.search_key,
    )
    end = cursor.offset + page_size
    next_token = ""
    if end < len(hits):
        follow = Cursor(
            binding=binding,
            account_id=account_id,
            window=cursor.window,
            date_filter_type=cursor.date_filter_type,
            status=cursor.status,
            user_id=cursor.user_id,
            search_key=cursor.search_key,
            offset=end,
            expires_at=state.clock.now() + PAGE_TOKEN_TTL,
        )
        next_token = state.save_cursor(follow)
    body = {
        "data": [copy_wire(clip.wire) for clip in hits[cursor.offset : end]],
        "next_page_token": next_token,
        "page_size": page_size,
        "total_records": len(hits),
    }
    return JSONResponse(body)


def account_clips(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /accounts/{accountId}/clips``: an account the token may read (else 403 1003)."""
    account_id = request.path_params["accountId"]
    owned = grant.account_id in (DEMO_ACCOUNT_ID, account_id)
    if state.dataset.account(account_id) is None or not owned:
        raise Refusal(403, 1003, "No permission to operate on this account.")
    return _list_clips(state, grant, request, account_id, "account")


def user_clips(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips``: the token's account's clips (a user token: its user's own)."""
    return _list_clips(state, grant, request, grant.account_id, "user")
