"""``parse_event``: the envelope typed, clip events as leniently as ``Clip``, nothing lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
import zoom_clips as zc
from zoom_clips import webhooks

from .conftest import CLIP, NOW, envelope


def parse(document: Any) -> webhooks.WebhookEvent:
    return webhooks.parse_event(json.dumps(document).encode())


def test_a_clip_completed_event_carries_a_typed_clip() -> None:
    """The envelope's fields and ``payload.object`` parsed as ``GET /clips/{clipId}``'s clip."""
    event = webhooks.parse_event(envelope())
    assert isinstance(event, webhooks.ClipEvent)
    assert event.event == webhooks.CLIP_COMPLETED
    assert event.event_ts == datetime.fromtimestamp(NOW + 0.123, tz=UTC)
    assert event.account_id == "acct-1"
    assert event.clip is not None
    assert (event.clip.clip_id, event.clip.status) == ("clip-7", zc.ClipStatus.RECORD_SUCCESS)
    assert event.clip.created_date == datetime(2025, 12, 6, 8, tzinfo=UTC)
    assert event.body == json.loads(envelope())


def test_a_clip_started_event_with_few_fields_is_a_clip_with_the_rest_none() -> None:
    """``clip.started`` may carry little more than the id: the other fields are ``None``."""
    event = parse({"event": "clip.started", "payload": {"object": {"clip_id": "c9"}}})
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip is not None
    assert (event.clip_id, event.clip.title, event.event_ts, event.account_id) == (
        "c9",
        None,
        None,
        None,
    )


def test_fields_and_values_zoom_adds_later_are_kept() -> None:
    """An unknown field goes to ``clip.extra``, an unknown status stays a string, an unknown
    envelope field stays in ``body``."""
    clip = CLIP | {"status": "RECORD_TRANSCODING", "chapters": [{"t": 1}]}
    event = parse(
        {"event": "clip.completed", "trace": "x", "payload": {"account_id": "a", "object": clip}}
    )
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip is not None
    assert event.clip.status == "RECORD_TRANSCODING"
    assert event.clip.extra == {"chapters": [{"t": 1}]}
    assert event.body["trace"] == "x"


@pytest.mark.parametrize(
    ("obj", "clip_id"),
    [
        ({"title": "no id"}, None),
        ({"clip_id": "c1", "title": 5}, "c1"),
        ({"clip_id": "c2", "created_date": "yesterday"}, "c2"),
        ("not an object", None),
        (None, None),
    ],
)
def test_an_object_that_is_no_readable_clip_is_kept_not_a_crash(
    obj: Any, clip_id: str | None
) -> None:
    """``clip`` is ``None``, the object stays in ``payload``, and its id is still read."""
    event = parse({"event": "clip.completed", "payload": {"account_id": "a", "object": obj}})
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip is None
    assert event.clip_id == clip_id
    assert event.payload["object"] == obj


def test_an_unknown_event_is_a_plain_event_with_its_payload() -> None:
    """An event this SDK does not know is kept whole."""
    event = parse({"event": "recording.completed", "event_ts": 5, "payload": {"object": {"id": 1}}})
    assert type(event) is webhooks.WebhookEvent
    assert event.payload == {"object": {"id": 1}}


def test_a_new_clip_event_is_a_clip_event() -> None:
    """``clip.*`` events Zoom adds later carry their clip too."""
    event = parse({"event": "clip.transcribed", "payload": {"object": {"clip_id": "c3"}}})
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip_id == "c3"


@pytest.mark.parametrize("stamp", [None, "1765000000000", -1, True, 1.5e300, 10**20, 1.5])
def test_an_event_ts_that_is_not_milliseconds_is_none(stamp: Any) -> None:
    """A string, a negative, a boolean, a float or a year past 9999: ``None``, kept in ``body``."""
    event = parse({"event": "clip.started", "event_ts": stamp, "payload": {}})
    assert event.event_ts is None
    assert event.body["event_ts"] == stamp


def test_a_payload_that_is_not_an_object_is_empty() -> None:
    """``payload: []`` reads as no payload (the body keeps it)."""
    event = parse({"event": "clip.started", "payload": [1]})
    assert event.payload == {}
    assert event.account_id is None
    assert event.body["payload"] == [1]


def test_url_validation_is_its_own_event_with_the_answer() -> None:
    """``endpoint.url_validation`` carries ``plainToken``; ``answer`` is Zoom's recipe."""
    event = parse({"event": "endpoint.url_validation", "payload": {"plainToken": "p1"}})
    assert isinstance(event, webhooks.URLValidationEvent)
    assert event.plain_token == "p1"
    assert event.answer("s") == webhooks.url_validation_response("p1", "s")


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'"clip.completed"',
        b'{"payload": {}}',
        b'{"event": 5}',
        b'{"event": ""}',
        b'{"event": "endpoint.url_validation", "payload": {}}',
        b'{"event": "clip.started", "event_ts": NaN}',
        b"\xff\xfe",
    ],
)
def test_a_body_that_is_no_event_is_a_typed_error(body: bytes) -> None:
    """Not JSON, not an object, no event name, a validation without its token: reason
    ``malformed body``."""
    with pytest.raises(zc.WebhookVerificationError) as caught:
        webhooks.parse_event(body)
    assert caught.value.reason == "malformed body"


def test_an_events_repr_leaves_out_the_raw_documents() -> None:
    """The repr shows the typed fields (the clip as ``Clip`` shows itself), not the payload and
    body dumped again."""
    text = repr(webhooks.parse_event(envelope()))
    assert "clip.completed" in text
    assert "payload=" not in text
    assert "body=" not in text
