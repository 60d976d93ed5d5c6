"""Deleted is not exposed: RECORD_DELETE clips (Zoom deletes softly, so they still list) are no
audit finding, no download failure, and `--status` selects several statuses or leaves some out."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from zoom_clips._models import ClipStatus
from zoom_clips.mock import Dataset, MockClock, MockConfig, MockServer, create_app

from tests.cli._admin_support import clip_status, served, server
from tests.cli._support import csv_rows, env_for, error_line, mock_args, run
from tests.cli.test_download import change, clips, manifest

__all__ = ["clips", "served", "server"]  # the fixtures, imported for pytest

YEAR = ["--from", "2025-01-10", "--to", "2026-01-10"]
DELETED = "RECORD_DELETE"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The data set `--mock --mock-now NOW` serves (the mock is deterministic in seed and now)."""
    clock = MockClock(datetime(2026, 1, 10, 12, tzinfo=UTC))
    state = create_app(MockConfig(seed=0, clock=clock)).state.mock
    assert isinstance(state.dataset, Dataset)
    return state.dataset


def _public(wire: dict[str, object]) -> bool:
    settings = wire["share_link_settings"]
    return isinstance(settings, dict) and settings["share_scope"] == "ANYONE"


def _csv_ids(path: Path) -> list[str]:
    return [row["clip_id"] for row in csv_rows(path.read_text())]


def test_the_readmes_audit_delete_audit_loop_ends_with_exit_0(
    server: MockServer, tmp_path: Path
) -> None:
    """audit -f csv -o FILE (exit 1), delete --from-audit FILE --yes, the same audit: exit 0."""
    account = server.dataset.sub_accounts[0].id
    public_csv = tmp_path / "public.csv"
    audit = ["audit", "-a", account, *YEAR, "-f", "csv", "-o", str(public_csv)]
    first = run(*audit, env=env_for(server))
    assert first.exit_code == 1, first.stderr
    found = _csv_ids(public_csv)
    assert found
    assert all(clip_status(server, c) != DELETED for c in found)  # findings are live clips
    deleted = run("delete", "--from-audit", str(public_csv), "--yes", env=env_for(server))
    assert deleted.exit_code == 0, deleted.stderr
    assert sorted(deleted.stdout.split()) == sorted(found)
    again = run(*audit, env=env_for(server))
    assert again.exit_code == 0, again.stderr
    assert _csv_ids(public_csv) == []
    table = run("audit", "-a", account, *YEAR, env=env_for(server))
    assert table.exit_code == 0, table.stderr
    assert "No clips are shared with anyone who has the link." in table.stdout
    assert "deleted clips (RECORD_DELETE) shared with ANYONE left out" in table.stdout


def test_the_audit_leaves_deleted_public_clips_out_and_says_how_many(dataset: Dataset) -> None:
    """A public clip the data set holds as RECORD_DELETE is no finding; the table counts them."""
    account = dataset.sub_accounts[0].id
    wires = dataset.select(
        account, from_="2025-01-10", to="2026-01-10", date_filter_type="CREATED_DATE"
    )
    gone = {str(w["clip_id"]) for w in wires if _public(w) and w["status"] == DELETED}
    live = {str(w["clip_id"]) for w in wires if _public(w) and w["status"] != DELETED}
    assert gone
    assert live
    listed = run("audit", *mock_args("-a", account, *YEAR, "-f", "csv"))
    assert listed.exit_code == 1, listed.stderr
    assert {row["clip_id"] for row in csv_rows(listed.stdout)} == live
    table = run("audit", *mock_args("-a", account, *YEAR))
    assert f"{len(live)} clips of " in table.stdout
    assert f"{len(gone)} deleted clips (RECORD_DELETE) shared with ANYONE left out" in (
        table.stdout
    )


def test_auditing_only_deleted_clips_finds_nothing_and_exits_0(dataset: Dataset) -> None:
    """--status RECORD_DELETE selects deleted public clips, and none of them fails the audit."""
    account = dataset.sub_accounts[0].id
    result = run("audit", *mock_args("-a", account, *YEAR, "--status", DELETED))
    assert result.exit_code == 0, result.stderr
    assert "No clips are shared with anyone who has the link." in result.stdout


