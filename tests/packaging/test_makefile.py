"""The Makefile a new user meets: `make help` into a pipe, and what `make demo`/`make test` install.

The install tests run the real Makefile in a temporary directory beside a copy of pyproject.toml,
with a fake Python (and fake tools) that only log how they were called, so they prove which
extras each target installs and when, in milliseconds and without a network.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs GNU make")

# Every tool a target of `make test` or `make demo` runs from .venv/bin.
FAKE_TOOLS = ("python", "ruff", "mypy", "zoom-clips", "schemathesis", "mutmut")
FAKE = """\
#!/bin/sh
echo "$(basename "$0") $*" >> "$FAKE_LOG"
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin"
    for tool in {tools}; do cp "$0" "$3/bin/$tool"; done
fi
"""


def make_env() -> dict[str, str]:
    """The environment minus an enclosing make's flags (`make test` runs this suite)."""
    return {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}


def help_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-zA-Z_-]+):.*?## ", makefile, re.MULTILINE)


def test_make_help_into_a_pipe_has_no_colour_and_names_fit_their_column() -> None:
    """Piped, `make help` prints plain text, one line per target, descriptions in one column."""
    done = subprocess.run(
        [str(MAKE), "--no-print-directory", "help"],
        cwd=ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "\x1b" not in done.stdout
    rows = [re.fullmatch(r"  (\S+)( {2,})(\S.*)", line) for line in done.stdout.splitlines()]
    assert all(rows), done.stdout
    assert [row.group(1) for row in rows if row] == help_targets()
    columns = {len(row.group(1)) + len(row.group(2)) for row in rows if row}
    assert len(columns) == 1, done.stdout  # every description starts in the same column
    longest = max(help_targets(), key=len)
    assert f"  {longest}  " in done.stdout


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_make_help_on_a_terminal_colours_the_names_unless_no_color(
    no_color: str | None, coloured: bool
) -> None:
    """On a terminal the names are coloured (unlike the pipe above), but never with NO_COLOR."""
    env = {k: v for k, v in make_env().items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [str(MAKE), "--no-print-directory", "help"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            timeout=60,
            check=True,
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
    assert (b"\x1b[36mcontract-live" in output) is coloured
    assert b"contract-live" in output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory with the real Makefile and pyproject.toml and a fake Python to build .venv."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE.format(tools=" ".join(FAKE_TOOLS)), encoding="utf-8")
    fake.chmod(0o755)
    return tmp_path


def run_make(project: Path, target: str) -> list[str]:
    """Run `make target` in ``project`` and return the commands the fake tools logged."""
    log = project / "calls.log"
    log.write_text("", encoding="utf-8")
    env = {**make_env(), "FAKE_LOG": str(log)}
    subprocess.run(
        [str(MAKE), "--no-print-directory", target, f"PYTHON={project / 'fake-python'}"],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return log.read_text(encoding="utf-8").splitlines()


def installs(calls: list[str]) -> list[str]:
    """The extras each `pip install -e` in ``calls`` asked for."""
    return [m.group(1) for call in calls if (m := re.search(r"install .*-e \.\[(.*)\]", call))]


def test_make_demo_on_a_fresh_machine_installs_only_what_the_demo_needs(project: Path) -> None:
    """`make demo` with no .venv makes it, installs [cli,mock] (no dev tools), runs the demo."""
    calls = run_make(project, "demo")
    assert calls[0] == "fake-python -m venv .venv"
    assert installs(calls) == ["cli,mock"]
    assert calls[-1] == "zoom-clips demo --output clips.csv"


def test_make_test_on_a_fresh_machine_installs_the_dev_tools(project: Path) -> None:
    """`make test` with no .venv creates it and installs the dev tools and the extras, once."""
    calls = run_make(project, "test")
    assert calls[0] == "fake-python -m venv .venv"
    assert installs(calls) == ["dev,mock,cli,sync"]
    assert any(call.startswith("mypy") for call in calls)
    assert any(call.startswith("python -m pytest") for call in calls)


def test_demo_and_test_in_either_order_reinstall_only_when_needed(project: Path) -> None:
    """demo then test adds the dev tools; after test, demo installs nothing; twice is a no-op."""
    assert installs(run_make(project, "demo")) == ["cli,mock"]
    assert installs(run_make(project, "demo")) == []
    assert installs(run_make(project, "test")) == ["dev,mock,cli,sync"]
    assert installs(run_make(project, "test")) == []
    assert installs(run_make(project, "demo")) == []


def test_a_changed_pyproject_reinstalls_for_both_targets(project: Path) -> None:
    """A pyproject.toml newer than the stamps makes demo and test install again, each its extras."""
    run_make(project, "test")
    edited = (project / "pyproject.toml").stat().st_mtime
    for stamp in (project / ".venv").glob(".installed*stamp"):  # installed before the edit
        os.utime(stamp, (edited - 10, edited - 10))
    assert installs(run_make(project, "demo")) == ["cli,mock"]
    assert installs(run_make(project, "test")) == ["dev,mock,cli,sync"]
    assert installs(run_make(project, "demo")) == []


def test_make_dist_gets_its_tools_from_the_dist_extra(project: Path) -> None:
    """`make dist` installs the `dist` extra (build, twine) into .venv, then runs the check."""
    calls = run_make(project, "dist")
    assert installs(calls) == ["dist"]
    assert calls[-1] == "python scripts/check_dist.py"
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = {re.split(r"[<>=!~ ]", req)[0] for req in extra["optional-dependencies"]["dist"]}
    assert {"build", "twine"} <= tools


def test_ci_runs_make_test_then_make_docs_then_make_dist() -> None:
    """CI runs exactly the README's `make test`, then `make docs` (strict), then `make dist`."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in run if line.startswith("make")] == [
        "make test",
        "make docs",
        "make dist",
    ]
