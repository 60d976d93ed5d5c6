"""``WebhookReceiver``: an ASGI app that receives Zoom's webhooks the way Zoom expects.

Plain ASGI 3, no framework: run it with uvicorn, or mount it in a Starlette or FastAPI app. Zoom
wants an answer within 3 seconds, so the receiver answers first and runs the handler after: a
slow handler never makes Zoom retry, nor delays Zoom's URL validation, which the receiver
answers by itself.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final

from .._errors import WebhookVerificationError
from ._events import URLValidationEvent, WebhookEvent, parse_event
from ._verify import (
    DEFAULT_TOLERANCE,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    check_tolerance,
    header,
    url_validation_response,
    verify,
)

__all__ = ["DEFAULT_MAX_BODY_BYTES", "Handler", "WebhookReceiver"]

logger = logging.getLogger("zoom_clips.webhooks")

#: A webhook body larger than this is refused (413). Zoom's events are a few KiB.
DEFAULT_MAX_BODY_BYTES: Final = 1 << 20
#: At most this many accepted requests are remembered to refuse their replays.
_MAX_REMEMBERED = 100_000

#: What the app does with each verified event: a function or a coroutine function.
Handler = Callable[[WebhookEvent], Awaitable[object] | object]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class WebhookReceiver:
    """An ASGI app for Zoom's webhooks, signed with ``secret`` (the app's secret token).

    Each ``POST`` (at ``path``, when given; else wherever it is mounted) is answered at once:

    - 200 with the URL validation answer, for ``endpoint.url_validation``;
    - 200 for a verified event, and then ``handler(event)`` runs (a coroutine function is
      awaited; a plain function runs in a worker thread, so it may block); an error it raises
      is logged on the ``zoom_clips.webhooks`` logger, never sent to Zoom;
    - 200 without calling the handler again, for a replay (the same timestamp and signature
      within the window: Zoom's own retry of an answered event, or a captured request);
    - 401 when a check fails (``{"error": reason}``), 400 for a signed body that is no event,
      413 past ``max_body_bytes``, 405 for another method, 404 for another path.

    ``tolerance`` and ``now`` are ``verify``'s.
    """

    def __init__(
        self,
        secret: str,
        handler: Handler | None = None,
        *,
        path: str | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        tolerance: float = DEFAULT_TOLERANCE,
        now: Callable[[], float] = time.time,
    ) -> None:
        if not isinstance(secret, str) or not secret:
            raise ValueError("the webhook secret token must be a non-empty string")
        if handler is not None and not callable(handler):
            raise TypeError(f"handler must be callable, not {type(handler).__name__}")
        if path is not None and (not isinstance(path, str) or not path.startswith("/")):
            raise ValueError(f"path must start with '/', not {path!r}")
        if isinstance(max_body_bytes, bool) or not isinstance(max_body_bytes, int):
            raise TypeError(f"max_body_bytes must be an int, not {max_body_bytes!r}")
        if max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be positive, not {max_body_bytes}")
        self._secret = secret
        self._handler = handler
        self._path = path
        self._max_body_bytes = max_body_bytes
        self._tolerance = check_tolerance(tolerance)
        self._now = now
        # (timestamp, signature) of each accepted request -> its timestamp, oldest first.
        self._accepted: OrderedDict[tuple[str, str], float] = OrderedDict()

    def __repr__(self) -> str:
        return (
            f"WebhookReceiver(path={self._path!r}, max_body_bytes={self._max_body_bytes}, "
            f"tolerance={self._tolerance:g}, secret='***')"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"WebhookReceiver serves HTTP, not {scope['type']!r}")
        status, payload, event = await self._decide(scope, receive)
        await _answer(send, status, payload, ((b"allow", b"POST"),) if status == 405 else ())
        if event is not None:  # Zoom has its answer: the handler's time is its own
            await self._run(event)

    async def _decide(
        self, scope: Scope, receive: Receive
    ) -> tuple[int, dict[str, str], WebhookEvent | None]:
        """The answer to a request, and the event to hand to the handler after it, if any."""
        misdirected = self._misdirected(scope)
        if misdirected is not None:
            return misdirected, {"error": "not found" if misdirected == 404 else "use POST"}, None
        body = await self._read(scope, receive)
        if body is None:
            return 413, {"error": "body too large"}, None
        headers = scope.get("headers", [])
        try:
            verify(body, headers, self._secret, tolerance=self._tolerance, now=self._now)
            event = parse_event(body)
        except WebhookVerificationError as exc:
            logger.warning("refused a webhook request (%s): %s", exc.reason, exc)
            return (400 if exc.reason == "malformed body" else 401), {"error": exc.reason}, None
        if isinstance(event, URLValidationEvent):
            return 200, url_validation_response(event.plain_token, self._secret), None
        if not self._first_time(headers):
            logger.info("ignored a replay of an accepted %s event", event.event)
            return 200, {}, None
        return 200, {}, event

    def _misdirected(self, scope: Scope) -> int | None:
        """404 for another path than ``path``, 405 for another method than POST."""
        if self._path is not None and scope.get("path") != self._path:
            return 404
        return None if scope.get("method") == "POST" else 405

    async def _read(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or ``None`` past the cap (announced or read)."""
        declared = (header(scope.get("headers", []), "content-length") or "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > self._max_body_bytes:
            return None  # refused before a byte is read
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks)  # the answer goes nowhere; nothing is handled
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _first_time(self, headers: Any) -> bool:
        """Remember a verified request; ``False`` if it was accepted before, within the window
        (older ones are forgotten: the timestamp check refuses them anyway)."""
        stamp = header(headers, TIMESTAMP_HEADER) or ""
        key = (stamp.strip(), (header(headers, SIGNATURE_HEADER) or "").strip())
        horizon = self._now() - self._tolerance
        while self._accepted:
            oldest, sent_at = next(iter(self._accepted.items()))
            if sent_at >= horizon and len(self._accepted) < _MAX_REMEMBERED:
                break
            del self._accepted[oldest]
        if key in self._accepted:
            return False
        self._accepted[key] = float(key[0])
        return True

    async def _run(self, event: WebhookEvent) -> None:
        if self._handler is None:
            return
        try:
            if inspect.iscoroutinefunction(self._handler):
                await self._handler(event)
            else:
                result = await asyncio.to_thread(self._handler, event)
                if inspect.isawaitable(result):
                    await result
        except Exception:
            logger.exception("the webhook handler failed on a %s event", event.event)


async def _answer(
    send: Send, status: int, payload: dict[str, str], extra: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = json.dumps(payload).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
