"""One run of ``sync``: page each account's planned windows concurrently, write as they come.

The fetch. Every (account, window) not yet checkpointed by this run is a job; up to the client's
``max_concurrency`` jobs are paged at once through ``AsyncZoomClips`` (its rate limiter, retries
and typed errors). Pages are written in batches between pages (see ``_Writer``); a window's
checkpoint is committed with its last rows. The first job that fails for good stops the
others; what was committed stays, the run is recorded as failed, and the next run with the same
mode resumes it: same ``until``, finished windows skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from zoom_clips import AsyncZoomClips, Clip
from zoom_clips._toolkit import AsyncClipListing, aiter_window_pages, build_query, format_bound

from . import _schema
from ._db import open_database
from ._lock import inventory_lock
from ._migrations import migrate
from ._plan import (
    BATCH_ROWS,
    DEFAULT_SINCE,
    PAGE_SIZE,
    RunReport,
    SyncFailedError,
    WindowPlan,
    plan_windows,
    whole_second,
)
from ._store import clip_row, mark_missing, write_batch

__all__ = ["sync"]


def _checked_accounts(accounts: Iterable[str]) -> tuple[str, ...]:
    if isinstance(accounts, str | bytes):
        raise TypeError("accounts must be an iterable of account ids, not one string")
    checked = tuple(dict.fromkeys(accounts))
    if not checked or not all(isinstance(a, str) and a for a in checked):
        raise ValueError(f"accounts must be non-empty account id strings, not {checked!r}")
    return checked


def _begin_run(
    engine: Engine, mode: str, until: datetime, now: datetime
) -> tuple[int, datetime, bool]:
    """The run to work on: the last one if it is unfinished and of this mode, else a new one."""
    runs = _schema.runs
    with engine.begin() as conn:
        # A webhook's refresh (``_refresh``) is a run too, but neither resumed nor ordered here.
        syncs = sa.select(runs).where(runs.c.mode != _schema.WEBHOOK_MODE)
        last = conn.execute(syncs.order_by(runs.c.run_id.desc()).limit(1)).first()
        if last is not None and last.outcome in ("running", "failed"):
            if last.mode == mode:
                conn.execute(
                    runs.update()
                    .where(runs.c.run_id == last.run_id)
                    .values(outcome="running", error=None, finished_at=None)
                )
                return int(last.run_id), last.until, True
            conn.execute(
                runs.update().where(runs.c.run_id == last.run_id).values(outcome="abandoned")
            )
        if last is not None and until <= last.until:
            # Each run ends after the one before, so "seen by this run" is last_seen == until
            # (what a full run's missing marks rely on), even for two runs in one second.
            until = last.until + timedelta(seconds=1)
        run_id = conn.execute(
            runs.insert().values(
                mode=mode, started_at=now, until=until, requests=0, clips=0, outcome="running"
            )
        ).inserted_primary_key
        assert run_id is not None  # noqa: S101 -- an insert always has one
        return int(run_id[0]), until, False


def _watermarks(engine: Engine, accounts: Sequence[str]) -> dict[str, datetime | None]:
    table = _schema.accounts
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(table.c.account_id, table.c.watermark).where(
                table.c.account_id.in_(list(accounts))
            )
        )
        return {row.account_id: row.watermark for row in found}


def _checkpointed(engine: Engine, run_id: int) -> set[tuple[str, datetime]]:
    table = _schema.checkpoints
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(table.c.account_id, table.c.window_start).where(table.c.run_id == run_id)
        )
        return {(row.account_id, row.window_start) for row in found}


@attrs.define
class _Writer:
    """Collects the pages of every window in flight and writes them in shared batches.

    A batch is written, in one transaction, when it holds ``batch_rows`` clips (whichever
    windows they come from) or when a window's last page is in, together with that window's
    checkpoint: a window's checkpoint is always committed with its last rows, and a finished
    window is never fetched again. Batches are shared rather than per window so that they stay
    large (commits cost per batch: 1,200 rows a batch wrote 16,000 rows/s into SQLite, 6,000
    wrote 28,000) while memory holds one batch, however many windows are open.

    Written in the event loop's thread, not a thread of its own: sqlite3's ``executemany`` gives
    up the GIL for every row it steps and must win it back from the thread parsing pages, which
    made a writer thread much slower (7,700 against 12,600 clips/s in ``bench_8_sync``). On
    PostgreSQL too (COPY of text blocks, one batch written in a thread while the next is parsed):
    a median 16,100-23,100 against 20,900-24,900 clips/s inline. While a batch is written, the
    requests in flight keep travelling.
    """

    engine: Engine
    report: RunReport
    include_passcodes: bool
    clock: Callable[[], datetime]
    batch_rows: int = BATCH_ROWS
    _rows: list[dict[str, Any]] = attrs.field(factory=list)
    _listed: int = 0
    _requests: int = 0
    _checkpoints: list[dict[str, Any]] = attrs.field(factory=list)

    async def page(self, plan: WindowPlan, clips: list[Clip], requests: int) -> None:
        """Take one page's clips (``requests``: what it cost, restarts included)."""
        self._rows.extend(
            clip_row(plan.account_id, clip, include_passcodes=self.include_passcodes)
            for clip in clips
            if clip.clip_id  # a clip without an id cannot be kept track of
        )
        self._listed += len(clips)
        self._requests += requests
        if len(self._rows) >= self.batch_rows:
            self.flush()
        await asyncio.sleep(0)  # let the other windows' responses in between pages

    def window_done(self, plan: WindowPlan, *, clips: int, requests: int) -> None:
        """Checkpoint ``plan``, writing it now with what is held (its last rows among them)."""
        self._checkpoints.append(
            {
                "run_id": self.report.run_id,
                "account_id": plan.account_id,
                "window_start": plan.start,
                "window_end": plan.end,
                "clips": clips,
                "requests": requests,
                "done_at": self.clock(),
            }
        )
        self.flush()  # a finished window is never fetched again, even if the run dies next

    def flush(self) -> None:
        """Write what is held, with its checkpoints, in one transaction."""
        if not (self._rows or self._checkpoints or self._requests):
            return
        report = self.report
        with self.engine.begin() as conn:
            # The run's counters first: on SQLite this write takes the write lock before the
            # batch reads the rows it holds, so a webhook's refresh writing meanwhile
            # (``_refresh``) is waited for, never read stale ("database is locked").
            runs = _schema.runs
            conn.execute(
                runs.update()
                .where(runs.c.run_id == report.run_id)
                .values(
                    requests=runs.c.requests + self._requests,
                    clips=runs.c.clips + self._listed,
                )
            )
            counts = write_batch(
                conn,
                self._rows,
                seen_at=report.until,
                run_id=report.run_id,
                include_passcodes=self.include_passcodes,
            )
            if self._checkpoints:
                conn.execute(_schema.checkpoints.insert(), self._checkpoints)
        report.add(counts)
        report.requests += self._requests
        report.clips += self._listed
        self._rows, self._checkpoints = [], []
        self._listed = self._requests = 0


