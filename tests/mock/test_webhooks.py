"""The mock's webhooks: Zoom's URL validation, then signed clip.started / clip.completed events,
in order, retried on the mock's clock, recorded, and never showing the secret token.

Everything talks to a small receiver on 127.0.0.1 that verifies each event with
``zoom_clips.webhooks.unwrap``; the mock's clock is frozen, so retries never really wait.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import http.server
import io
import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from zoom_clips import WebhookVerificationError
from zoom_clips.mock import (
    MockClock,
    MockConfig,
    MockServer,
    WebhookSubscriptionError,
    create_app,
    serve,
)
from zoom_clips.mock.__main__ import main
from zoom_clips.webhooks import TIMESTAMP_HEADER, unwrap

from tests.mock.conftest import NOW, InProcess

SECRET = "whsec-mock-test-secret-token-0123"
RETRIES = (5.0, 20.0, 60.0)


class Receiver:
    """An app's webhook endpoint on loopback: answers URL validation, verifies and keeps events.

    ``fail`` statuses are answered to the next events in turn (``"drop"``: the connection is
    closed without an answer); ``wrong_token`` answers validation with another key's HMAC;
    ``hold`` makes each event wait until it is set.
    """

    def __init__(self, clock: MockClock, secret: str = SECRET) -> None:
        self.clock = clock
        self.secret = secret
        self.fail: list[int | str] = []
        self.wrong_token = False
        self.hold: threading.Event | None = None
        self.validations: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.arrivals: list[tuple[str, int]] = []  # (event, the signed timestamp)
        self.errors: list[str] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                status, answer = receiver.answer(body, dict(self.headers.items()))
                if status == "drop":
                    self.close_connection = True
                    return
                data = json.dumps(answer).encode()
                self.send_response(int(status))
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:  # quiet
                return

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def answer(self, body: bytes, headers: dict[str, str]) -> tuple[int | str, dict[str, Any]]:
        try:
            event = unwrap(body, headers, self.secret, now=lambda: self.clock.now().timestamp())
        except WebhookVerificationError as exc:  # what the app answers: 401
            with self._lock:
                self.errors.append(repr(exc))
            return 401, {"error": "unverified"}
        if event.event == "endpoint.url_validation":
            plain = event.payload["plainToken"]
            key = b"not-the-secret" if self.wrong_token else self.secret.encode()
            encrypted = hmac.new(key, plain.encode(), hashlib.sha256).hexdigest()
            with self._lock:
                self.validations.append(event.body)
            return 200, {"plainToken": plain, "encryptedToken": encrypted}
        if self.hold is not None:
            self.hold.wait(timeout=30)
        with self._lock:
            stamp = {name.lower(): value for name, value in headers.items()}[TIMESTAMP_HEADER]
            self.arrivals.append((event.event, int(stamp)))
            if self.fail:
                return self.fail.pop(0), {}
            self.events.append(event.body)
        return 200, {}

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.hold is not None:
            self.hold.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def clock() -> MockClock:
    return MockClock(NOW)


@pytest.fixture
def receiver(clock: MockClock) -> Iterator[Receiver]:
    with Receiver(clock) as running:
        yield running


@pytest.fixture
def mock(clock: MockClock) -> Iterator[InProcess]:
    """An in-process mock on the frozen clock, its webhook worker stopped after the test."""
    app = create_app(MockConfig(clips=20, clock=clock, webhook_retry_delays=RETRIES))
    yield InProcess(app)
    app.state.mock.close()


def _post(mock: InProcess, path: str, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {mock.token()}"}
    return mock.request("POST", f"/file/v2{path}", headers=headers, **kwargs)


def _upload(mock: InProcess, name: str = "demo.mp4", data: bytes = b"\x00" * 4096) -> str:
    """A single upload: the new clip's id."""
    answer = _post(mock, "/clips/files", files={"file": (name, data, "video/mp4")})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["clip_id"])


def _event(mock: InProcess, method: str, **params: Any) -> httpx.Response:
    body = {"method": method, "params": params}
    return _post(mock, "/clips/files/multipart/upload_events", json=body)


