"""Transfers can be followed: ``--no-wait`` and Ctrl-C say that Zoom goes on with the tasks and
how to follow them, and ``zoom-clips transfer-status TASK_ID`` checks (or waits for) them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from zoom_clips._resources import AsyncClips
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

from tests.cli._admin_support import served, server, some_clips
from tests.cli._support import env_for, error_line, run

__all__ = ["served", "server"]  # the fixtures, used by name


def start(server: MockServer, *extra: str) -> tuple[str, Any]:
    source, target, clips = some_clips(server, 1)
    result = run(
        "transfer", "--from", source, "--to", target, "--clip", clips[0], *extra,
        env=env_for(server),
    )  # fmt: skip
    return result.stdout.strip(), result


def test_no_wait_says_zoom_goes_on_and_how_to_follow(server: MockServer) -> None:
    task_id, result = start(server, "--no-wait")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Zoom goes on with 1 transfer task ({task_id}): follow with "
        f"zoom-clips transfer-status {task_id}"
    )


def test_transfer_status_reports_a_finished_task(server: MockServer) -> None:
    """The task a --no-wait transfer printed: its line, as transfer prints it; exit 0."""
    task_id, _ = start(server, "--no-wait")
    result = run("transfer-status", task_id, env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{task_id}\tSUCCESS\tPARTIAL_TRANSFER\t1 clip from ")


def test_transfer_status_of_a_running_task_exits_1_and_unknown_is_one_line() -> None:
    """Still IN_PROCESS: its line and exit 1 (a script polls); an unknown id: one error line."""
    frozen = MockClock(datetime(2026, 1, 10, 12, tzinfo=UTC))
    with serve(MockConfig(seed=0, clock=frozen, transfer_seconds=3600)) as slow:
        task_id, _ = start(slow, "--no-wait")
        running = run("transfer-status", task_id, env=env_for(slow))
        assert running.exit_code == 1, running.stderr
        assert running.stdout.startswith(f"{task_id}\tIN_PROCESS\t")
        unknown = run("transfer-status", "no-such-task", env=env_for(slow))
        assert unknown.exit_code == 2
        assert "checking transfer task no-such-task failed: HTTP 404" in error_line(unknown)


def test_ctrl_c_while_waiting_names_the_tasks_that_go_on(
    server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted while waiting: exit 130, and the line names the tasks Zoom carries on with."""

    async def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(AsyncClips, "wait_for_transfer", interrupted)
    _, result = start(server)
    assert result.exit_code == 130
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("interrupted; Zoom goes on with 1 transfer task (")
    assert "follow with zoom-clips transfer-status " in last


def test_transfer_s_timeout_reaches_the_wait_between_parts(
    server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--timeout and --poll-interval bound transfer()'s own wait (a later part after 30001)."""
    seen: list[dict[str, object]] = []

    async def transfer(self: AsyncClips, **kwargs: object) -> list[str]:
        seen.append(kwargs)
        return ["task-x"]

    monkeypatch.setattr(AsyncClips, "transfer", transfer)
    _, result = start(server, "--no-wait", "--timeout", "42", "--poll-interval", "3")
    assert result.exit_code == 0, result.stderr
    assert seen[0]["timeout"] == 42.0
    assert seen[0]["poll_interval"] == 3.0
