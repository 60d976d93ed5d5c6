"""Issue 23 end to end: the mock, subscribed to a real ``zoom-clips listen --db`` process,
validates its URL; a clip is uploaded through the SDK; the listener prints ``clip.started`` and
``clip.completed`` and the inventory holds the clip; the same event delivered again changes
nothing. Loopback only; the mock runs on the wall clock, as the listener's timestamp window does.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips import webhooks
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import start_listener

SECRET = "e2e-webhook-secret-token-5Kp2"


@pytest.fixture
def server() -> Iterator[MockServer]:
    with serve(MockConfig(seed=23, clips=30)) as running:
        yield running


@pytest.fixture
def listening(server: MockServer, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``zoom-clips listen --port 0 --db FILE`` with the mock's credentials in the environment;
    (its origin, the process). Ended with Ctrl-C; it must exit 0."""
    env = {
        **os.environ,
        "ZOOM_WEBHOOK_SECRET_TOKEN": SECRET,
        "ZOOM_ACCOUNT_ID": server.account_id,
        "ZOOM_CLIENT_ID": server.client_id,
        "ZOOM_CLIENT_SECRET": server.client_secret,
        "ZOOM_API_BASE_URL": server.base_url,
        "ZOOM_OAUTH_TOKEN_URL": server.token_url,
        "PYTHONUNBUFFERED": "1",
    }
    origin, process = start_listener(env, "--db", str(tmp_path / "inventory.db"))
    try:
        yield origin, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def _lines(stream: Any, count: int) -> list[str]:
    """The next ``count`` lines of a pipe (each line is flushed as it is written)."""
    return [stream.readline() for _ in range(count)]


def _rows(database: Path, table: str) -> list[dict[str, Any]]:
    """Every row of the inventory's ``table``, as dicts."""
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    try:
        query = f"SELECT * FROM {table}"  # noqa: S608 -- the test's own table names
        return sorted((dict(row) for row in conn.execute(query)), key=repr)
    finally:
        conn.close()


def test_the_mock_keeps_zoom_clips_listen_and_its_inventory_fresh(
    server: MockServer, listening: tuple[str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    """Validation, both events printed in order, the uploaded clip in the inventory, and a
    second delivery of the same event (Zoom's retry) that changes no row."""
    origin, process = listening
    assert process.stdout is not None
    assert process.stderr is not None
    server.subscribe_webhooks(origin + "/", SECRET)  # raises unless the listener answered right

    video = tmp_path / "review.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64)
    with zc.ZoomClips(
        auth=zc.ServerToServerOAuth(
            account_id=server.account_id,
            client_id=server.client_id,
            client_secret=server.client_secret,
            token_url=server.token_url,
        ),
        base_url=server.base_url,
    ) as client:
        clip_id = client.clips.upload(video)
    server.webhooks.flush()

    started, completed = (json.loads(line) for line in _lines(process.stdout, 2))
    assert [started["event"], completed["event"]] == ["clip.started", "clip.completed"]
    assert started["payload"]["object"]["clip_id"] == completed["payload"]["object"]["clip_id"]
    assert completed["payload"]["object"]["clip_id"] == clip_id
    assert [d.outcome for d in server.webhooks.deliveries] == ["delivered", "delivered"]

    # One inventory line per clip event, in order: the clip is stored, then brought up to date.
    assert all(f'"{clip_id}"' in line for line in _lines(process.stderr, 2))
    database = tmp_path / "inventory.db"
    (row,) = _rows(database, "clips")
    assert (row["clip_id"], row["title"]) == (clip_id, completed["payload"]["object"]["title"])
    tables = ("clips", "runs", "exposure_history")
    before = {table: _rows(database, table) for table in tables}

    # Zoom's retry of the completed event: the same body, signed again at a new timestamp.
    body = json.dumps(completed).encode()
    headers = webhooks.sign(body, SECRET, timestamp=int(time.time()))
    assert httpx.post(origin + "/", content=body, headers=headers).status_code == 200
    (again,) = _lines(process.stdout, 1)
    assert json.loads(again) == completed
    (update,) = _lines(process.stderr, 1)
    assert "unchanged" in update, update
    # The exact request again (a replay): acknowledged, not handled, nothing printed.
    assert httpx.post(origin + "/", content=body, headers=headers).status_code == 200
    after = {table: _rows(database, table) for table in tables}
    for rows in (before["clips"], after["clips"]):
        for clip_row in rows:
            clip_row.pop("last_seen")  # when the listener last saw it: the one column that moves
    assert after == before

    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert rest == ""  # the replay printed nothing
    assert SECRET not in rest + errors
