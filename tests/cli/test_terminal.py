"""A real terminal session in tmux: the progress bar is drawn on a terminal, then gives way."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None or shutil.which("script") is None,
    reason="needs tmux, and util-linux's script to record what the terminal received",
)

NOW = "2026-01-10T12:00:00Z"


def tmux(*args: str) -> str:
    done = subprocess.run(
        [str(TMUX), *args], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def test_progress_bar_on_a_terminal_then_the_table(tmp_path: Path) -> None:
    """In a tmux pane the bar is drawn with labelled fields, then gives way to a summary line."""
    cli = Path(sys.executable).with_name("zoom-clips")
    command = shlex.join(
        [
            str(cli),
            "list",
            "--mock",
            "--mock-now",
            NOW,
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-03",
        ]
    )
    raw = tmp_path / "raw.log"
    session, signal = f"zc-{uuid.uuid4().hex[:8]}", f"zc-done-{uuid.uuid4().hex[:8]}"
    # `script` records every byte the terminal received, including frames drawn and erased.
    shell = (
        f"script -q -e -c {shlex.quote(command)} {shlex.quote(str(raw))}; "
        f"tmux wait-for -S {signal}; sleep 120"
    )
    tmux("new-session", "-d", "-s", session, "-x", "220", "-y", "50", shell)
    try:
        tmux("wait-for", signal)
        screen = tmux("capture-pane", "-p", "-t", session, "-S", "-2000")
    finally:
        subprocess.run([str(TMUX), "kill-session", "-t", session], check=False, timeout=30)
    drawn = raw.read_bytes().decode("utf-8", "replace")
    for label in ("pages: ", "clips: ", "rate: ", "elapsed: "):
        assert label in drawn  # the progress bar was shown while listing, its fields labelled
    assert re.search(r"\b\d+ clips\b", screen)  # the table's title
    assert "┏" in screen  # and the table itself
    assert "pages: " not in screen  # transient: the bar is gone once the table is printed
    summary = r"listed \d+ clips of \d+ accounts in \d+ pages, [\d.]+ s \(\d+ clips/s\)"
    assert re.search(summary, screen)  # and a summary line stays in its place
