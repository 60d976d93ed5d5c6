"""Listing many windows, of one account or many, at the same time: the async client's fan-out.

Zoom chains the pages of one query (each request needs the previous page's token), so one window
costs one round trip per page. Independent windows and accounts can be paged at once. ``fan_out``
runs ``max_concurrency`` worker tasks; each takes the next (account, window) job, pages through it
and hands each page to one consumer (the async generator the caller iterates) over a bounded
queue. The consumer alone touches the ``BoundaryLedger`` of each account, so de-duplication needs
no lock, and a slow consumer holds the workers back instead of piling pages up in memory: at most
``max_concurrency`` pages wait in the queue, plus one per worker.

Order: clips come in the order their pages arrive. Within a window they keep Zoom's order
(newest first by the filtered date); windows and accounts interleave. Sort if order matters.

Failure: the first error of any worker is raised from the consumer, as the typed error it was;
every other worker is cancelled and awaited before it propagates. Nothing is ever returned short
without an error. Leaving the loop early (``break``) cancels the workers the same way when the
generator is closed: at once inside ``contextlib.aclosing(...)``, else when it is collected.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import Any

import attrs

from ._models import Clip
from ._pagination import BoundaryLedger, Window

__all__ = ["WindowJob", "fan_out"]


@attrs.frozen
class WindowJob:
    """One unit of work: one account's query over one window (``None``: Zoom's default range)."""

    account_id: str
    window: Window | None
    query: dict[str, Any]


# A job's pages, as lists of clips (``aiter_window_pages`` bound to the account's fetch).
PageSource = Callable[[WindowJob], AsyncIterator[list[Clip]]]


@attrs.frozen
class _Page:
    job: WindowJob
    clips: list[Clip]


@attrs.frozen
class _WindowDone:
    job: WindowJob


@attrs.frozen
class _WorkerFailed:
    error: Exception


@attrs.frozen
class _WorkerIdle:
    """A worker found no job left."""


_Message = _Page | _WindowDone | _WorkerFailed | _WorkerIdle


@attrs.define
class _Ledgers:
    """One ``BoundaryLedger`` per account: window boundaries are per account."""

    date_filter_type: str | None
    _by_account: dict[str, BoundaryLedger] = attrs.field(factory=dict)

    def _ledger(self, account_id: str) -> BoundaryLedger:
        ledger = self._by_account.get(account_id)
        if ledger is None:
            ledger = self._by_account[account_id] = BoundaryLedger(self.date_filter_type)
        return ledger

    def keep(self, job: WindowJob, clip: Clip) -> bool:
        return job.window is None or self._ledger(job.account_id).keep(job.window, clip)

    def window_done(self, job: WindowJob) -> None:
        if job.window is not None:
            self._ledger(job.account_id).window_done(job.window)


async def fan_out(
    jobs: Sequence[WindowJob],
    pages: PageSource,
    *,
    max_concurrency: int,
    date_filter_type: str | None,
) -> AsyncGenerator[tuple[str, Clip], None]:
    """Every clip of every job as ``(account_id, clip)``, each once, jobs paged concurrently."""
    if not jobs:
        return
    queue: asyncio.Queue[_Message] = asyncio.Queue(maxsize=max_concurrency)
    pending = iter(jobs)
    ledgers = _Ledgers(date_filter_type)

    async def worker() -> None:
        try:
            for job in pending:  # one shared iterator: each job goes to exactly one worker
                async for clips in pages(job):
                    await queue.put(_Page(job, clips))
                await queue.put(_WindowDone(job))
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
            elif isinstance(message, _WindowDone):
                ledgers.window_done(message.job)
            else:
                for clip in message.clips:
                    if ledgers.keep(message.job, clip):
                        yield message.job.account_id, clip
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
