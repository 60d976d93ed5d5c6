"""Ownership transfers: ``POST /clips/transfers`` (201, a task id) and its status.

Both need an admin-scoped (Server-to-Server) token; a user token gets 403 code 1003. The body's
rules, checked in this order, with Zoom's codes (all 400): not a JSON object, or a field of the
wrong type or value (10003); ``transfer_type`` or ``target_owner_user_id`` missing (10001); a
``PARTIAL_TRANSFER`` without ``source_owner_user_id`` or with no ``clip_id_list`` (10001), or
with more than 50 ids (10004); a user id that is no user of the accounts the token reaches, the
two users in different accounts, or the same user twice (10003); no listed clip exists (10002);
a listed clip that does not exist or that the source does not own (20002); a task of the same
two users still in process (30001). ``source_owner_user_id`` is optional for a
``FULL_TRANSFER`` (the spec marks it required, its prose says optional): without it, the
source is the token's own user (for the master account's token, its admin). A full transfer's
``clip_id_list`` is ignored. The task then runs on the mock's clock (see ``_transfers``).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import Account, User
from zoom_clips.mock._http import Refusal, refuse_user_tokens
from zoom_clips.mock._state import DEMO_ACCOUNT_ID, Grant, MockState

__all__ = ["start_transfer", "transfer_status"]

MAX_PARTIAL_CLIPS = 50
_TYPES = ("FULL_TRANSFER", "PARTIAL_TRANSFER")


def _invalid(why: str) -> Refusal:
    return Refusal(400, 10003, f"Invalidated field value: {why}")


def _missing(name: str) -> Refusal:
    return Refusal(400, 10001, f"Missing field: {name}.")


def _reachable(state: MockState, grant: Grant) -> tuple[Account, ...]:
    """The accounts whose users the token may transfer between."""
    accounts = state.dataset.accounts
    return tuple(a for a in accounts if grant.account_id in (DEMO_ACCOUNT_ID, a.id))


def _user(state: MockState, grant: Grant, user_id: str) -> tuple[Account, User]:
    for account in _reachable(state, grant):
        user = state.dataset.find_user(account.id, user_id)
        if user is not None:
            return account, user
    raise _invalid(f"no active user {user_id[:60]!r} in this account.")


def _payload(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise _invalid("the body is not JSON.") from None
    if not isinstance(payload, dict):
        raise _invalid("the body must be a JSON object.")
    for name in ("transfer_type", "target_owner_user_id", "source_owner_user_id"):
        if name in payload and not isinstance(payload[name], str):
            raise _invalid(f"{name} must be a string.")
    return payload


def _clip_ids(payload: dict[str, Any]) -> tuple[str, ...]:
    listed = payload.get("clip_id_list")
    if listed is None or listed == []:
        raise _missing("clip_id_list (required for PARTIAL_TRANSFER)")
    if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
        raise _invalid("clip_id_list must be a list of clip ids.")
    if len(listed) > MAX_PARTIAL_CLIPS:
        raise Refusal(
            400,
            10004,
            "When transfer type is PARTIAL_TRANSFER, clip_id_list limit size is 50.",
        )
    return tuple(dict.fromkeys(listed))


def _parties(
    state: MockState, grant: Grant, source_id: str | None, target_id: str
) -> tuple[Account, User, User]:
    """The account and the two users of a transfer (no source: the token's own user)."""
    if source_id is None:  # a grant's account exists, and its first user is its admin
        home = next(a for a in state.dataset.accounts if a.id == grant.account_id)
        source_account, source = home, home.users[0]
    else:
        source_account, source = _user(state, grant, source_id)
    target_account, target = _user(state, grant, target_id)
    if target_account != source_account:
        raise _invalid("the source and target users are in different accounts.")
    if target == source:
        raise _invalid("the source and target users are the same user.")
    return source_account, source, target


def start_transfer(state: MockState, grant: Grant, _request: Request, body: bytes) -> Response:
    """``POST /clips/transfers``: 201 ``{"task_id": ...}``, or Zoom's 400 codes."""
    refuse_user_tokens(grant, "clips:write:transfer_owner:admin")
    payload = _payload(body)
    transfer_type = payload.get("transfer_type")
    target_id = payload.get("target_owner_user_id")
    source_id = payload.get("source_owner_user_id")
    if transfer_type is None:
        raise _missing("transfer_type")
    if transfer_type not in _TYPES:
        raise _invalid(f"transfer_type must be one of {', '.join(_TYPES)}.")
    if target_id is None:
        raise _missing("target_owner_user_id")
    partial = transfer_type == "PARTIAL_TRANSFER"
    clip_ids: tuple[str, ...] | None = None
    if partial:
        if source_id is None:
            raise _missing("source_owner_user_id (required for PARTIAL_TRANSFER)")
        clip_ids = _clip_ids(payload)
    source_account, source, target = _parties(state, grant, source_id, target_id)
    if clip_ids is not None:
        clips = [state.dataset.clip(clip_id) for clip_id in clip_ids]
        if all(clip is None for clip in clips):
            raise Refusal(400, 10002, "Can not found any clip by clip_id_list.")
        if any(clip is None or clip.owner != source for clip in clips):
            raise Refusal(400, 20002, "Clips not belong sourceOwner.")
    if state.transfers.busy(source, target):
        raise Refusal(400, 30001, "Source user and target user have processing transfer task.")
    task = state.transfers.start(
        account_id=source_account.id,
        source=source,
        target=target,
        clip_ids=clip_ids,
        now=state.clock.now(),
    )
    return JSONResponse({"task_id": task.task_id}, status_code=201)


def transfer_status(state: MockState, grant: Grant, request: Request, _body: bytes) -> Response:
    """``GET /clips/transfers/{taskId}``: the task's status, or 404 code 10002."""
    refuse_user_tokens(grant, "clips:read:transfer_task_status:admin")
    task = state.transfers.task(request.path_params["taskId"])
    if task is None or grant.account_id not in (DEMO_ACCOUNT_ID, task.account_id):
        raise Refusal(404, 10002, "Can not found any async task by taskId and accountId.")
    return JSONResponse(task.to_json())
