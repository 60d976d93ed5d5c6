"""The mock as a Starlette ASGI application: the clips API, the token endpoint, ``/_mock/*``."""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, unquote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, request_response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zoom_clips.mock._admin import change_clip
from zoom_clips.mock._config import MockConfig
from zoom_clips.mock._data import (
    CLIP_STATUSES,
    DATE_FILTER_TYPES,
    InvalidQueryError,
    copy_wire,
    parse_window,
)
from zoom_clips.mock._state import (
    ACCOUNT_SCOPES,
    DEMO_ACCOUNT_ID,
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    PAGE_TOKEN_TTL,
    USER_SCOPES,
    Cursor,
    Grant,
    MockState,
)

__all__ = ["create_app"]

_QUERY_PARAMETERS = frozenset(
    {"user_id", "search_key", "date_filter_type", "from", "to", "status", "page_size"}
)
_PAGE_SIZE = re.compile(r"[0-9]{1,4}")
_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_HTML_504 = _HTML_502.replace(b"502 Bad Gateway", b"504 Gateway Time-out")


def _zoom_error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)


def _oauth_error(status: int, error: str, reason: str) -> Response:
    return JSONResponse({"reason": reason, "error": error}, status_code=status)


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


# --- the clips endpoint -------------------------------------------------------------------------


def _authenticate(state: MockState, request: Request) -> Grant | Response:
    header = request.headers.get("authorization")
    if not header:
        return _zoom_error(401, 1002, "Request is not authenticated. Send an access token.")
    scheme, _, token = header.partition(" ")
    grant = state.grant_for(token.strip()) if scheme.lower() == "bearer" else None
    if grant is None:
        return _zoom_error(401, 124, "Invalid access token.")
    return grant


def _single_values(request: Request) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name in values:
            raise InvalidQueryError(f"Invalid field: {name!r} was given more than once")
        values[name] = value
    return values


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


