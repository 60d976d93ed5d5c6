"""Versioned schema migrations, applied by ``sync`` itself and checked at every start.

Why not Alembic: the inventory is one small schema that only ``sync`` writes, shipped inside the
package; Alembic would add a migration environment (``env.py``, ``alembic.ini``, a script
directory) and a second dependency for what is an ordered list of steps. So each migration is a
function in :data:`MIGRATIONS`; its version is its position (1-based). ``schema_version`` holds one
row per applied step, and the highest version is the schema's. Each step runs in its own
transaction, together with the row recording it, so a step that fails (or a process killed during
it) leaves the database at the previous version, and the next start applies the step again.
PostgreSQL runs DDL in transactions; on SQLite, SQLAlchemy's pysqlite driver is set to begin
transactions explicitly (``_db.py``), so its DDL is transactional too.

A database whose version is newer than the code's is refused (:class:`InventorySchemaError`):
an older ``zoom-clips`` must not write a schema it does not know.

To change the schema: append a step (never edit an applied one), and keep column names stable, as
the read side (``audit --db``, ``history``, ``report``) queries them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from . import _schema
from ._db import InventoryError

__all__ = ["MIGRATIONS", "InventorySchemaError", "current_version", "migrate"]


class InventorySchemaError(InventoryError):
    """The database's schema is newer than this version of zoom-clips knows."""


def _v1_tables(conn: Connection) -> None:
    """The inventory's first tables: clips, exposure_history, runs, accounts, checkpoints."""
    for table in (
        _schema.clips,
        _schema.runs,
        _schema.exposure_history,
        _schema.accounts,
        _schema.checkpoints,
    ):
        table.create(conn, checkfirst=True)


#: Every migration, in order: ``MIGRATIONS[n - 1]`` takes the schema to version ``n``.
MIGRATIONS: Sequence[Callable[[Connection], None]] = (_v1_tables,)


def current_version(engine: Engine) -> int:
    """The schema version of the database (0: an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(_schema.schema_version.name):
            return 0
        found = conn.execute(sa.select(sa.func.max(_schema.schema_version.c.version))).scalar()
        return int(found or 0)


def migrate(engine: Engine, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> int:
    """Apply the migrations the database lacks, each in one transaction; the version reached.

    Raises :class:`InventorySchemaError` if the database is newer than :data:`MIGRATIONS`.
    Call it only while holding the inventory's lock (``_lock.inventory_lock``).
    """
    with engine.begin() as conn:
        _schema.schema_version.create(conn, checkfirst=True)
    version = current_version(engine)
    latest = len(MIGRATIONS)
    if version > latest:
        shown = engine.url.render_as_string(hide_password=True)
        raise InventorySchemaError(
            f"the inventory {shown} has schema version {version}, newer than this zoom-clips "
            f"knows ({latest}): upgrade zoom-clips"
        )
    for number in range(version + 1, latest + 1):
        with engine.begin() as conn:
            MIGRATIONS[number - 1](conn)
            conn.execute(_schema.schema_version.insert().values(version=number, applied_at=now()))
    return latest
