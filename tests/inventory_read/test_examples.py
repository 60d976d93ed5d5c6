"""Every example of docs/inventory.md's reading section and of the read commands' `--help` runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.cli._support import run
from tests.inventory_read._seed import random_inventory


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """This module's subject is not the database: SQLite alone."""
    return sqlite_db_url


GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "inventory.md").read_text(encoding="utf-8")


def _readme_examples() -> list[str]:
    section = GUIDE.split("## Reading the inventory", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line.startswith("zoom-clips ")]


def _reads_the_inventory(example: str) -> bool:
    return " --db " in example or example.startswith(("zoom-clips history", "zoom-clips report"))


def _help_examples() -> list[str]:
    found = []
    for command in ("audit", "history", "report"):
        page = run(command, "--help").stdout
        found += [
            " ".join(line.split())
            for line in page.splitlines()
            if line.strip().startswith("zoom-clips ")
        ]
    return [example for example in found if _reads_the_inventory(example)]


EXAMPLES = sorted(set(_readme_examples() + _help_examples()))


def test_examples_were_found() -> None:
    """The guide and the help pages really have examples of all three read commands."""
    for command in ("audit", "history", "report"):
        assert any(e.startswith(f"zoom-clips {command} ") for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_runs_on_an_inventory(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as written in a folder whose zoom-clips.db sync filled (PostgreSQL ones: that file)."""
    monkeypatch.chdir(tmp_path)
    inventory = random_inventory(8)
    inventory.write(str(tmp_path / "zoom-clips.db"))
    clip = next(c["clip_id"] for c in inventory.changes)
    text = example.replace("CLIP_ID", clip).replace("SUB_ACCOUNT_ID", "acct-a")
    args = shlex.split(text)[1:]
    if "--db" in args and args[args.index("--db") + 1].startswith("postgresql://"):
        args[args.index("--db") + 1] = "zoom-clips.db"  # the same command on the local inventory
    if "-o" in args:
        target = Path(args[args.index("-o") + 1])
        args[args.index("-o") + 1] = str(tmp_path / target.name)  # /srv/www/... is not ours
    result = run(*args)
    assert result.exit_code in ((0, 1) if args[0] == "audit" else (0,)), result.stderr
    if "-o" in args:
        assert Path(args[args.index("-o") + 1]).stat().st_size > 0
    else:
        assert result.stdout.strip()
