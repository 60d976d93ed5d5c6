"""Hostile file APIs for uploads, over a real loopback server, sync and async with the injected
sleep: a part endpoint that always answers 500, and a file that shrinks between parts (on a
real connection httpx would announce more bytes than it can send: h11's untyped error).

Each asserts the typed error, that it carries ``upload_state``, and the requests the server saw,
bounded by the retry policy: a failing part is sent at most ``1 + max_retries`` times when no
part went through before it."""

from __future__ import annotations

import asyncio
import json
import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import zoom_clips as zc

from .conftest import FakeClock, loopback

MIB = 1024 * 1024
PART = 5 * MIB


def answer(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def file_api(handler: BaseHTTPRequestHandler, *, part: tuple[int, dict[str, Any]]) -> None:
    """Create and Complete as Zoom answers them; every part with ``part``."""
    if handler.path.endswith("/upload_events"):
        answer(handler, 201, {"upload_context": "ctx-1", "clip_id": "clip-1"})
    else:
        answer(handler, *part)


def upload(kind: str, origin: str, path: Path, clock: FakeClock, *, max_retries: int) -> str:
    """``clips.upload(path)`` in parts of 5 MiB on a client of ``kind`` pointed at ``origin``."""
    policy = zc.RetryPolicy(max_retries=max_retries, rand=lambda: 0.5, clock=clock)
    urls = {"base_url": f"{origin}/v2", "file_base_url": f"{origin}/file/v2"}
    auth = zc.BearerToken("loopback-token")
    if kind == "sync":
        with zc.ZoomClips(auth=auth, sleep=clock.sleep, retry_policy=policy, **urls) as client:
            return client.clips.upload(path, part_size=PART)

    async def run() -> str:
        async with zc.AsyncZoomClips(
            auth=auth, sleep=clock.asleep, retry_policy=policy, **urls
        ) as client:
            return await client.clips.upload(path, part_size=PART)

    return asyncio.run(run())


def parts_sent(seen: list[str]) -> int:
    return seen.count("POST /file/v2/clips/files/multipart")


@pytest.mark.parametrize("max_retries", [0, 3])
def test_a_part_endpoint_that_always_answers_500(
    kind: str, tmp_path: Path, max_retries: int
) -> None:
    """Every part 500: UploadError (from InternalServerError) with the upload's state, after
    exactly 1 + max_retries part requests, one backoff sleep between each."""
    path = tmp_path / "big.mp4"
    path.write_bytes(b"v" * (11 * MIB))
    clock = FakeClock()
    failing = loopback(lambda h: file_api(h, part=(500, {"code": 500})))
    with (
        failing as (origin, seen),
        pytest.raises(zc.UploadError, match=r"part 1 of 'big\.mp4'") as caught,
    ):
        upload(kind, origin, path, clock, max_retries=max_retries)
    assert parts_sent(seen) == 1 + max_retries
    assert len(seen) == 1 + 1 + max_retries  # Create, then the part; never Complete
    assert len(clock.slept) == max_retries
    assert isinstance(caught.value.__cause__, zc.InternalServerError)
    state = caught.value.upload_state
    assert state is not None
    assert (state.upload_context, state.etags) == ("ctx-1", {})


def test_a_file_that_shrinks_between_parts_over_a_real_connection(
    kind: str, tmp_path: Path
) -> None:
    """Truncated while part 1 is answered: UploadError with part 1's state before part 2 goes
    out (it would announce 5 MiB and have 2), and no Complete."""
    path = tmp_path / "big.mp4"
    path.write_bytes(b"v" * (11 * MIB))

    def shrinking(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.endswith("/multipart"):
            with path.open("r+b") as file:
                file.truncate(7 * MIB)
            answer(handler, 201, {"part_number_etag": {"part_number": 1, "etag": "e1"}})
        else:
            file_api(handler, part=(599, {}))

    clock = FakeClock()
    shrunk = re.escape("went from 11,534,336 to 7,340,032")
    with (
        loopback(shrinking) as (origin, seen),
        pytest.raises(zc.UploadError, match=shrunk) as caught,
    ):
        upload(kind, origin, path, clock, max_retries=3)
    assert parts_sent(seen) == 1
    assert seen == [
        "POST /file/v2/clips/files/multipart/upload_events",
        "POST /file/v2/clips/files/multipart",
    ]
    assert caught.value.upload_state is not None
    assert caught.value.upload_state.etags == {1: "e1"}
