"""`zoom-clips download` against the mock: files and their manifest, skipping what is complete,
resuming a .part, clips not ready or without a file, names two clips share, and the listing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from zoom_clips import AsyncZoomClips, RedirectError
from zoom_clips._resources.download import AsyncDownloadMethods
from zoom_clips.mock import MockServer

from tests.cli._admin_support import served, server
from tests.cli._support import env_for, error_line, run

__all__ = ["served", "server"]  # the fixtures, imported for pytest


@pytest.fixture
def clips(server: MockServer) -> Iterator[list[str]]:
    """Three finished clips of the master account (the user-level listing's), made small
    (40-60 KB) with unique titles."""
    master = server.dataset.master_account_id
    ready = [
        c
        for c in server.dataset.clips
        if c["status"] == "RECORD_SUCCESS"
        and c["file_size"] > 0
        and server.dataset.clip(c["clip_id"]).account_id == master  # type: ignore[union-attr]
    ][:3]
    ids = []
    for n, clip in enumerate(ready):
        change(server, clip["clip_id"], file_size=40_000 + 10_000 * n, title=f"zdl clip {n}")
        ids.append(str(clip["clip_id"]))
    yield ids
    server.reset()


def change(server: MockServer, clip_id: str, **fields: Any) -> None:
    answer = httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=fields)
    assert answer.status_code == 200, answer.text


def manifest(directory: Path) -> dict[str, dict[str, Any]]:
    body = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return {entry["clip_id"]: entry for entry in body["files"]}


def test_ids_are_downloaded_with_a_manifest_of_their_sha256(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """Each clip lands under its title; the manifest has its size and the served sha256;
    stdout stays empty (the progress and the report are on stderr)."""
    result = run("download", *clips[:2], "-o", str(tmp_path / "out"), env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    entries = manifest(tmp_path / "out")
    assert set(entries) == set(clips[:2])
    for n, clip_id in enumerate(clips[:2]):
        entry = entries[clip_id]
        assert entry["file"] == f"zdl clip {n}.mp4"
        assert entry["size"] == 40_000 + 10_000 * n
        assert entry["sha256"] == server.file_sha256(clip_id)
        assert (tmp_path / "out" / entry["file"]).read_bytes() == server.file_bytes(clip_id)
    assert "downloaded 2 clips (90000 bytes)" in result.stderr


def test_a_second_run_skips_complete_files_and_resumes_a_part(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """Complete files are not fetched again; a .part left behind continues with Range."""
    assert run("download", clips[0], "-o", str(tmp_path), env=env_for(server)).exit_code == 0
    (tmp_path / f"{clips[1]}.part").write_bytes(server.file_bytes(clips[1], 0, 12_345))
    before = len(server.state.files.requests)
    result = run("download", *clips[:2], "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert f"{clips[0]}: already complete" in result.stderr
    asked = [(r.clip_id, r.range) for r in server.state.files.requests[before:]]
    assert asked == [(clips[1], "bytes=12345-")]
    assert manifest(tmp_path)[clips[1]]["sha256"] == server.file_sha256(clips[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.json",
        "zdl clip 0.mp4",
        "zdl clip 1.mp4",
    ]


def test_clips_not_ready_or_without_a_file_are_skipped_and_the_exit_says_so(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """50002 and 10002 are reported and skipped, the rest is downloaded, and the exit is 1."""
    change(server, clips[1], file_size=0, status="RECORD_START")
    change(server, clips[2], status="RECORD_DELETE")
    result = run("download", *clips, "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 1, result.stderr
    assert f"{clips[1]}: skipped, its mp4 is not ready yet (Zoom code 50002)" in result.stderr
    assert f"{clips[2]}: skipped, no file (Zoom code 10002)" in result.stderr
    assert set(manifest(tmp_path)) == {clips[0]}
    assert "1 clip (40000 bytes), 2 skipped" in result.stderr


def test_two_clips_with_one_title_get_two_files(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """A title two clips share, or a user's own file of that name, is never overwritten."""
    change(server, clips[1], title="zdl clip 0")
    (tmp_path / "zdl clip 2.mp4").write_bytes(b"the user's own file")
    result = run("download", *clips, "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 0, result.stderr
    names = {entry["file"] for entry in manifest(tmp_path).values()}
    assert len(names) == 3
    assert "zdl clip 0.mp4" in names
    assert f"zdl clip 2 [{clips[2]}].mp4" in names
    assert (tmp_path / "zdl clip 2.mp4").read_bytes() == b"the user's own file"


def test_without_ids_the_listings_filters_select_the_clips(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """--from/--to/--search pick the clips as `list` would; all of them are downloaded."""
    result = run(
        "download",
        "--from",
        "2025-01-01",
        "--to",
        "2026-01-10",
        "--search",
        "zdl clip",
        "--date-filter",
        "modified",
        "-o",
        str(tmp_path),
        env=env_for(server),
    )
    assert result.exit_code == 0, result.stderr
    assert set(manifest(tmp_path)) == set(clips)


def test_ids_and_listing_options_together_are_refused(server: MockServer, tmp_path: Path) -> None:
    """Clip ids with --from is ambiguous: one error line, exit 2, nothing written."""
    result = run("download", "abc", "--from", "30d", "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 2
    assert "not both" in error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_a_bad_id_or_a_file_as_dir_is_refused_before_any_request(
    server: MockServer, tmp_path: Path
) -> None:
    """An id that would change the path, or -o naming a file: one error line, exit 2."""
    before = server.stats()["requests"]
    bad = run("download", "a/b", "-o", str(tmp_path), env=env_for(server))
    assert bad.exit_code == 2
    assert "not an id" in error_line(bad)
    (tmp_path / "f").write_text("x")
    not_dir = run("download", "abc", "-o", str(tmp_path / "f"), env=env_for(server))
    assert not_dir.exit_code == 2
    assert "not a directory" in error_line(not_dir)
    assert server.stats()["requests"] == before


def test_a_host_that_cuts_every_body_and_ignores_ranges_fails_the_clip_instead_of_hanging(
    server: MockServer, clips: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3 MB clip whose file host ignores Range and drops every body halfway (over a MiB, the
    amount that used to reset the retries): the clip fails after 1 + max_retries GETs with the
    reason and its part kept, and the exit is 1. Sleeps are recorded, not waited."""
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    from_env = AsyncZoomClips.from_env.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        AsyncZoomClips,
        "from_env",
        classmethod(lambda cls, env=None, **kwargs: from_env(cls, env, sleep=sleep, **kwargs)),
    )
    change(server, clips[0], file_size=3_000_000)
    server.state.files.accept_ranges = False
    server.state.files.cut_next(*[1_500_000] * 20)
    result = run("download", clips[0], "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 1, result.stderr
    assert f"{clips[0]}: failed, clip {clips[0]}: " in result.stderr
    assert "retries ran out after 4 attempts" in result.stderr
    assert f"{clips[0]}.part is kept to resume" in result.stderr
    assert [r.range for r in server.state.files.requests] == [None] * 4
    assert len(sleeps) == 3


def test_a_refused_redirect_fails_that_clip_and_the_run_goes_on(
    server: MockServer, clips: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A download whose redirect is refused (``RedirectError``, say to ``file:``) fails that
    clip with the reason; the next clip is still downloaded and the exit is 1."""
    real = AsyncDownloadMethods._download_file

    async def refusing(self: Any, clip: Any, *args: Any, **kwargs: Any) -> Any:
        if clip.clip_id == clips[0]:
            request = httpx.Request("GET", f"https://api.zoom.us/v2/clips/{clips[0]}/download")
            response = httpx.Response(302, request=request)
            raise RedirectError("refused a redirect to a file: URL, not http(s)", response=response)
        return await real(self, clip, *args, **kwargs)

    monkeypatch.setattr(AsyncDownloadMethods, "_download_file", refusing)
    result = run("download", *clips[:2], "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 1, result.stderr
    assert f"{clips[0]}: failed, refused a redirect to a file: URL" in result.stderr
    assert set(manifest(tmp_path)) == {clips[1]}
