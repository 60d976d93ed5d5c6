"""Reading the inventory: its clips as :class:`~zoom_clips.Clip` objects, and a clip's timeline.

Nothing here calls Zoom. ``open_inventory`` opens ``--db`` for reading and refuses a database
that ``zoom-clips sync`` has not filled (a missing SQLite file is never created by a read).
``stored_clips`` rebuilds each row into the ``Clip`` the online listing would have yielded, so
``zoom-clips audit --db`` runs the very same rules (``zoom_clips._cli._export.audit``) as the
online audit. The report's aggregates live in ``_figures.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Engine, RowMapping

from zoom_clips import Clip, ClipStatus, ShareLinkSettings, ShareScope
from zoom_clips._toolkit import AccountClip, DateRange

from . import _schema
from ._db import InventoryDatabaseError, InventoryError, database_url, open_database

__all__ = [
    "ClipNotFoundError",
    "ExposureChange",
    "Timeline",
    "clip_from_row",
    "enum_or_text",
    "exposure_timeline",
    "open_inventory",
    "stored_clips",
]

_Enum = TypeVar("_Enum", bound=StrEnum)
_BATCH = 1_000  # rows fetched at a time: memory stays flat on a million clips


class ClipNotFoundError(InventoryError):
    """The inventory has never seen the clip asked for."""


def open_inventory(value: str | None) -> Engine:
    """An engine on an inventory ``zoom-clips sync`` has filled, or :class:`InventoryDatabaseError`.

    Unlike ``open_database`` (which ``sync`` uses to create the file), a SQLite path that does
    not exist is refused rather than created empty.
    """
    url = database_url(value)
    shown = value if value and "://" not in value else url.render_as_string(hide_password=True)
    memory = url.database in (None, "", ":memory:")
    if url.drivername == "sqlite" and not memory and not Path(str(url.database)).is_file():
        raise InventoryDatabaseError(
            f"--db {shown}: no such file (run zoom-clips sync --db {shown} first)"
        )
    engine = open_database(value)
    if not sa.inspect(engine).has_table(_schema.clips.name):
        engine.dispose()
        raise InventoryDatabaseError(
            f"--db {shown}: not an inventory (no clips table; run zoom-clips sync first)"
        )
    return engine


def enum_or_text(value: str | None, kind: type[_Enum]) -> _Enum | str | None:
    """``value`` as a member of ``kind`` (by the enum's own lookup: ``ShareScope`` reads Zoom's
    misspelt ``SAME_ORGANIZATON`` too), or the text itself if ``kind`` has no such member."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        return value


def clip_from_row(row: RowMapping | Mapping[str, Any]) -> AccountClip:
    """A ``clips`` row as the ``(account, Clip)`` the online listing yields for it."""
    settings = None
    if any(row[name] is not None for name in ("share_scope", "enable_passcode", "passcode")):
        scope: ShareScope | str | None = enum_or_text(row["share_scope"], ShareScope)
        settings = ShareLinkSettings(
            enable_passcode=row["enable_passcode"], passcode=row["passcode"], share_scope=scope
        )
    status: ClipStatus | str | None = enum_or_text(row["status"], ClipStatus)
    clip = Clip(
        clip_id=row["clip_id"],
        title=row["title"],
        description=row["description"],
        duration=row["duration"],
        status=status,
        owner_id=row["owner_id"],
        file_size=row["file_size"],
        share_link=row["share_link"],
        share_link_settings=settings,
        thumbnail_link=row["thumbnail_link"],
        created_date=row["created_date"],
        modified_date=row["modified_date"],
        tags=tuple(row["tags"] or ()),
        extra=dict(row["extra"] or {}),
    )
    return AccountClip(account_id=row["account_id"], clip=clip)


def stored_clips(
    engine: Engine,
    *,
    accounts: Iterable[str] | None = None,
    span: DateRange | None = None,
    date_filter_type: str = "CREATED_DATE",
    status: str | None = None,
    user_id: str | None = None,
    search_key: str | None = None,
    statuses: Iterable[str] | None = None,
    exclude_statuses: Iterable[str] = (),
) -> Iterator[AccountClip]:
    """The live clips of the inventory (never those marked missing), filtered as Zoom filters.

    ``status`` keeps one status, as Zoom's ``status`` does; ``statuses`` keeps any of several and
    ``exclude_statuses`` leaves some out (a clip without a status is never left out by it).

    ``span`` bounds ``created_date`` (or ``modified_date``), both ends inclusive; ``None`` means
    every date. ``user_id`` is an owner id (the inventory keeps no emails), ``search_key`` a
    case-insensitive substring of the title. Ordered by account, then clip id.

    >>> for item in stored_clips(open_inventory("zoom-clips.db"), status="RECORD_SUCCESS"):
    ...     print(item.account_id, item.clip.clip_id)  # doctest: +SKIP
    """
    table = _schema.clips
    query = sa.select(table).where(table.c.missing_since.is_(None))
    wanted = sorted(set(accounts or ()))
    if wanted:
        query = query.where(table.c.account_id.in_(wanted))
    if span is not None:
        column = (
            table.c.modified_date if date_filter_type == "MODIFIED_DATE" else table.c.created_date
        )
        query = query.where(column >= span.start, column <= span.end)
    if status is not None:
        query = query.where(table.c.status == status)
    if statuses is not None:
        query = query.where(table.c.status.in_(sorted(set(statuses))))
    excluded = sorted(set(exclude_statuses))
    if excluded:
        query = query.where(sa.or_(table.c.status.is_(None), table.c.status.not_in(excluded)))
    if user_id:
        query = query.where(table.c.owner_id == user_id)
    needle = search_key.casefold() if search_key else None
    query = query.order_by(table.c.account_id, table.c.clip_id)
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=_BATCH).execute(query)
        for row in result.mappings():
            if needle is not None and needle not in (row["title"] or "").casefold():
                continue
            yield clip_from_row(row)


@attrs.frozen
class ExposureChange:
    """One observed change of a clip's share scope, passcode setting or status."""

    observed_at: datetime
    field: str
    old_value: str | None
    new_value: str | None
    run_id: int


@attrs.frozen
class Timeline:
    """What the inventory knows of one clip's exposure: its sightings and every change."""

    clip_id: str
    account_id: str
    title: str | None
    first_seen: datetime
    last_seen: datetime
    missing_since: datetime | None
    changes: tuple[ExposureChange, ...]


def exposure_timeline(engine: Engine, clip_id: str) -> Timeline:
    """The exposure history of ``clip_id``, oldest change first, or :class:`ClipNotFoundError`."""
    clips, history = _schema.clips, _schema.exposure_history
    with engine.connect() as connection:
        clip = (
            connection.execute(sa.select(clips).where(clips.c.clip_id == clip_id))
            .mappings()
            .first()
        )
        if clip is None:
            raise ClipNotFoundError(f"clip {clip_id!r} has never been seen by zoom-clips sync")
        rows = connection.execute(
            sa.select(history)
            .where(history.c.clip_id == clip_id)
            .order_by(history.c.observed_at, history.c.id)
        ).mappings()
        changes = tuple(
            ExposureChange(
                observed_at=row["observed_at"],
                field=row["field"],
                old_value=row["old_value"],
                new_value=row["new_value"],
                run_id=row["run_id"],
            )
            for row in rows
        )
    return Timeline(
        clip_id=clip["clip_id"],
        account_id=clip["account_id"],
        title=clip["title"],
        first_seen=clip["first_seen"],
        last_seen=clip["last_seen"],
        missing_since=clip["missing_since"],
        changes=changes,
    )
