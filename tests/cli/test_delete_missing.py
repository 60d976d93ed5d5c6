"""``delete`` of an id Zoom does not have exits 1 (the others are still deleted), and 0 with
``--missing-ok``, for scripts that want that."""

from __future__ import annotations

import pytest
from zoom_clips.mock import MockServer

from tests.cli._admin_support import clip_status, served, server, some_clips
from tests.cli._support import env_for, run

__all__ = ["served", "server"]  # the fixtures, used by name


@pytest.mark.parametrize(("extra", "code"), [([], 1), (["--missing-ok"], 0)])
def test_an_id_zoom_does_not_have_exits_1_unless_missing_ok(
    server: MockServer, extra: list[str], code: int
) -> None:
    _, _, clips = some_clips(server, 1)
    result = run("delete", clips[0], "no-such-clip", "--yes", *extra, env=env_for(server))
    assert result.exit_code == code, result.stderr
    assert result.stdout.split() == clips
    assert clip_status(server, clips[0]) == "RECORD_DELETE"
    assert "skipped no-such-clip: Zoom has no such clip" in result.stderr


def test_only_unknown_ids_exit_1_with_nothing_deleted(server: MockServer) -> None:
    """Nothing Zoom has: nothing to delete, and exit 1 naming the id."""
    result = run("delete", "no-such-clip", "--yes", env=env_for(server))
    assert result.exit_code == 1
    assert "Zoom has no clip of 1 id given (no-such-clip)" in result.stderr


def test_an_already_deleted_clip_is_not_missing(server: MockServer) -> None:
    """Deleting again what is deleted already exits 0: it is gone, as asked."""
    _, _, clips = some_clips(server, 1)
    assert run("delete", clips[0], "--yes", env=env_for(server)).exit_code == 0
    again = run("delete", clips[0], "--yes", env=env_for(server))
    assert again.exit_code == 0, again.stderr
