"""Writing what a run saw: clip rows upserted in batches, exposure changes, checkpoints, runs.

A batch is one page (or a few) of one account's window. It reads the rows it already holds for
those ids, then in one transaction inserts the new clips, updates the ones whose own fields
changed (recording each change of share scope, passcode on/off and status in
``exposure_history``), and only touches ``last_seen``/``missing_since`` of the rest, so a run
that finds nothing changed writes only bookkeeping. A window's checkpoint goes in the same
transaction as its last batch.

Every write is idempotent: ``first_seen``/``last_seen`` are the run's planned instant (its
``until``), so a window fetched again after a killed run writes exactly what it wrote before,
and a resumed run ends with the database one clean run gives. An older state of a clip never
overwrites a newer one (by ``modified_date``): under ``MODIFIED_DATE`` two windows may return
the same clip, and which arrives first must not matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from zoom_clips import Clip

from . import _schema
from ._bulk import insert_new

__all__ = ["EXPOSURE_FIELDS", "OWN_FIELDS", "BatchCounts", "clip_row", "write_batch"]

#: A clip's own fields: what Zoom says about it (the rest of a row is bookkeeping).
OWN_FIELDS = _schema.CLIP_OWN_FIELDS
#: The fields whose every change gets a row in ``exposure_history``.
EXPOSURE_FIELDS = ("share_scope", "enable_passcode", "status")

_clips = _schema.clips


@attrs.define
class BatchCounts:
    """What writing one batch did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: int = 0  # rows added to exposure_history


def _text(value: object) -> str | None:
    """An enum member as its value; a plain string (a value Zoom added later) as it is."""
    # str() of a StrEnum member is its value, and much cheaper than reading ``.value``.
    return None if value is None else str(value)


def clip_row(account_id: str, clip: Clip, *, include_passcodes: bool) -> dict[str, Any]:
    """The own fields of ``clip`` as a ``clips`` row (a passcode only with include_passcodes)."""
    settings = clip.share_link_settings
    return {
        "clip_id": clip.clip_id,
        "account_id": account_id,
        "title": clip.title,
        "description": clip.description,
        "duration": clip.duration,
        "status": _text(clip.status),
        "owner_id": clip.owner_id,
        "file_size": clip.file_size,
        "share_link": clip.share_link,
        "share_scope": _text(settings.share_scope) if settings else None,
        "enable_passcode": settings.enable_passcode if settings else None,
        "passcode": settings.passcode if settings and include_passcodes else None,
        "thumbnail_link": clip.thumbnail_link,
        "created_date": clip.created_date,
        "modified_date": clip.modified_date,
        "tags": list(clip.tags),
        "extra": dict(clip.extra),
    }


def _compared(include_passcodes: bool) -> tuple[str, ...]:
    # Without include_passcodes a run neither reads nor writes passcodes: it leaves them be.
    return OWN_FIELDS if include_passcodes else tuple(f for f in OWN_FIELDS if f != "passcode")


def _older(new: Mapping[Any, Any], old: Mapping[Any, Any]) -> bool:
    """Whether ``new`` is an older state of the clip than the row holds."""
    new_at, old_at = new["modified_date"], old["modified_date"]
    return new_at is not None and old_at is not None and new_at < old_at


def write_batch(
    conn: Connection,
    rows: Sequence[dict[str, Any]],
    *,
    seen_at: datetime,
    run_id: int,
    include_passcodes: bool,
) -> BatchCounts:
    """Upsert ``rows`` (from :func:`clip_row`) inside the caller's transaction."""
    counts = BatchCounts()
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:  # one batch may hold a clip twice (two windows): keep its newest state
        held = latest.get(row["clip_id"])
        if held is None or not _older(row, held):
            latest[row["clip_id"]] = row
    if not latest:
        return counts
    compared = _compared(include_passcodes)
    columns = [_clips.c.clip_id, *(_clips.c[name] for name in compared)]
    known = _held_ids(conn, list(latest))
    existing = {}
    if known:
        found_rows = conn.execute(sa.select(*columns).where(_clips.c.clip_id.in_(known)))
        existing = {found.clip_id: found._mapping for found in found_rows}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    touched: list[str] = []
    history: list[dict[str, Any]] = []
    for clip_id, row in latest.items():
        old = existing.get(clip_id)
        if old is None:
            inserts.append(row)
            continue
        if _older(row, old) or all(row[name] == old[name] for name in compared):
            touched.append(clip_id)
            continue
        updates.append({**{name: row[name] for name in compared}, "b_clip_id": clip_id})
        history.extend(
            {
                "clip_id": clip_id,
                "account_id": row["account_id"],
                "field": name,
                "old_value": _history_text(old[name]),
                "new_value": _history_text(row[name]),
                "observed_at": seen_at,
                "run_id": run_id,
            }
            for name in EXPOSURE_FIELDS
            if row[name] != old[name]
        )
    if inserts:
        insert_new(conn, inserts, seen_at)
    if updates:
        statement = (
            _clips.update()
            .where(_clips.c.clip_id == sa.bindparam("b_clip_id"))
            .values(
                {name: sa.bindparam(name) for name in compared}
                | {"last_seen": seen_at, "missing_since": None}
            )
        )
        conn.execute(statement, updates)
    if touched:
        conn.execute(
            _clips.update()
            .where(_clips.c.clip_id.in_(touched))
            .values(last_seen=seen_at, missing_since=None)
        )
    if history:
        conn.execute(_schema.exposure_history.insert(), history)
    counts.inserted, counts.updated, counts.unchanged = len(inserts), len(updates), len(touched)
    counts.changes = len(history)
    return counts


def _held_ids(conn: Connection, ids: list[str]) -> list[str]:
    """Which of ``ids`` the inventory holds, asked through the driver.

    SQLAlchemy renders an expanding ``IN`` of thousands of ids a name at a time, which cost a
    first sync (where none is held) a tenth of its time; the typed select then reads only the
    rows that exist.
    """
    if conn.dialect.name != "sqlite":  # one array parameter: psycopg parses no long query
        found = conn.exec_driver_sql("SELECT clip_id FROM clips WHERE clip_id = ANY(%s)", (ids,))
        return [row[0] for row in found]
    markers = ", ".join(["?"] * len(ids))
    statement = f"SELECT clip_id FROM clips WHERE clip_id IN ({markers})"  # noqa: S608 -- no input
    return [row[0] for row in conn.exec_driver_sql(statement, tuple(ids))]


def _history_text(value: object) -> str | None:
    """A history value as text: ``true``/``false`` for the passcode switch."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


def mark_missing(
    conn: Connection, account_ids: Iterable[str], *, since: datetime, seen_at: datetime
) -> int:
    """Mark the accounts' clips created since ``since`` that a full run did not see as missing."""
    result = conn.execute(
        _clips.update()
        .where(
            _clips.c.account_id.in_(list(account_ids)),
            _clips.c.last_seen < seen_at,
            _clips.c.missing_since.is_(None),
            _clips.c.created_date >= since,
        )
        .values(missing_since=seen_at)
    )
    return int(result.rowcount or 0)
