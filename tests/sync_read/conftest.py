"""The database the read-side tests fill and query: ``db_url``, a fresh, empty ``--db``.

``db_url`` is a SQLite path here, with no file yet; the integrator swaps in the fixture of the
same name that ``sync``'s tests define (a SQLite path or a PostgreSQL database, fresh and empty),
and these tests run unchanged on both: ``_seed.Inventory.write`` creates the tables if needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli._support import ENV_NAMES


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh, empty inventory database (``--db``): a SQLite path, no file yet."""
    return str(tmp_path / "inventory.db")


@pytest.fixture(autouse=True)
def _no_zoom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read the database only: no ZOOM_* variable of the machine may matter."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
