"""What a new user hit (issue 21), each against the mock: clip ids that begin with ``-``, argument
errors that leave nothing behind, error lines that point the right way, files that hold secrets
created 0600, transfers that can be followed, uploads of what is not video, deletes of ids Zoom
does not have."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import env_for, error_line, run


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
