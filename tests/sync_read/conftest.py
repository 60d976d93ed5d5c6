"""The inventory the read-side tests query: ``db_url``, an empty inventory, filled by each test.

``db_url`` is SQLite here; the integrator swaps in the fixture of the same name that ``sync``'s
tests define (SQLite and PostgreSQL, migrated), and these tests run unchanged on both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from zoom_clips.sync import _schema

from tests.cli._support import ENV_NAMES


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite inventory file with the inventory's tables and no rows."""
    url = f"sqlite:///{tmp_path / 'inventory.db'}"
    engine = sa.create_engine(url)
    _schema.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def _no_zoom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read the database only: no ZOOM_* variable of the machine may matter."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
