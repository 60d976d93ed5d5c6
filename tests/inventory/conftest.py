"""Real databases for the inventory's tests: a SQLite file, and a PostgreSQL 15 the suite starts.

``db_url`` is parametrized over both, so every test module runs against each. PostgreSQL comes
from the machine's ``initdb``/``pg_ctl`` (PATH, or Debian's ``/usr/lib/postgresql/*/bin``), one
server for the session on a free loopback port, in a temporary directory; as root they run as
the ``postgres`` user (initdb refuses root). Each test gets a new database. Without ``initdb`` the
PostgreSQL half is skipped, with the reason, unless ``ZOOM_CLIPS_REQUIRE_POSTGRES=1`` (``.ci/run``
sets it), which makes a missing server a failure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from zoom_clips import AsyncZoomClips, RetryPolicy, ServerToServerOAuth
from zoom_clips.inventory import _schema, open_database
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

from scripts.bench._postgres import pg_binary, temporary_postgres

NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
SINCE = NOW - dt.timedelta(days=366)
_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """``postgresql://postgres@127.0.0.1:PORT``: a throwaway server for the whole session."""
    if pg_binary("initdb") is None or pg_binary("pg_ctl") is None:
        reason = "PostgreSQL's initdb/pg_ctl are not installed (apt-get install postgresql-15)"
        if os.environ.get("ZOOM_CLIPS_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"ZOOM_CLIPS_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    with temporary_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty inventory databases of one kind: SQLite files, or PostgreSQL databases."""
    made: list[str] = []
    if request.param == "sqlite":

        def sqlite_file() -> str:
            made.append(str(tmp_path / f"inventory-{len(made)}.db"))
            return made[-1]

        yield sqlite_file
        return
    server: str = request.getfixturevalue("postgres_server")
    admin = sa.create_engine(f"{server.replace('postgresql', 'postgresql+psycopg')}/postgres")

    def postgres_database() -> str:
        name = f"inventory_{os.getpid()}_{next(_counter)}"
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        made.append(name)
        return f"{server}/{name}"

    try:
        yield postgres_database
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for name in made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def db_url(new_database: Callable[[], str]) -> str:
    """A fresh, empty inventory database (``--db``): a SQLite file, or a PostgreSQL database."""
    return new_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    """The inventory's engine for ``db_url`` (what ``--db`` opens), disposed after the test."""
    opened = open_database(db_url)
    yield opened
    opened.dispose()


@contextlib.contextmanager
def running_mock(**config: Any) -> Iterator[MockServer]:
    """A loopback mock whose clock runs from ``NOW`` (so rate limits refill)."""
    config.setdefault("seed", 3)
    config.setdefault("clips", 600)
    with serve(MockConfig(clock=MockClock.running_from(NOW), **config)) as server:
        yield server


def client_for(server: MockServer, **kwargs: Any) -> AsyncZoomClips:
    """An async client of ``server`` whose retries wait milliseconds, not seconds."""
    kwargs.setdefault(
        "retry_policy", RetryPolicy(max_retries=8, initial_delay=0.005, max_delay=0.02)
    )
    return AsyncZoomClips(
        auth=ServerToServerOAuth(
            account_id=server.account_id,
            client_id=server.client_id,
            client_secret=server.client_secret,
            token_url=server.token_url,
        ),
        base_url=server.base_url,
        **kwargs,
    )


def table_rows(
    engine: sa.Engine, name: str, *, without: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Every row of a table as dicts, sorted, without the named columns."""
    table = _schema.metadata.tables[name]
    with engine.connect() as conn:
        rows = [
            {k: v for k, v in row._mapping.items() if k not in without}
            for row in conn.execute(sa.select(table))
        ]
    return sorted(rows, key=repr)
