"""The `zoom-clips` command line against the mock: every command, format, exit code and error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from typer.testing import CliRunner
from zoom_clips._cli import FailOn, app, gate_fails
from zoom_clips._cli._export import AuditFinding
from zoom_clips._cli._options import parse_when
from zoom_clips.mock import Dataset, MockClock, MockConfig, MockServer, create_app, serve

from tests.cli._support import csv_rows, env_for, mock_args, run

FROZEN = MockConfig(seed=0, clock=MockClock(datetime(2026, 1, 10, 12, tzinfo=UTC)))
RANGE = ["--from", "2025-01-01", "--to", "2025-12-31"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The data set `--mock --mock-now NOW` serves (the mock is deterministic in seed and now)."""
    state = create_app(FROZEN).state.mock
    assert isinstance(state.dataset, Dataset)
    return state.dataset


def test_csv_rows_equal_the_mock_data_set_for_the_range(dataset: Dataset) -> None:
    """`list --mock --account A --from --to --format csv` writes exactly the account's clips."""
    account = dataset.sub_accounts[0].id
    result = run("list", *mock_args("--account", account, *RANGE, "--format", "csv"))
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout)
    expected = dataset.select(
        account, from_="2025-01-01", to="2025-12-31", date_filter_type="CREATED_DATE"
    )
    assert len(rows) == len(expected) > 100
    assert sorted(r["clip_id"] for r in rows) == sorted(c["clip_id"] for c in expected)
    assert {r["account_id"] for r in rows} == {account}
    assert "passcode" not in rows[0]
    tagged = next(c for c in expected if len(c.get("tags", [])) > 1)
    row = next(r for r in rows if r["clip_id"] == tagged["clip_id"])
    assert row["tags"] == ";".join(tagged["tags"])
    assert row["share_scope"] in {"ANYONE", "SAME_ORGANIZATION", "INVITED_MEMBERS_ONLY", "PRIVATE"}


def test_passcodes_only_with_include_passcodes(dataset: Dataset) -> None:
    """Passcodes never reach an export unless `--include-passcodes` is given."""
    account = dataset.sub_accounts[1].id
    expected = dataset.select(
        account, from_="2025-06-01", to="2025-06-30", date_filter_type="CREATED_DATE"
    )
    passcodes = {c["share_link_settings"].get("passcode") for c in expected} - {None, ""}
    assert passcodes
    base = ["list", *mock_args("--account", account, "--from", "2025-06-01", "--to", "2025-06-30")]
    for fmt in ("csv", "jsonl", "table"):
        hidden = run(*base, "--format", fmt)
        assert hidden.exit_code == 0
        assert not [p for p in passcodes if p in hidden.stdout + hidden.stderr]
    shown = run(*base, "--format", "jsonl", "--include-passcodes")
    records = [json.loads(line) for line in shown.stdout.splitlines()]
    assert {r["passcode"] for r in records} - {None} == passcodes


