"""`zoom-clips audit --db`: the online audit's findings, formats and exit codes, offline."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from zoom_clips._models import clip_from_json
from zoom_clips.inventory._db import open_database
from zoom_clips.inventory._queries import stored_clips
from zoom_clips.mock import Dataset, MockClock, MockConfig, create_app

from tests.cli._support import error_line, mock_args, run
from tests.inventory_read._seed import Inventory, day, row_from_clip

FROZEN = MockConfig(seed=0, clock=MockClock(datetime(2026, 1, 10, 12, tzinfo=UTC)))
RANGE = ["--from", "2025-01-01", "--to", "2026-01-10"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The data set `--mock --mock-now NOW` serves."""
    state = create_app(FROZEN).state.mock
    assert isinstance(state.dataset, Dataset)
    return state.dataset


def _synced(dataset: Dataset, db_url: str) -> None:
    """Write every clip of every sub account into the inventory, as a full sync would."""
    inventory = Inventory()
    for account in dataset.sub_accounts:
        wires = dataset.select(
            account.id, from_="2000-01-01", to="2100-01-01", date_filter_type="CREATED_DATE"
        )
        for wire in wires:
            inventory.clips.append(
                row_from_clip(account.id, clip_from_json(wire), first_seen=day(0))
            )
    assert inventory.clips
    inventory.write(db_url)


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--fail-on", "no-passcode", "--format", "csv"],
        ["--status", "record_success", "--format", "csv"],
        ["--search", "a", "--format", "csv"],
        ["--date-filter", "modified", "--from", "2025-11-01", "--to", "2025-12-15"],
        ["--from", "2025-06-01", "--to", "2025-06-30T12:00:00Z", "--format", "csv"],
    ],
    ids=["table", "csv-fail-on", "status", "search", "modified", "datetime-bound"],
)
def test_offline_audit_equals_the_online_audit(
    options: list[str], dataset: Dataset, db_url: str
) -> None:
    """With the inventory holding the mock's clips, audit --db prints what audit prints online."""
    _synced(dataset, db_url)
    dated = options if "--from" in options else [*options, *RANGE]
    online = run("audit", *mock_args(*dated))
    offline = run("audit", "--db", db_url, *dated)
    assert online.exit_code in (0, 1), online.stderr
    assert len(online.stdout.splitlines()) > 1  # the case has findings to compare
    assert (offline.exit_code, offline.stdout) == (online.exit_code, online.stdout)
    assert offline.stderr == ""


def test_offline_audit_by_account_and_owner(dataset: Dataset, db_url: str) -> None:
    """--account and --user (an owner id) narrow the offline audit as they narrow the online one."""
    _synced(dataset, db_url)
    account = dataset.sub_accounts[1]
    owner = account.users[0].id
    options = ["--account", account.id, "--user", owner, *RANGE, "--format", "csv"]
    online = run("audit", *mock_args(*options))
    offline = run("audit", "--db", db_url, *options)
    assert (offline.exit_code, offline.stdout) == (online.exit_code, online.stdout)


def test_without_dates_every_live_clip_is_audited_and_missing_ones_are_not(db_url: str) -> None:
    """No --from: the whole inventory; a clip marked missing is never a finding."""
    inventory = Inventory()
    inventory.clip("old-public", share_scope="ANYONE", created_date=day(-400))
    inventory.clip("gone-public", share_scope="ANYONE", missing_since=day(5))
    inventory.clip("private", share_scope="PRIVATE")
    inventory.write(db_url)
    result = run("audit", "--db", db_url, "--format", "csv")
    assert result.exit_code == 1
    ids = [line.split(",")[2] for line in result.stdout.splitlines()[1:]]
    assert ids == ["old-public"]


def test_no_findings_exit_zero_and_csv_to_a_file(db_url: str, tmp_path: Path) -> None:
    """An inventory with no public clip exits 0; -o writes the CSV header and says so."""
    inventory = Inventory()
    inventory.clip("private", share_scope="PRIVATE")
    inventory.write(db_url)
    target = tmp_path / "public.csv"
    result = run("audit", "--db", db_url, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text().splitlines() == [
        "owner_id,account_id,clip_id,title,share_link,has_passcode"
    ]
    assert f"Wrote 0 findings to {target}" in result.stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--mock"], "--mock has nothing to do with it"),
        (["--base-url", "https://api.zoom.us/v2"], "--base-url has nothing to do with it"),
    ],
)
def test_db_refuses_the_options_that_point_at_zoom(
    extra: list[str], expected: str, db_url: str
) -> None:
    """--db with --mock or --base-url is a contradiction: one line, exit 2."""
    result = run("audit", "--db", db_url, *extra)
    assert result.exit_code == 2
    assert expected in error_line(result)


def test_bad_db_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    """A missing SQLite file, an unknown scheme or a folder that is not there: exit 2, one line."""
    missing = tmp_path / "nothing-here.db"
    for db, expected in [
        (str(missing), "no such file"),
        ("mysql://u:hunter2@db/x", "unknown scheme"),
        (str(tmp_path / "no" / "folder.db"), "no such file"),
    ]:
        result = run("audit", "--db", db)
        assert result.exit_code == 2
        line = error_line(result)
        assert expected in line
        assert "hunter2" not in line
    assert not missing.exists()


def test_a_database_without_the_inventory_is_refused(tmp_path: Path) -> None:
    """A SQLite file that sync never filled is not silently an empty inventory."""
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    result = run("audit", "--db", str(other))
    assert result.exit_code == 2
    assert "not an inventory" in error_line(result)


def test_rebuilt_clips_keep_every_field(dataset: Dataset, db_url: str) -> None:
    """A row read back is the Clip that was stored: every field, enums and tags included."""
    _synced(dataset, db_url)
    account = dataset.sub_accounts[0].id
    wires = dataset.select(account, from_="2000-01-01", to="2100-01-01")
    expected = {w["clip_id"]: clip_from_json(w) for w in wires}
    engine = open_database(db_url)
    got = {item.clip.clip_id: item.clip for item in stored_clips(engine, accounts=[account])}
    engine.dispose()
    assert got.keys() == expected.keys()
    for clip_id, clip in expected.items():
        settings = clip.share_link_settings
        assert settings is not None
        assert got[clip_id] == attrs.evolve(  # the passcode is never stored by default
            clip, share_link_settings=attrs.evolve(settings, passcode=None)
        )