def _list_clips(state: MockState, grant: Grant, request: Request, account_id: str) -> Response:
    values = _single_values(request)
    page_size = _page_size(values)
    token = values.pop("next_page_token", "")
    binding = (
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


async def _clips(request: Request) -> Response:  # noqa: PLR0911 -- one return per HTTP outcome
    if request.method != "GET":
        return _zoom_error(
            405, 405, f"Method {request.method} is not allowed here.", {"Allow": "GET"}
        )
    state = _state(request)
    grant = _authenticate(state, request)
    if isinstance(grant, Response):
        return grant
    decision = state.rate_check(grant.account_id)
    if decision.limited == "QPS":
        message = "You have reached the maximum per-second rate limit for this API. Try later."
        return _zoom_error(429, 429, message, decision.headers)
    if decision.limited is not None:
        message = "You have reached the maximum daily rate limit for this API. Try again later."
        return _zoom_error(429, 429, message, decision.headers)
    account_id = request.path_params["accountId"]
    owned = grant.account_id in (DEMO_ACCOUNT_ID, account_id)
    if state.dataset.account(account_id) is None or not owned:
        return _zoom_error(403, 1003, "No permission to operate on this account.", decision.headers)
    try:
        response = _list_clips(state, grant, request, account_id)
    except InvalidQueryError as exc:
        return _zoom_error(400, 300, str(exc), decision.headers)
    except PermissionError as exc:
        return _zoom_error(403, 1003, str(exc), decision.headers)
    response.headers.update(decision.headers)
    return response


# --- the OAuth token endpoint -------------------------------------------------------------------


def _client_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, colon, secret = decoded.partition(":")
    return (client_id, secret) if colon else None


async def _token(request: Request) -> Response:
    state = _state(request)
    body = (await request.body()).decode("utf-8", errors="replace")
    params = dict(request.query_params) | dict(parse_qsl(body, keep_blank_values=True))
    credentials = _client_credentials(request)
    if credentials is None or not (
        secrets.compare_digest(credentials[0].encode(), DEMO_CLIENT_ID.encode())
        and secrets.compare_digest(credentials[1].encode(), DEMO_CLIENT_SECRET.encode())
    ):
        return _oauth_error(401, "invalid_client", "Invalid client_id or client_secret")
    grant_type = params.get("grant_type")
    api_url = str(request.base_url).rstrip("/")
    if grant_type == "account_credentials":
        if params.get("account_id") != DEMO_ACCOUNT_ID:
            return _oauth_error(400, "invalid_request", "Invalid account_id")
        token, ttl = state.issue_token(DEMO_ACCOUNT_ID, None)
        answer = {"access_token": token, "token_type": "bearer", "expires_in": ttl}
        return JSONResponse(answer | {"scope": ACCOUNT_SCOPES, "api_url": api_url})
    if grant_type == "refresh_token":
        rotated = state.rotate_refresh_token(params.get("refresh_token", ""))
        if rotated is None:
            return _oauth_error(400, "invalid_grant", "Invalid Token!")
        account_id, user_id, refresh_token = rotated
        token, ttl = state.issue_token(account_id, user_id)
        answer = {"access_token": token, "token_type": "bearer", "expires_in": ttl}
        answer |= {"refresh_token": refresh_token, "scope": USER_SCOPES, "api_url": api_url}
        return JSONResponse(answer)
    return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")


# --- test endpoints -----------------------------------------------------------------------------


async def _stats(request: Request) -> Response:
    return JSONResponse(_state(request).stats())


async def _accounts(request: Request) -> Response:
    return JSONResponse(_state(request).dataset.to_json())


async def _reset(request: Request) -> Response:
    _state(request).reset()
    return JSONResponse(_state(request).stats())


# --- tracking ids, stats, latency and faults ----------------------------------------------------


async def _send_fault(fault: str, send: Send) -> None:
    bodies = {
        "500": (500, b"application/json", b'{"code":500,"message":"Internal server error."}'),
        "502": (502, b"text/html", _HTML_502),
        "503": (503, b"text/plain", b"Service Temporarily Unavailable"),
        "504": (504, b"text/html", _HTML_504),
    }
    status, content_type, body = bodies[fault]
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _mangling_send(fault: str, send: Send) -> Callable[[Message], Awaitable[None]]:
    """A ``send`` that drops the connection mid-body, or cuts a 200's JSON short."""
    start: Message = {}

    async def mangle(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        body: bytes = message.get("body", b"")
        if fault == "truncate" and start["status"] != 200:
            await send(start)
            await send(message)
            return
        cut = body[: max(1, len(body) // 2)]
        if fault == "truncate":  # a complete response whose JSON ends too early
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(cut)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": cut})
            return
        # drop: promise the whole body, send part of it, then end without finishing; uvicorn
        # closes the connection, so the client sees it close mid-body.
        await send(start)
        await send({"type": "http.response.body", "body": cut, "more_body": True})

    return mangle


class _ApiRoutes:
    """Pure ASGI middleware that routes ``/v2`` itself, so every path there gets Zoom's JSON.

    Starlette's path patterns do not match a decoded newline (``/v2/accounts/abc%0Adef/clips``
    was a plain-text 404), so the clips path is split from the raw, still-encoded path: any
    account id reaches the endpoint (which answers 403 for one it does not know), any method
    there is the endpoint's to refuse (405 with ``Allow``), and any other path under ``/v2`` is
    a 404 with Zoom's ``{"code", "message"}`` body. Everything else goes to the Starlette routes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.clips = request_response(_clips)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (path == "/v2" or path.startswith("/v2/")):
            await self.app(scope, receive, send)
            return
        account_id = _clips_account_id(scope)
        if account_id is None:
            message = f"The API path {path[:80]!r} does not exist."
            await _zoom_error(404, 404, message)(scope, receive, send)
            return
        scope["path_params"] = {"accountId": account_id}
        await self.clips(scope, receive, send)


def _clips_account_id(scope: Scope) -> str | None:
    """The decoded ``accountId`` of ``/v2/accounts/{accountId}/clips``, or None for another path."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
    segments = raw.split(b"?", 1)[0].split(b"/")
    if len(segments) < 5 or segments[:3] != [b"", b"v2", b"accounts"] or segments[-1] != b"clips":
        return None
    # An id with a raw slash spans segments (as Starlette's `{accountId:path}` allowed).
    account_id = b"/".join(segments[3:-1]).decode("latin-1")
    return unquote(account_id, encoding="utf-8", errors="replace")


class _Outskirts:
    """Pure ASGI middleware: tracking id and stats on every response; latency and faults on /v2."""

    def __init__(self, app: ASGIApp, state: MockState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        counted = not path.startswith("/_mock/")

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                tracking = f"v=2.0;clid=mock;rid={secrets.token_hex(8)}".encode()
                message = {
                    **message,
                    "headers": [*message["headers"], (b"x-zm-trackingid", tracking)],
                }
                if counted:
                    self.state.count_status(message["status"])
            await send(message)

        if not path.startswith("/v2/"):
            await self.app(scope, receive, tracked)
            return
        fault, latency = self.state.draw_fault()
        await self.state.clock.sleep(latency)
        if fault in ("drop", "truncate"):
            await self.app(scope, receive, _mangling_send(fault, tracked))
        elif fault is not None:
            await _send_fault(fault, tracked)
        else:
            await self.app(scope, receive, tracked)


def create_app(config: MockConfig | None = None) -> Starlette:
    """The mock as an ASGI app; its state (data set, clock, stats) is ``app.state.mock``.

    Use it in-process with ``httpx.ASGITransport(app=create_app(config))``, or serve it over
    HTTP with :func:`zoom_clips.mock.serve`.

    >>> app = create_app(MockConfig(clips=10))
    >>> len(app.state.mock.dataset.clips)
    10
    """
    state = MockState(config if config is not None else MockConfig())
    routes = [
        Route("/oauth/token", _token, methods=["POST"]),
        Route("/_mock/stats", _stats, methods=["GET"]),
        Route("/_mock/accounts", _accounts, methods=["GET"]),
        Route("/_mock/reset", _reset, methods=["POST"]),
        Route("/_mock/clips/{clipId}", change_clip, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes, middleware=[Middleware(_Outskirts, state=state), Middleware(_ApiRoutes)]
    )
    app.state.mock = state
    return app
