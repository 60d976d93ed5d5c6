"""Faults, latency, tracking ids and stats: the pure ASGI middleware around every response."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zoom_clips.mock._state import MockState

__all__ = ["FaultInjection"]

_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_HTML_504 = _HTML_502.replace(b"502 Bad Gateway", b"504 Gateway Time-out")


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


class FaultInjection:
    """Pure ASGI middleware: tracking id and stats on every response; latency and faults on the
    API roots (``/v2`` and the file API's ``/file/v2``), not on the file host."""

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

        if not path.startswith(("/v2/", "/file/v2/")):
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
