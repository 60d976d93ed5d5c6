"""docs/inventory.md's three SQL queries, run exactly as written there, answer their questions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from zoom_clips.inventory._db import open_database

from tests.inventory_read._page import expected_storage
from tests.inventory_read._seed import Inventory, day, random_inventory

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "inventory.md").read_text(encoding="utf-8")
QUERIES = {
    block.splitlines()[0].removeprefix("-- "): block
    for block in re.findall(r"```sql\n(.*?)```", GUIDE, re.DOTALL)
}
NOW = day(20)


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    """An engine on the test's inventory."""
    created = open_database(db_url)
    yield created
    created.dispose()


def _rows(engine: sa.Engine, name: str, **params: Any) -> list[tuple[Any, ...]]:
    query = sa.text(QUERIES[name])
    if params:
        query = query.bindparams(
            *(sa.bindparam(k, v, sa.DateTime(timezone=True)) for k, v in params.items())
        )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def test_the_readme_documents_the_three_queries() -> None:
    """The three questions are there, one SQL block each (a regex finding none proves nothing)."""
    assert set(QUERIES) == {
        "public clips without a passcode",
        "storage by owner",
        "clips that became public last week",
    }


def test_public_clips_without_a_passcode(db_url: str, engine: sa.Engine) -> None:
    """Live ANYONE clips with the passcode off or unknown, by owner; not protected or gone ones."""
    inventory = Inventory()
    inventory.clip("bare", share_scope="ANYONE", enable_passcode=False, owner_id="b")
    inventory.clip("unknown", share_scope="ANYONE", enable_passcode=None, owner_id="a")
    inventory.clip("protected", share_scope="ANYONE", enable_passcode=True)
    inventory.clip("gone", share_scope="ANYONE", missing_since=day(3))
    inventory.clip("org", share_scope="SAME_ORGANIZATION")
    inventory.write(db_url)
    rows = _rows(engine, "public clips without a passcode")
    assert [(row[1], row[2]) for row in rows] == [("a", "unknown"), ("b", "bare")]


def test_storage_by_owner(db_url: str, engine: sa.Engine) -> None:
    """Bytes and clip counts per owner over the live clips, largest first."""
    inventory = random_inventory(6)
    inventory.write(db_url)
    rows = _rows(engine, "storage by owner")
    got = {owner or "(unknown owner)": (int(size), int(count)) for owner, count, size in rows}
    assert got == expected_storage(inventory)
    assert [row[2] for row in rows] == sorted((row[2] for row in rows), reverse=True)


def test_clips_that_became_public_last_week(db_url: str, engine: sa.Engine) -> None:
    """Changes to ANYONE since then, and new clips first seen public; never older public clips."""
    inventory = Inventory()
    week_ago = NOW - timedelta(days=7)
    inventory.clip("changed", share_scope="ANYONE", created_date=day(0))
    inventory.change("changed", "share_scope", "PRIVATE", "ANYONE", day(17))
    inventory.clip("changed-earlier", share_scope="ANYONE", created_date=day(0))
    inventory.change("changed-earlier", "share_scope", "PRIVATE", "ANYONE", day(10))
    inventory.clip("new-public", share_scope="ANYONE", created_date=day(18), first_seen=day(18))
    inventory.clip("new-public-then-private", share_scope="PRIVATE", created_date=day(15.5))
    inventory.change("new-public-then-private", "share_scope", "ANYONE", "PRIVATE", day(19))
    inventory.clip(
        "old-public-first-run", share_scope="ANYONE", created_date=day(-30), first_seen=day(18)
    )
    inventory.clip("new-private", share_scope="PRIVATE", created_date=day(18))
    inventory.clip("passcode-only", share_scope="ANYONE", created_date=day(0))
    inventory.change("passcode-only", "enable_passcode", "true", "false", day(18))
    inventory.write(db_url)
    rows = _rows(engine, "clips that became public last week", since=week_ago)
    assert [row[0] for row in rows] == ["new-public-then-private", "changed", "new-public"]
    assert rows[1][4] is not None


def test_the_readmes_python_runs_the_last_week_query(db_url: str, engine: sa.Engine) -> None:
    """The guide's `became_public` binds `:since` to a week before now and finds a fresh change."""
    block = next(
        b
        for b in re.findall(r"```python\n(.*?)```", GUIDE, re.DOTALL)
        if ":since" in b or "became_public" in b
    )
    namespace: dict[str, Any] = {}
    exec(block, namespace)  # noqa: S102 -- the guide's own example, run as a reader would
    now = datetime.now(UTC)
    inventory = Inventory()
    inventory.clip("fresh", share_scope="ANYONE")
    inventory.change("fresh", "share_scope", "PRIVATE", "ANYONE", now - timedelta(days=1))
    inventory.clip("stale", share_scope="ANYONE")
    inventory.change("stale", "share_scope", "PRIVATE", "ANYONE", now - timedelta(days=8))
    inventory.write(db_url)
    rows = namespace["became_public"](engine, QUERIES["clips that became public last week"])
    assert [row[0] for row in rows] == ["fresh"]
