"""``zoom-clips listen``: Zoom's webhooks verified and printed as JSON lines, and with ``--db`` the
inventory kept fresh; the app served by real uvicorn on 127.0.0.1, port 0, in a thread."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from zoom_clips import AsyncZoomClips, BearerToken
from zoom_clips._cli import _listen
from zoom_clips._cli._listen import InventoryUpdates, listener
from zoom_clips._models import clip_from_json
from zoom_clips.inventory import open_database
from zoom_clips.inventory._store import clip_row
from zoom_clips.mock import MockServer
from zoom_clips.webhooks import CLIP_COMPLETED, CLIP_STARTED, sign

from tests.cli._admin_support import served, server, some_clips
from tests.cli._support import error_line, run, start_listener
from tests.inventory.conftest import (
    client_for,
    db_url,
    new_database,
    postgres_server,
    table_rows,
)

__all__ = ["db_url", "new_database", "postgres_server", "served", "server"]  # fixtures

SECRET = "listen-secret-token-7Qx9"  # looked for in every output of every test here
NOW = 1768046400  # 2026-01-10T12:00:00Z: the receiver's clock and every event's timestamp
SEEN = dt.datetime(2026, 1, 10, 12, 0, 5, tzinfo=dt.UTC)  # the inventory's clock
HOSTILE = "Q3 \x1b[2J\x1b]0;owned\x07 \u202edeliver\x7f"  # terminal controls, a bidi override


class Lines:
    """A text stream that keeps its lines and lets a test wait for the handler to write them."""

    def __init__(self) -> None:
        self.text = ""
        self._written = threading.Condition()

    def write(self, text: str) -> int:
        with self._written:
            self.text += text
            self._written.notify_all()
        return len(text)

    def flush(self) -> None:
        pass

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def wait_for(self, count: int) -> list[str]:
        """The lines, once there are ``count`` (the handler runs after the answer)."""
        with self._written:
            assert self._written.wait_for(lambda: len(self.lines) >= count, timeout=10), self.text
        return self.lines


@contextlib.contextmanager
def serving(asgi: Any, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """``asgi`` served by uvicorn in a thread until the block ends; its origin."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind((host, port))
    config = uvicorn.Config(asgi, log_config=None, access_log=False, lifespan="on")
    server_ = uvicorn.Server(config)
    thread = threading.Thread(target=server_.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server_.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)  # start-up: waiting on the server, the only wait of these tests
    try:
        assert server_.started
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server_.should_exit = True
        thread.join(timeout=10)
        sock.close()


def envelope(event: str, obj: dict[str, Any], account_id: str = "A1") -> dict[str, Any]:
    return {
        "event": event,
        "event_ts": NOW * 1000,
        "payload": {"account_id": account_id, "object": obj},
    }


def deliver(
    origin: str, body: dict[str, Any], *, at: int = NOW, secret: str = SECRET, path: str = "/"
) -> httpx.Response:
    """POST ``body`` as Zoom does: its exact bytes signed with ``secret`` at ``at``."""
    raw = json.dumps(body).encode()
    headers = {**sign(raw, secret, timestamp=at), "content-type": "application/json"}
    return httpx.post(origin + path, content=raw, headers=headers)


def app(**kwargs: Any) -> tuple[Any, Lines, Lines]:
    """``listener`` with the test's secret and clock, writing to two ``Lines``."""
    out, err = Lines(), Lines()
    return listener(SECRET, out=out, err=err, now=lambda: float(NOW), **kwargs), out, err


def test_signed_events_are_printed_as_json_lines_in_ascii() -> None:
    """Each verified event is one line: the envelope as sent, no terminal control or bidi raw."""
    asgi, out, err = app()
    started = envelope(CLIP_STARTED, {"clip_id": "c1", "title": HOSTILE})
    completed = envelope(CLIP_COMPLETED, {"clip_id": "c1", "title": HOSTILE, "file_size": 9})
    with serving(asgi) as origin:
        first = deliver(origin, started)
        out.wait_for(1)
        second = deliver(origin, completed)
        lines = out.wait_for(2)
    assert (first.status_code, first.json()) == (second.status_code, second.json()) == (200, {})
    assert [json.loads(line) for line in lines] == [started, completed]
    assert all(line.isascii() and line.isprintable() for line in lines)
    assert "\\u001b[2J" in lines[0]
    assert "\\u202e" in lines[0]
    assert "\\u007f" in lines[0]
    assert err.text == ""


