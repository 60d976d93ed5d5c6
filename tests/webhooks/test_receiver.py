"""``WebhookReceiver``: the ASGI app answers Zoom first and runs the handler after.

Most cases go through ``httpx.ASGITransport`` (which returns once the app, handler included, is
done); the timing promise (Zoom's 3 seconds, whatever the handler does) runs under uvicorn on a
loopback port with a handler that blocks until the test releases it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from zoom_clips import webhooks

from .conftest import NOW, SECRET, clock, envelope, served, zoom_headers

VALIDATION = json.dumps(
    {"event": "endpoint.url_validation", "event_ts": NOW * 1000, "payload": {"plainToken": "pt"}}
).encode()


class Recorder:
    """A handler that records the events it gets (and the thread it ran on)."""

    def __init__(self) -> None:
        self.events: list[webhooks.WebhookEvent] = []
        self.threads: list[int] = []

    def __call__(self, event: webhooks.WebhookEvent) -> None:
        self.events.append(event)
        self.threads.append(threading.get_ident())


def post(
    app: webhooks.WebhookReceiver,
    body: bytes,
    headers: dict[str, str] | None = None,
    *,
    method: str = "POST",
    path: str = "/",
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as client:
            sent = zoom_headers(body) if headers is None else headers
            return await client.request(method, path, content=body, headers=sent)

    return asyncio.run(go())


def receiver(handler: Any = None, **kwargs: Any) -> webhooks.WebhookReceiver:
    return webhooks.WebhookReceiver(SECRET, handler, now=kwargs.pop("now", clock), **kwargs)


def test_a_verified_event_is_acknowledged_and_handed_to_the_handler() -> None:
    """200, then the handler gets the typed event (a plain function, in a worker thread)."""
    handler = Recorder()
    response = post(receiver(handler), envelope())
    assert (response.status_code, response.json()) == (200, {})
    (event,) = handler.events
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip_id == "clip-7"
    assert handler.threads != [threading.get_ident()]


def test_an_async_handler_is_awaited() -> None:
    """A coroutine function runs on the server's loop."""
    seen: list[str] = []

    async def handler(event: webhooks.WebhookEvent) -> None:
        await asyncio.sleep(0)
        seen.append(event.event)

    assert post(receiver(handler), envelope()).status_code == 200
    assert seen == ["clip.completed"]


