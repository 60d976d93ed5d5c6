"""What the mock's webhooks record, and Zoom's check of a URL validation answer.

The records (``WebhookAttempt``, ``WebhookDelivery``) are what ``WebhookSender.deliveries`` and
``GET /_mock/webhooks`` show; ``validation_refusal`` is Zoom's check of an endpoint's answer to
``endpoint.url_validation``, computed here from the recipe (ZOOM-FACTS "Webhooks"), not with the
SDK's ``url_validation_response``: the mock plays Zoom, and catches a receiver (the SDK's own
included) that answers wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

import attrs
import httpx

__all__ = [
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscriptionError",
    "validation_refusal",
]


class WebhookSubscriptionError(Exception):
    """A webhook URL did not pass Zoom's URL validation; the message says why.

    The message names the URL and the reason, never the secret token.
    """


@attrs.frozen
class WebhookAttempt:
    """One attempt to deliver an event: when (mock clock), the status answered, or the error."""

    at: dt.datetime
    status: int | None
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        """Whether the receiver answered 2xx."""
        return self.status is not None and 200 <= self.status < 300

    def to_json(self) -> dict[str, Any]:
        """The attempt as JSON (``GET /_mock/webhooks``)."""
        return {"at": self.at.isoformat(), "status": self.status, "error": self.error}


@attrs.frozen
class WebhookDelivery:
    """One event the mock sent (or is sending): its attempts and outcome.

    ``outcome`` is ``"pending"`` while attempts remain, ``"delivered"`` once one was answered
    2xx, ``"failed"`` when every attempt failed, ``"unsent"`` when the subscription it was for
    was refused at its validation.
    """

    event: str
    clip_id: str | None
    url: str
    attempts: tuple[WebhookAttempt, ...]
    outcome: str

    def to_json(self) -> dict[str, Any]:
        """The delivery as JSON (``GET /_mock/webhooks``)."""
        return {
            "event": self.event,
            "clip_id": self.clip_id,
            "url": self.url,
            "outcome": self.outcome,
            "attempts": [attempt.to_json() for attempt in self.attempts],
        }


def validation_refusal(response: httpx.Response, plain_token: str, secret: str) -> str | None:
    """Why the answer to a URL validation fails Zoom's check, or None if it passes."""
    if response.status_code != 200:
        return f"it answered {response.status_code}, not 200"
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        return "its answer is not a JSON object {plainToken, encryptedToken}"
    if answer.get("plainToken") != plain_token:
        return "its answer's plainToken is not the one sent"
    expected = hmac.new(secret.encode(), plain_token.encode(), hashlib.sha256).hexdigest()
    encrypted = answer.get("encryptedToken")
    if not isinstance(encrypted, str) or not hmac.compare_digest(
        encrypted.encode(), expected.encode()
    ):
        return (
            "its answer's encryptedToken is not hex HMAC-SHA256(secret token, plainToken): "
            "is it keyed with the same secret token?"
        )
    return None
