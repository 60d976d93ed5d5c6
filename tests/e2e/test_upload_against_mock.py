"""Uploads end to end against the mock over loopback, sync and async alike: multipart with a
failing part, the clip listing and downloading the same bytes, a single upload, the file API
root, an upload killed after part 2 and resumed, the daily limit and Zoom's expiry."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import zoom_clips as zc
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
MIB = 1024 * 1024
PARTS = {"part_size": 5 * MIB}


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """One small seeded mock on a frozen clock (its state reset per test)."""
    with serve(MockConfig(seed=15, clips=20, clock=MockClock(NOW))) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: MockServer) -> None:
    server.reset()


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def auth_of(server: MockServer) -> zc.ServerToServerOAuth:
    return zc.ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )


def clips_call(kind: str, server: MockServer, operation: str, *args: Any, **kwargs: Any) -> Any:
    """``client.clips.<operation>(...)`` on a fresh client of ``kind`` pointed at ``server``,
    whose clock is the mock's and whose sleeps advance it."""
    urls = {"base_url": server.base_url, "file_base_url": server.file_base_url}
    urls |= kwargs.pop("urls", {})
    policy = zc.RetryPolicy(now=server.clock.now, rand=lambda: 0.5)
    if kind == "sync":
        with zc.ZoomClips(
            auth=auth_of(server), retry_policy=policy, sleep=server.clock.advance, **urls
        ) as client:
            result = getattr(client.clips, operation)(*args, **kwargs)
            return list(result) if isinstance(result, Iterator) else result

    async def sleep(seconds: float) -> None:
        server.clock.advance(seconds)

    async def run() -> Any:
        async with zc.AsyncZoomClips(
            auth=auth_of(server), retry_policy=policy, sleep=sleep, **urls
        ) as client:
            result = getattr(client.clips, operation)(*args, **kwargs)
            if inspect.isasyncgen(result):
                return [item async for item in result]
            return await result

    return asyncio.run(run())


