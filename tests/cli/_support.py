"""What the command-line tests share: an in-process runner and the environment for a mock."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from typing import Any

from typer.testing import CliRunner
from zoom_clips._cli import app
from zoom_clips._cli._export import csv_text
from zoom_clips.mock import MockServer

NOW = "2026-01-10T12:00:00Z"
ENV_NAMES = (
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
    "ZOOM_ACCESS_TOKEN",
    "ZOOM_API_BASE_URL",
    "ZOOM_OAUTH_TOKEN_URL",
)


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def mock_args(*extra: str) -> list[str]:
    """``--mock`` with the mock's clock at ``NOW``, so its data set is the same every run."""
    return ["--mock", "--mock-now", NOW, *extra]


def env_for(server: MockServer, secret: str | None = None) -> dict[str, str]:
    """The ``ZOOM_*`` variables that point the CLI at ``server`` (with ``secret`` if given)."""
    return {
        "ZOOM_ACCOUNT_ID": server.account_id,
        "ZOOM_CLIENT_ID": server.client_id,
        "ZOOM_CLIENT_SECRET": server.client_secret if secret is None else secret,
        "ZOOM_API_BASE_URL": server.base_url,
        "ZOOM_OAUTH_TOKEN_URL": server.token_url,
    }


def error_line(result: Any) -> str:
    """The one ``error:`` line a failed command printed (asserting it is exactly one line)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return str(lines[0])


def csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV we wrote, each cell as our own readers take it (formula guard undone)."""
    return [
        {name: csv_text(cell) for name, cell in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def start_listener(env: dict[str, str], *args: str) -> tuple[str, subprocess.Popen[str]]:
    """``zoom-clips listen --port 0 ARGS`` in its own process, its output piped; (the origin it
    took, read from uvicorn's start-up line on stderr, and the process, for the caller to end)."""
    command = [sys.executable, "-m", "zoom_clips._cli", "listen", "--port", "0", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stderr is not None
    started = ""
    while "running on" not in started:  # uvicorn's start-up line names the port it took
        started = process.stderr.readline()
        if not started:
            process.kill()
            raise AssertionError("the listener ended before it started")
    origin = re.search(r"http://127\.0\.0\.1:\d+", started)
    assert origin is not None, started
    return origin.group(0), process
