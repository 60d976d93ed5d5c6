"""What every API route shares: Zoom's error body, the bearer token, rate limits, refusals.

A route's logic is a plain function ``(state, grant, request, body) -> Response`` (or, for an
upload that must stream its body, a coroutine ``(state, grant, request)`` in :class:`Streaming`)
that raises :class:`Refusal` (or ``InvalidQueryError``: 400 code 300) for what Zoom refuses;
:func:`endpoint` wraps it with authentication, its category's rate limit, the settling of due
transfer tasks and the rate-limit headers, in that order, as one Starlette endpoint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import attrs
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import InvalidQueryError, _Clip
from zoom_clips.mock._state import DEMO_ACCOUNT_ID, Grant, MockState

__all__ = [
    "Handler",
    "Refusal",
    "Streaming",
    "endpoint",
    "refuse_user_tokens",
    "single_values",
    "state_of",
    "visible_clip",
    "zoom_error",
]

Handler = Callable[[MockState, Grant, Request, bytes], Response]


@attrs.frozen
class Streaming:
    """A route's logic that reads the request body itself (an upload), as a coroutine."""

    handler: Callable[[MockState, Grant, Request], Awaitable[Response]]


class Refusal(Exception):
    """Zoom's answer to a request it refuses: an HTTP status and a ``{code, message}`` body."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def zoom_error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """A response with Zoom's error body ``{"code": ..., "message": ...}``."""
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)


def state_of(request: Request) -> MockState:
    """The mock's state, from the app serving ``request``."""
    state: MockState = request.app.state.mock
    return state


def authenticate(state: MockState, request: Request) -> Grant | Response:
    """The grant of the request's bearer token, or Zoom's 401 (1002: none; 124: not valid)."""
    header = request.headers.get("authorization")
    if not header:
        return zoom_error(401, 1002, "Request is not authenticated. Send an access token.")
    scheme, _, token = header.partition(" ")
    grant = state.grant_for(token.strip()) if scheme.lower() == "bearer" else None
    if grant is None:
        return zoom_error(401, 124, "Invalid access token.")
    return grant


def single_values(request: Request) -> dict[str, str]:
    """The query parameters, each given at most once (a repeated one is a 400 code 300)."""
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name in values:
            raise InvalidQueryError(f"Invalid field: {name!r} was given more than once")
        values[name] = value
    return values


def visible_clip(state: MockState, grant: Grant, clip_id: str) -> _Clip:
    """The clip the token may act on: 404 code 2000 if it never existed, 403 if not theirs.

    A soft-deleted clip still exists. A user token reaches the clips its user owns now; a
    Server-to-Server token those of its account, and the master account's every sub account's.
    """
    clip = state.dataset.clip(clip_id)
    if clip is None:
        raise Refusal(404, 2000, f"Clip does not exist: {clip_id[:80]}.")
    if grant.user_id is not None:
        allowed = clip.owner.id == grant.user_id
    else:
        allowed = grant.account_id in (DEMO_ACCOUNT_ID, clip.account_id)
    if not allowed:
        raise Refusal(403, 1003, "No permission to operate on this clip.")
    return clip


def refuse_user_tokens(grant: Grant, scope: str) -> None:
    """403 code 1003 for a user-scoped token on an admin-only operation."""
    if grant.user_id is not None:
        raise Refusal(403, 1003, f"No permission: this operation needs the scope {scope}.")


def endpoint(
    category: str, handler: Handler | Streaming
) -> Callable[[Request], Awaitable[Response]]:
    """``handler`` behind auth, the ``category``'s rate limit and Zoom's error bodies."""

    async def run(request: Request) -> Response:  # noqa: PLR0911 -- one return per outcome
        state = state_of(request)
        grant = authenticate(state, request)
        if isinstance(grant, Response):
            return grant
        decision = state.rate_check(grant.account_id, category, user_id=grant.user_id)
        if decision.limited == "QPS":
            message = "You have reached the maximum per-second rate limit for this API. Try later."
            return zoom_error(429, 429, message, decision.headers)
        if decision.limited is not None:
            message = "You have reached the maximum daily rate limit for this API. Try again later."
            return zoom_error(429, 429, message, decision.headers)
        try:
            if isinstance(handler, Streaming):
                state.settle()
                response = await handler.handler(state, grant, request)
            else:
                body = await request.body()
                state.settle()
                response = handler(state, grant, request, body)
        except InvalidQueryError as exc:
            return zoom_error(400, 300, str(exc), decision.headers)
        except PermissionError as exc:
            return zoom_error(403, 1003, str(exc), decision.headers)
        except Refusal as exc:
            return zoom_error(exc.status, exc.code, exc.message, decision.headers)
        response.headers.update(decision.headers)
        return response

    return run