def test_url_validation_is_answered_by_the_receiver_itself() -> None:
    """Zoom's recipe in the answer; the handler never sees the validation."""
    handler = Recorder()
    response = post(receiver(handler), VALIDATION)
    assert response.status_code == 200
    assert response.json() == webhooks.url_validation_response("pt", SECRET)
    assert handler.events == []


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing header"),
        (zoom_headers(envelope(), secret="other"), "bad signature"),
        (zoom_headers(envelope(), timestamp=NOW - 3600), "stale timestamp"),
    ],
)
def test_a_request_that_fails_a_check_is_401_and_not_handled(
    headers: dict[str, str], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    """401 naming the check; nothing handled; the log line names it too, never the secret."""
    handler = Recorder()
    caplog.set_level(logging.WARNING, logger="zoom_clips.webhooks")
    response = post(receiver(handler), envelope(), headers)
    assert (response.status_code, response.json()) == (401, {"error": reason})
    assert handler.events == []
    assert reason in caplog.text
    assert SECRET not in caplog.text


def test_a_validation_with_a_bad_signature_is_not_answered() -> None:
    """Only Zoom (holding the secret) gets the encrypted token."""
    response = post(receiver(), VALIDATION, zoom_headers(VALIDATION, secret="other"))
    assert response.status_code == 401
    assert "encryptedToken" not in response.text


def test_a_signed_body_that_is_no_event_is_400() -> None:
    """Verified, but not a Zoom event: 400, not handled."""
    handler = Recorder()
    assert post(receiver(handler), b"[1]").status_code == 400
    assert handler.events == []


def test_a_body_over_the_cap_is_413_and_not_handled() -> None:
    """Past ``max_body_bytes``: refused (the signature is not even computed)."""
    handler = Recorder()
    body = envelope(account_id="a", object={"clip_id": "c", "title": "x" * 2000})
    response = post(receiver(handler, max_body_bytes=1024), body)
    assert response.status_code == 413
    assert handler.events == []


def test_a_body_streamed_past_the_cap_without_a_length_is_413() -> None:
    """No Content-Length to go by: the read stops at the cap."""
    app = receiver(Recorder(), max_body_bytes=1024)
    sent: list[dict[str, Any]] = []
    chunks = iter([{"type": "http.request", "body": b"x" * 800, "more_body": True}] * 5)

    async def receive() -> dict[str, Any]:
        return next(chunks)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert next(chunks, None) is not None  # it stopped reading after the second chunk


def test_a_replay_is_acknowledged_and_not_handled_twice() -> None:
    """The same timestamp and signature again (Zoom's retry, or a capture): 200, handled once."""
    handler = Recorder()
    app = receiver(handler)
    assert [post(app, envelope()).status_code for _ in range(3)] == [200, 200, 200]
    assert len(handler.events) == 1
    other = envelope(account_id="acct-2", object={"clip_id": "clip-8"})
    assert post(app, other).status_code == 200
    assert [event.account_id for event in handler.events] == ["acct-1", "acct-2"]


def test_a_replay_after_the_window_is_stale_not_handled() -> None:
    """Once the window has passed, the same request is refused as stale."""
    now = [float(NOW)]
    handler = Recorder()
    app = receiver(handler, now=lambda: now[0])
    assert post(app, envelope()).status_code == 200
    now[0] += 301
    assert post(app, envelope()).json() == {"error": "stale timestamp"}
    assert len(handler.events) == 1


def test_a_failing_handler_is_logged_not_sent_to_zoom(caplog: pytest.LogCaptureFixture) -> None:
    """Zoom already has its 200; the handler's error goes to the log."""

    def handler(event: webhooks.WebhookEvent) -> None:
        raise RuntimeError("database down")

    caplog.set_level(logging.ERROR, logger="zoom_clips.webhooks")
    assert post(receiver(handler), envelope()).status_code == 200
    assert "the webhook handler failed on a clip.completed event" in caplog.text
    assert "database down" in caplog.text


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/", 405), ("POST", "/x", 404)])
def test_another_method_or_path_is_refused(method: str, path: str, status: int) -> None:
    """Only POST, and only at ``path`` when one is given."""
    response = post(receiver(Recorder(), path="/"), envelope(), method=method, path=path)
    assert response.status_code == status
    if status == 405:
        assert response.headers["allow"] == "POST"


def test_without_a_path_it_answers_wherever_it_is_mounted() -> None:
    """``path=None``: any path (a Starlette ``Mount`` decides)."""
    assert post(receiver(Recorder()), envelope(), path="/zoom/hooks").status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"secret": ""}, ValueError),
        ({"handler": "not callable"}, TypeError),
        ({"path": "hooks"}, ValueError),
        ({"max_body_bytes": 0}, ValueError),
        ({"max_body_bytes": 1.5}, TypeError),
        ({"tolerance": 0}, ValueError),
        ({"tolerance": "5"}, TypeError),
    ],
)
def test_invalid_settings_are_typed_errors(kwargs: dict[str, Any], error: type[Exception]) -> None:
    """Checked when the receiver is made, not on Zoom's first request."""
    secret = kwargs.pop("secret", SECRET)
    with pytest.raises(error):
        webhooks.WebhookReceiver(secret, **kwargs)


def test_the_receivers_repr_hides_the_secret() -> None:
    assert SECRET not in repr(receiver())
    assert "***" in repr(receiver())


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_zoom_gets_its_answers_within_3_seconds_while_the_handler_is_slow(kind: str) -> None:
    """Under uvicorn: an event is acknowledged while its handler is still running, and Zoom's
    URL validation is answered meanwhile, each within Zoom's 3 seconds (the client's timeout)."""
    started, release = threading.Event(), threading.Event()
    handled: list[str] = []

    def slow(event: webhooks.WebhookEvent) -> None:
        started.set()
        assert release.wait(timeout=30)  # held until the test has its answers
        handled.append(event.event)

    async def aslow(event: webhooks.WebhookEvent) -> None:
        await asyncio.to_thread(slow, event)

    handler: Callable[[webhooks.WebhookEvent], Any] = slow if kind == "sync" else aslow
    with served(receiver(handler)) as origin, httpx.Client(timeout=3) as zoom:
        try:
            first = zoom.post(origin, content=envelope(), headers=zoom_headers(envelope()))
            assert first.status_code == 200
            assert started.wait(timeout=10)
            assert handled == []
            validation = zoom.post(origin, content=VALIDATION, headers=zoom_headers(VALIDATION))
            assert validation.json() == webhooks.url_validation_response("pt", SECRET)
            assert handled == []
        finally:
            release.set()
    assert handled == ["clip.completed"]
