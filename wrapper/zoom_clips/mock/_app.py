"""The mock as a Starlette ASGI application: the route table, the token endpoint, ``/_mock/*``."""

from __future__ import annotations

import base64
import binascii
import functools
import secrets
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zoom_clips.mock import _routes_clips as clips
from zoom_clips.mock._admin import change_clip
from zoom_clips.mock._config import MockConfig
from zoom_clips.mock._faults import FaultInjection
from zoom_clips.mock._http import Streaming
from zoom_clips.mock._http import state_of as _state
from zoom_clips.mock._router import ApiRoute, ApiRouter
from zoom_clips.mock._routes_files import FileHostApp, download_clip
from zoom_clips.mock._routes_list import account_clips, user_clips
from zoom_clips.mock._routes_transfers import start_transfer, transfer_status
from zoom_clips.mock._routes_uploads import upload_events, upload_file, upload_part
from zoom_clips.mock._state import (
    ACCOUNT_SCOPES,
    DEMO_ACCOUNT_ID,
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    USER_SCOPES,
    MockState,
)

__all__ = ["API_ROUTES", "FILE_API_ROUTES", "create_app"]

#: Every API operation the mock models statefully under ``/v2``, by spec path (the master API's
#: listing and endpoints.json's operations but the uploads). A literal path comes before a
#: parameter that could match it (``/clips/transfers`` before ``/clips/{clipId}``). Every other
#: operation of the specs is answered from the spec (``_routes_spec``).
API_ROUTES = (
    ApiRoute("/accounts/{accountId}/clips", {"GET": account_clips}),
    ApiRoute("/clips", {"GET": user_clips}),
    ApiRoute("/clips/transfers", {"POST": start_transfer}),
    ApiRoute("/clips/transfers/{taskId}", {"GET": transfer_status}),
    ApiRoute("/clips/{clipId}", {"GET": clips.get_clip, "DELETE": clips.delete_clip}),
    ApiRoute(
        "/clips/{clipId}/collaborators",
        {"GET": clips.list_collaborators, "DELETE": clips.remove_collaborator},
    ),
    ApiRoute("/clips/{clipId}/comments", {"GET": clips.list_comments}),
    ApiRoute("/clips/{clipId}/comments/{commentId}", {"DELETE": clips.delete_comment}),
    ApiRoute("/clips/{clipId}/download", {"GET": download_clip}),
)
#: The upload operations, served under the file API's root ``/file/v2`` only (as Zoom serves
#: them from fileapi.zoom.us); under ``/v2`` their paths answer 404 saying where they are.
FILE_API_ROUTES = (
    ApiRoute("/clips/files", {"POST": Streaming(upload_file)}),
    ApiRoute("/clips/files/multipart", {"POST": Streaming(upload_part)}),
    ApiRoute("/clips/files/multipart/upload_events", {"POST": upload_events}),
)
_UPLOADS_ELSEWHERE = {
    route.template: "Uploads are served by the file API (https://fileapi.zoom.us/v2"
    f"{route.template}), not by api.zoom.us."
    for route in FILE_API_ROUTES
}


def _spec_routes(config: MockConfig) -> tuple[ApiRoute, ...]:
    """The routes of the operations answered from the spec: read at the first API request."""
    # Imported here, not at the top: the mock's start-up never pays for reading the specs.
    from zoom_clips.mock._routes_spec import spec_routes  # noqa: PLC0415 -- lazy, see above

    return spec_routes(config.specs, config.seed, (*API_ROUTES, *FILE_API_ROUTES))


def _oauth_error(status: int, error: str, reason: str) -> Response:
    return JSONResponse({"reason": reason, "error": error}, status_code=status)


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


async def _webhooks(request: Request) -> Response:
    return JSONResponse(_state(request).webhooks.to_json())


async def _reset(request: Request) -> Response:
    _state(request).reset()
    return JSONResponse(_state(request).stats())


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
        # The file host the download redirects to (GET and HEAD; see _routes_files).
        Route("/_files/{clipId}", FileHostApp(), methods=["GET"]),
        Route("/_mock/stats", _stats, methods=["GET"]),
        Route("/_mock/accounts", _accounts, methods=["GET"]),
        Route("/_mock/reset", _reset, methods=["POST"]),
        Route("/_mock/webhooks", _webhooks, methods=["GET"]),
        # Admin routes that change the data (mock/_admin.py) register here, one line each.
        Route("/_mock/clips/{clipId}", change_clip, methods=["POST"]),
    ]
    middleware = [
        Middleware(FaultInjection, state=state),
        Middleware(
            ApiRouter,
            routes=API_ROUTES,
            elsewhere=_UPLOADS_ELSEWHERE,
            spec_routes=functools.partial(_spec_routes, state.config),
        ),
        Middleware(ApiRouter, routes=FILE_API_ROUTES, prefix="/file/v2"),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.mock = state
    return app
