"""``zoom-clips upload`` follows the configured server: with ``ZOOM_API_BASE_URL`` at the mock and
no file API URL, the upload goes to the mock's ``/file/v2``; ``--file-base-url`` sets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from zoom_clips.mock import MockServer

from tests.cli._support import env_for, error_line, run


@pytest.fixture(autouse=True)
def _no_file_api_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZOOM_FILE_API_BASE_URL", raising=False)


def test_upload_goes_to_the_configured_server_without_a_file_api_url(
    zoom_clips_mock: MockServer, tmp_path: Path
) -> None:
    """ZOOM_API_BASE_URL and the token URL alone: the upload reaches the mock, not Zoom."""
    video = tmp_path / "talk.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2000))
    result = run("upload", str(video), env=env_for(zoom_clips_mock))
    assert result.exit_code == 0, result.stderr
    assert zoom_clips_mock.file_sha256(result.stdout.strip())


def test_file_base_url_option_sets_the_upload_host(
    zoom_clips_mock: MockServer, tmp_path: Path
) -> None:
    """--file-base-url is where the upload goes (an unreachable one is named in the error)."""
    video = tmp_path / "talk.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2000))
    env = env_for(zoom_clips_mock)
    good = run("upload", str(video), "--file-base-url", zoom_clips_mock.file_base_url, env=env)
    assert good.exit_code == 0, good.stderr
    bad = run("upload", str(video), "--file-base-url", "http://127.0.0.1:9/file/v2", env=env)
    assert bad.exit_code == 2
    assert "could not reach http://127.0.0.1:9/file/v2/clips/files" in error_line(bad)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--file-base-url", "ftp://127.0.0.1/v2"], "--file-base-url 'ftp://127.0.0.1/v2' is not"),
        (["--file-base-url", "http://files.example/v2"], "--file-base-url 'http://files.example"),
        (["--mock", "--file-base-url", "http://127.0.0.1:9/v2"], "--mock starts its own server"),
    ],
    ids=["not-http", "clear-text", "with-mock"],
)
def test_a_bad_file_base_url_is_one_line(
    zoom_clips_mock: MockServer, tmp_path: Path, args: list[str], expected: str
) -> None:
    video = tmp_path / "talk.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2000))
    result = run("upload", str(video), *args, env=env_for(zoom_clips_mock))
    assert result.exit_code == 2
    line = error_line(result)
    assert expected in line
    assert "file_base_url" not in line
