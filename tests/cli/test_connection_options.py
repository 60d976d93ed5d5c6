"""The connection options, declared once (``_connection.connected``), reach every command alike."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from typing import Any

import pytest
import typer
from zoom_clips._cli import app  # the package imports every command, which registers itself
from zoom_clips._cli._connection import Connection, connected
from zoom_clips._cli._errors import CliError

CONNECTED = [
    "api",
    "audit",
    "collaborators",
    "delete",
    "download",
    "get",
    "list",
    "sync",
    "transfer",
    "transfer-status",
    "upload",
]
WHERE = ["--base-url", "--token-url", "--mock", "--mock-seed", "--mock-now"]


def _options(name: str) -> list[Any]:
    """The command's options as typer builds them (its own vendored click's ``Option``)."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return [p for p in command.params if p.param_type_name == "option"]


@pytest.mark.parametrize("name", CONNECTED)
def test_every_connecting_command_takes_the_six_options_in_order(name: str) -> None:
    """Each command lists --base-url .. --mock-now together, alike everywhere, --debug last."""
    options = _options(name)
    flags = [option.opts[0] for option in options]
    at = flags.index("--base-url")
    assert flags[at : at + len(WHERE)] == WHERE
    assert flags[-1] == "--debug"
    reference = {option.opts[0]: option.help for option in _options("get")}
    for option in options:
        if option.opts[0] in [*WHERE, "--debug"]:
            assert option.help == reference[option.opts[0]]


def test_the_options_reach_the_command_as_one_connection() -> None:
    """The wrapper takes the options as keywords and calls the command with a Connection."""
    seen: list[Connection] = []

    @connected
    def command(clip_id: str, *, verbose: bool = False, connection: Connection) -> str:
        seen.append(connection)
        return f"{clip_id} {verbose}"

    names = list(inspect.signature(command).parameters)
    options = ["base_url", "token_url", "mock", "mock_seed", "mock_now", "debug"]
    assert names == ["clip_id", "verbose", *options]
    assert command("c1", verbose=True, mock=True, mock_seed=7, debug=True) == "c1 True"
    assert seen == [Connection(mock=True, mock_seed=7, debug=True)]
    command("c2")
    assert seen[-1] == Connection()


def test_a_connection_makes_the_run_and_checks_mock_now() -> None:
    """Connection.run parses --mock-now, and refuses a bad one in the option's words."""
    run = Connection(mock=True, mock_now="2025-03-01").run()
    assert (run.mock, run.mock_now) == (True, datetime(2025, 3, 1, tzinfo=UTC))
    with pytest.raises(CliError, match="--mock-now"):
        Connection(mock=True, mock_now="not a date").run()
