"""The inventory's tables, in SQLAlchemy 2 Core, the same on SQLite and PostgreSQL.

Column names follow the SDK's models: a clip's columns are :class:`zoom_clips.Clip`'s own field
names, with ``share_link_settings`` flattened into :class:`zoom_clips.ShareLinkSettings`'s field
names (``share_scope``, ``enable_passcode``, ``passcode``) so that SQL can filter on them. Every
instant is stored in UTC and read back as an aware ``datetime`` (:class:`UTCDateTime`).

``passcode`` stays NULL unless a sync runs with ``include_passcodes``. Rows are never deleted:
a clip that a full reconcile no longer finds gets ``missing_since``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC (SQLite keeps no offset; PostgreSQL gets ``timestamptz``)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the inventory stores only aware instants")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

# One row per schema migration applied; the highest version is the schema's version.
schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", UTCDateTime, nullable=False),
)

# One row per clip ever seen, keyed by Zoom's clip id.
clips = Table(
    "clips",
    metadata,
    Column("clip_id", String(128), primary_key=True),
    Column("account_id", String(128), nullable=False),
    Column("title", Text),
    Column("description", Text),
    Column("duration", Float),
    Column("status", String(64)),
    Column("owner_id", String(128)),
    Column("file_size", BigInteger),
    Column("share_link", Text),
    Column("share_scope", String(64)),
    Column("enable_passcode", Boolean),
    Column("passcode", Text),  # NULL unless include_passcodes
    Column("thumbnail_link", Text),
    Column("created_date", UTCDateTime),
    Column("modified_date", UTCDateTime),
    Column("tags", JSON, nullable=False),  # list of strings
    Column("extra", JSON, nullable=False),  # fields Zoom sent that the spec does not name
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("missing_since", UTCDateTime),  # set by a full reconcile that no longer finds the clip
    Index("ix_clips_account", "account_id"),
    Index("ix_clips_owner", "owner_id"),
)

#: A clip's own fields, in column order: what Zoom says about it (the rest of a row is
#: bookkeeping: its id, when it was first and last seen, and since when it is missing).
CLIP_OWN_FIELDS: tuple[str, ...] = tuple(
    column.name
    for column in clips.columns
    if column.name not in ("clip_id", "first_seen", "last_seen", "missing_since")
)

#: The ``runs.mode`` of a clip refreshed between syncs (a webhook's; ``_refresh``).
WEBHOOK_MODE = "webhook"

# One row per run of sync, finished or not, and per clip a webhook's refresh changed.
runs = Table(
    "runs",
    metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("mode", String(16), nullable=False),  # "incremental", "full" or "webhook"
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("until", UTCDateTime, nullable=False),  # the plan's "now": windows end here
    Column("requests", Integer, nullable=False, default=0),
    Column("clips", Integer, nullable=False, default=0),
    Column("outcome", String(16), nullable=False),  # "running", "ok", "failed"
    Column("error", Text),
)

# One row per change of an exposure field seen between two observations of a clip. A clip's first
# sighting is its first_seen, not a change.
exposure_history = Table(
    "exposure_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("clip_id", String(128), ForeignKey("clips.clip_id"), nullable=False),
    Column("account_id", String(128), nullable=False),
    Column("field", String(32), nullable=False),  # "share_scope", "enable_passcode" or "status"
    Column("old_value", Text),
    Column("new_value", Text),
    Column("observed_at", UTCDateTime, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.run_id"), nullable=False),
    Index("ix_exposure_history_clip", "clip_id", "observed_at"),
)

# Per account: where the next incremental run starts.
accounts = Table(
    "accounts",
    metadata,
    Column("account_id", String(128), primary_key=True),
    Column("watermark", UTCDateTime),  # NULL until a run finished every window of the account
    Column("last_full_at", UTCDateTime),
)

# Per (run, account, window): committed in the same transaction as that window's rows.
checkpoints = Table(
    "checkpoints",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.run_id"), primary_key=True),
    Column("account_id", String(128), primary_key=True),
    Column("window_start", UTCDateTime, primary_key=True),
    Column("window_end", UTCDateTime, nullable=False),
    Column("clips", Integer, nullable=False),
    Column("requests", Integer, nullable=False),
    Column("done_at", UTCDateTime, nullable=False),
)
