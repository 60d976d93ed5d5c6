"""What a new user hit (issue 21), each against the mock: clip ids that begin with ``-``, argument
errors that leave nothing behind, error lines that point the right way, files that hold secrets
created 0600, transfers that can be followed, uploads of what is not video, deletes of ids Zoom
does not have."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from zoom_clips._cli._errors import describe
from zoom_clips._errors import status_error_from_response
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import env_for, error_line, run

SCOPES_MESSAGE = "Invalid access token, does not contain scopes:[clips:read:admin]."


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with serve(MockConfig(seed=4, clips=600)) as running:
        yield running


def dash_id(server: MockServer) -> str:
    """A live clip of the mock whose id begins with ``-`` (Zoom's ids are base64url)."""
    return next(
        clip["clip_id"]
        for clip in server.dataset.clips
        if clip["clip_id"].startswith("-") and clip["status"] == "RECORD_SUCCESS"
    )


@pytest.mark.parametrize("where", ["first", "after-options"])
def test_a_clip_id_beginning_with_a_dash_is_an_argument(server: MockServer, where: str) -> None:
    """``get -xK...`` gets that clip, whether the id comes before or after the options."""
    clip_id = dash_id(server)
    args = [clip_id, "-f", "json"] if where == "first" else ["-f", "json", clip_id]
    result = run("get", *args, env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert clip_id in result.stdout


def test_delete_dry_run_takes_dash_ids_in_order(server: MockServer) -> None:
    """Several ids, one with a dash among plain ones: all are the command's, in their order."""
    plain = next(c["clip_id"] for c in server.dataset.clips if c["clip_id"][0].isalnum())
    clip_id = dash_id(server)
    result = run("delete", plain, clip_id, "--dry-run", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.index(plain) < result.stderr.index(clip_id)
    assert "Would delete 2 clips" in result.stderr


def test_a_short_unknown_option_says_to_put_double_dash_first(server: MockServer) -> None:
    """``get -x``: still one usage line and exit 2, which tells how to pass such an id."""
    result = run("get", "-x", env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert "No such option: -x" in line
    assert "put '--' before the ids" in line


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        (
            "bad.jsonl",
            '{"clip_id": "a"}\n{"clip_id": "b",}\n',
            "bad.jsonl is not JSON or JSON Lines: line 2, column 17",
        ),
        (
            "bad.json",
            '[{"clip_id": "a"},\n {"clip_id": "b"',
            "the array breaks at line 2, column 17",
        ),
    ],
    ids=["jsonl", "array"],
)
def test_malformed_json_in_from_audit_names_its_line(
    server: MockServer, tmp_path: Path, name: str, text: str, says: str
) -> None:
    """A JSON Lines file's bad line is named by its number in the file, not "line 1"."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("delete", "--from-audit", str(path), "--dry-run", env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert says in line
    assert "line 1 " not in line


def test_a_403_no_rerun_can_fix_says_so(server: MockServer) -> None:
    """403 code 1003 (another account's clips): the line says a rerun will not help."""
    result = run("list", "-a", "stranger", "--from", "30d", env=env_for(server))
    assert result.exit_code == 2
    assert "running the command again will not help" in error_line(result)


def test_a_missing_scope_names_the_scope_and_says_a_rerun_will_not_help() -> None:
    """400 code 4711: the scope Zoom named, what to do, and that a rerun will not help."""
    request = httpx.Request("GET", "https://api.zoom.us/v2/accounts/sub-1/clips")
    body = {"code": 4711, "message": SCOPES_MESSAGE}
    error = status_error_from_response(httpx.Response(400, json=body, request=request))
    line = describe(error)
    assert line.startswith("listing the clips of account sub-1 failed: HTTP 400; Zoom code 4711")
    assert "the token lacks the scope(s) clips:read:admin: add them to the app" in line
    assert "running the command again will not help" in line


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42"
MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "head"),
    [("notes.txt", MP4_HEAD), ("fake.mp4", b"<html>"), ("fake.webm", MP4_HEAD)],
)
def test_upload_refuses_what_is_not_video_unless_forced(
    server: MockServer, tmp_path: Path, name: str, head: bytes
) -> None:
    """Not named .mp4/.webm, or not starting as one: one line naming --force; --force sends it."""
    path = tmp_path / name
    path.write_bytes(head + bytes(500))
    refused = run("upload", str(path), env=env_for(server))
    assert refused.exit_code == 2
    line = error_line(refused)
    assert f"{path} is not an mp4 or WebM video" in line
    assert "--force" in line
    forced = run("upload", str(path), "--force", env=env_for(server))
    assert forced.exit_code == 0, forced.stderr


def test_a_missing_state_dir_is_created_0700_and_its_state_file_0600(
    server: MockServer, tmp_path: Path
) -> None:
    """--state-dir that does not exist yet: made, owner-only; an interrupted upload's state
    file in it is 0600 (it holds the upload's context)."""
    video = tmp_path / "big.mp4"
    video.write_bytes(MP4_HEAD + bytes(11 * MIB))
    states = tmp_path / "not" / "yet"
    server.state.uploads.fail_next(2, status=403)
    args = ("upload", str(video), "--part-size", "5MiB", "--state-dir", str(states))
    assert run(*args, env=env_for(server)).exit_code == 2
    assert stat.S_IMODE(states.stat().st_mode) == 0o700
    (state,) = states.iterdir()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


@pytest.mark.parametrize("in_state_dir", [True, False])
def test_an_unwritable_state_file_names_state_dir(
    server: MockServer, tmp_path: Path, in_state_dir: bool
) -> None:
    """The state file cannot be written (its name is taken by a directory): the line says where,
    and names --state-dir, the option that moves it."""
    video = tmp_path / "big.mp4"
    video.write_bytes(MP4_HEAD + bytes(11 * MIB))
    states = tmp_path / "states"
    where = states if in_state_dir else tmp_path
    (where / "big.mp4.zoom-upload.json").mkdir(parents=True)
    extra = ["--state-dir", str(states)] if in_state_dir else []
    result = run("upload", str(video), "--part-size", "5MiB", *extra, env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert "--state-dir" in line
    assert "resume state" in line
