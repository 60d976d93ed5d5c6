"""Inserting new clips below SQLAlchemy: the driver's fastest path, values converted once here.

SQLAlchemy's per-row bind processing (a type's processor per value) cost more than the database
itself. This stores exactly what ``_schema`` would (``UTCDateTime``: naive UTC text on SQLite,
``timestamptz`` on PostgreSQL; ``JSON``: ``json.dumps``), at a fraction of the time, so that a
first sync keeps up with what Zoom can send (``bench_8_sync``):

- SQLite: one prepared ``INSERT`` through sqlite3's ``executemany``, with tuples;
- PostgreSQL: ``COPY ... FROM STDIN`` fed whole blocks of preformatted text (``copy.write``),
  not ``write_row``: psycopg's per-value dumpers were the largest cost of a PostgreSQL sync.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from ._schema import CLIP_OWN_FIELDS

__all__ = ["insert_new"]

#: The columns a new clip gets, in the order of the values below.
INSERTED = ("clip_id", *CLIP_OWN_FIELDS, "first_seen", "last_seen")
_COPY_BLOCK = 500  # rows per copy.write: large writes, bounded text in memory


def insert_new(conn: Connection, rows: Sequence[Mapping[str, Any]], seen_at: datetime) -> None:
    """Insert ``rows`` (``_store.clip_row``'s dicts, none held yet) seen at ``seen_at``."""
    if conn.dialect.name == "sqlite":
        _sqlite_insert(conn, rows, seen_at)
    else:
        _postgres_copy(conn, rows, seen_at)


def _json(value: Any) -> str:
    """``json.dumps(value)``, without its cost for the usual values (no tags, plain ASCII tags)."""
    if type(value) is list and all(type(item) is str for item in value):
        joined = '", "'.join(value)
        # What json.dumps escapes: quotes, backslashes, and all but printable ASCII.
        if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
            return f'["{joined}"]' if value else "[]"
    return "{}" if value == {} else json.dumps(value)


def _sqlite_instant(value: datetime | None) -> str | None:
    """An instant as SQLAlchemy's SQLite ``DateTime`` stores it: naive UTC, microseconds."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]  # without its "+00:00"


def _sqlite_insert(conn: Connection, rows: Sequence[Mapping[str, Any]], seen_at: datetime) -> None:
    names, markers = ", ".join(INSERTED), ", ".join(["?"] * len(INSERTED))
    statement = f"INSERT INTO clips ({names}) VALUES ({markers})"  # noqa: S608 -- no input
    seen = _sqlite_instant(seen_at)
    instant = _sqlite_instant
    values = [
        (
            row["clip_id"],
            row["account_id"],
            row["title"],
            row["description"],
            row["duration"],
            row["status"],
            row["owner_id"],
            row["file_size"],
            row["share_link"],
            row["share_scope"],
            row["enable_passcode"],
            row["passcode"],
            row["thumbnail_link"],
            instant(row["created_date"]),
            instant(row["modified_date"]),
            _json(row["tags"]),
            _json(row["extra"]),
            seen,
            seen,
        )
        for row in rows
    ]
    conn.exec_driver_sql(statement, values)


# COPY's text format: a tab between columns, a newline after a row, \N for NULL, and a
# backslash before any backslash, tab, newline or carriage return inside a value.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"


def _text(value: str | None) -> str:
    if value is None:
        return _NULL
    return value.translate(_ESCAPES) if ("\\" in value or not value.isprintable()) else value


def _number(value: float | None) -> str:
    return _NULL if value is None else repr(value)


def _instant(value: datetime | None) -> str:
    return _NULL if value is None else value.isoformat()  # aware: timestamptz reads the offset


def _flag(value: bool | None) -> str:
    return _NULL if value is None else "t" if value else "f"


def _copy_line(row: Mapping[str, Any], seen: str) -> str:
    return "\t".join(
        (
            _text(row["clip_id"]),
            _text(row["account_id"]),
            _text(row["title"]),
            _text(row["description"]),
            _number(row["duration"]),
            _text(row["status"]),
            _text(row["owner_id"]),
            _number(row["file_size"]),
            _text(row["share_link"]),
            _text(row["share_scope"]),
            _flag(row["enable_passcode"]),
            _text(row["passcode"]),
            _text(row["thumbnail_link"]),
            _instant(row["created_date"]),
            _instant(row["modified_date"]),
            _text(_json(row["tags"])),
            _text(_json(row["extra"])),
            seen,
            seen,
        )
    )


def _postgres_copy(conn: Connection, rows: Sequence[Mapping[str, Any]], seen_at: datetime) -> None:
    seen = _instant(seen_at)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY clips ({', '.join(INSERTED)}) FROM STDIN") as copy:
            for first in range(0, len(rows), _COPY_BLOCK):
                block = rows[first : first + _COPY_BLOCK]
                copy.write("".join([_copy_line(row, seen) + "\n" for row in block]))
    finally:
        cursor.close()
