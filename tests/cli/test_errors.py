"""Every error of every command is one `error:` line in the user's words, and exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import env_for, error_line, mock_args, run


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with serve(MockConfig(seed=4, clips=200)) as running:
        yield running


@pytest.mark.parametrize("command", ["list", "audit"])
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "bogus"], "--status 'bogus' is not a clip status: use one of RECORD_START"),
        (["--format", "bogus"], "--format 'bogus' is not one of table, csv"),
        (["--from", "soon"], "--from 'soon' is not a date: use 2025-01-31"),
        (["--to", "2025-01-31"], "--to needs --from"),
        (["--from", "2025-02-01", "--to", "2025-01-01"], "--from 2025-02-01 is after --to"),
        (["--date-filter", "sideways"], "--date-filter"),
        (["--no-such-option"], "No such option: --no-such-option"),
    ],
    ids=["status", "format", "from", "to-without-from", "from-after-to", "enum", "unknown"],
)
def test_bad_options_are_named_as_typed(command: str, args: list[str], expected: str) -> None:
    """A bad option value is refused in one line naming the option, with no library prefix."""
    result = run(command, *mock_args(*args))
    assert result.exit_code == 2
    line = error_line(result)
    assert expected in line
    assert "Value error" not in line
    assert "from_" not in line


@pytest.mark.parametrize("url", ["notaurl", "ftp://127.0.0.1/v2", "http://"])
@pytest.mark.parametrize("option", ["--base-url", "--token-url"])
def test_a_url_that_is_not_http_is_said_so(option: str, url: str) -> None:
    """--base-url notaurl / ftp://...: "not an http(s) URL", not a clear-text warning."""
    env = {"ZOOM_ACCOUNT_ID": "a", "ZOOM_CLIENT_ID": "b", "ZOOM_CLIENT_SECRET": "s3cr3t-value"}
    result = run("list", "--account", "a", option, url, env=env)
    assert result.exit_code == 2
    line = error_line(result)
    assert f"{option} {url!r} is not an http(s) URL" in line
    assert "s3cr3t-value" not in line


@pytest.mark.parametrize("option", ["--base-url", "--token-url"])
def test_mock_with_a_url_is_refused(option: str) -> None:
    """--mock with --base-url/--token-url: refused, not silently ignored."""
    result = run("list", "--mock", option, "https://api.zoom.us/v2")
    assert result.exit_code == 2
    assert f"--mock starts its own server, so {option}" in error_line(result)


def test_another_api_without_a_token_url_is_refused(server: MockServer) -> None:
    """A non-Zoom --base-url with OAuth credentials but no token URL: refused, nothing sent."""
    env = env_for(server)
    del env["ZOOM_OAUTH_TOKEN_URL"]
    before = server.stats()["requests"]
    result = run("list", "--account", "a", "--base-url", server.base_url, env=env)
    assert result.exit_code == 2
    line = error_line(result)
    assert "ZOOM_OAUTH_TOKEN_URL" in line
    assert "--base-url" in line
    assert server.client_secret not in line
    assert server.stats()["requests"] == before


def test_the_unreachable_url_is_named() -> None:
    """Nothing listening: the line names the URL it could not reach."""
    env = {"ZOOM_ACCESS_TOKEN": "t0k3n-not-to-print", "ZOOM_API_BASE_URL": "http://127.0.0.1:9/v2"}
    result = run("list", "--account", "acct", env=env)
    assert result.exit_code == 2
    line = error_line(result)
    assert "could not reach http://127.0.0.1:9/v2/accounts/acct/clips" in line
    assert "t0k3n-not-to-print" not in line


def test_an_unreachable_token_endpoint_is_named(server: MockServer) -> None:
    """The token URL refusing connections is named as such, not as the API."""
    env = {**env_for(server), "ZOOM_OAUTH_TOKEN_URL": "http://127.0.0.1:9/oauth/token"}
    result = run("list", "--account", "acct", env=env)
    assert result.exit_code == 2
    assert "could not reach http://127.0.0.1:9/oauth/token" in error_line(result)


def test_a_refused_secret_is_said_to_be_refused_by_the_token_endpoint(server: MockServer) -> None:
    """A wrong secret: the token endpoint refused the credentials (not "listing failed: 401")."""
    result = run("audit", "--account", "acct", env=env_for(server, "wrong"))
    assert result.exit_code == 2  # not 1: that would read as findings
    line = error_line(result)
    assert f"the token endpoint {server.token_url} refused the credentials" in line
    assert "ZOOM_CLIENT_SECRET" in line


def test_a_403_names_its_account_and_tracking_id(server: MockServer) -> None:
    """Of several accounts, the one Zoom refused is named, with the tracking id."""
    good = server.dataset.sub_accounts[0].id
    result = run("list", "-a", good, "-a", "stranger", "--from", "300d", env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert "listing the clips of account stranger failed: HTTP 403" in line
    assert "tracking id " in line


def test_debug_shows_the_traceback_and_still_exits_2(server: MockServer) -> None:
    """--debug: the traceback, then the same one-line error, exit 2."""
    result = run("list", "--account", "acct", "--debug", env=env_for(server, "wrong"))
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: the token endpoint")


def test_no_command_shows_the_help_and_exits_2() -> None:
    """`zoom-clips` alone prints the help (a usage error, so exit 2)."""
    result = run()
    assert result.exit_code == 2
    assert "list" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_mock_on_a_busy_port_is_one_line() -> None:
    """`zoom-clips mock --port P` with P taken: one line, exit 2, no traceback from the CLI."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "zoom_clips._cli", "mock", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    assert "in use" in lines[0]


def test_a_listing_refused_before_its_first_page_prints_no_csv_header(server: MockServer) -> None:
    """Wrong secret with --format csv to stdout: the error line, and not a header-only "export"."""
    result = run("list", "--account", "acct", "--format", "csv", env=env_for(server, "wrong"))
    assert result.exit_code == 2
    assert result.stdout == ""


def test_an_empty_csv_listing_still_has_its_header() -> None:
    """A listing that matches nothing is a CSV with a header and no rows."""
    result = run("list", *mock_args("--from", "30d", "--search", "no such title zz", "-f", "csv"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("account_id,clip_id,")
    assert len(result.stdout.splitlines()) == 1
