"""An incremental, resumable clip inventory in SQLite or PostgreSQL (the ``sync`` extra).

``await sync(database, aclient, accounts)`` brings the inventory up to date: migrations first, one
run at a time (a lock the kernel or server drops if the run dies), each account listed from its
watermark, every (account, window) checkpointed with its rows. ``zoom-clips sync`` runs it from
the command line. Modules, one concern each:

    _db.py          --db to an engine, one typed error
    _schema.py      the tables (SQLAlchemy Core)
    _migrations.py  the versioned schema steps, applied at start
    _lock.py        one sync at a time
    _store.py       batched upserts, exposure history, missing clips
    _plan.py        what a run lists (windows, overlap) and its report
    _run.py         the concurrent paging, resume, the run's bookkeeping
    _refresh.py     one clip fetched by id and stored between syncs (a webhook's clip event)

>>> import asyncio
>>> from zoom_clips import AsyncZoomClips
>>> from zoom_clips.inventory import sync
>>> async def main() -> None:  # doctest: +SKIP
...     async with AsyncZoomClips.from_env(rate_limit="business") as aclient:
...         print((await sync("zoom-clips.db", aclient, ["SUB_ACCOUNT_ID"])).summary())
"""

try:
    from ._db import DEFAULT_DATABASE, InventoryDatabaseError, InventoryError, open_database
    from ._lock import InventoryLockedError
    from ._migrations import InventorySchemaError, migrate
    from ._plan import DEFAULT_SINCE, OVERLAP, RunReport, SyncFailedError
    from ._refresh import ClipRefresh, refresh_clip
    from ._run import sync
except ModuleNotFoundError as _missing:
    from zoom_clips._toolkit import reraise_naming_extra

    reraise_naming_extra("sync", "zoom_clips.inventory", _missing)

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_SINCE",
    "OVERLAP",
    "ClipRefresh",
    "InventoryDatabaseError",
    "InventoryError",
    "InventoryLockedError",
    "InventorySchemaError",
    "RunReport",
    "SyncFailedError",
    "migrate",
    "open_database",
    "refresh_clip",
    "sync",
]
