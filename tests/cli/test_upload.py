"""``zoom-clips upload`` against the mock: ids on stdout, progress on stderr, the sidecar state
that resumes an interrupted multipart upload (beside the file or in ``--state-dir``), and one
error line for what cannot be uploaded."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from zoom_clips.mock import MockServer

from tests.cli._support import env_for, error_line, mock_args, run

MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def _no_file_api_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZOOM_FILE_API_BASE_URL", raising=False)


def write_file(path: Path, size: int) -> str:
    # a video's first bytes: the command uploads only what starts like one (issue 21)
    head = b"\x1a\x45\xdf\xa3" if path.suffix == ".webm" else b"\x00\x00\x00\x18ftypmp42"
    data = (head + hashlib.sha256(path.name.encode()).digest() * (size // 32 + 1))[:size]
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def env_of(server: MockServer) -> dict[str, str]:
    return env_for(server) | {"ZOOM_FILE_API_BASE_URL": server.file_base_url}


def test_upload_prints_each_new_clip_id_and_progress_in_bytes(
    zoom_clips_mock: MockServer, tmp_path: Path
) -> None:
    """Two files, two ids on stdout (in order); stderr says the bytes; the clips have the bytes."""
    one, two = tmp_path / "one.mp4", tmp_path / "two.mp4"
    shas = [write_file(one, 1000), write_file(two, 11 * MIB)]
    result = run("upload", str(one), str(two), "--part-size", "5MiB", env=env_of(zoom_clips_mock))
    assert result.exit_code == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 2
    assert [zoom_clips_mock.file_sha256(i) for i in ids] == shas
    assert "one.mp4: 1,000 of 1,000 bytes (100%)" in result.stderr
    assert "two.mp4: 5,242,880 of 11,534,336 bytes (45%)" in result.stderr
    assert [p.part_number for p in zoom_clips_mock.state.uploads.received] == [1, 2, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.mp4", "two.mp4"]


def test_an_interrupted_upload_resumes_from_its_sidecar(
    zoom_clips_mock: MockServer, tmp_path: Path
) -> None:
    """Part 3 refused: one error line saying how to resume, the sidecar keeps parts 1-2, and the
    same command again sends only part 3."""
    path = tmp_path / "big.mp4"
    sha = write_file(path, 11 * MIB)
    zoom_clips_mock.state.uploads.fail_next(3, status=403)
    args = ("upload", str(path), "--part-size", "5242880")
    failed = run(*args, env=env_of(zoom_clips_mock))
    assert failed.exit_code == 2
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith("error: uploading a part failed: HTTP 403")
    assert last.endswith(
        f"run the command again to resume big.mp4 from {tmp_path / 'big.mp4.zoom-upload.json'}"
    )
    sidecar = tmp_path / "big.mp4.zoom-upload.json"
    assert [p["part_number"] for p in json.loads(sidecar.read_text())["parts"]] == [1, 2]
    again = run(*args, env=env_of(zoom_clips_mock))
    assert again.exit_code == 0, again.stderr
    received = [p.part_number for p in zoom_clips_mock.state.uploads.received]
    assert received[-1] == 3
    assert received.count(1) == received.count(2) == 1
    assert zoom_clips_mock.file_sha256(again.stdout.strip()) == sha
    assert not sidecar.exists()


def test_state_dir_keeps_the_sidecar_elsewhere(zoom_clips_mock: MockServer, tmp_path: Path) -> None:
    """With ``--state-dir``, the state file is there, not beside the video."""
    videos, states = tmp_path / "videos", tmp_path / "states"
    videos.mkdir()
    states.mkdir()
    write_file(videos / "big.mp4", 11 * MIB)
    zoom_clips_mock.state.uploads.fail_next(2, status=403)
    args = ("upload", str(videos / "big.mp4"), "--part-size", "5MiB", "--state-dir", str(states))
    assert run(*args, env=env_of(zoom_clips_mock)).exit_code == 2
    assert [p.name for p in states.iterdir()] == ["big.mp4.zoom-upload.json"]
    assert [p.name for p in videos.iterdir()] == ["big.mp4"]


def test_upload_with_the_embedded_mock(tmp_path: Path) -> None:
    """``--mock`` uploads to a mock started for the command and prints the id."""
    write_file(tmp_path / "a.webm", 2000)
    result = run("upload", str(tmp_path / "a.webm"), *mock_args())
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.split()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--part-size", "5 apples"], "--part-size '5 apples' is not a size in bytes"),
        (["--part-size", "1MiB"], "--part-size 1048576 is outside"),
        (["--multipart-threshold", "3GB"], "at most 2 GB in one upload"),
        (["--state-dir", "/dev/null"], "--state-dir /dev/null is not a directory"),
    ],
)
def test_bad_options_are_one_error_line(tmp_path: Path, args: list[str], message: str) -> None:
    """Sizes and directories that cannot work are refused in one line, before any request."""
    write_file(tmp_path / "a.mp4", 100)
    result = run("upload", str(tmp_path / "a.mp4"), *args, *mock_args())
    assert result.exit_code == 2
    assert message in error_line(result)


def test_a_missing_file_is_one_error_line(tmp_path: Path) -> None:
    """A file that is not there is named, and nothing is uploaded."""
    result = run("upload", str(tmp_path / "nope.mp4"), *mock_args())
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.mp4'} is not a file" in error_line(result)


def test_an_upload_error_is_its_own_line_not_a_listing_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An UploadError (a part's budget spent, a file changed) reads as what it is."""
    from zoom_clips import UploadError  # noqa: PLC0415
    from zoom_clips._resources.upload import UploadMethods  # noqa: PLC0415

    def refused(*_: object, **__: object) -> str:
        raise UploadError("'a.mp4' changed while it was uploading (it was written to)")

    monkeypatch.setattr(UploadMethods, "upload", refused)
    write_file(tmp_path / "a.mp4", 100)
    result = run("upload", str(tmp_path / "a.mp4"), *mock_args())
    assert result.exit_code == 2
    assert error_line(result) == (
        "error: 'a.mp4' changed while it was uploading (it was written to)"
    )
