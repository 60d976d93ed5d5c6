"""`zoom-clips history`: a clip's exposure timeline from the inventory, one line per change."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli._support import error_line, run
from tests.inventory_read._seed import Inventory, day


@pytest.fixture
def inventory(db_url: str) -> Inventory:
    """A clip that went public, lost its passcode, went private and was deleted (its changes
    seeded out of order); one that never changed; one whose change is its own."""
    seeded = Inventory()
    seeded.clip("clip-1", account_id="acct-a", share_scope="PRIVATE", first_seen=day(0))
    seeded.clip("quiet", first_seen=day(1), last_seen=day(9))
    seeded.change("clip-1", "share_scope", "SAME_ORGANIZATION", "ANYONE", day(2))
    seeded.change("clip-1", "enable_passcode", "true", "false", day(2.5))
    seeded.change("clip-1", "status", "RECORD_SUCCESS", "RECORD_DELETE", day(4))
    seeded.change("clip-1", "share_scope", "ANYONE", "PRIVATE", day(3))
    seeded.clip("other", share_scope="ANYONE")
    seeded.change("other", "share_scope", "PRIVATE", "ANYONE", day(2))  # not clip-1's timeline
    seeded.write(db_url)
    return seeded


def test_one_line_per_change_oldest_first(inventory: Inventory, db_url: str) -> None:
    """Each change is one line: when, what, old → new, in the order they were observed."""
    result = run("history", "--db", db_url, "--clip", "clip-1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-01-03T09:00:00Z  share_scope      SAME_ORGANIZATION → ANYONE",
        "2026-01-03T21:00:00Z  enable_passcode  true → false",
        "2026-01-04T09:00:00Z  share_scope      ANYONE → PRIVATE",
        "2026-01-05T09:00:00Z  status           RECORD_SUCCESS → RECORD_DELETE",
    ]
    assert "first seen 2026-01-01T09:00:00Z" in result.stderr
    assert "4 exposure changes" in result.stderr


def test_a_clip_without_changes_prints_no_lines(inventory: Inventory, db_url: str) -> None:
    """A clip seen but never changed has an empty timeline, and its sighting on stderr."""
    result = run("history", "--db", db_url, "--clip", "quiet")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "first seen 2026-01-02T09:00:00Z, last seen 2026-01-10T09:00:00Z" in result.stderr
    assert "0 exposure changes" in result.stderr


def test_a_clip_never_seen_is_one_line_and_exit_2(inventory: Inventory, db_url: str) -> None:
    """An id the inventory does not know: one error line naming it, exit 2."""
    result = run("history", "--db", db_url, "--clip", "no-such-clip")
    assert result.exit_code == 2
    assert "'no-such-clip' has never been seen" in error_line(result)
    assert result.stdout == ""


def test_csv_and_jsonl_carry_the_same_changes(
    inventory: Inventory, db_url: str, tmp_path: Path
) -> None:
    """--format csv and -o x.jsonl write one row per change with every column."""
    as_csv = run("history", "--db", db_url, "--clip", "clip-1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    target = tmp_path / "changes.jsonl"
    as_file = run("history", "--db", db_url, "--clip", "clip-1", "-o", str(target))
    assert as_file.exit_code == 0, as_file.stderr
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert (
        [r["field"] for r in rows]
        == [r["field"] for r in records]
        == [
            "share_scope",
            "enable_passcode",
            "share_scope",
            "status",
        ]
    )
    assert records[0] == {
        "observed_at": "2026-01-03T09:00:00Z",
        "field": "share_scope",
        "old_value": "SAME_ORGANIZATION",
        "new_value": "ANYONE",
        "run_id": 1,
    }
    assert rows[0]["old_value"] == "SAME_ORGANIZATION"
    assert f"Wrote 4 changes to {target}" in as_file.stderr


def test_history_needs_a_clip_and_a_readable_db(tmp_path: Path) -> None:
    """No --clip is a usage error; a --db that is not there is one line; both exit 2."""
    assert run("history", "--db", str(tmp_path / "x.db")).exit_code == 2
    result = run("history", "--db", str(tmp_path / "x.db"), "--clip", "c")
    assert result.exit_code == 2
    assert "no such file" in error_line(result)


def test_hostile_values_are_data_in_every_history_format() -> None:
    """A value a clip owner typed (a passcode) never reaches a spreadsheet as a formula nor a
    terminal as an escape sequence; JSON Lines keeps the text for JSON readers."""
    import io  # noqa: PLC0415 -- only this test needs it
    import json  # noqa: PLC0415
    from datetime import UTC, datetime  # noqa: PLC0415

    from zoom_clips._cli._export import csv_text  # noqa: PLC0415
    from zoom_clips._cli._history import HistoryFormat, write_timeline  # noqa: PLC0415
    from zoom_clips.inventory._queries import ExposureChange, Timeline  # noqa: PLC0415

    hostile = '=HYPERLINK("http://x")\x1b[2J\u202e'
    when = datetime(2025, 1, 2, tzinfo=UTC)
    timeline = Timeline(
        clip_id="c",
        account_id="a",
        title=None,
        first_seen=when,
        last_seen=when,
        missing_since=None,
        changes=(ExposureChange(when, "passcode", None, hostile, 1),),
    )
    outputs = {}
    for fmt in HistoryFormat:
        out = io.StringIO()
        write_timeline(timeline, out, fmt)
        outputs[fmt] = out.getvalue()
    assert "\x1b" not in outputs[HistoryFormat.TEXT]
    assert "\u202e" not in outputs[HistoryFormat.TEXT]
    assert "\\x1b[2J" in outputs[HistoryFormat.TEXT]
    cell = outputs[HistoryFormat.CSV].splitlines()[1].split(",", 3)[3].rsplit(",", 1)[0]
    assert not cell.strip('"').startswith("=")
    assert csv_text(cell.strip('"').replace('""', '"')) == hostile
    assert "\x1b" not in outputs[HistoryFormat.JSONL]
    assert json.loads(outputs[HistoryFormat.JSONL])["new_value"] == hostile
