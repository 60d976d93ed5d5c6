"""`zoom-clips report`: one self-contained HTML page whose figures are the inventory's."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli._support import error_line, run
from tests.inventory_read._page import (
    expected_exposure,
    expected_metrics,
    expected_storage,
    marked,
    scopes_at,
)
from tests.inventory_read._seed import Inventory, day, random_inventory


def _report(db_url: str, target: Path, *options: str) -> str:
    result = run("report", "--db", db_url, "-o", str(target), *options)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"Wrote the exposure report to {target}."
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", [1, 2])
def test_the_page_states_the_inventorys_figures(seed: int, db_url: str, tmp_path: Path) -> None:
    """Tiles, owners' exposure and storage, as text and data-*, equal what the rows say."""
    inventory = random_inventory(seed)
    inventory.write(db_url)
    page = marked(_report(db_url, tmp_path / "exposure.html"))
    metrics = {e["data-metric"]: int(e["data-value"]) for e in page.having("data-metric")}
    assert metrics == expected_metrics(inventory)
    shown = {e["data-metric"]: e["text"] for e in page.having("data-metric")}
    assert shown["total-clips"] == f"{metrics['total-clips']:,}"
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


def test_scope_over_time_replays_first_sightings_and_changes(db_url: str, tmp_path: Path) -> None:
    """Every day of the scope table equals a replay of the seed; the legend, the clips now."""
    inventory = random_inventory(3, clips=80)
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


def test_latest_changes_are_listed_newest_first(db_url: str, tmp_path: Path) -> None:
    """The changes table holds the newest --changes rows of exposure_history, newest first."""
    inventory = random_inventory(4)
    inventory.write(db_url)
    page = marked(_report(db_url, tmp_path / "exposure.html", "--changes", "5"))
    listed = [(e["data-observed-at"], e["data-clip-id"]) for e in page.having("data-observed-at")]
    newest = sorted(inventory.changes, key=lambda c: c["observed_at"], reverse=True)[:5]
    expected = [(c["observed_at"].isoformat().replace("+00:00", "Z"), c["clip_id"]) for c in newest]
    assert listed == expected


def test_the_page_is_self_contained_escaped_and_without_passcodes(
    db_url: str, tmp_path: Path
) -> None:
    """No URL to fetch, no passcode, and a hostile title shown as text, not markup."""
    inventory = Inventory()
    hostile = '<img src=x onerror="alert(1)">&'
    inventory.clip("c1", title=hostile, share_scope="ANYONE", passcode="pc-secret-4821")
    inventory.change("c1", "share_scope", "PRIVATE", "ANYONE", day(2))
    inventory.write(db_url)
    text = _report(db_url, tmp_path / "exposure.html")
    assert "pc-secret-4821" not in text
    assert hostile not in text
    # Jinja2 autoescape (markupsafe) spells a double quote &#34;, as html.escape spelt &quot;.
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;" in text
    assert "://" not in text  # no share link, no CDN, no font: nothing to fetch
    markup = text.replace("&lt;img src=x", "")  # the title, as text
    assert not re.search(r"<(link|img|iframe|object)\b|\bsrc=|@import|url\(", markup)
    assert text.count("<script>") == 1
    assert text.count("<svg") == 3


def test_an_empty_inventory_still_makes_a_page(db_url: str, tmp_path: Path) -> None:
    """No clips yet: zeros and empty states, not an error."""
    Inventory().write(db_url)
    page = marked(_report(db_url, tmp_path / "exposure.html"))
    metrics = {e["data-metric"]: int(e["data-value"]) for e in page.having("data-metric")}
    assert metrics == dict.fromkeys(
        ("total-clips", "public-clips", "public-without-passcode", "total-bytes"), 0
    )


def test_a_failed_report_leaves_the_old_file(tmp_path: Path) -> None:
    """A bad --db is one line, exit 2, and the existing report is left as it was."""
    target = tmp_path / "exposure.html"
    target.write_text("old report")
    result = run("report", "--db", str(tmp_path / "missing.db"), "-o", str(target))
    assert result.exit_code == 2
    assert "no such file" in error_line(result)
    assert target.read_text() == "old report"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_the_report_must_be_an_html_file(db_url: str, tmp_path: Path) -> None:
    """-o report.csv is refused before anything is read."""
    result = run("report", "--db", db_url, "-o", str(tmp_path / "report.csv"))
    assert result.exit_code == 2
    assert "name a .html file" in error_line(result)
