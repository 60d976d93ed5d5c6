"""One clip brought up to date between syncs (a webhook's ``clip.completed``): fetched by id,
written exactly as a sync writes a page.

The clip is fetched with ``GET /clips/{clipId}`` and stored by ``_store.write_batch``, the code a
sync writes its pages with: a new clip is inserted, a changed one updated with its exposure
changes in ``exposure_history``, an older state never overwrites a newer one (by
``modified_date``), and an unchanged one only gets ``last_seen``. A clip Zoom no longer has (404)
is marked as a full sync marks a clip it no longer finds: ``missing_since``, the row kept. A soft
delete is no 404: the clip comes back ``RECORD_DELETE`` and is stored like any change of status.

Each refresh that changes the inventory is recorded as a run of mode ``webhook`` (the run the
history's rows name); one that changes nothing leaves no trace but ``last_seen``, so the same
event delivered twice changes nothing. A refresh takes no inventory lock (it would fail through
a whole sync): its one short transaction takes SQLite's write lock with its first statement, and
rows a sync wrote meanwhile are what it compares with.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from zoom_clips import AsyncZoomClips, Clip, NotFoundError

from . import _schema
from ._db import open_database
from ._lock import inventory_lock
from ._migrations import MIGRATIONS, current_version, migrate
from ._plan import whole_second
from ._store import clip_row, write_batch

__all__ = ["ClipRefresh", "refresh_clip"]

Outcome = Literal["inserted", "updated", "unchanged", "missing", "absent"]


@attrs.frozen
class ClipRefresh:
    """What :func:`refresh_clip` did to one clip.

    ``outcome``: ``inserted`` (new to the inventory), ``updated`` (its fields changed),
    ``unchanged``, ``missing`` (Zoom answered 404: marked ``missing_since`` now), or ``absent``
    (404 for a clip the inventory does not hold, or already marks missing: nothing to record).
    ``run_id`` is the ``webhook`` run that recorded the change (``None`` when nothing changed);
    ``changes`` the rows it added to ``exposure_history``.
    """

    clip_id: str
    outcome: Outcome
    run_id: int | None = None
    changes: int = 0


def _wall_clock() -> datetime:
    return datetime.now(UTC)


def _schema_ready(engine: Engine, clock: Callable[[], datetime]) -> None:
    """Migrate the inventory if it is behind (under the sync lock), refuse one that is ahead."""
    if current_version(engine) != len(MIGRATIONS):
        with inventory_lock(engine):
            migrate(engine, now=clock)


def _held(conn: Connection, clip_id: str) -> Any:
    clips = _schema.clips
    found = conn.execute(
        sa.select(clips.c.account_id, clips.c.missing_since).where(clips.c.clip_id == clip_id)
    )
    return found.first()


def _write(
    engine: Engine,
    clip_id: str,
    clip: Clip | None,
    *,
    account_id: str | None,
    include_passcodes: bool,
    clock: Callable[[], datetime],
) -> ClipRefresh:
    """Store ``clip`` (``None``: Zoom answered 404) in one transaction; what that did."""
    seen_at = whole_second(clock())
    runs = _schema.runs
    with engine.begin() as conn:
        # The run's row first: on SQLite this write takes the database's write lock before
        # anything is read, so a sync writing meanwhile is waited for (busy_timeout), never read
        # stale. It is deleted again, in this transaction, if there is nothing for it to record.
        started = clock()
        inserted = conn.execute(
            runs.insert().values(
                mode=_schema.WEBHOOK_MODE,
                started_at=started,
                finished_at=started,
                until=seen_at,
                requests=1,
                clips=0 if clip is None else 1,
                outcome="ok",
            )
        ).inserted_primary_key
        assert inserted is not None  # noqa: S101 -- an insert always has one
        run_id = int(inserted[0])
        held = _held(conn, clip_id if clip is None else clip.clip_id)
        refresh = _stored(
            conn,
            clip_id,
            clip,
            held=held,
            account_id=account_id,
            run_id=run_id,
            seen_at=seen_at,
            include_passcodes=include_passcodes,
        )
        if refresh.run_id is None:
            conn.execute(runs.delete().where(runs.c.run_id == run_id))
    return refresh


def _stored(
    conn: Connection,
    clip_id: str,
    clip: Clip | None,
    *,
    held: Any,
    account_id: str | None,
    run_id: int,
    seen_at: datetime,
    include_passcodes: bool,
) -> ClipRefresh:
    if clip is None:
        if held is None or held.missing_since is not None:
            return ClipRefresh(clip_id, "absent")
        clips = _schema.clips
        conn.execute(clips.update().where(clips.c.clip_id == clip_id).values(missing_since=seen_at))
        return ClipRefresh(clip_id, "missing", run_id)
    # The account a sync listed the clip under stays its account; a new clip gets the event's.
    account = held.account_id if held is not None else account_id
    if not account:
        raise ValueError(
            f"clip {clip.clip_id!r} is not in the inventory yet: give the account_id it belongs to"
        )
    row = clip_row(account, clip, include_passcodes=include_passcodes)
    counts = write_batch(
        conn, [row], seen_at=seen_at, run_id=run_id, include_passcodes=include_passcodes
    )
    if counts.inserted:
        return ClipRefresh(clip.clip_id, "inserted", run_id)
    if counts.updated:
        return ClipRefresh(clip.clip_id, "updated", run_id, counts.changes)
    return ClipRefresh(clip.clip_id, "unchanged")


async def refresh_clip(
    database: Engine | str | None,
    client: AsyncZoomClips,
    clip_id: str,
    *,
    account_id: str | None = None,
    include_passcodes: bool = False,
    clock: Callable[[], datetime] = _wall_clock,
) -> ClipRefresh:
    """Fetch clip ``clip_id`` and store it in the inventory as a sync would; what that did.

    For a webhook's clip event, between syncs. ``account_id`` (the event's ``account_id``) is
    needed only for a clip the inventory does not hold yet (``ValueError`` without it); a held
    clip keeps the account a sync listed it under. A 404 marks a held clip ``missing_since``,
    as a full sync does. ``clock`` stamps ``last_seen`` (whole seconds, as a sync's ``until``).
    Idempotent: the same clip stored again changes nothing but ``last_seen``. Migrations are
    applied first if the inventory is behind. Errors of the fetch (other than 404) are raised
    as the client raises them, and nothing is written.

    Give an engine (``open_database``) when refreshing many clips: a ``--db`` string opens and
    closes one for this call only.

    >>> async def on_clip_event(event: ClipEvent) -> None:  # doctest: +SKIP
    ...     await refresh_clip(engine, aclient, event.clip_id, account_id=event.account_id)
    """
    if not isinstance(clip_id, str) or not clip_id:
        raise ValueError(f"clip_id must be a non-empty string, not {clip_id!r}")
    engine = database if isinstance(database, Engine) else open_database(database)
    try:
        await asyncio.to_thread(_schema_ready, engine, clock)
        try:
            clip: Clip | None = await client.clips.get(clip_id)
        except NotFoundError:
            clip = None
        options: dict[str, Any] = {
            "account_id": account_id,
            "include_passcodes": include_passcodes,
            "clock": clock,
        }
        # The database is written in a thread: a receiver's event loop keeps answering Zoom.
        try:
            return await asyncio.to_thread(_write, engine, clip_id, clip, **options)
        except IntegrityError:
            # A sync inserted the clip between our read and our insert (PostgreSQL): now it is
            # held, and storing it again is an update like any other.
            return await asyncio.to_thread(_write, engine, clip_id, clip, **options)
    finally:
        if engine is not database:
            engine.dispose()
