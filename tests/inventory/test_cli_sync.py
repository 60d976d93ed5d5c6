"""``zoom-clips sync`` on the command line: its options, and every failure as one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner
from zoom_clips._cli import app
from zoom_clips._cli._sync import read_accounts_file

from tests.cli._support import ENV_NAMES
from tests.cli._support import error_line as one_error_line
from tests.inventory.conftest import running_mock, table_rows

NOW = "2025-06-15T12:00:00Z"
MOCK = ["--mock", "--mock-now", NOW, "--mock-clips", "200", "--mock-seed", "2"]
ENV = dict.fromkeys(ENV_NAMES, "")  # no credentials of the machine the tests run on


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, ["sync", *args], env={**ENV, **(env or {})})


def error_line(result: Any) -> str:
    assert result.exit_code == 2, result.stderr
    return one_error_line(result)


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("mysql://root@127.0.0.1/x", "unknown scheme 'mysql'"),
        ("/nonexistent-folder/inventory.db", "does not exist"),
        ("postgresql://zoom:s3cret@127.0.0.1:9/inventory", "cannot open it"),
    ],
)
def test_a_bad_db_is_one_line_and_exit_2(db: str, says: str) -> None:
    """Unknown scheme, unwritable path, unreachable server: one line, no password, exit 2."""
    line = error_line(run("--mock", "--db", db))
    assert says in line
    assert "s3cret" not in line


def test_the_first_run_and_the_next_on_the_mock(db_url: str) -> None:
    """A first run lists from --since; the next ignores it (there is a watermark): the overlap."""
    first = run(*MOCK, "--db", db_url, "--since", "2025-03-01")
    assert first.exit_code == 0, first.stderr
    assert "16 window(s)" in first.stderr
    assert "new" in first.stderr
    again = run(*MOCK, "--db", db_url, "--since", "2024-01-01")
    assert again.exit_code == 0, again.stderr
    assert "4 window(s), 4 page request(s), 0 clip(s)" in again.stderr


def test_real_credentials_and_accounts_file(db_url: str, tmp_path: Path) -> None:
    """With ZOOM_* pointing at a server, --accounts-file names the accounts to sync."""
    with running_mock(clips=100) as server:
        accounts = tmp_path / "accounts.txt"
        first = server.dataset.sub_accounts[0].id
        accounts.write_text(f"# the team's sub accounts\n{first}  # sales\n\n", encoding="utf-8")
        env = {
            "ZOOM_ACCOUNT_ID": server.account_id,
            "ZOOM_CLIENT_ID": server.client_id,
            "ZOOM_CLIENT_SECRET": server.client_secret,
            "ZOOM_API_BASE_URL": server.base_url,
            "ZOOM_OAUTH_TOKEN_URL": server.token_url,
        }
        result = run("--db", db_url, "--accounts-file", str(accounts), "--since", "30d", env=env)
        assert result.exit_code == 0, result.stderr
        assert "sync of 1 account(s)" in result.stderr


def test_a_refused_secret_is_one_line_and_the_run_is_saved(db_url: str) -> None:
    """A token refusal stops the run with one line naming the token endpoint, never the secret."""
    with running_mock(clips=30) as server:
        env = {
            "ZOOM_ACCOUNT_ID": server.account_id,
            "ZOOM_CLIENT_ID": server.client_id,
            "ZOOM_CLIENT_SECRET": "wrong-secret-value",
            "ZOOM_API_BASE_URL": server.base_url,
            "ZOOM_OAUTH_TOKEN_URL": server.token_url,
        }
        line = error_line(run("--db", db_url, "--account", "x", env=env))
        assert "sync gave up after 0 of" in line
        assert "refused the credentials" in line
        assert "wrong-secret-value" not in line


@pytest.mark.parametrize("option", [["--fault-rate", "0.2"], ["--mock-clips", "5"]])
def test_mock_options_need_mock(option: list[str], db_url: str) -> None:
    """The mock's options without --mock are a usage error, before anything is opened."""
    assert "needs --mock" in error_line(run("--db", db_url, "--account", "a", *option))


def test_no_account_is_one_line(db_url: str) -> None:
    """Without --mock, sync needs accounts."""
    env = {"ZOOM_ACCESS_TOKEN": "t", "ZOOM_API_BASE_URL": "http://127.0.0.1:9/v2"}
    assert "--account" in error_line(run("--db", db_url, env=env))


def test_accounts_file_lines(tmp_path: Path) -> None:
    """One id per line; comments and blank lines are skipped; a missing file is a CliError."""
    path = tmp_path / "a.txt"
    path.write_text("a1\n  # note\n\na2 # two\n", encoding="utf-8")
    assert read_accounts_file(path) == ["a1", "a2"]
    assert "No such file" in error_line(run("--accounts-file", str(tmp_path / "none"), "--mock"))


def test_the_passcodes_flag_on_the_command_line(db_url: str, engine: sa.Engine) -> None:
    """--include-passcodes stores the mock's passcodes; without it none is stored."""
    assert run(*MOCK, "--db", db_url, "--since", "2024-07-01").exit_code == 0
    assert not any(row["passcode"] for row in table_rows(engine, "clips"))
    full = run(*MOCK, "--db", db_url, "--since", "2024-07-01", "--full", "--include-passcodes")
    assert full.exit_code == 0, full.stderr
    assert "full sync" in full.stderr
    assert "0 missing" in full.stderr
    assert any(row["passcode"] for row in table_rows(engine, "clips"))
