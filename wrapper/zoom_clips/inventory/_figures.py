"""The exposure report's figures, computed from the inventory's tables (never from Zoom).

Every figure counts the live clips only (``missing_since`` is NULL and ``status`` is not
``RECORD_DELETE``), as the audit does: Zoom deletes softly, so a deleted clip still lists, but it
is not exposed; deleted clips are counted apart (``deleted_clips``, ``deleted_bytes``). "Public"
means ``share_scope = 'ANYONE'``; "without a passcode" means ``enable_passcode`` is not true (an
unknown setting counts as unprotected, as in the audit). Scope over time replays each clip from
its ``first_seen`` through its ``share_scope`` and ``status`` changes in ``exposure_history`` (to
its ``missing_since``; while deleted it is not counted), so the last point equals the current
counts. Aggregation happens in SQL or while rows stream, so memory stays flat however many clips
there are.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from zoom_clips import ShareScope

from . import _schema
from ._queries import enum_or_text

__all__ = [
    "NO_OWNER",
    "NO_SCOPE",
    "Change",
    "Figures",
    "OwnerExposure",
    "OwnerStorage",
    "ScopeSeries",
    "figures",
]

NO_SCOPE = "(none)"
NO_OWNER = "(unknown owner)"
_MAX_POINTS = 120  # points of the scope chart: days, or several days each for a long inventory
_BATCH = 5_000

clips, history, runs = _schema.clips, _schema.exposure_history, _schema.runs
_DELETED_STATUS = "RECORD_DELETE"
_KEPT = clips.c.missing_since.is_(None)  # still found by sync, deleted or not
_DELETED = sa.and_(_KEPT, clips.c.status == _DELETED_STATUS)
_LIVE = sa.and_(_KEPT, sa.or_(clips.c.status.is_(None), clips.c.status != _DELETED_STATUS))
_PUBLIC = clips.c.share_scope == "ANYONE"
_BARE = sa.or_(clips.c.enable_passcode.is_(None), clips.c.enable_passcode.is_(False))


@attrs.frozen
class OwnerExposure:
    """One owner's live clips shared with ANYONE, with and without a passcode."""

    owner_id: str
    without_passcode: int
    with_passcode: int


@attrs.frozen
class OwnerStorage:
    """The bytes (``file_size``) and clip count of one owner's live clips."""

    owner_id: str
    clips: int
    bytes: int


@attrs.frozen
class Change:
    """One row of ``exposure_history``, with the clip's title and owner for the report."""

    observed_at: datetime
    clip_id: str
    title: str | None
    owner_id: str | None
    account_id: str
    field: str
    old_value: str | None
    new_value: str | None


@attrs.frozen
class ScopeSeries:
    """Live clips by share scope at each of ``points`` (aware UTC instants, ascending)."""

    points: tuple[datetime, ...]
    counts: dict[str, tuple[int, ...]]  # scope -> one count per point


@attrs.frozen
class Figures:
    """Everything the report shows."""

    as_of: datetime | None  # the latest observation in the inventory
    total_clips: int
    public_clips: int
    public_without_passcode: int
    total_bytes: int
    deleted_clips: int  # soft-deleted (RECORD_DELETE), left out of every other figure
    deleted_bytes: int
    accounts: int
    owners: int
    runs: int
    scopes: ScopeSeries
    exposure_by_owner: tuple[OwnerExposure, ...]
    storage_by_owner: tuple[OwnerStorage, ...]
    latest_changes: tuple[Change, ...]


def _scope_name(value: str | None) -> str:
    if value is None:
        return NO_SCOPE
    scope = enum_or_text(value, ShareScope)
    return scope.value if isinstance(scope, ShareScope) else value


def _as_of(connection: Connection) -> datetime | None:
    seen = connection.execute(sa.select(sa.func.max(clips.c.last_seen))).scalar()
    observed = connection.execute(sa.select(sa.func.max(history.c.observed_at))).scalar()
    instants = [_aware(when) for when in (seen, observed) if when is not None]
    return max(instants) if instants else None


