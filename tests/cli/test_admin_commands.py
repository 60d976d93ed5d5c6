"""`zoom-clips get`, `transfer` and `collaborators` against the mock: output, state and errors."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from zoom_clips._api_models import TransferTask
from zoom_clips._cli._transfer import task_line
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._admin_support import CONFIG, owner_of, served, server, some_clips
from tests.cli._support import env_for, error_line, mock_args, run

__all__ = ["served", "server"]  # the fixtures, imported for pytest


def _passcoded(server: MockServer) -> tuple[str, str]:
    """A live clip with a passcode, and the passcode."""
    for clip in server.dataset.clips:
        settings = clip.get("share_link_settings") or {}
        if settings.get("passcode") and clip["status"] != "RECORD_DELETE":
            return str(clip["clip_id"]), str(settings["passcode"])
    raise AssertionError("the seeded data set has no clip with a passcode")


def test_get_shows_every_field_but_the_passcode(server: MockServer) -> None:
    """`get ID` prints the clip's fields; its passcode only with --include-passcodes."""
    clip_id, passcode = _passcoded(server)
    wire = server.dataset.clip(clip_id).wire  # type: ignore[union-attr]
    table = run("get", clip_id, env=env_for(server))
    assert table.exit_code == 0, table.stderr
    assert wire["title"] in table.stdout
    assert wire["owner_id"] in table.stdout
    assert passcode not in table.stdout + table.stderr
    shown = run("get", clip_id, "-f", "json", "--include-passcodes", env=env_for(server))
    record = json.loads(shown.stdout)
    assert record["clip_id"] == clip_id
    assert record["passcode"] == passcode
    assert record["status"] == wire["status"]
    assert record["tags"] == wire.get("tags", [])
    hidden = json.loads(run("get", clip_id, "-f", "json", env=env_for(server)).stdout)
    assert "passcode" not in hidden


def test_get_with_mock_serves_the_embedded_mocks_clip() -> None:
    """`get ID --mock --mock-now NOW` finds a clip of the embedded mock's seeded data."""
    with serve(MockConfig(seed=0, clock=CONFIG.clock)) as twin:  # the same seed and instant
        clip_id = str(twin.dataset.clips[0]["clip_id"])
        title = str(twin.dataset.clips[0]["title"])
    result = run("get", clip_id, *mock_args("-f", "json"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == title


def test_get_of_an_unknown_clip_is_one_line_naming_it(server: MockServer) -> None:
    """A 404 names the operation, the clip, Zoom's code and the tracking id; exit 2."""
    result = run("get", "no-such-clip", env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert line.startswith("error: getting clip no-such-clip failed: HTTP 404; Zoom code 2000")
    assert "tracking id" in line


@pytest.mark.parametrize("count", [2, 120])
def test_a_partial_transfer_moves_the_clips_and_reports_each_task(
    server: MockServer, count: int
) -> None:
    """--clip IDs move to --to; 120 clips are three tasks of at most 50, one line each."""
    source, target, clips = some_clips(server, count)
    args = ["transfer", "--from", source, "--to", target, "--poll-interval", "0.01"]
    result = run(*args, *(f"--clip={c}" for c in clips), env=env_for(server))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == (count + 49) // 50
    assert all("\tSUCCESS\tPARTIAL_TRANSFER\t" in line for line in lines)
    assert sum(int(line.split("\t")[3].split()[0]) for line in lines) == count
    assert {owner_of(server, c) for c in clips} == {target}
    tasks = "1 transfer task" if len(lines) == 1 else f"{len(lines)} transfer tasks"
    assert f"started {tasks} for {count} clips of {source}" in result.stderr


def test_a_full_transfer_moves_every_clip(server: MockServer) -> None:
    """Without --clip, every clip of --from moves to --to in one task."""
    source, target, clips = some_clips(server, 5)
    account = server.dataset.sub_accounts[0].id
    result = run("transfer", "--from", source, "--to", target, env=env_for(server))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert "\tSUCCESS\tFULL_TRANSFER\tall clips from " in line
    assert server.dataset.owned_by(account, source) == []
    assert {owner_of(server, c) for c in clips} == {target}


def test_no_wait_prints_the_task_ids_only(server: MockServer) -> None:
    """--no-wait starts the transfer and prints its task id, without polling it."""
    source, target, clips = some_clips(server, 1)
    result = run(
        "transfer", "--from", source, "--to", target, "--clip", clips[0], "--no-wait",
        env=env_for(server),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (task_id,) = result.stdout.split()
    assert server.state.transfers.task(task_id) is not None


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ({"fail_transfers": True}, [], "error: transfer task {} failed; transfer tasks started:"),
        (
            {"transfer_seconds": 3600},
            ["--timeout", "0"],
            "error: transfer task {} is still IN_PROCESS after 0s",
        ),
    ],
    ids=["failed", "timeout"],
)
def test_a_task_that_fails_or_outlasts_the_timeout_is_one_line(
    config: dict[str, Any], args: list[str], message: str
) -> None:
    """A FAILED task, or one still running at --timeout, exits 2 naming the task."""
    with serve(attrs.evolve(CONFIG, **config)) as mock:
        source, target, clips = some_clips(mock, 1)
        result = run(
            "transfer", "--from", source, "--to", target, "--clip", clips[0], *args,
            env=env_for(mock),
        )  # fmt: skip
        assert result.exit_code == 2
        started, line = result.stderr.strip().splitlines()  # what started, then the error
        task_id = started.rsplit(": ", 1)[1]
        assert line.startswith(message.format(task_id))
        assert line.endswith(task_id)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "u1", "--to", "u1"], "--from and --to are both u1: nothing would move"),
        (["--from", "u1", "--to", "u2", "--timeout", "-1"], "--timeout -1.0 must be a finite"),
        (["--from", "u1", "--to", "u2", "--poll-interval", "0"], "must be a positive number"),
        (["--from", "u1"], "Missing option '--to'"),
    ],
)
def test_bad_transfer_arguments_are_one_line(args: list[str], message: str) -> None:
    """Refused before any request: the same user twice, a negative timeout, no --to."""
    result = run("transfer", *args)
    assert result.exit_code == 2
    assert message in error_line(result)