def test_a_validated_url_gets_clip_started_then_clip_completed(
    mock: InProcess, receiver: Receiver
) -> None:
    """After Zoom's URL validation, a single upload sends clip.started then clip.completed,
    signed, its clip the one GET /clips/{clipId} answers."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    (validation,) = receiver.validations
    assert validation["event"] == "endpoint.url_validation"
    assert len(validation["payload"]["plainToken"]) >= 16
    clip_id = _upload(mock)
    mock.state.webhooks.flush()
    assert receiver.errors == []
    assert [event["event"] for event in receiver.events] == ["clip.started", "clip.completed"]
    started, completed = receiver.events
    admin_account = mock.state.dataset.accounts[0].id
    assert completed["payload"] == {
        "account_id": admin_account,
        "object": mock.api("GET", f"/clips/{clip_id}").json(),
    }
    assert started["payload"]["account_id"] == admin_account
    assert started["payload"]["object"]["clip_id"] == clip_id
    assert started["payload"]["object"]["status"] == "RECORD_START"
    assert completed["event_ts"] == started["event_ts"] == int(NOW.timestamp() * 1000)
    assert receiver.arrivals == [
        ("clip.started", int(NOW.timestamp())),
        ("clip.completed", int(NOW.timestamp())),
    ]
    records = mock.state.webhooks.deliveries
    assert [(d.event, d.clip_id, d.outcome, len(d.attempts)) for d in records] == [
        ("clip.started", clip_id, "delivered", 1),
        ("clip.completed", clip_id, "delivered", 1),
    ]


def test_a_multipart_upload_starts_at_create_and_completes_at_complete(
    mock: InProcess, receiver: Receiver
) -> None:
    """clip.started goes out at CreateMultipartUpload, naming the clip id Complete answers."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    context = _event(mock, "CreateMultipartUpload", file_name="talk.mp4").json()["upload_context"]
    mock.state.webhooks.flush()
    assert [event["event"] for event in receiver.events] == ["clip.started"]
    part = _post(
        mock,
        "/clips/files/multipart",
        data={"upload_context": context, "part_number": "1"},
        files={"file": ("part.bin", b"one small part", "application/octet-stream")},
    ).json()["part_number_etag"]
    done = _event(mock, "CompleteMultipartUpload", upload_context=context, part_number_etags=[part])
    assert done.status_code == 201, done.text
    clip_id = done.json()["clip_id"]
    mock.state.webhooks.flush()
    started, completed = receiver.events
    assert started["payload"]["object"]["clip_id"] == clip_id
    assert started["payload"]["object"]["title"] == "talk.mp4"
    assert completed["event"] == "clip.completed"
    assert completed["payload"]["object"] == mock.api("GET", f"/clips/{clip_id}").json()


def test_a_wrong_encrypted_token_refuses_the_subscription(
    mock: InProcess, receiver: Receiver
) -> None:
    """An answer whose encryptedToken is another key's HMAC refuses the URL: no events."""
    receiver.wrong_token = True
    with pytest.raises(WebhookSubscriptionError, match="encryptedToken") as refused:
        mock.state.webhooks.subscribe(receiver.url, SECRET)
    assert receiver.url in str(refused.value)
    assert not mock.state.webhooks.active
    _upload(mock)
    mock.state.webhooks.flush()
    assert len(receiver.validations) == 1
    assert receiver.events == [] == receiver.arrivals
    assert mock.state.webhooks.deliveries == []