def _in_window(plan: WindowPlan, date_filter: str) -> Callable[[Clip], bool]:
    """Keep the clips whose filter date is in the window (or unknown), remembering none.

    A listing's ``WindowLedger`` also remembers every id of the window being paged, so that a
    page-token restart yields no clip twice; 16 windows of a large account at once made that
    the run's largest memory. Here a clip written twice is written once (upserts are
    idempotent), so only the dates are checked: what the inclusive, whole-second bounds
    over-fetch from outside the window is left to the window it belongs to.
    """
    start, end = plan.start, plan.end
    created = date_filter == "CREATED_DATE"

    def keep(clip: Clip) -> bool:
        when = clip.created_date if created else clip.modified_date
        return when is None or start <= when <= end

    return keep


async def _page_window(
    client: AsyncZoomClips, writer: _Writer, plan: WindowPlan, date_filter: str
) -> None:
    query = build_query(
        user_id=None,
        search_key=None,
        date_filter_type=date_filter,
        status=None,
        page_size=PAGE_SIZE,
    )
    query |= {"from_": format_bound(plan.start), "to": format_bound(plan.end)}
    keep = _in_window(plan, date_filter)
    listing = AsyncClipListing(client)
    requests = 0

    def fetch(params: Mapping[str, Any]) -> Any:
        nonlocal requests
        requests += 1
        return listing.fetch(plan.account_id, params)

    listed = paid = 0
    async for clips in aiter_window_pages(fetch, query, keep, listing.policy):
        listed += len(clips)
        await writer.page(plan, clips, requests - paid)
        paid = requests
    writer.window_done(plan, clips=listed, requests=requests)


async def _page_all(
    client: AsyncZoomClips, writer: _Writer, jobs: Sequence[WindowPlan], date_filter: str
) -> None:
    queue = iter(jobs)

    async def worker() -> None:
        for plan in queue:  # one shared iterator: each job goes to exactly one worker
            await _page_window(client, writer, plan, date_filter)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(min(client.max_concurrency, len(jobs))):
                group.create_task(worker())
    except BaseExceptionGroup as failed:
        raise failed.exceptions[0] from None