def test_transfer_errors_from_zoom_name_the_operation(server: MockServer) -> None:
    """A user the account does not have: Zoom's 400 10003, said as starting the transfer."""
    result = run("transfer", "--from", "nobody", "--to", "nobody-else", env=env_for(server))
    assert result.exit_code == 2
    assert error_line(result).startswith(
        "error: starting the transfer failed: HTTP 400; Zoom code 10003"
    )


def test_task_line_says_what_moved() -> None:
    """A task's line: id, status, type, and the clips (all of them for a full transfer)."""
    task = TransferTask(
        task_id="t", status="SUCCESS", transfer_type="FULL_TRANSFER",
        source_owner_user_id="a", target_owner_user_id="b",
    )  # fmt: skip
    assert task_line("t", task) == "t\tSUCCESS\tFULL_TRANSFER\tall clips from a to b"


def _collaborators(server: MockServer, clip_id: str) -> list[dict[str, Any]]:
    result = run("collaborators", clip_id, "-f", "jsonl", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_collaborators_lists_the_mocks_collaborators(server: MockServer) -> None:
    """The jsonl rows are the mock's collaborators of the clip, owner first; a table too."""
    _, _, (clip_id,) = some_clips(server, 1)
    clip = server.dataset.clip(clip_id)
    expected = [entry for _, entry in server.state.social.collaborators(clip)]  # type: ignore[arg-type]
    rows = _collaborators(server, clip_id)
    assert [r["role"] for r in rows] == [e["role"] for e in expected]
    assert [r["user_id"] or r["channel_id"] or r["email"] for r in rows] == [
        e.get("user_id") or e.get("channel_id") or e.get("email") for e in expected
    ]
    table = run("collaborators", clip_id, env=env_for(server))
    assert f"{len(expected)} collaborators of clip {clip_id}" in table.stdout


def test_remove_takes_a_collaborator_away(server: MockServer) -> None:
    """--remove USER (or --remove-channel ID) removes it; the list printed after lacks it."""
    _, _, (clip_id,) = some_clips(server, 1)
    rows = _collaborators(server, clip_id)
    viewer = next(r for r in rows if r["role"] == "VIEWER")
    option, key = (
        ("--remove-channel", viewer["channel_id"])
        if viewer["type"] == "CHANNEL"
        else ("--remove", viewer["user_id"] or viewer["email"])
    )
    result = run("collaborators", clip_id, option, key, "-f", "jsonl", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    left = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(left) == len(rows) - 1
    assert viewer not in left
    assert f"from clip {clip_id}" in result.stderr
    assert _collaborators(server, clip_id) == left


def test_removing_someone_not_there_is_one_line(server: MockServer) -> None:
    """A collaborator the clip lacks: Zoom's error, naming the removal, and none removed."""
    _, _, (clip_id,) = some_clips(server, 1)
    result = run("collaborators", clip_id, "--remove", "stranger@example.com", env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert line.startswith(f"error: removing a collaborator of clip {clip_id} failed: HTTP 400")
    assert line.endswith("removed 0 of 1 collaborator before this")


def test_a_refused_token_on_an_admin_call_names_the_call(server: MockServer) -> None:
    """A 401 from `GET /clips/ID` is the API refusing the token, not the token endpoint."""
    env = {"ZOOM_ACCESS_TOKEN": "not-a-token", "ZOOM_API_BASE_URL": server.base_url}
    result = run("get", "some-clip", env=env)
    assert result.exit_code == 2
    line = error_line(result)
    assert line.startswith("error: getting clip some-clip failed: HTTP 401; Zoom code 124")
    assert "not-a-token" not in line