def test_the_url_is_validated_again_after_72_hours(
    mock: InProcess, receiver: Receiver, clock: MockClock
) -> None:
    """As Zoom, the mock validates again once 72 hours passed; failing then, it sends nothing."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    clock.advance(71 * 3600)
    _upload(mock)
    mock.state.webhooks.flush()
    assert (len(receiver.validations), len(receiver.events)) == (1, 2)
    clock.advance(3600)
    receiver.wrong_token = True
    _upload(mock)
    mock.state.webhooks.flush()
    assert (len(receiver.validations), len(receiver.events)) == (2, 2)
    assert [d.outcome for d in mock.state.webhooks.deliveries][2:] == ["unsent", "unsent"]
    assert not mock.state.webhooks.active
    assert "encryptedToken" in (mock.state.webhooks.refusal or "")


def test_an_unreachable_url_is_refused(mock: InProcess) -> None:
    """A URL where nothing listens is refused at once, saying it could not be reached."""
    with socketless_url() as url, pytest.raises(WebhookSubscriptionError, match="reach"):
        mock.state.webhooks.subscribe(url, SECRET)


@contextlib.contextmanager
def socketless_url() -> Iterator[str]:
    """A loopback URL on a port nothing listens on (bound, never listening, for the block)."""
    import socket  # noqa: PLC0415 -- only this helper needs it

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks"


def test_a_failing_receiver_gets_the_bounded_retries_on_the_mocks_clock(
    mock: InProcess, receiver: Receiver, clock: MockClock
) -> None:
    """An event answered 500 every time is tried 1 + 3 times, 5, 20 and 60 s apart on the
    mock's (frozen) clock, each attempt signed with its own timestamp, then given up; the
    next event is delivered after it."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    receiver.fail = [500, 503, 502, 500]
    clip_id = _upload(mock)
    mock.state.webhooks.flush()
    started, completed = mock.state.webhooks.deliveries
    assert (started.outcome, completed.outcome) == ("failed", "delivered")
    assert [attempt.status for attempt in started.attempts] == [500, 503, 502, 500]
    offsets = [(attempt.at - NOW).total_seconds() for attempt in started.attempts]
    assert offsets == [0.0, 5.0, 25.0, 85.0]
    assert clock.now() == NOW + dt.timedelta(seconds=85)
    base = int(NOW.timestamp())
    assert receiver.arrivals == [
        ("clip.started", base),
        ("clip.started", base + 5),
        ("clip.started", base + 25),
        ("clip.started", base + 85),
        ("clip.completed", base + 85),
    ]
    assert [event["event"] for event in receiver.events] == ["clip.completed"]
    state = mock.request("GET", "/_mock/webhooks").json()
    assert state["url"] == receiver.url
    assert state["validated"] is True
    assert [(d["event"], d["clip_id"], d["outcome"]) for d in state["deliveries"]] == [
        ("clip.started", clip_id, "failed"),
        ("clip.completed", clip_id, "delivered"),
    ]
    assert [a["status"] for a in state["deliveries"][0]["attempts"]] == [500, 503, 502, 500]


def test_a_retry_that_succeeds_ends_the_delivery(mock: InProcess, receiver: Receiver) -> None:
    """A dropped connection and a 503, then a 200: three attempts, delivered, nothing more."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    receiver.fail = ["drop", 503]
    _upload(mock)
    mock.state.webhooks.flush()
    started = mock.state.webhooks.deliveries[0]
    assert started.outcome == "delivered"
    assert [attempt.status for attempt in started.attempts] == [None, 503, 200]
    assert started.attempts[0].error is not None
    assert [event["event"] for event in receiver.events] == ["clip.started", "clip.completed"]


def test_the_api_answer_never_waits_for_a_delivery(mock: InProcess, receiver: Receiver) -> None:
    """The upload answers 201 while the receiver still holds the first event."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    receiver.hold = threading.Event()
    clip_id = _upload(mock)
    assert receiver.events == []
    receiver.hold.set()  # well within the 3 s the mock waits for an answer
    assert mock.api("GET", f"/clips/{clip_id}").status_code == 200
    mock.state.webhooks.flush()
    assert [event["event"] for event in receiver.events] == ["clip.started", "clip.completed"]


def test_a_configured_url_is_validated_when_the_mock_serves(
    receiver: Receiver, clock: MockClock
) -> None:
    """MockConfig(webhook_url, webhook_secret_token): serve() validates, then events flow."""
    config = MockConfig(clips=5, clock=clock, webhook_url=receiver.url, webhook_secret_token=SECRET)
    with serve(config) as server:
        assert len(receiver.validations) == 1
        assert server.webhooks.url == receiver.url
        assert server.webhooks.refusal is None
        _served_upload(server)
        server.webhooks.flush()
    assert [event["event"] for event in receiver.events] == ["clip.started", "clip.completed"]


def test_a_configured_url_in_process_is_validated_before_the_first_event(
    receiver: Receiver, clock: MockClock
) -> None:
    """Without serve(), the worker validates the configured URL before its first delivery."""
    config = MockConfig(clips=5, clock=clock, webhook_url=receiver.url, webhook_secret_token=SECRET)
    app = create_app(config)
    try:
        _upload(InProcess(app))
        app.state.mock.webhooks.flush()
    finally:
        app.state.mock.close()
    assert len(receiver.validations) == 1
    assert [event["event"] for event in receiver.events] == ["clip.started", "clip.completed"]