def test_a_listings_deleted_clips_are_skipped_deleted_not_failed(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """download over a listing skips a deleted clip without asking for its file, exit 0."""
    change(server, clips[2], status=DELETED)
    result = run(
        "download", "--from", "2025-01-01", "--to", "2026-01-10", "--search", "zdl clip",
        "--date-filter", "modified", "-o", str(tmp_path), env=env_for(server),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert set(manifest(tmp_path)) == set(clips[:2])
    assert f"{clips[2]}: skipped, deleted (RECORD_DELETE)" in result.stderr
    assert "1 skipped-deleted" in result.stderr
    assert "failed" not in result.stderr
    assert server.stats()["requests_by_status"].get("404", 0) == 0  # its file never asked for


def test_a_download_of_deleted_clips_only_exits_0_with_nothing_fetched(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """--status RECORD_DELETE over a listing: every clip skipped-deleted, no file, exit 0."""
    for clip_id in clips:
        change(server, clip_id, status=DELETED)
    result = run(
        "download", "--from", "2025-01-01", "--to", "2026-01-10", "--search", "zdl clip",
        "--date-filter", "modified", "--status", DELETED, "-o", str(tmp_path), env=env_for(server),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert manifest(tmp_path) == {}
    assert "3 skipped-deleted" in result.stderr


def test_a_download_by_id_of_a_deleted_clip_still_says_no_file(
    server: MockServer, clips: list[str], tmp_path: Path
) -> None:
    """By id the user asked for that clip: a deleted one is still skipped with exit 1."""
    change(server, clips[0], status=DELETED)
    result = run("download", clips[0], "-o", str(tmp_path), env=env_for(server))
    assert result.exit_code == 1
    assert f"{clips[0]}: skipped, no file (Zoom code 10002)" in result.stderr


@pytest.mark.parametrize(
    ("options", "wanted"),
    [
        (["--status", "RECORD_SUCCESS", "--status", "suspended"], {"RECORD_SUCCESS", "SUSPENDED"}),
        (["--status", "RECORD_SUCCESS,SUSPENDED"], {"RECORD_SUCCESS", "SUSPENDED"}),
        (["--exclude-status", DELETED], set(ClipStatus) - {ClipStatus.RECORD_DELETE}),
        (["--status", f"!{DELETED}"], set(ClipStatus) - {ClipStatus.RECORD_DELETE}),
        (
            ["--status", f"!{DELETED}", "--exclude-status", "RECORD_START,RECORD_END"],
            {"RECORD_SUCCESS", "RECORD_FAILED", "SUSPENDED"},
        ),
        (["--status", "RECORD_SUCCESS,RECORD_DELETE", "--status", "!RECORD_DELETE"], None),
    ],
    ids=["repeated", "commas", "exclude", "bang", "bang-and-exclude", "both-ways"],
)
def test_status_takes_several_values_and_exclusions(
    dataset: Dataset, options: list[str], wanted: set[str] | None
) -> None:
    """`list` keeps exactly the clips whose status the options select (as the data set says)."""
    account = dataset.sub_accounts[0].id
    wires = dataset.select(
        account, from_="2025-01-10", to="2026-01-10", date_filter_type="CREATED_DATE"
    )
    wanted = wanted if wanted is not None else {"RECORD_SUCCESS"}
    expected = sorted(str(w["clip_id"]) for w in wires if w["status"] in wanted)
    assert expected
    result = run("list", *mock_args("-a", account, *YEAR, *options, "-f", "jsonl"))
    assert result.exit_code == 0, result.stderr
    got = sorted(json.loads(line)["clip_id"] for line in result.stdout.splitlines())
    assert got == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--status", "NOPE"], "--status 'NOPE' is not a clip status: use one of RECORD_START"),
        (["--status", "RECORD_SUCCESS,"], "--status 'RECORD_SUCCESS,': an empty status"),
        (["--exclude-status", "gone"], "--exclude-status 'gone' is not a clip status"),
        (["--status", "!nope"], "--status 'nope' is not a clip status"),
        (
            ["--status", DELETED, "--exclude-status", DELETED],
            "--status and --exclude-status leave no status to list: RECORD_DELETE",
        ),
    ],
)
@pytest.mark.parametrize("command", ["list", "audit", "download"])
def test_a_bad_status_is_one_line_and_exit_2(
    command: str, options: list[str], message: str, tmp_path: Path
) -> None:
    """Every command that lists refuses a bad --status/--exclude-status in one line, exit 2."""
    extra = ["-o", str(tmp_path / "out")] if command == "download" else []
    result = run(command, *mock_args(*options, *extra))
    assert result.exit_code == 2
    assert message in error_line(result)