def _aware(value: object) -> datetime:
    """An aggregate's instant: SQLite returns MAX() of a timestamp as naive text or datetime."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _points(start: datetime, end: datetime) -> tuple[datetime, ...]:
    """End of each day (or each few days) from ``start`` to ``end``, the last one ``end`` itself."""
    first_day, last_day = start.date(), end.date()
    days = (last_day - first_day).days + 1
    step = max(1, -(-days // _MAX_POINTS))
    points = []
    day = first_day
    while day < last_day:
        points.append(datetime.combine(day, time.max, tzinfo=UTC))
        day += timedelta(days=step)
    points.append(end)
    return tuple(points)


def _scope_series(connection: Connection, as_of: datetime | None) -> ScopeSeries:
    start = connection.execute(sa.select(sa.func.min(clips.c.first_seen))).scalar()
    if start is None or as_of is None:
        return ScopeSeries(points=(), counts={})
    points = _points(_aware(start), as_of)
    deltas: Counter[tuple[int, str]] = Counter()

    def add(when: datetime, scope: str | None, delta: int) -> None:
        index = bisect.bisect_left(points, when)
        if index < len(points):
            deltas[index, _scope_name(scope)] += delta

    followed = history.c.field.in_(("share_scope", "status"))
    rows = (
        sa.select(
            clips.c.clip_id,
            clips.c.first_seen,
            clips.c.missing_since,
            clips.c.share_scope,
            clips.c.status,
            history.c.observed_at,
            history.c.field,
            history.c.old_value,
            history.c.new_value,
        )
        .select_from(
            clips.outerjoin(history, sa.and_(history.c.clip_id == clips.c.clip_id, followed))
        )
        .where(clips.c.first_seen <= as_of)
        .order_by(clips.c.clip_id, history.c.observed_at, history.c.id)
    )
    for _, group in itertools.groupby(_stream(connection, rows), key=lambda row: row[0]):
        _replay_clip(list(group), add)
    counts: dict[str, tuple[int, ...]] = {}
    for scope in sorted({scope for _, scope in deltas}):
        running, series = 0, []
        for index in range(len(points)):
            running += deltas[index, scope]
            series.append(running)
        counts[scope] = tuple(series)
    return ScopeSeries(points=points, counts=counts)


def _replay_clip(rows: list[Any], add: Callable[[datetime, str | None, int], None]) -> None:
    """One clip's rows (its columns, then one of its scope or status changes each, in order):
    +1 to its scope while it is seen and not deleted, from its first sighting on."""
    _, first_seen, missing_since, scope, status = rows[0][:5]
    changes = [row[5:] for row in rows if row[6] is not None]
    first = {field: old for _, field, old, _ in reversed(changes)}  # each field's oldest value
    scope, status = first.get("share_scope", scope), first.get("status", status)
    counted = status != _DELETED_STATUS
    if counted:
        add(first_seen, scope, +1)
    for observed_at, field, _, new in changes:
        if counted:
            add(observed_at, scope, -1)
        if field == "share_scope":
            scope = new
        else:
            status = new
        counted = status != _DELETED_STATUS
        if counted:
            add(observed_at, scope, +1)
    if missing_since is not None and counted:
        add(missing_since, scope, -1)


def _stream(connection: Connection, query: sa.Select[Any]) -> Iterator[Any]:
    result = connection.execution_options(yield_per=_BATCH).execute(query)
    yield from result


def _exposure_by_owner(connection: Connection) -> tuple[OwnerExposure, ...]:
    bare = sa.func.sum(sa.case((_BARE, 1), else_=0))
    query = (
        sa.select(clips.c.owner_id, bare, sa.func.count())
        .where(_LIVE, _PUBLIC)
        .group_by(clips.c.owner_id)
    )
    rows = [
        OwnerExposure(owner or NO_OWNER, int(without), int(total) - int(without))
        for owner, without, total in connection.execute(query)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.without_passcode, -r.with_passcode, r.owner_id)))


def _storage_by_owner(connection: Connection) -> tuple[OwnerStorage, ...]:
    size = sa.func.coalesce(sa.func.sum(clips.c.file_size), 0)
    query = (
        sa.select(clips.c.owner_id, sa.func.count(), size).where(_LIVE).group_by(clips.c.owner_id)
    )
    rows = [
        OwnerStorage(owner or NO_OWNER, int(count), int(total))
        for owner, count, total in connection.execute(query)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.bytes, r.owner_id)))


def _latest_changes(connection: Connection, limit: int) -> tuple[Change, ...]:
    query = (
        sa.select(
            history.c.observed_at,
            history.c.clip_id,
            clips.c.title,
            clips.c.owner_id,
            history.c.account_id,
            history.c.field,
            history.c.old_value,
            history.c.new_value,
        )
        .join(clips, clips.c.clip_id == history.c.clip_id)
        .order_by(history.c.observed_at.desc(), history.c.id.desc())
        .limit(limit)
    )
    return tuple(Change(*row) for row in connection.execute(query))


def _count(connection: Connection, query: sa.Select[Any]) -> int:
    return int(connection.execute(query).scalar() or 0)


def figures(engine: Engine, *, changes: int = 20) -> Figures:
    """The report's figures for the inventory behind ``engine`` (``changes``: how many to list).

    >>> print(figures(open_inventory("zoom-clips.db")).public_without_passcode)  # doctest: +SKIP
    """
    count = sa.select(sa.func.count()).select_from(clips).where(_LIVE)
    with engine.connect() as connection:
        as_of = _as_of(connection)
        return Figures(
            as_of=as_of,
            total_clips=_count(connection, count),
            public_clips=_count(connection, count.where(_PUBLIC)),
            public_without_passcode=_count(connection, count.where(_PUBLIC, _BARE)),
            total_bytes=_count(connection, sa.select(sa.func.sum(clips.c.file_size)).where(_LIVE)),
            deleted_clips=_count(
                connection, sa.select(sa.func.count()).select_from(clips).where(_DELETED)
            ),
            deleted_bytes=_count(
                connection, sa.select(sa.func.sum(clips.c.file_size)).where(_DELETED)
            ),
            accounts=_count(
                connection, sa.select(sa.func.count(sa.distinct(clips.c.account_id))).where(_LIVE)
            ),
            owners=_count(
                connection, sa.select(sa.func.count(sa.distinct(clips.c.owner_id))).where(_LIVE)
            ),
            runs=_count(  # the syncs: a webhook's refresh is a run of its own mode
                connection,
                sa.select(sa.func.count())
                .select_from(runs)
                .where(runs.c.mode != _schema.WEBHOOK_MODE),
            ),
            scopes=_scope_series(connection, as_of),
            exposure_by_owner=_exposure_by_owner(connection),
            storage_by_owner=_storage_by_owner(connection),
            latest_changes=_latest_changes(connection, changes),
        )
