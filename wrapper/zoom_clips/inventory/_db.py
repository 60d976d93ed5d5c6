"""Opening the inventory's database from a URL: SQLite by default, PostgreSQL through psycopg 3.

Every failure to open it (unknown scheme, unwritable path, unreachable server, missing driver) is
one :class:`InventoryDatabaseError` whose message names the database without its password.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from zoom_clips import ZoomClipsError

#: What ``--db`` names when it is not given: an embedded SQLite file in the current directory.
DEFAULT_DATABASE = "zoom-clips.db"
_POSTGRES_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}


class InventoryError(ZoomClipsError):
    """Base of the errors of the inventory (``zoom_clips.inventory``)."""


class InventoryDatabaseError(InventoryError):
    """The inventory's database cannot be opened or used."""


def database_url(value: str | None) -> URL:
    """The SQLAlchemy URL for ``--db``: a path or ``sqlite:///...``, or ``postgresql://...``.

    A plain path (no ``scheme://``) is a SQLite file; ``postgresql://`` and ``postgres://`` get the
    psycopg 3 driver, never SQLAlchemy's default psycopg2.
    """
    text = DEFAULT_DATABASE if value is None or value == "" else value
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text)))
    try:
        url = make_url(text)
    except ArgumentError:
        raise InventoryDatabaseError(f"--db {_safe(text)} is not a database URL") from None
    if url.drivername in _POSTGRES_SCHEMES:
        return url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite":
        return url
    raise InventoryDatabaseError(
        f"--db {url.render_as_string(hide_password=True)}: unknown scheme {url.drivername!r} "
        "(use a SQLite path or sqlite:///PATH, or postgresql://USER@HOST/DB)"
    ) from None


def _safe(text: str) -> str:
    """``text`` with any ``user:password@`` reduced to ``user:***@``."""
    scheme, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else text


def open_database(value: str | None) -> Engine:
    """An engine for ``--db``, connected to once, or :class:`InventoryDatabaseError`."""
    url = database_url(value)
    shown = url.render_as_string(hide_password=True)
    if url.drivername == "sqlite" and url.database not in (None, "", ":memory:"):
        folder = Path(url.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise InventoryDatabaseError(f"--db {shown}: folder {folder} does not exist")
    try:
        engine = sa.create_engine(url, connect_args=_connect_args(url))
        if url.drivername == "sqlite":
            _configure_sqlite(engine)
        with engine.connect():
            pass
    except NoSuchModuleError as exc:
        raise InventoryDatabaseError(f"--db {shown}: no driver ({exc})") from None
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InventoryDatabaseError(f"--db {shown}: cannot open it: {reason}") from None
    return engine


_SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "busy_timeout=10000",
    # A sync's batches touch the clip id index all over: a 16 MiB page cache (SQLite's default
    # is 2 MiB) keeps it in memory, and checkpointing the WAL into the database every 32 MiB
    # (default 4 MiB) rather than after nearly every batch writes each page back once per many
    # batches. Neither changes what a commit guarantees.
    "cache_size=-16384",
    "wal_autocheckpoint=8192",
    "temp_store=MEMORY",
)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, transactional DDL, and a wait instead of "database is locked" for readers.

    pysqlite begins transactions lazily and commits before DDL; the SQLAlchemy recipe (driver
    autocommit, an explicit ``BEGIN`` when SQLAlchemy begins) makes every transaction, DDL
    included, all or nothing, which the migrations and the checkpoints rely on. WAL with
    ``synchronous=NORMAL`` keeps every committed transaction through a killed process (SIGKILL
    included: a commit is in the WAL file, in the OS's cache, before ``COMMIT`` returns; only a
    power cut or an OS crash may lose the last ones, never corrupt the file) and lets readers
    read while a sync writes. The larger cache and WAL (``_SQLITE_PRAGMAS``) are for speed only.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def _connect_args(url: URL) -> dict[str, object]:
    if url.drivername.startswith("postgresql"):
        return {"connect_timeout": 10}
    return {}
