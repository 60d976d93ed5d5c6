"""Webhook test support: Zoom's signature computed independently (the standard library's HMAC,
not the SDK's), a fixed clock, and an ASGI app served by uvicorn on a loopback port."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

SECRET = "whsec-test-0123456789abcdef"
NOW = 1_765_000_000  # the injected clock's seconds since the epoch
CLIP = {
    "clip_id": "clip-7",
    "title": "Quarterly review",
    "owner_id": "owner-1",
    "status": "RECORD_SUCCESS",
    "created_date": "2025-12-06T08:00:00Z",
}


def zoom_headers(body: bytes, *, secret: str = SECRET, timestamp: int = NOW) -> dict[str, str]:
    """The headers Zoom sends, by ZOOM-FACTS' recipe: ``v0=`` + hex HMAC-SHA256 keyed with the
    secret token over ``v0:{timestamp}:{body}``."""
    message = b"v0:" + str(timestamp).encode() + b":" + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return {"x-zm-request-timestamp": str(timestamp), "x-zm-signature": f"v0={digest}"}


def envelope(event: str = "clip.completed", **payload: Any) -> bytes:
    """A webhook body as Zoom serialises it (compact JSON), ``payload`` defaulting to a clip."""
    body = {
        "event": event,
        "event_ts": NOW * 1000 + 123,
        "payload": payload or {"account_id": "acct-1", "object": dict(CLIP)},
    }
    return json.dumps(body, separators=(",", ":")).encode()


def clock() -> float:
    return float(NOW)


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve the ASGI ``app`` with uvicorn on 127.0.0.1 in a thread; its origin."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_config=None, log_level="warning", access_log=False, http="h11", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)  # polling for start-up (milliseconds), not a backoff
    try:
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
