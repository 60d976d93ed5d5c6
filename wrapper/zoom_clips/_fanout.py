"""Listing many windows, of one account or many, at the same time: the async client's fan-out.

Zoom chains the pages of one query (each request needs the previous page's token), so one window
costs one round trip per page. Independent windows and accounts can be paged at once. ``fan_out``
runs ``max_concurrency`` worker tasks; each takes the next (account, window) job, pages through it
and hands each page to one consumer (the async generator the caller iterates) over a bounded
queue. A slow consumer holds the workers back instead of piling pages up in memory: at most
``max_concurrency`` pages wait in the queue, plus one per worker.

De-duplication is the sync client's rule (``_dedup.WindowLedger``, one per account: windows are
per account): each worker's pager asks its account's ledger about every clip as its page comes
in, and tells it when the window's last page is in. The ledger's calls never await, so on one
event loop they need no lock; it decides as each page arrives, before the page is queued.

Order: clips come in the order their pages arrive. Within a window they keep Zoom's order
(newest first by the filtered date); windows and accounts interleave. Sort if order matters.

Failure: the first error of any worker is raised from the consumer, as the typed error it was;
every other worker is cancelled and awaited before it propagates. Nothing is ever returned short
without an error. Leaving the loop early (``break``) cancels the workers the same way when the
generator is closed: at once inside ``contextlib.aclosing(...)``, else when it is collected.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._dedup import WindowLedger
from ._models import Clip
from ._pagination import Keep, Window

if TYPE_CHECKING:
    import asyncio

__all__ = ["WindowJob", "fan_out"]


@attrs.frozen
class WindowJob:
    """One unit of work: one account's query over one window (``None``: Zoom's default range).

    ``account_id`` ``None`` is the user-level listing (``GET /clips``).
    """

    account_id: str | None
    window: Window | None
    query: dict[str, Any]


# A job's pages, as lists of the clips ``keep`` let through (``aiter_window_pages`` bound to the
# account's fetch).
PageSource = Callable[[WindowJob, Keep], AsyncIterator[list[Clip]]]


@attrs.frozen
class _Page:
    job: WindowJob
    clips: list[Clip]


@attrs.frozen
class _WorkerFailed:
    error: Exception


@attrs.frozen
class _WorkerIdle:
    """A worker found no job left."""


_Message = _Page | _WorkerFailed | _WorkerIdle


@attrs.define
class _Ledgers:
    """One ``WindowLedger`` per account, made on first use by ``new_ledger``."""

    new_ledger: Callable[[], WindowLedger]
    _by_account: dict[str | None, WindowLedger] = attrs.field(factory=dict)

    def __getitem__(self, account_id: str | None) -> WindowLedger:
        ledger = self._by_account.get(account_id)
        if ledger is None:
            ledger = self._by_account[account_id] = self.new_ledger()
        return ledger


async def fan_out(
    jobs: Sequence[WindowJob],
    pages: PageSource,
    *,
    max_concurrency: int,
    new_ledger: Callable[[], WindowLedger],
) -> AsyncGenerator[tuple[str | None, Clip], None]:
    """Every clip of every job as ``(account_id, clip)``, each once, jobs paged concurrently.

    ``new_ledger`` makes the ``WindowLedger`` of each account, on its first job.
    """
    import asyncio  # noqa: PLC0415 -- only the async client fans out: sync apps never load asyncio

    if not jobs:
        return
    queue: asyncio.Queue[_Message] = asyncio.Queue(maxsize=max_concurrency)
    pending = iter(jobs)
    by_account = _Ledgers(new_ledger)

    async def worker() -> None:
        try:
            for job in pending:  # one shared iterator: each job goes to exactly one worker
                ledger = by_account[job.account_id]
                async for clips in pages(job, ledger.keep):
                    await queue.put(_Page(job, clips))
                ledger.window_done(job.window)
        except Exception as exc:  # handed to the consumer, which raises it
            await queue.put(_WorkerFailed(exc))
        else:
            await queue.put(_WorkerIdle())

    workers = [asyncio.create_task(worker()) for _ in range(min(max_concurrency, len(jobs)))]
    running = len(workers)
    try:
        while running:
            message = await queue.get()
            if isinstance(message, _WorkerFailed):
                raise message.error
            if isinstance(message, _WorkerIdle):
                running -= 1
            else:
                for clip in message.clips:
                    yield message.job.account_id, clip
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
