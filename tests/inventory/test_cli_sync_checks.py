"""``zoom-clips sync`` checks every argument before it opens the inventory (a refused command
leaves no empty ``.db`` behind), names the option at fault, creates the inventory 0600 (it can
hold passcodes), and says on Ctrl-C that a rerun resumes."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
import zoom_clips.inventory
from typer.testing import CliRunner
from zoom_clips._cli import app

from tests.cli._support import ENV_NAMES, error_line

NOW = "2025-06-15T12:00:00Z"
ENV = dict.fromkeys(ENV_NAMES, "")
CREDENTIALS = {"ZOOM_ACCESS_TOKEN": "t0k3n", "ZOOM_API_BASE_URL": "http://127.0.0.1:9/v2"}


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, ["sync", *args], env={**ENV, **(env or {})})


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["--account", "a", "--rate-limit", "bogus"], CREDENTIALS, "--rate-limit 'bogus'"),
        ([], CREDENTIALS, "give at least one --account"),
        (["--accounts-file", "{empty}"], CREDENTIALS, "lists no account id"),
        (["--account", "a", "--base-url", "ftp://x"], CREDENTIALS, "--base-url 'ftp://x'"),
        (["--account", "a"], {}, "ZOOM_ACCESS_TOKEN"),
    ],
    ids=["rate-limit", "no-account", "empty-accounts-file", "base-url", "no-credentials"],
)
def test_a_refused_command_leaves_no_inventory_behind(
    tmp_path: Path, args: list[str], env: dict[str, str], says: str
) -> None:
    """One line naming the option (not ``rate_limit``), exit 2, and no new file in the folder."""
    empty = tmp_path / "accounts.txt"
    empty.write_text("# nobody yet\n\n", encoding="utf-8")
    db = tmp_path / "inventory.db"
    filled = [str(empty) if arg == "{empty}" else arg for arg in args]
    result = run("--db", str(db), *filled, env=env)
    assert result.exit_code == 2
    line = error_line(result)
    assert says in line
    assert "rate_limit" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.txt"]


def test_a_new_inventory_is_created_0600(tmp_path: Path) -> None:
    """The SQLite file (and its WAL) can hold passcodes: only its owner may read it."""
    db = tmp_path / "inventory.db"
    mock = ["--mock", "--mock-now", NOW, "--mock-clips", "30", "--include-passcodes"]
    result = run(*mock, "--db", str(db), "--since", "30d")
    assert result.exit_code == 0, result.stderr
    # the data's files: the database, its WAL and shared memory (not the empty .lock)
    made = [p for p in tmp_path.iterdir() if p.name in ("inventory.db", "inventory.db-wal")]
    assert db in made
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_ctrl_c_says_a_rerun_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted: exit 130 and one line saying what is saved and that a rerun resumes."""

    async def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(zoom_clips.inventory, "sync", interrupted)
    result = run("--mock", "--mock-now", NOW, "--mock-clips", "5", "--db", str(tmp_path / "i.db"))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        "interrupted; what sync finished is saved: run the same command again to resume"
    )
