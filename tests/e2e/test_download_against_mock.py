"""``clips.download`` end to end against the mock over loopback, sync and async: the 302 to its
pre-signed file host (which refuses any Authorization), a connection cut at a seeded random byte
and resumed with Range, a host ignoring ranges, names from Content-Disposition, and failures
that leave an existing target as it was."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from zoom_clips import (
    AsyncZoomClips,
    ClipFileNotFoundError,
    ClipNotReadyError,
    DownloadError,
    RetryPolicy,
    ServerToServerOAuth,
    ZoomClips,
)
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
SIZE = 300_001


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """One seeded mock on a frozen clock (its state reset per test)."""
    with serve(MockConfig(seed=23, clips=60, clock=MockClock(NOW))) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: MockServer) -> Iterator[None]:
    server.reset()
    server.state.files.accept_ranges = True
    yield
    server.state.files.accept_ranges = True


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def ready_clip(server: MockServer, size: int = SIZE, **changes: Any) -> str:
    """A finished clip of the master account, its file ``size`` bytes."""
    clip = next(
        c for c in server.dataset.clips if c["status"] == "RECORD_SUCCESS" and c["file_size"] > 0
    )
    answer = httpx.post(
        f"{server.origin}/_mock/clips/{clip['clip_id']}", json={"file_size": size, **changes}
    )
    assert answer.status_code == 200, answer.text
    return str(clip["clip_id"])


def download(kind: str, server: MockServer, *args: Any, **kwargs: Any) -> Any:
    """``clips._download_file`` on a fresh client of ``kind``; its sleeps move the mock's clock."""
    auth = ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )
    policy = RetryPolicy(
        max_retries=kwargs.pop("max_retries", 3),
        max_resumes=kwargs.pop("max_resumes", 20),
        rand=lambda: 0.5,
    )
    if kind == "sync":
        with ZoomClips(
            auth=auth, base_url=server.base_url, sleep=server.clock.advance, retry_policy=policy
        ) as client:
            return client.clips._download_file(*args, **kwargs)

    async def sleep(seconds: float) -> None:
        server.clock.advance(seconds)

    async def run() -> Any:
        async with AsyncZoomClips(
            auth=auth, base_url=server.base_url, sleep=sleep, retry_policy=policy
        ) as client:
            return await client.clips._download_file(*args, **kwargs)

    return asyncio.run(run())


def test_a_cut_at_a_random_byte_resumes_with_range_and_ends_with_the_served_sha256(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """The body dropped at a seeded random offset: the retry asks Range from there, the file's
    sha256 is the mock's, and no file-host request carried the Zoom token."""
    clip_id = ready_clip(server)
    cut = random.Random(f"cut-{kind}").randrange(1, SIZE)  # noqa: S311 -- a seeded test offset
    server.state.files.cut_next(cut)
    result = download(kind, server, clip_id, tmp_path)
    assert result.sha256 == server.file_sha256(clip_id)
    assert result.path.read_bytes() == server.file_bytes(clip_id)
    requests = server.state.files.requests
    assert [(r.range, r.status) for r in requests] == [(None, 200), (f"bytes={cut}-", 206)]
    assert requests[0].bytes_sent == cut
    assert not any(r.authorization for r in requests)


def test_a_host_ignoring_ranges_restarts_and_still_ends_right(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """With accept_ranges off, the retry after a cut asks for the whole file again."""
    clip_id = ready_clip(server)
    server.state.files.accept_ranges = False
    server.state.files.cut_next(123_457)
    result = download(kind, server, clip_id, tmp_path / "whole.mp4")
    assert result.sha256 == server.file_sha256(clip_id)
    assert [(r.range, r.status) for r in server.state.files.requests] == [(None, 200)] * 2


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Quarterly review", "Quarterly review.mp4"),
        ("../../etc/passwd", "etc_passwd.mp4"),
        ("a/b", "a_b.mp4"),
    ],
)
def test_a_directory_dest_is_named_from_the_hosts_content_disposition(
    kind: str, server: MockServer, tmp_path: Path, title: str, name: str
) -> None:
    """The file is named from Content-Disposition, made a base name inside the directory."""
    inner = tmp_path / "inner"
    inner.mkdir()
    clip_id = ready_clip(server, size=50_000, title=title)
    result = download(kind, server, clip_id, inner)
    assert result.path == inner / name
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [inner / name]
    assert result.sha256 == server.file_sha256(clip_id)


def test_a_failed_download_leaves_the_old_target_and_the_next_call_resumes(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """Range-capable cuts outlasting the budget stop after 3 attempts (each keeps bytes, so each
    spends a resume: max_resumes=2): DownloadError, the old file untouched, a .part left; the
    next call continues from the part and replaces the file."""
    clip_id = ready_clip(server)
    target = tmp_path / "clip.mp4"
    target.write_bytes(b"last week's copy")
    server.state.files.cut_next(10_000, 20_000, 30_000)
    with pytest.raises(DownloadError, match="retries ran out") as caught:
        download(kind, server, clip_id, target, max_retries=2, max_resumes=2)
    assert len(server.state.files.requests) == 3
    assert target.read_bytes() == b"last week's copy"
    part = tmp_path / "clip.mp4.part"
    assert caught.value.part_path == part
    assert part.read_bytes() == server.file_bytes(clip_id, 0, 30_000)
    result = download(kind, server, clip_id, target)
    assert result.path == target
    assert result.sha256 == server.file_sha256(clip_id)
    assert server.state.files.requests[-1].range == "bytes=30000-"
    assert not part.exists()


def test_not_ready_and_no_file_are_typed_and_leave_nothing(
    kind: str, server: MockServer, tmp_path: Path
) -> None:
    """A clip still recording is ClipNotReadyError (50002); a deleted one ClipFileNotFoundError."""
    clip_id = ready_clip(server, size=0, status="RECORD_START")
    with pytest.raises(ClipNotReadyError):
        download(kind, server, clip_id, tmp_path)
    httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json={"status": "RECORD_DELETE"})
    with pytest.raises(ClipFileNotFoundError):
        download(kind, server, clip_id, tmp_path)
    assert list(tmp_path.iterdir()) == []
