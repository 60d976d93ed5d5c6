"""The database the read-side tests fill and query: ``db_url``, a fresh, empty ``--db``.

``db_url`` is ``tests/inventory``'s fixture: each test runs on a SQLite file and on a database
of the PostgreSQL 15 server the suite starts (``_seed.Inventory.write`` creates the tables). The
browser and examples modules, whose subject is not the database, override it with SQLite alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli._support import ENV_NAMES
from tests.inventory.conftest import db_url, new_database, postgres_server

__all__ = ["db_url", "new_database", "postgres_server", "sqlite_db_url"]


@pytest.fixture
def sqlite_db_url(tmp_path: Path) -> str:
    """A fresh, empty inventory database (``--db``): a SQLite path, no file yet."""
    return str(tmp_path / "inventory.db")


@pytest.fixture(autouse=True)
def _no_zoom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read the database only: no ZOOM_* variable of the machine may matter."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
