"""Every example of docs/cli.md's first section and of every `--help` lists clips today.

Examples naming an account run against a mock on the wall clock, its sub accounts substituted
for the placeholders and ZOOM_* pointing at it; `--mock` examples start their own embedded mock.
Both mocks' data cover the 12 months before now, so fixed dates would stop finding clips as time
passes: this test runs the examples as written, on today's date. (`zoom-clips mock` serves rather
than lists, and is left to the mock's own tests.)
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import env_for, run

ROOT = Path(__file__).resolve().parents[2]
CLI_PAGE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
PLACEHOLDERS = ("OTHER_SUB_ACCOUNT_ID", "SUB_ACCOUNT_ID")


def _readme_examples() -> list[str]:
    section = CLI_PAGE.split("# The command line", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line.startswith("zoom-clips ")]


def _help_examples() -> list[str]:
    found = []
    for command in ("list", "audit", "demo"):
        page = run(command, "--help").stdout
        found += [
            " ".join(line.split())
            for line in page.splitlines()
            if line.strip().startswith("zoom-clips ")
        ]
    return found


# `--db` examples read the inventory, not Zoom: tests/inventory_read/test_examples.py runs them.
EXAMPLES = sorted(
    {
        e
        for e in _readme_examples() + _help_examples()
        if not e.startswith("zoom-clips mock") and " --db " not in e
    }
)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A mock on the wall clock, as real accounts are."""
    with serve(MockConfig(seed=5)) as running:
        yield running


def test_examples_were_found() -> None:
    """The guide and the help pages really have examples of list, audit and demo."""
    for command in ("list", "audit", "demo"):
        assert any(
            e.startswith(f"zoom-clips {command} ") or e == f"zoom-clips {command}" for e in EXAMPLES
        )
    assert len(_readme_examples()) >= 5


def _listed(args: list[str], stdout: str, cwd: Path) -> int:
    """How many clips (or findings) the example's output holds."""
    if "-o" in args or "--output" in args or args[0] == "demo":
        flag = "-o" if "-o" in args else "--output"
        name = args[args.index(flag) + 1] if flag in args else "clips.csv"
        text = (cwd / name).read_text(encoding="utf-8")
        if name.endswith(".csv"):
            return len(list(csv.DictReader(io.StringIO(text))))
        return len([json.loads(line) for line in text.splitlines()])
    if args[0] == "audit":
        found = re.search(r"(\d+) clips of \d+ owners are shared with ANYONE", stdout)
        return int(found.group(1)) if found else 0
    title = re.search(r"^\s*(\d+) clips\s*$", stdout, re.MULTILINE)
    return int(title.group(1)) if title else 0


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_lists_clips(
    example: str, server: MockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example exits as documented and its output holds at least one clip."""
    text = example
    accounts = [a.id for a in server.dataset.sub_accounts]
    for placeholder, account in zip(PLACEHOLDERS, reversed(accounts[:2]), strict=True):
        text = text.replace(placeholder, account)
    args = shlex.split(text)[1:]
    monkeypatch.chdir(tmp_path)
    env = None if "--mock" in args or args[0] == "demo" else env_for(server)
    result = run(*args, env=env)
    assert result.exit_code in ({0, 1} if args[0] == "audit" else {0}), result.stderr
    assert _listed(args, result.stdout, tmp_path) > 0