def test_jsonl_to_a_file_covers_every_account(dataset: Dataset, tmp_path: Any) -> None:
    """Without --account, --mock lists all sub accounts concurrently; --output writes the file."""
    out = tmp_path / "clips.jsonl"
    result = run(
        "list",
        *mock_args("--from", "2025-03-01", "--to", "2025-04-15"),
        "-f",
        "jsonl",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    records = [json.loads(line) for line in out.read_text().splitlines()]
    expected = {
        (a.id, c["clip_id"])
        for a in dataset.sub_accounts
        for c in dataset.select(
            a.id, from_="2025-03-01", to="2025-04-15", date_filter_type="CREATED_DATE"
        )
    }
    assert {(r["account_id"], r["clip_id"]) for r in records} == expected
    assert len(records) == len(expected)
    assert all(isinstance(r["tags"], list) for r in records)


def test_table_lists_the_clips(dataset: Dataset) -> None:
    """The table format titles itself with the count and shows each clip's title."""
    account = dataset.sub_accounts[2].id
    result = run(
        "list", *mock_args("--account", account, "--from", "2025-06-01", "--to", "2025-06-07")
    )
    expected = dataset.select(
        account, from_="2025-06-01", to="2025-06-07", date_filter_type="CREATED_DATE"
    )
    assert result.exit_code == 0
    assert f"{len(expected)} clips" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes, no progress bar
    assert result.stderr == ""


def test_audit_exit_status_follows_findings(dataset: Dataset) -> None:
    """audit exits 1 when clips are shared with ANYONE and 0 when none are."""
    account = dataset.sub_accounts[0].id
    some = run("audit", *mock_args("--account", account, *RANGE))
    assert some.exit_code == 1
    assert "shared with ANYONE" in some.stdout
    none = run("audit", *mock_args("--account", account, *RANGE, "--search", "no such title zz"))
    assert none.exit_code == 0
    assert "No clips are shared" in none.stdout


def test_audit_csv_and_fail_on_no_passcode(dataset: Dataset) -> None:
    """The CSV lists every live ANYONE clip with its passcode state; --fail-on narrows the gate."""
    account = dataset.sub_accounts[0].id
    expected = [
        c
        for c in dataset.select(
            account, from_="2025-01-01", to="2025-12-31", date_filter_type="CREATED_DATE"
        )
        if c["share_link_settings"]["share_scope"] == "ANYONE" and c["status"] != "RECORD_DELETE"
    ]
    result = run("audit", *mock_args("--account", account, *RANGE, "--format", "csv"))
    rows = csv_rows(result.stdout)
    assert {r["clip_id"] for r in rows} == {c["clip_id"] for c in expected}
    bare = {c["clip_id"] for c in expected if not c["share_link_settings"]["enable_passcode"]}
    assert {r["clip_id"] for r in rows if r["has_passcode"] == "false"} == bare
    gate = run("audit", *mock_args("--account", account, *RANGE, "--fail-on", "no-passcode"))
    assert gate.exit_code == (1 if bare else 0)


def _finding(has_passcode: bool) -> AuditFinding:
    return AuditFinding("acct", "owner", "clip", "title", "https://zoom.us/x", has_passcode)


@pytest.mark.parametrize(
    ("passcodes", "fail_on", "fails"),
    [
        ([], FailOn.ANYONE, False),
        ([True], FailOn.ANYONE, True),
        ([True], FailOn.NO_PASSCODE, False),
        ([True, False], FailOn.NO_PASSCODE, True),
    ],
)
def test_fail_on_decides_which_findings_fail_the_gate(
    passcodes: list[bool], fail_on: FailOn, fails: bool
) -> None:
    """--fail-on anyone fails on any public clip; no-passcode only on unprotected ones."""
    findings = {"owner": [_finding(p) for p in passcodes]} if passcodes else {}
    assert gate_fails(findings, fail_on) is fails


@pytest.fixture
def server() -> Iterator[MockServer]:
    with serve(MockConfig(seed=3, clips=200, daily_limit=2)) as running:
        yield running


def test_bad_credentials_print_one_line_without_the_secret(server: MockServer) -> None:
    """Wrong credentials: exit 2, one readable error line, no traceback, secret not echoed."""
    secret = "wrong-secret-do-not-print-1234"
    result = run(
        "list", "--account", server.dataset.sub_accounts[0].id, env=env_for(server, secret)
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    assert secret not in result.stdout + result.stderr


def test_daily_limit_is_reported_with_code_and_tracking_id(server: MockServer) -> None:
    """Past the daily limit the CLI says so: HTTP 429, Zoom's code, the reset, the tracking id."""
    env = env_for(server, server.client_secret)
    account = server.dataset.sub_accounts[0].id
    results = [run("list", "--account", account, env=env) for _ in range(3)]
    assert [r.exit_code for r in results[:2]] == [0, 0]
    error = results[2].stderr
    assert results[2].exit_code == 2
    assert "HTTP 429" in error
    assert "Zoom code 429" in error
    assert "retry after" in error
    assert "tracking id" in error
    assert server.client_secret not in error


def test_unreachable_server_is_one_line() -> None:
    """Nothing listening: a connection error line and exit 2."""
    env = {
        "ZOOM_ACCESS_TOKEN": "t0k3n-not-to-print",
        "ZOOM_API_BASE_URL": "http://127.0.0.1:9/v2",
    }
    result = run("list", "--account", "a", env=env)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "t0k3n-not-to-print" not in result.stderr


def test_missing_credentials_say_what_to_set() -> None:
    """No credentials in the environment: a clear line naming the variables."""
    result = run("list", "--account", "a")
    assert result.exit_code == 2
    assert "ZOOM_CLIENT_SECRET" in result.stderr


@pytest.mark.parametrize("command", ["list", "audit", "demo"])
def test_every_command_has_help_with_examples(command: str) -> None:
    """`--help` works on each command and shows usage examples."""
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"zoom-clips {command} " in " ".join(result.stdout.split())  # an example of itself


def test_mock_command_takes_the_mock_module_options() -> None:
    """`zoom-clips mock --help` is `python -m zoom_clips.mock`'s own help."""
    result = CliRunner().invoke(app, ["mock", "--help"])
    assert result.exit_code == 0
    assert "--daily-limit" in result.stdout
    assert "--fault-rate" in result.stdout


def test_demo_lists_a_year_summarises_audits_and_writes_the_csv(tmp_path: Any) -> None:
    """`zoom-clips demo` (what `make demo` runs): mock up, one S2S token, summary, audit, CSV."""
    out = tmp_path / "clips.csv"
    result = run("demo", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())  # undo the terminal-width wrapping
    assert "signed in with Server-to-Server OAuth (1 access token issued)" in text
    assert "by created date" in text  # an inventory: by CREATED_DATE (issue 11)
    for heading in ("Clips per account", "Clips per status", "Clips per share scope"):
        assert heading in text
    assert "shared with ANYONE" in text
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert f"Wrote {len(rows)} clips to" in text
    assert len(rows) > 1000
    assert len({(r["account_id"], r["clip_id"]) for r in rows}) == len(rows)
    assert "passcode" not in rows[0]


@pytest.mark.parametrize(
    ("flag", "filter_type"),
    [([], "CREATED_DATE"), (["--date-filter", "modified"], "MODIFIED_DATE")],
    ids=["default-created", "modified"],
)
def test_list_compares_dates_to_the_created_date_unless_told(
    dataset: Dataset, flag: list[str], filter_type: str
) -> None:
    """list builds inventories, so --from/--to filter on CREATED_DATE unless --date-filter says."""
    account = dataset.sub_accounts[3].id
    args = mock_args("--account", account, *RANGE, "--format", "csv", *flag)
    result = run("list", *args)
    assert result.exit_code == 0, result.stderr
    listed = {r["clip_id"] for r in csv_rows(result.stdout)}
    by_created = dataset.select(
        account, from_="2025-01-01", to="2025-12-31", date_filter_type="CREATED_DATE"
    )
    by_modified = dataset.select(
        account, from_="2025-01-01", to="2025-12-31", date_filter_type="MODIFIED_DATE"
    )
    assert {c["clip_id"] for c in by_created} != {c["clip_id"] for c in by_modified}
    expected = by_created if filter_type == "CREATED_DATE" else by_modified
    assert listed == {c["clip_id"] for c in expected}


@pytest.mark.parametrize(
    ("flag", "filter_type"),
    [([], "CREATED_DATE"), (["--date-filter", "modified"], "MODIFIED_DATE")],
    ids=["default-created", "modified"],
)
def test_audit_compares_dates_to_the_created_date_unless_told(
    dataset: Dataset, flag: list[str], filter_type: str
) -> None:
    """audit, like list, filters on CREATED_DATE by default; --date-filter modified overrides."""
    account = dataset.sub_accounts[3].id
    result = run("audit", *mock_args("--account", account, *RANGE, "--format", "csv", *flag))
    found = {r["clip_id"] for r in csv_rows(result.stdout)}
    expected = {
        c["clip_id"]
        for c in dataset.select(
            account, from_="2025-01-01", to="2025-12-31", date_filter_type=filter_type
        )
        if c["share_link_settings"]["share_scope"] == "ANYONE" and c["status"] != "RECORD_DELETE"
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 1, 10)),
        ("yesterday", date(2026, 1, 9)),
        ("30d", date(2025, 12, 11)),
        ("4w", date(2025, 12, 13)),
        ("2025-06-01", date(2025, 6, 1)),
        ("2025-06-01T08:30:00", datetime(2025, 6, 1, 8, 30, tzinfo=UTC)),
        ("2025-06-01T08:30:00Z", datetime(2025, 6, 1, 8, 30, tzinfo=UTC)),
    ],
)
def test_dates_may_be_relative(text: str, expected: date) -> None:
    """--from/--to accept today, yesterday, Nd and Nw (counted back from today) and ISO forms."""
    assert parse_when(text, option="--from", today=date(2026, 1, 10)) == expected


def test_mock_now_starts_a_running_clock_instead_of_freezing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--mock-now T` starts the embedded mock's clock at T and lets it run (issue 11 §4)."""
    import httpx  # noqa: PLC0415
    import zoom_clips.mock as mock_package  # noqa: PLC0415
    from zoom_clips._cli._listing import Run  # noqa: PLC0415

    seen: list[MockConfig] = []
    real_serve = mock_package.serve

    def recording_serve(config: MockConfig, **kwargs: Any) -> Any:
        seen.append(config)
        return real_serve(config, **kwargs)

    monkeypatch.setattr(mock_package, "serve", recording_serve)
    start = datetime(2025, 6, 15, 12, tzinfo=UTC)
    command = Run(mock=True, base_url=None, token_url=None, mock_now=start)
    with command.client(httpx.AsyncClient()):
        pass
    (config,) = seen
    assert config.clock is not None
    assert config.clock.now() >= start
    assert not config.clock.frozen