def write_file(path: Path, size: int) -> str:
    """``size`` deterministic bytes at ``path``; their sha256."""
    data = (hashlib.sha256(path.name.encode()).digest() * (size // 32 + 1))[:size]
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def received_parts(server: MockServer) -> list[int]:
    return [part.part_number for part in server.state.uploads.received]


@pytest.mark.parametrize("failure", [500, "drop"])
def test_a_multipart_upload_with_a_failing_part_makes_a_clip_of_the_same_bytes(
    kind: str, server: MockServer, tmp_path: Path, failure: int | str
) -> None:
    """11 MiB in 5 MiB parts: 3 parts, part 2 failing once (a 500 or a dropped connection) is
    the only one sent again; the clip lists with its size and serves exactly the bytes sent."""
    sha = write_file(tmp_path / "all-hands.mp4", 11 * MIB)
    server.state.uploads.fail_next(2, status=failure)
    clip_id = clips_call(kind, server, "upload", tmp_path / "all-hands.mp4", **PARTS)
    assert received_parts(server) == [1, 2, 2, 3]
    assert [p.size for p in server.state.uploads.received] == [5 * MIB, 5 * MIB, 5 * MIB, MIB]
    clip = clips_call(kind, server, "get", clip_id)
    assert (clip.file_size, clip.title) == (11 * MIB, "all-hands.mp4")
    listed = clips_call(kind, server, "list", from_=date(2026, 1, 1), to=NOW.date())
    assert [c.file_size for c in listed if c.clip_id == clip_id] == [11 * MIB]
    assert server.file_sha256(clip_id) == sha


def test_a_single_upload_makes_a_clip(kind: str, server: MockServer, tmp_path: Path) -> None:
    """A small file is one POST /clips/files; the clip has its size and bytes."""
    sha = write_file(tmp_path / "short.webm", 300_000)
    clip_id = clips_call(kind, server, "upload", tmp_path / "short.webm")
    assert server.state.uploads.received == []
    assert clips_call(kind, server, "get", clip_id).file_size == 300_000
    assert server.file_sha256(clip_id) == sha


def test_uploads_sent_to_the_api_root_fail(kind: str, server: MockServer, tmp_path: Path) -> None:
    """Quirk upload-base-url-in-prose, end to end: under /v2 the mock answers the uploads 404."""
    write_file(tmp_path / "short.mp4", 1000)
    with pytest.raises(zc.NotFoundError):
        clips_call(
            kind, server, "upload", tmp_path / "short.mp4", urls={"file_base_url": server.base_url}
        )


def test_the_daily_limit_stops_the_upload_with_its_state(kind: str, tmp_path: Path) -> None:
    """The upload request past the per-user daily limit is a RateLimitError (Daily-limit, with
    its reset time), not retried, carrying the state of the parts already acknowledged."""
    config = MockConfig(seed=15, clips=5, clock=MockClock(NOW), upload_daily_limit=3)
    write_file(tmp_path / "big.mp4", 11 * MIB)
    with serve(config) as limited:
        with pytest.raises(zc.RateLimitError) as caught:
            clips_call(kind, limited, "upload", tmp_path / "big.mp4", **PARTS)
        assert received_parts(limited) == [1, 2]
    assert caught.value.limit_type == "Daily-limit"
    assert caught.value.retry_after is not None
    state = caught.value.upload_state
    assert state is not None
    assert sorted(state.etags) == [1, 2]


def test_zoom_s_expiry_of_the_upload_is_upload_expired_error(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """Resumed after the mock's 7 days (the client's clock disagreeing), Zoom's code 300 is
    UploadExpiredError."""
    write_file(tmp_path / "big.mp4", 11 * MIB)
    server.state.uploads.fail_next(3, status=403)
    with pytest.raises(zc.PermissionDeniedError) as caught:
        clips_call(kind, server, "upload", tmp_path / "big.mp4", **PARTS)
    state = caught.value.upload_state
    assert state is not None
    server.clock.advance(7 * 86_400 + 1)
    fresh = zc.UploadState.from_json(
        state.to_json().replace(NOW.isoformat(), server.clock.now().isoformat())
    )
    with pytest.raises(zc.UploadExpiredError):
        clips_call(kind, server, "upload", tmp_path / "big.mp4", resume=fresh)


CHILD = """
import sys, time
from pathlib import Path
import zoom_clips as zc

origin, account, client_id, secret, path, sidecar = sys.argv[1:]

def hold_after_part_2(done, total):
    if done >= 10 * 1024 * 1024:
        print("holding", flush=True)
        time.sleep(120)

auth = zc.ServerToServerOAuth(account_id=account, client_id=client_id, client_secret=secret,
                              token_url=origin + "/oauth/token")
with zc.ZoomClips(auth=auth, base_url=origin + "/v2", file_base_url=origin + "/file/v2") as c:
    c.clips.upload(Path(path), part_size=5 * 1024 * 1024, resume=sidecar,
                   progress=hold_after_part_2)
"""


def test_an_upload_killed_after_part_2_resumes_with_the_remaining_parts(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """A process SIGKILLed once its sidecar shows 2 parts acknowledged leaves a state that a
    second run continues, sending only part 3; the clip has every byte."""
    path, sidecar = tmp_path / "big.mp4", tmp_path / "big.mp4.zoom-upload.json"
    sha = write_file(path, 11 * MIB)
    args = [server.origin, server.account_id, server.client_id, server.client_secret]
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), *args, str(path), str(sidecar)],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        deadline = time.monotonic() + 60
        while not (sidecar.exists() and len(json.loads(sidecar.read_text())["parts"]) == 2):
            assert child.poll() is None, "the child ended before part 2"
            assert time.monotonic() < deadline, "the sidecar never showed 2 parts"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert received_parts(server) == [1, 2]
    clip_id = clips_call(kind, server, "upload", path, resume=sidecar)
    assert received_parts(server) == [1, 2, 3]
    assert not sidecar.exists()
    assert server.file_sha256(clip_id) == sha
