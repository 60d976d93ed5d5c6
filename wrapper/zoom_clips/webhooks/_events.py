"""Zoom's webhook events, typed as leniently as ``Clip``: nothing Zoom adds later is a crash.

The envelope is ``{"event", "event_ts" (milliseconds), "payload": {"account_id", "object"}}``.
``clip.*`` events carry a clip in ``payload.object``, parsed as ``GET /clips/{clipId}``'s answer
is; ``endpoint.url_validation`` carries ``payload.plainToken``. Any other event is a plain
``WebhookEvent``; every event keeps its ``payload`` and whole ``body`` as Zoom sent them, so a
field or an event this SDK does not know yet is kept, never dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import attrs

from .._errors import WebhookVerificationError
from .._models import Clip, InvalidBody, clip_from_json, decode_json
from ._verify import raw_bytes, url_validation_response

__all__ = [
    "CLIP_COMPLETED",
    "CLIP_STARTED",
    "URL_VALIDATION",
    "ClipEvent",
    "URLValidationEvent",
    "WebhookEvent",
    "parse_event",
]

CLIP_STARTED: Final = "clip.started"
CLIP_COMPLETED: Final = "clip.completed"
URL_VALIDATION: Final = "endpoint.url_validation"
# event_ts past year 9999 (or before 1970) is not a time: kept in body, event_ts None.
_MAX_EVENT_MS = 253_402_300_799_999


@attrs.frozen
class WebhookEvent:
    """One webhook event: its name, when Zoom says it happened, the account, and what Zoom sent.

    ``event_ts`` is an aware UTC datetime (``None`` when missing or not milliseconds);
    ``payload`` and ``body`` (the whole envelope) are the JSON objects as received.
    """

    event: str
    event_ts: datetime | None
    account_id: str | None
    payload: dict[str, Any] = attrs.field(repr=False, eq=False, hash=False)
    body: dict[str, Any] = attrs.field(repr=False, eq=False, hash=False)


@attrs.frozen
class ClipEvent(WebhookEvent):
    """A ``clip.*`` event (``clip.started``, ``clip.completed``, and any Zoom adds).

    ``clip`` is ``payload.object`` parsed as a ``Clip`` (unknown fields in ``clip.extra``,
    unknown enum values kept as strings), or ``None`` when the object is not a clip this SDK
    can read (no ``clip_id``, a field of the wrong type): the object is still in ``payload``.
    """

    clip: Clip | None = None

    @property
    def clip_id(self) -> str | None:
        """The clip's id, from ``clip`` or else straight from ``payload.object``."""
        if self.clip is not None:
            return self.clip.clip_id
        obj = self.payload.get("object")
        clip_id = obj.get("clip_id") if isinstance(obj, dict) else None
        return clip_id if isinstance(clip_id, str) and clip_id else None


@attrs.frozen
class URLValidationEvent(WebhookEvent):
    """Zoom checking that the endpoint is the app's: answer ``answer(secret)`` as JSON, status
    200, within 3 seconds (``WebhookReceiver`` does it by itself)."""

    plain_token: str = attrs.field(default="", repr=False)

    def answer(self, secret: str | bytes) -> dict[str, str]:
        """The JSON object to answer with (``url_validation_response``)."""
        return url_validation_response(self.plain_token, secret)


def _malformed(message: str) -> WebhookVerificationError:
    return WebhookVerificationError(f"not a Zoom webhook event: {message}", reason="malformed body")


def _event_time(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_EVENT_MS:
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def parse_event(body: bytes | bytearray | memoryview | str) -> WebhookEvent:
    """The typed event in ``body``, without checking its signature (``unwrap`` does both).

    A body that is not a JSON object with a string ``event`` raises ``WebhookVerificationError``
    with reason ``"malformed body"``; anything else is an event, known or not.
    """
    try:
        envelope = decode_json(raw_bytes(body))
    except InvalidBody as exc:
        raise _malformed(str(exc)) from None
    if not isinstance(envelope, dict):
        raise _malformed(f"the body is a JSON {type(envelope).__name__}, not an object")
    name = envelope.get("event")
    if not isinstance(name, str) or not name:
        raise _malformed('the body has no "event" name')
    payload = envelope.get("payload")
    if not isinstance(payload, dict):
        payload = {}
    account_id = payload.get("account_id")
    common: dict[str, Any] = {
        "event": name,
        "event_ts": _event_time(envelope.get("event_ts")),
        "account_id": account_id if isinstance(account_id, str) else None,
        "payload": payload,
        "body": envelope,
    }
    if name == URL_VALIDATION:
        token = payload.get("plainToken")
        if not isinstance(token, str) or not token:
            raise _malformed("an endpoint.url_validation event without its plainToken")
        return URLValidationEvent(**common, plain_token=token)
    if name.startswith("clip."):
        obj = payload.get("object")
        try:
            clip = clip_from_json(obj) if isinstance(obj, dict) else None
        except InvalidBody:
            clip = None  # kept in payload; clip_id still read from it where it can be
        return ClipEvent(**common, clip=clip)
    return WebhookEvent(**common)
