"""One ``sync`` at a time per inventory, with a lock the kernel or the server drops on death.

- SQLite: an exclusive ``fcntl.flock`` on a sidecar file ``<database>.lock``. The kernel releases
  it when the process exits, however it exits (SIGKILL included), so a killed run never blocks
  the next; the file itself may stay behind and means nothing.
- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a connection held for
  the whole run. The server releases it when the session ends, including when the client dies
  and its connection drops.

A second ``sync`` that finds the lock taken fails at once with :class:`InventoryLockedError`
rather than waiting: a scheduled job that overlaps the previous one should say so, not pile up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ._db import InventoryError

__all__ = ["ADVISORY_LOCK_KEY", "InventoryLockedError", "inventory_lock"]

#: The advisory lock's key on PostgreSQL: the ASCII of "zclipsyn", one 64-bit number.
ADVISORY_LOCK_KEY = int.from_bytes(b"zclipsyn", "big") - 2**63


class InventoryLockedError(InventoryError):
    """Another ``sync`` is writing this inventory right now."""


@contextlib.contextmanager
def inventory_lock(engine: Engine) -> Iterator[None]:
    """Hold the inventory's lock for the ``with`` block, or raise :class:`InventoryLockedError`."""
    shown = engine.url.render_as_string(hide_password=True)
    busy = f"another zoom-clips sync is running on {shown}; try again when it has finished"
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            taken = conn.execute(sa.select(sa.func.pg_try_advisory_lock(ADVISORY_LOCK_KEY)))
            conn.commit()
            if not taken.scalar():
                raise InventoryLockedError(busy)
            try:
                yield
            finally:
                with contextlib.suppress(sa.exc.SQLAlchemyError):
                    conn.execute(sa.select(sa.func.pg_advisory_unlock(ADVISORY_LOCK_KEY)))
                    conn.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a private in-memory database: nobody else can open it
        return
    path = Path(f"{database}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InventoryLockedError(busy) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