def _served_upload(server: MockServer) -> str:
    token = httpx.post(
        server.token_url,
        auth=(server.client_id, server.client_secret),
        data={"grant_type": "account_credentials", "account_id": server.account_id},
    ).json()["access_token"]
    answer = httpx.post(
        f"{server.file_base_url}/clips/files",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("demo.mp4", b"\x00" * 1024, "video/mp4")},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["clip_id"])


def test_reset_forgets_the_deliveries_but_keeps_the_subscription(
    mock: InProcess, receiver: Receiver
) -> None:
    """POST /_mock/reset empties the record; the next upload is still sent (until
    ``unsubscribe()``)."""
    mock.state.webhooks.subscribe(receiver.url, SECRET)
    _upload(mock)
    mock.state.webhooks.flush()
    mock.reset()
    assert mock.state.webhooks.deliveries == []
    _upload(mock)
    mock.state.webhooks.flush()
    assert len(mock.state.webhooks.deliveries) == 2
    assert len(receiver.events) == 4
    mock.state.webhooks.unsubscribe()
    _upload(mock)
    mock.state.webhooks.flush()
    assert (len(mock.state.webhooks.deliveries), len(receiver.events)) == (2, 4)


def test_the_command_line_refuses_a_webhook_url_without_the_secret_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--webhook-url without ZOOM_WEBHOOK_SECRET_TOKEN exits 2 naming the variable."""
    monkeypatch.delenv("ZOOM_WEBHOOK_SECRET_TOKEN", raising=False)
    stop = threading.Event()
    stop.set()
    code = main(["--port", "0", "--clips", "5", "--webhook-url", "http://127.0.0.1:9/"], stop=stop)
    assert code == 2
    assert "ZOOM_WEBHOOK_SECRET_TOKEN" in capsys.readouterr().err


def test_the_command_line_validates_the_url_with_the_variables_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the variable set, the mock validates the URL at start and says so, not the secret."""
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
    stop = threading.Event()
    stop.set()
    with Receiver(MockClock()) as receiver:  # the command line's mock runs on the wall clock
        code = main(["--port", "0", "--clips", "5", "--webhook-url", receiver.url], stop=stop)
    out = capsys.readouterr().out
    assert code == 0
    assert f"webhooks:      {receiver.url}  (validated)" in out
    assert SECRET not in out
    assert len(receiver.validations) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"webhook_url": "http://127.0.0.1:8000/"}, "go together"),
        ({"webhook_secret_token": SECRET}, "go together"),
        ({"webhook_url": "http://example.com/hook", "webhook_secret_token": SECRET}, "loopback"),
        ({"webhook_url": "ftp://127.0.0.1/", "webhook_secret_token": SECRET}, "http"),
        ({"webhook_retry_delays": (1.0, -1.0)}, "non-negative"),
    ],
)
def test_config_refuses_bad_webhook_settings(options: dict[str, Any], message: str) -> None:
    """A URL without its secret token (or the reverse), plain http off loopback, a negative
    delay: ValueError saying which."""
    with pytest.raises(ValueError, match=message) as refused:
        MockConfig(**options)
    assert SECRET not in str(refused.value)


def test_the_secret_token_is_in_no_repr_log_line_or_error(
    receiver: Receiver, clock: MockClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Through validation, a refusal, retries and a give-up, the secret shows nowhere."""
    caplog.set_level(logging.DEBUG)
    config = MockConfig(clips=5, clock=clock, webhook_url=receiver.url, webhook_secret_token=SECRET)
    seen = io.StringIO()
    with serve(config) as server:
        receiver.fail = [500] * 4
        _served_upload(server)
        server.webhooks.flush()
        seen.write(httpx.get(f"{server.origin}/_mock/webhooks").text)
        receiver.wrong_token = True
        with pytest.raises(WebhookSubscriptionError) as refused:
            server.subscribe_webhooks(receiver.url, SECRET)
        seen.write(str(refused.value) + repr(refused.value))
        seen.write(repr(server) + repr(server.config) + repr(server.webhooks))
        seen.write(repr(server.webhooks.deliveries))
    seen.write(caplog.text)
    assert "gave up webhook clip.started" in caplog.text
    assert f"webhook URL {receiver.url} refused" in caplog.text
    assert receiver.url in seen.getvalue()
    assert SECRET not in seen.getvalue()
