"""Starting the mock from the command line: a busy port is one error line; the date range."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app
from zoom_clips.mock.__main__ import main

from tests.mock.conftest import NOW

CONSOLE_SCRIPT = Path(sys.executable).parent / "zoom-clips"
ENTRY_POINTS = {
    "python -m zoom_clips.mock": [sys.executable, "-m", "zoom_clips.mock"],
    "zoom-clips mock": (
        [str(CONSOLE_SCRIPT), "mock"]
        if CONSOLE_SCRIPT.exists()
        else [sys.executable, "-c", "from zoom_clips._cli import main; main()", "mock"]
    ),
}


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another socket is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("command", ENTRY_POINTS.values(), ids=ENTRY_POINTS.keys())
def test_a_busy_port_is_one_error_line_and_exit_2(command: list[str], busy_port: int) -> None:
    """On a port in use: exit 2, one stderr line saying so, no traceback, nothing on stdout."""
    result = subprocess.run(
        [*command, "--port", str(busy_port), "--clips", "10"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: port {busy_port} on 127.0.0.1 is already in use")
    assert "--port 0" in lines[0]


@pytest.mark.parametrize("port", ["65536", "-1", "http"])
def test_a_port_outside_the_tcp_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--port`` outside 0..65535 is refused by the parser (exit 2), before any socket."""
    with pytest.raises(SystemExit) as exited:
        main(["--port", port])
    assert exited.value.code == 2
    assert "argument --port" in capsys.readouterr().err


def _banner(argv: list[str]) -> str:
    """What ``main(argv)`` prints before serving (it is stopped at once)."""
    stop = threading.Event()
    out = io.StringIO()
    codes: list[int] = []

    def run() -> None:
        with redirect_stdout(out):
            codes.append(main(argv, stop=stop))

    thread = threading.Thread(target=run)
    thread.start()
    stop.set()
    thread.join(timeout=30)
    assert codes == [0]
    return out.getvalue()


def test_the_banner_says_which_dates_the_clips_cover() -> None:
    """The first and last clip date of the data set are printed, so --from/--to can hit them."""
    text = _banner(["--port", "0", "--clips", "200", "--now", "2025-06-15T12:00:00Z"])
    dataset = create_app(MockConfig(clips=200, clock=MockClock(NOW))).state.mock.dataset
    days = sorted(
        dt.datetime.fromisoformat(clip[field]).astimezone(dt.UTC).date()
        for clip in dataset.clips
        for field in ("created_date", "modified_date")
    )
    line = next(line for line in text.splitlines() if line.startswith("clip dates:"))
    assert f" {days[0]} to {days[-1]} (UTC" in line
    assert days[0] < NOW.date() - dt.timedelta(days=300)  # the data set spans most of a year
    assert "mock clock:    2025-06-15T12:00:00Z" in text


def test_the_banner_of_an_empty_data_set_says_it_has_no_clips() -> None:
    """With ``--clips 0`` there is no date range to show, and the banner says so."""
    assert "clip dates:    none" in _banner(["--port", "0", "--clips", "0"])
