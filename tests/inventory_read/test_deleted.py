"""Deleted is not exposed, in the inventory too: `audit --db` and the report leave RECORD_DELETE
clips out of findings, exit codes, live totals and charts, and the report shows them apart."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from zoom_clips.inventory._db import open_database
from zoom_clips.inventory._figures import figures
from zoom_clips.inventory._queries import stored_clips

from tests.cli._support import run
from tests.inventory_read._page import (
    expected_exposure,
    expected_metrics,
    expected_storage,
    marked,
    scopes_at,
)
from tests.inventory_read._seed import Inventory, day, random_inventory
from tests.inventory_read.test_readme_sql import _rows as readme_rows

GIB = 1024**3


def _report(db_url: str, target: Path) -> str:
    result = run("report", "--db", db_url, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def _deleted_public_inventory() -> Inventory:
    """A live private clip, and a public one without a passcode that was deleted on day 5."""
    inventory = Inventory()
    inventory.clip("live", share_scope="PRIVATE", owner_id="ana", file_size=GIB)
    inventory.clip(
        "gone", share_scope="ANYONE", owner_id="bo", file_size=100 * GIB, status="RECORD_DELETE"
    )
    inventory.change("gone", "status", "RECORD_SUCCESS", "RECORD_DELETE", day(5))
    return inventory


def test_audit_db_leaves_a_deleted_public_clip_out_and_exits_0(db_url: str) -> None:
    """A deleted public clip without a passcode is no finding and fails no gate, offline."""
    _deleted_public_inventory().write(db_url)
    for gate in ("anyone", "no-passcode"):
        result = run("audit", "--db", db_url, "--fail-on", gate)
        assert result.exit_code == 0, result.stdout
        assert "No clips are shared with anyone who has the link." in result.stdout
        assert "1 deleted clip (RECORD_DELETE) shared with ANYONE left out" in result.stdout
    csv = run("audit", "--db", db_url, "-f", "csv")
    assert (csv.exit_code, csv.stdout.splitlines()[1:]) == (0, [])


def test_audit_db_still_fails_on_a_live_public_clip(db_url: str) -> None:
    """Beside a deleted one, a live public clip is a finding: exit 1, and only it is listed."""
    inventory = _deleted_public_inventory()
    inventory.clip("open", share_scope="ANYONE", owner_id="cy")
    inventory.write(db_url)
    result = run("audit", "--db", db_url, "-f", "csv")
    assert result.exit_code == 1
    assert [line.split(",")[2] for line in result.stdout.splitlines()[1:]] == ["open"]


def test_stored_clips_select_several_statuses_or_leave_some_out(db_url: str) -> None:
    """statuses= keeps any of several; exclude_statuses= leaves out, never a clip without one."""
    inventory = Inventory()
    for clip_id, status in [
        ("a", "RECORD_SUCCESS"),
        ("b", "RECORD_DELETE"),
        ("c", "SUSPENDED"),
        ("d", None),
    ]:
        inventory.clip(clip_id, status=status)
    inventory.write(db_url)
    engine = open_database(db_url)
    try:

        def ids(**options: Any) -> list[str]:
            return [item.clip.clip_id or "" for item in stored_clips(engine, **options)]

        assert ids() == ["a", "b", "c", "d"]
        assert ids(statuses=["SUSPENDED", "RECORD_SUCCESS"]) == ["a", "c"]
        assert ids(exclude_statuses=["RECORD_DELETE"]) == ["a", "c", "d"]
        assert ids(statuses=["RECORD_SUCCESS", "RECORD_DELETE"], exclude_statuses=["b"]) == [
            "a",
            "b",
        ]
    finally:
        engine.dispose()


def test_audit_db_takes_several_statuses_and_exclusions(db_url: str) -> None:
    """--status A --status B and --exclude-status narrow the offline audit as the online one."""
    inventory = Inventory()
    for clip_id, status in [("a", "RECORD_SUCCESS"), ("c", "SUSPENDED"), ("e", "RECORD_END")]:
        inventory.clip(clip_id, status=status, share_scope="ANYONE")
    inventory.write(db_url)

    def found(*options: str) -> list[str]:
        result = run("audit", "--db", db_url, "-f", "csv", *options)
        assert result.exit_code == 1, result.stderr
        return [line.split(",")[2] for line in result.stdout.splitlines()[1:]]

    assert found("--status", "RECORD_SUCCESS", "--status", "suspended") == ["a", "c"]
    assert found("--exclude-status", "RECORD_SUCCESS,SUSPENDED") == ["e"]
    assert found("--status", "!RECORD_END") == ["a", "c"]


def test_the_report_counts_deleted_clips_apart(db_url: str, tmp_path: Path) -> None:
    """Headline, owners and scope chart hold the live clip only; the deleted one is a note."""
    _deleted_public_inventory().write(db_url)
    page = _report(db_url, tmp_path / "exposure.html")
    found = marked(page)
    metrics = {e["data-metric"]: int(e["data-value"]) for e in found.having("data-metric")}
    assert metrics == {
        "total-clips": 1,
        "public-clips": 0,
        "public-without-passcode": 0,
        "total-bytes": GIB,
        "deleted-clips": 1,
        "deleted-bytes": 100 * GIB,
    }
    assert [e["data-owner"] for e in found.having("data-bytes")] == ["ana"]
    assert found.having("data-without-passcode") == []
    legend = {e["data-scope"]: int(e["data-count"]) for e in found.having("data-count")}
    assert {k: v for k, v in legend.items() if v} == {"PRIVATE": 1}
    note = re.search(r'<p class="note" id="deleted">(.*?)</p>', page)
    assert note is not None
    assert "1 deleted clip" in note.group(1)
    assert "100.0 GiB" in note.group(1)
    assert "1 account · 1 owner" in page


def test_a_report_without_deleted_clips_has_no_deleted_note(db_url: str, tmp_path: Path) -> None:
    """The note is there only when there is something to say."""
    inventory = Inventory()
    inventory.clip("live")
    inventory.write(db_url)
    page = _report(db_url, tmp_path / "exposure.html")
    assert 'id="deleted"' not in page
    assert "deleted-clips" not in page


@pytest.mark.parametrize("seed", [1, 2])
def test_the_figures_of_an_inventory_with_deletions_count_live_clips(
    seed: int, db_url: str, tmp_path: Path
) -> None:
    """Tiles, owners' exposure and storage equal the seed's live clips; deleted ones apart."""
    inventory = random_inventory(seed, deleted=0.3)
    assert any(row["status"] == "RECORD_DELETE" for row in inventory.clips)
    inventory.write(db_url)
    page = marked(_report(db_url, tmp_path / "exposure.html"))
    metrics = {e["data-metric"]: int(e["data-value"]) for e in page.having("data-metric")}
    assert metrics == expected_metrics(inventory)
    assert metrics["deleted-clips"] > 0
    exposure = {
        e["data-owner"]: (int(e["data-without-passcode"]), int(e["data-with-passcode"]))
        for e in page.having("data-without-passcode")
    }
    assert exposure == expected_exposure(inventory)
    storage = {
        e["data-owner"]: (int(e["data-bytes"]), int(e["data-clips"]))
        for e in page.having("data-bytes")
    }
    assert storage == expected_storage(inventory)


def test_the_scope_chart_drops_a_clip_from_the_day_it_was_deleted(
    db_url: str, tmp_path: Path
) -> None:
    """Every day of the scope table equals a replay of scope and status changes of the seed."""
    inventory = random_inventory(3, clips=80, deleted=0.3)
    inventory.write(db_url)
    text = _report(db_url, tmp_path / "exposure.html")
    rows = re.findall(r'<tr data-point="([^"]+)">(.*?)</tr>', text)
    assert len(rows) > 20
    for point, cells in rows:
        got = {scope: int(n) for scope, n in re.findall(r'data-scope="(\w+)">(\d+)<', cells)}
        expected = scopes_at(inventory, datetime.fromisoformat(point))
        assert {k: v for k, v in got.items() if v} == +expected, point
    legend = {e["data-scope"]: int(e["data-count"]) for e in marked(text).having("data-count")}
    assert {k: v for k, v in legend.items() if v} == +scopes_at(inventory, day(1000))
    engine = open_database(db_url)
    try:
        last = {scope: counts[-1] for scope, counts in figures(engine).scopes.counts.items()}
        assert sum(last.values()) == figures(engine).total_clips  # the chart ends at the headline
    finally:
        engine.dispose()


def test_the_readmes_sql_leaves_deleted_clips_out(db_url: str) -> None:
    """The guide's public-clips and storage queries answer over live clips, as the report does."""
    inventory = random_inventory(6, deleted=0.3)
    inventory.clip("gone-bare", share_scope="ANYONE", owner_id="b", status="RECORD_DELETE")
    inventory.clip("open-bare", share_scope="ANYONE", owner_id="a", enable_passcode=None)
    inventory.write(db_url)
    engine = open_database(db_url)
    try:
        bare = [row[2] for row in readme_rows(engine, "public clips without a passcode")]
        storage = readme_rows(engine, "storage by owner")
    finally:
        engine.dispose()
    assert "open-bare" in bare
    assert "gone-bare" not in bare
    assert all(
        row["status"] != "RECORD_DELETE" for row in inventory.clips if row["clip_id"] in bare
    )
    got = {owner or "(unknown owner)": (int(size), int(count)) for owner, count, size in storage}
    assert got == expected_storage(inventory)