def _finish(
    engine: Engine,
    report: RunReport,
    *,
    full: bool,
    since: datetime | None,
    now: datetime,
) -> None:
    """Record the run as finished and move the accounts' watermarks, in one transaction."""
    table = _schema.accounts
    with engine.begin() as conn:
        known = set(
            conn.execute(
                sa.select(table.c.account_id).where(table.c.account_id.in_(report.accounts))
            ).scalars()
        )
        values: dict[str, Any] = {"watermark": report.until}
        if full:
            values["last_full_at"] = report.until
        for account_id in report.accounts:
            if account_id in known:
                conn.execute(table.update().where(table.c.account_id == account_id).values(values))
            else:
                conn.execute(table.insert().values(account_id=account_id, **values))
        if full:
            report.missing = mark_missing(
                conn,
                report.accounts,
                since=whole_second(since or DEFAULT_SINCE),
                seen_at=report.until,
            )
        runs = _schema.runs
        conn.execute(
            runs.update()
            .where(runs.c.run_id == report.run_id)
            .values(outcome="ok", finished_at=now, error=None)
        )
    report.outcome = "ok"


def _record_failure(engine: Engine, report: RunReport, error: str, now: datetime) -> None:
    runs = _schema.runs
    with engine.begin() as conn:
        conn.execute(
            runs.update()
            .where(runs.c.run_id == report.run_id)
            .values(outcome="failed", finished_at=now, error=error[:2000])
        )
    report.outcome = "failed"


def _wall_clock() -> datetime:
    return datetime.now(UTC)


async def sync(
    database: Engine | str | None,
    client: AsyncZoomClips,
    accounts: Iterable[str],
    *,
    since: datetime | None = None,
    full: bool = False,
    include_passcodes: bool = False,
    now: datetime | None = None,
    clock: Callable[[], datetime] = _wall_clock,
) -> RunReport:
    """Bring the inventory in ``database`` up to date with Zoom for ``accounts``; its report.

    ``database`` is an engine or a ``--db`` value (a SQLite path, ``postgresql://...``; ``None``:
    ``zoom-clips.db``). ``since`` is where an account's first run starts (and a ``full`` run);
    ``now`` is the run's end instant (default: ``clock()``, the wall clock), and ``clock`` stamps
    the bookkeeping (runs, checkpoints). Migrations are applied first; the inventory is locked for
    the run (:class:`~zoom_clips.inventory.InventoryLockedError` if another run holds it). A run
    that fails raises :class:`SyncFailedError` after recording what it finished.

    >>> async with AsyncZoomClips.from_env(rate_limit="business") as aclient:  # doctest: +SKIP
    ...     report = await sync("zoom-clips.db", aclient, ["SUB_ACCOUNT_ID"])
    ...     print(report.summary())
    """
    account_ids = _checked_accounts(accounts)
    engine = database if isinstance(database, Engine) else open_database(database)
    mode = "full" if full else "incremental"
    date_filter = "CREATED_DATE" if full else "MODIFIED_DATE"
    with inventory_lock(engine):
        migrate(engine, now=clock)
        wanted_until = whole_second(now if now is not None else clock())
        run_id, until, resumed = _begin_run(engine, mode, wanted_until, clock())
        report = RunReport(run_id, mode, until, account_ids, resumed=resumed)
        marks = _watermarks(engine, account_ids)
        plans = [
            plan
            for account_id in account_ids
            for plan in plan_windows(
                account_id, watermark=marks.get(account_id), since=since, until=until, full=full
            )
        ]
        done = _checkpointed(engine, run_id) if resumed else set()
        jobs = [plan for plan in plans if (plan.account_id, plan.start) not in done]
        report.windows, report.windows_skipped = len(plans), len(plans) - len(jobs)
        writer = _Writer(engine, report, include_passcodes, clock)
        try:
            await _page_all(client, writer, jobs, date_filter)
            writer.flush()
        except BaseException as exc:
            error = f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, SQLAlchemyError):
                writer.flush()  # what the windows in flight finished is saved too
            _record_failure(engine, report, error, clock())
            if not isinstance(exc, Exception):
                raise
            finished = len(_checkpointed(engine, run_id))
            raise SyncFailedError(
                f"sync gave up after {finished} of {report.windows} windows ({error}); "
                "what it finished is saved: run it again to resume",
                report=report,
                finished=finished,
            ) from exc
        _finish(engine, report, full=full, since=since, now=clock())
    return report
