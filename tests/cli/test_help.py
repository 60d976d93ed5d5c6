"""Every help page, rendered at 80 columns as a user's terminal would, reads whole."""

from __future__ import annotations

import inspect
import itertools
import os
import subprocess
import sys

import pytest
from zoom_clips._cli import (
    _audit,
    _collaborators,
    _delete,
    _demo,
    _get,
    _history,
    _list,
    _listen,
    _mock,
    _report,
    _sync,
    _transfer,
)

WIDTH = 80
PAGES = {
    "": None,
    "list": _list.list_clips,
    "audit": _audit.audit_clips,
    "demo": _demo.demo,
    "mock": _mock.mock_server,
    "get": _get.get_clip,
    "delete": _delete.delete_clips,
    "transfer": _transfer.transfer_clips,
    "collaborators": _collaborators.collaborators,
    "history": _history.history,
    "report": _report.report,
    "sync": _sync.sync_inventory,
    "listen": _listen.listen,
}
BOX = set("│╭╰┃┏┗━─")


def render(command: str) -> str:
    """`zoom-clips [command] --help` in a subprocess whose terminal is 80 columns wide."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "LINES": "50"}
    env.pop("FORCE_COLOR", None)
    args = [command] if command else []
    done = subprocess.run(
        [sys.executable, "-m", "zoom_clips._cli", *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def examples(command: str) -> list[str]:
    """The example command lines written in a command's docstring."""
    callback = PAGES[command]
    doc = inspect.getdoc(callback) or ""
    return [line.strip() for line in doc.splitlines() if line.strip().startswith("zoom-clips ")]


def prose_breaks(page: str) -> list[tuple[str, str]]:
    """Pairs of prose lines broken although the next word would have fitted on the first."""
    lines = [line.rstrip() for line in page.splitlines()]
    bad = []
    for first, second in itertools.pairwise(lines):
        if not first.strip() or not second.strip() or BOX & set(first + second):
            continue
        if first.lstrip().startswith("zoom-clips ") or second.lstrip().startswith("zoom-clips "):
            continue  # examples are one per line, by design
        if len(first) + 1 + len(second.split()[0]) <= WIDTH - 2:
            bad.append((first, second))
    return bad


@pytest.mark.parametrize("command", list(PAGES), ids=[c or "top" for c in PAGES])
def test_help_fits_80_columns_and_reads_whole(command: str) -> None:
    """No line over 80 columns, no mid-sentence break, no reST markup, no foreign usage line."""
    page = render(command)
    too_wide = [line for line in page.splitlines() if len(line.rstrip()) > WIDTH]
    assert not too_wide
    assert "``" not in page
    assert "python -m zoom_clips.mock" not in page
    if command != "mock":  # argparse wraps the mock's own page; rich wraps the others
        assert not prose_breaks(page)


@pytest.mark.parametrize("command", [c for c in PAGES if c], ids=[c for c in PAGES if c])
def test_every_example_shows_on_one_line(command: str) -> None:
    """Each example of a command's docstring appears whole on one line of its rendered help."""
    page = render(command)
    shown = [" ".join(line.split()) for line in page.splitlines()]
    written = examples(command)
    assert written  # a command without examples would pass this test vacuously
    assert [e for e in written if not any(e in line for line in shown)] == []


def test_the_mock_page_says_zoom_clips_mock() -> None:
    """`zoom-clips mock --help` names itself as the user typed it."""
    page = render("mock")
    assert page.startswith("usage: zoom-clips mock ")
    assert "--daily-limit" in page


def test_the_top_page_lists_every_command_in_plain_words() -> None:
    """The top-level page lists the four commands, each summary on the page without markup."""
    page = " ".join(render("").split())
    for command in ("list", "audit", "demo", "mock"):
        assert f" {command} " in page
    assert "Serve the mock Zoom Clips API" in page
