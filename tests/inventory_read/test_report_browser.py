"""The report in a real headless Chromium: it renders cleanly and shows the database's figures.

Debian's ``chromium`` runs it (``.ci/run`` installs the package); without it the test skips, unless
``ZOOM_CLIPS_REQUIRE_CHROMIUM=1`` (set by ``.ci/run``) makes its absence a failure. The figures are
compared with the database by SQL, not with what the report module computed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from zoom_clips.inventory._db import open_database

from tests.cli._support import run
from tests.inventory_read._seed import random_inventory


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """This module's subject is not the database: SQLite alone."""
    return sqlite_db_url


CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, or a skip (a failure when CI requires it)."""
    if not CHROMIUM.exists():
        if os.environ.get("ZOOM_CLIPS_REQUIRE_CHROMIUM") == "1":
            pytest.fail(f"{CHROMIUM} is missing and ZOOM_CLIPS_REQUIRE_CHROMIUM=1")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 -- only with a browser

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _database_figures(db_url: str) -> dict[str, Any]:
    engine = open_database(db_url)
    live = "FROM clips WHERE missing_since IS NULL"
    public = f"{live} AND share_scope = 'ANYONE'"
    with engine.connect() as connection:

        def one(sql: str) -> int:
            return int(connection.execute(sa.text(sql)).scalar() or 0)

        figures = {
            "total-clips": one(f"SELECT COUNT(*) {live}"),
            "public-clips": one(f"SELECT COUNT(*) {public}"),
            "public-without-passcode": one(
                f"SELECT COUNT(*) {public} AND enable_passcode IS NOT TRUE"
            ),
            "total-bytes": one(f"SELECT COALESCE(SUM(file_size), 0) {live}"),
        }
        bare = connection.execute(
            sa.text(
                "SELECT COALESCE(owner_id, '(unknown owner)'), COUNT(*) "
                f"{public} AND enable_passcode IS NOT TRUE GROUP BY owner_id"
            )
        )
        scopes = connection.execute(
            sa.text(f"SELECT share_scope, COUNT(*) {live} GROUP BY share_scope")
        )
        result = {
            "metrics": figures,
            "bare": {owner: int(n) for owner, n in bare},
            "scopes": {scope: int(n) for scope, n in scopes},
        }
    engine.dispose()
    return result


def test_report_renders_without_errors_and_shows_the_databases_figures(
    browser: Any, db_url: str, tmp_path: Path
) -> None:
    """In Chromium, light and dark, the page logs no error, draws its charts, fetches nothing,
    and its numbers equal the SQL's."""
    random_inventory(5, clips=90).write(db_url)
    target = tmp_path / "exposure.html"
    assert run("report", "--db", db_url, "-o", str(target)).exit_code == 0
    expected = _database_figures(db_url)
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, offline=True)
        _check_page(context.new_page(), target, expected)
        context.close()


def _check_page(page: Any, target: Path, expected: dict[str, Any]) -> None:
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(target.as_uri())
    page.wait_for_load_state("load")

    shown = page.eval_on_selector_all(
        "[data-metric]",
        "els => Object.fromEntries(els.map(e => [e.dataset.metric, e.dataset.value]))",
    )
    assert {k: int(v) for k, v in shown.items()} == expected["metrics"]
    visible_total = page.inner_text("[data-metric=total-clips]")
    assert visible_total == f"{expected['metrics']['total-clips']:,}"
    bare = page.eval_on_selector_all(
        "tr[data-without-passcode]",
        "rows => rows.map(r => [r.dataset.owner, Number(r.dataset.withoutPasscode)])",
    )
    assert {owner: n for owner, n in bare if n} == expected["bare"]
    legend = page.eval_on_selector_all(
        ".legend li", "items => items.map(i => [i.dataset.scope, Number(i.dataset.count)])"
    )
    assert {s: n for s, n in legend if n} == expected["scopes"]

    areas = page.locator("#scope-chart polygon.area")
    assert areas.count() == len(expected["scopes"])
    box = page.locator("#scope-chart svg").bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 100
    page.hover(".legend li[data-scope=ANYONE]")  # the script runs: hover focuses a band
    assert "dim" in (page.get_attribute("#scope-chart svg", "class") or "")
    page.click("#latest-changes th")  # and sorts a table
    assert problems == []
    assert requests == [target.as_uri()]  # nothing but the file itself
