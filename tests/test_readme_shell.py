"""Every command of every ``sh`` block of the README, docs/*.md and CONTRIBUTING.md is one the tests
check: a ``zoom-clips`` or ``python -m zoom_clips.mock`` line parses against the real command line
(every option and argument as written, without running it), a ``make`` line names a target and
variables the Makefile has, and ``pip`` lines are tests/test_readme_install.py's. The examples that
list clips also run for real (tests/cli/test_examples.py, tests/inventory_read/test_examples.py,
tests/cli/test_api_command.py). A block that is not commands to paste is a ``text`` block."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main
from zoom_clips._cli._app import app
from zoom_clips.mock.__main__ import _parser

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CONTRIBUTING.md"]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, str]]:
    """(page, command) for every line of every sh block, its trailing comment cut off."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
            for line in block.splitlines():
                command = line.split("  #", 1)[0].strip()
                if command and not command.startswith("#"):
                    found.append((page.relative_to(ROOT).as_posix(), command))
    return found


COMMANDS = _commands()
CHECKED = ("zoom-clips ", "python -m zoom_clips.mock", "make ", "pip install ", "pip wheel ")


def _of(prefix: str) -> list[tuple[str, str]]:
    return [(page, command) for page, command in COMMANDS if command.startswith(prefix)]


def test_every_shell_command_is_one_the_tests_check() -> None:
    """No sh block holds a command no test looks at (a regex that found none proves nothing)."""
    assert len(COMMANDS) >= 40
    unchecked = [(page, c) for page, c in COMMANDS if not c.startswith(CHECKED)]
    assert not unchecked


@pytest.mark.parametrize(("page", "command"), _of("zoom-clips "))
def test_the_zoom_clips_command_parses(page: str, command: str) -> None:
    """The subcommand exists and takes every option and argument as written (values converted)."""
    name, *args = shlex.split(command)[1:]
    group = typer.main.get_command(app)
    with group.make_context("zoom-clips", [name]) as context:
        command_object = group.get_command(context, name)
        assert command_object is not None, f"{page}: no command {name!r}"
        command_object.make_context(name, args, parent=context).close()


@pytest.mark.parametrize(("page", "command"), _of("python -m zoom_clips.mock"))
def test_the_mock_command_parses(page: str, command: str) -> None:
    """``python -m zoom_clips.mock`` takes the options as written (argparse exits 2 otherwise)."""
    _parser().parse_args(shlex.split(command)[3:])


@pytest.mark.parametrize(("page", "command"), _of("make "))
def test_the_make_command_names_a_target_and_its_variables(page: str, command: str) -> None:
    """The target is the Makefile's, and each VAR=value it sets is one the Makefile reads."""
    target, *words = shlex.split(command, comments=True)[1:]
    assert re.search(rf"^{re.escape(target)}:", MAKEFILE, re.MULTILINE), (page, target)
    # The other words are VAR=value assignments or the words of a <placeholder> value.
    for variable in [w.split("=", 1)[0] for w in words if re.match(r"[A-Z_]+=", w)]:
        assert f"$({variable})" in MAKEFILE, (page, variable)
