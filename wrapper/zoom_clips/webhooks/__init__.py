"""Zoom's webhooks: verify a request, answer Zoom's URL validation, read the event, receive them.

>>> from zoom_clips import webhooks
>>> body = b'{"event":"clip.completed","event_ts":1733472000000,"payload":{"account_id":"A1",'
>>> body += b'"object":{"clip_id":"c1","title":"Q3"}}}'
>>> headers = webhooks.sign(body, "secret-token", timestamp=1733472000)
>>> event = webhooks.unwrap(body, headers, "secret-token", now=lambda: 1733472001.0)
>>> event.event, event.clip_id, event.clip.title, event.event_ts.isoformat()
('clip.completed', 'c1', 'Q3', '2024-12-06T08:00:00+00:00')

- ``unwrap(body, headers, secret)`` checks the signature over the raw body bytes, in constant
  time, and the timestamp against a window (``verify``), then parses the event
  (``parse_event``); a failed check raises ``zoom_clips.WebhookVerificationError`` naming it.
- ``url_validation_response(plain_token, secret)`` is the answer to ``endpoint.url_validation``.
- ``WebhookReceiver(secret, handler)`` is an ASGI app doing all of that, answering Zoom at once
  and then running the handler; mount it in Starlette or FastAPI, or serve it with uvicorn.
- ``sign(body, secret, timestamp=)`` makes Zoom's headers, for a handler's tests.

Not imported by ``import zoom_clips``: ``from zoom_clips import webhooks`` loads it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ._events import (
    CLIP_COMPLETED,
    CLIP_STARTED,
    URL_VALIDATION,
    ClipEvent,
    URLValidationEvent,
    WebhookEvent,
    parse_event,
)
from ._receiver import DEFAULT_MAX_BODY_BYTES, Handler, WebhookReceiver
from ._verify import (
    DEFAULT_TOLERANCE,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Headers,
    raw_bytes,
    sign,
    url_validation_response,
    verify,
)

__all__ = [
    "CLIP_COMPLETED",
    "CLIP_STARTED",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "URL_VALIDATION",
    "ClipEvent",
    "Handler",
    "Headers",
    "URLValidationEvent",
    "WebhookEvent",
    "WebhookReceiver",
    "parse_event",
    "sign",
    "unwrap",
    "url_validation_response",
    "verify",
]


def unwrap(
    body: bytes | bytearray | memoryview | str,
    headers: Headers,
    secret: str | bytes,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: Callable[[], float] = time.time,
) -> WebhookEvent:
    """The event in a webhook request Zoom signed with ``secret``: ``verify``, then
    ``parse_event``, over the same raw bytes. Headers in any case (a mapping, or pairs).

    >>> from fastapi import Request  # doctest: +SKIP
    >>> event = unwrap(await request.body(), request.headers, SECRET)  # doctest: +SKIP
    """
    data = raw_bytes(body)
    verify(data, headers, secret, tolerance=tolerance, now=now)
    return parse_event(data)