def test_a_bad_signature_is_refused_401_and_prints_nothing() -> None:
    """A body signed with another secret (or a tampered one) is 401; only good events print."""
    asgi, out, _ = app()
    good = envelope(CLIP_COMPLETED, {"clip_id": "good"})
    with serving(asgi) as origin:
        forged = deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": "x"}), secret="not-it")
        raw = json.dumps(good).encode()
        headers = sign(raw, SECRET, timestamp=NOW)
        tampered = httpx.post(origin, content=raw.replace(b"good", b"evil"), headers=headers)
        stale = deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": "y"}), at=NOW - 3600)
        accepted = deliver(origin, good)
        lines = out.wait_for(1)
    assert (forged.status_code, forged.json()) == (401, {"error": "bad signature"})
    assert (tampered.status_code, tampered.json()) == (401, {"error": "bad signature"})
    assert (stale.status_code, stale.json()) == (401, {"error": "stale timestamp"})
    assert accepted.status_code == 200
    assert [json.loads(line) for line in lines] == [good]


def test_url_validation_is_answered_and_not_printed() -> None:
    """Zoom's URL validation gets its answer; it is no event to print."""
    asgi, out, _ = app()
    body = {
        "event": "endpoint.url_validation",
        "event_ts": NOW * 1000,
        "payload": {"plainToken": "plain-1"},
    }
    with serving(asgi) as origin:
        answer = deliver(origin, body)
        deliver(origin, envelope(CLIP_STARTED, {"clip_id": "c1"}))
        lines = out.wait_for(1)
    assert answer.status_code == 200
    assert answer.json()["plainToken"] == "plain-1"
    assert len(answer.json()["encryptedToken"]) == 64
    assert [json.loads(line)["event"] for line in lines] == [CLIP_STARTED]


def test_events_are_taken_at_the_path_only() -> None:
    """With a path, a POST elsewhere is 404 and not printed."""
    asgi, out, _ = app(path="/zoom/hooks")
    body = envelope(CLIP_STARTED, {"clip_id": "c1"})
    with serving(asgi) as origin:
        elsewhere = deliver(origin, body)
        here = deliver(origin, body, at=NOW + 1, path="/zoom/hooks")
        lines = out.wait_for(1)
    assert (elsewhere.status_code, here.status_code) == (404, 200)
    assert len(lines) == 1


def test_without_the_secret_in_the_environment_it_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ZOOM_WEBHOOK_SECRET_TOKEN: one error line naming it, exit 2, nothing served."""
    monkeypatch.delenv(_listen.SECRET_ENV, raising=False)
    served_: list[object] = []
    monkeypatch.setattr(_listen, "_serve", lambda *a, **k: served_.append(a))
    for env in ({}, {_listen.SECRET_ENV: "  "}):
        result = run("listen", "--port", "0", env=env)
        assert result.exit_code == 2
        assert "ZOOM_WEBHOOK_SECRET_TOKEN" in error_line(result)
    assert served_ == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--mock"], "--mock is about fetching"),
        (["--include-passcodes"], "--include-passcodes is about fetching"),
        (["--path", "hooks"], "must start with '/'"),
    ],
)
def test_options_that_need_db_or_a_slash_are_refused(
    args: list[str], says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fetching options without --db, and a path without '/', are one line and exit 2."""
    monkeypatch.setattr(_listen, "_serve", lambda *a, **k: pytest.fail("served"))
    result = run("listen", *args, env={_listen.SECRET_ENV: SECRET})
    assert result.exit_code == 2
    assert says in error_line(result)


