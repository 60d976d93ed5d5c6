"""One sync at a time, and the versioned schema: applied at start, refused when newer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from typer.testing import CliRunner
from zoom_clips._cli import app
from zoom_clips.inventory import (
    InventoryLockedError,
    InventorySchemaError,
    _migrations,
    _schema,
    migrate,
    open_database,
    sync,
)
from zoom_clips.inventory._lock import inventory_lock

from tests.cli._support import error_line
from tests.inventory.conftest import client_for, running_mock


def test_a_second_sync_refuses_while_one_holds_the_inventory(
    db_url: str, engine: sa.Engine
) -> None:
    """While the lock is held, the library raises and the command prints one line, exit 2."""
    with inventory_lock(engine), running_mock(clips=30) as server:

        async def second() -> None:
            async with client_for(server) as aclient:
                await sync(engine, aclient, ["any"])

        with pytest.raises(InventoryLockedError, match="another zoom-clips sync is running"):
            asyncio.run(second())
        result = CliRunner().invoke(app, ["sync", "--mock", "--db", db_url])
        assert result.exit_code == 2
        assert "another zoom-clips sync is running" in error_line(result)
    with inventory_lock(engine):  # released with the block: the next run gets it
        pass


def test_migrations_are_applied_once_and_recorded(engine: sa.Engine) -> None:
    """An empty database reaches the latest version; migrating again changes nothing."""
    assert migrate(engine) == len(_migrations.MIGRATIONS)
    assert migrate(engine) == len(_migrations.MIGRATIONS)
    with engine.connect() as conn:
        versions = conn.execute(sa.select(_schema.schema_version.c.version)).scalars().all()
        assert versions == list(range(1, len(_migrations.MIGRATIONS) + 1))
        assert sa.inspect(conn).has_table("clips")


def test_a_failing_migration_leaves_the_previous_version(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that fails half-way rolls back, DDL included, and is applied again next time."""
    migrate(engine)

    def half_done(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("killed mid-migration")

    monkeypatch.setattr(_migrations, "MIGRATIONS", (*_migrations.MIGRATIONS, half_done))
    with pytest.raises(RuntimeError, match="killed mid-migration"):
        migrate(engine)
    assert _migrations.current_version(engine) == len(_migrations.MIGRATIONS) - 1
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("half_done")


def test_a_database_newer_than_the_code_is_refused(db_url: str, engine: sa.Engine) -> None:
    """A schema version the code does not know: InventorySchemaError, and one line from the CLI."""
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(
            _schema.schema_version.insert().values(
                version=99, applied_at=sa.func.current_timestamp()
            )
        )
    with pytest.raises(InventorySchemaError, match="schema version 99"):
        migrate(engine)
    result = CliRunner().invoke(app, ["sync", "--mock", "--mock-clips", "30", "--db", db_url])
    assert result.exit_code == 2
    assert "upgrade zoom-clips" in error_line(result)


def test_the_lock_is_per_database(new_database: Callable[[], str]) -> None:
    """Holding one inventory's lock does not block another inventory."""
    first, second = open_database(new_database()), open_database(new_database())
    try:
        with inventory_lock(first), inventory_lock(second):  # PostgreSQL: locks are per database
            pass
    finally:
        first.dispose()
        second.dispose()