def test_the_command_serves_its_options_prints_events_and_never_shows_the_secret(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`zoom-clips listen --port 0 --path P` under real uvicorn: a verified event on stdout as
    its JSON line, a forged one refused and logged; the secret in no output, log or repr."""
    caplog.set_level(logging.DEBUG)
    seen: dict[str, Any] = {}
    body = envelope(CLIP_COMPLETED, {"clip_id": "c7", "title": HOSTILE})

    def serve_briefly(asgi: Any, *, host: str, port: int) -> None:
        seen.update(host=host, port=port, app=repr(asgi))
        stamp = int(time.time())  # the command's receiver has the wall clock
        with serving(asgi, host, port) as origin:
            seen["forged"] = deliver(origin, body, at=stamp, secret="not-it", path="/in")
            seen["elsewhere"] = deliver(origin, body, at=stamp)
            seen["here"] = deliver(origin, body, at=stamp, path="/in")
        # uvicorn's shutdown waited for the request, so for the handler that runs after it.

    monkeypatch.setattr(_listen, "_serve", serve_briefly)
    result = run("listen", "--port", "0", "--path", "/in", env={_listen.SECRET_ENV: SECRET})
    assert result.exit_code == 0, result.stderr
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 0)
    statuses = [seen[name].status_code for name in ("forged", "elsewhere", "here")]
    assert statuses == [401, 404, 200]
    assert [json.loads(line) for line in result.stdout.splitlines()] == [body]
    assert result.stdout.isascii()
    assert "refused a webhook request" in caplog.text
    for shown in (result.stdout, result.stderr, caplog.text, seen["app"]):
        assert SECRET not in shown


# --- with --db: the inventory kept fresh, the clips fetched from the mock -----------------


def _listening(server: MockServer, engine: sa.Engine) -> tuple[Any, Lines, Lines]:
    updates = InventoryUpdates(engine, client_for(server), clock=lambda: SEEN)
    return app(inventory=updates)


def _clip(server: MockServer) -> tuple[str, dict[str, Any]]:
    """(the first sub account's id, the wire form of a live clip of it)."""
    _, _, (clip_id,) = some_clips(server, 1)
    found = server.dataset.clip(clip_id)
    assert found is not None
    return server.dataset.sub_accounts[0].id, dict(found.wire)


def test_with_db_a_completed_clip_is_stored_and_a_second_delivery_changes_nothing(
    server: MockServer, db_url: str
) -> None:
    """clip.completed: the clip fetched and stored as sync stores it; Zoom's retry of the same
    event (a new timestamp, so no replay) changes no row."""
    account, wire = _clip(server)
    engine = open_database(db_url)
    try:
        asgi, out, err = _listening(server, engine)
        event = envelope(CLIP_COMPLETED, {"clip_id": wire["clip_id"]}, account)
        with serving(asgi) as origin:
            assert deliver(origin, event).status_code == 200
            err.wait_for(1)
            before = {name: table_rows(engine, name) for name in ("clips", "runs")}
            assert deliver(origin, event, at=NOW + 30).status_code == 200
            err.wait_for(2)
        after = {name: table_rows(engine, name) for name in ("clips", "runs")}
        (row,) = before["clips"]
        expected = clip_row(account, clip_from_json(wire), include_passcodes=False)
        assert {k: row[k] for k in expected} == expected
        assert row["first_seen"] == row["last_seen"] == SEEN
        assert after == before
        assert table_rows(engine, "exposure_history") == []
        assert len(out.lines) == 2
        assert err.lines == [
            f'inventory: clip "{wire["clip_id"]}" inserted',
            f'inventory: clip "{wire["clip_id"]}" unchanged',
        ]
    finally:
        engine.dispose()


def test_with_db_a_deleted_clip_is_recorded_as_sync_records_deletions(
    server: MockServer, db_url: str
) -> None:
    """Zoom deletes softly: the next event's fetch finds RECORD_DELETE, stored with its history."""
    account, wire = _clip(server)
    clip_id = str(wire["clip_id"])
    engine = open_database(db_url)
    try:
        asgi, _, err = _listening(server, engine)
        with serving(asgi) as origin:
            deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": clip_id}, account))
            err.wait_for(1)
            changed = httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=_deleted())
            assert changed.status_code == 200
            deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": clip_id}, account), at=NOW + 1)
            err.wait_for(2)
        (row,) = table_rows(engine, "clips")
        assert row["status"] == "RECORD_DELETE"
        assert row["missing_since"] is None  # deleted softly is not gone
        history = table_rows(engine, "exposure_history")
        assert [(h["field"], h["old_value"], h["new_value"]) for h in history] == [
            ("status", wire["status"], "RECORD_DELETE")
        ]
        assert err.lines[-1] == f'inventory: clip "{clip_id}" updated'
    finally:
        engine.dispose()


def _deleted() -> dict[str, str]:
    return {"status": "RECORD_DELETE"}


def test_with_db_a_failed_fetch_is_one_stderr_line_and_the_listener_goes_on(
    tmp_path: Any,
) -> None:
    """A clip that cannot be fetched (nothing listens there; an id the SDK refuses) is one
    escaped line on stderr; later events still print; the inventory is left as it was."""
    engine = open_database(str(tmp_path / "inventory.db"))
    client = AsyncZoomClips(auth=BearerToken("t"), base_url="http://127.0.0.1:9/v2", max_retries=0)
    try:
        asgi, out, err = app(inventory=InventoryUpdates(engine, client, clock=lambda: SEEN))
        with serving(asgi) as origin:
            deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": "c1"}))
            err.wait_for(1)
            deliver(origin, envelope(CLIP_STARTED, {"clip_id": "c\x1b2"}))
            err.wait_for(2)
        assert len(out.lines) == 2
        assert err.lines[0].startswith('inventory: clip "c1" not updated: ')
        assert "127.0.0.1:9" in err.lines[0]
        assert err.lines[1].startswith('inventory: clip "c\\u001b2" not updated: ')
        assert err.text.isascii()
        assert "\x1b" not in err.text
        assert table_rows(engine, "clips") == table_rows(engine, "runs") == []
    finally:
        engine.dispose()


def test_with_db_a_refused_write_is_one_line_without_the_statement(
    server: MockServer, tmp_path: Any
) -> None:
    """A database that refuses the write (its clips table gone) is named by the driver's first
    line, never SQLAlchemy's statement or parameters; the next event is still printed."""
    account, wire = _clip(server)
    engine = open_database(str(tmp_path / "inventory.db"))
    try:
        asgi, out, err = _listening(server, engine)
        with serving(asgi) as origin:
            deliver(origin, envelope(CLIP_COMPLETED, {"clip_id": wire["clip_id"]}, account))
            err.wait_for(1)
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP TABLE exposure_history")
                conn.exec_driver_sql("DROP TABLE clips")
            deliver(
                origin, envelope(CLIP_COMPLETED, {"clip_id": wire["clip_id"]}, account), at=NOW + 1
            )
            err.wait_for(2)
            deliver(origin, envelope(CLIP_STARTED, {"clip_id": "c2"}), at=NOW + 2)
            out.wait_for(3)
        assert err.lines[1] == (
            f'inventory: clip "{wire["clip_id"]}" not updated: '
            'the inventory refused the write: "no such table: clips"'
        )
    finally:
        engine.dispose()


def test_the_console_command_serves_until_ctrl_c_and_exits_0() -> None:
    """`zoom-clips listen --port 0` in its own process: an event on stdout, Ctrl-C ends it, 0."""
    env = {**os.environ, _listen.SECRET_ENV: SECRET, "PYTHONUNBUFFERED": "1"}
    origin, process = start_listener(env)
    try:
        assert process.stdout is not None
        body = envelope(CLIP_COMPLETED, {"clip_id": "c5", "title": HOSTILE})
        assert deliver(origin, body, at=int(time.time())).status_code == 200
        line = process.stdout.readline()  # the handler's line, flushed as it is written
        process.send_signal(signal.SIGINT)
        rest, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert json.loads(line) == body
    assert line.isascii()
    assert rest == ""
    assert process.returncode == 0, errors
    assert SECRET not in errors
