"""Paging through clips: date windows of at most one month, pages within a window, de-duplication.

Three layers, each usable on its own (the concurrent fan-out of windows builds on them):

- ``split_windows(from_, to)`` cuts a range into consecutive windows of at most one calendar month.
  Zoom's ``from``/``to`` are both inclusive, so neighbouring windows share their boundary (a day for
  dates, an instant for date-times) and a clip dated on it can come back from both.
- ``iter_window`` / ``aiter_window`` page through *one* window given its query: the unit of work.
  A ``WindowPager`` holds the pure logic both share: the next page's parameters (the original query
  plus the token), a token that repeats (``PaginationError``), and one restart of the window when
  Zoom says the page token expired (400, code 300), without yielding any clip twice.
- A ``BoundaryLedger`` de-duplicates across windows by ``clip_id``, remembering only the clips
  dated on a shared boundary, and forgetting them once both neighbours are done: memory is bounded
  by the clips on one boundary, not by all clips seen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import httpx
from dateutil.relativedelta import relativedelta

from ._errors import BadRequestError, PaginationError
from ._models import Clip, ClipsPage, DateFilterType

__all__ = [
    "BoundaryLedger",
    "Window",
    "WindowPager",
    "aiter_window",
    "aiter_window_pages",
    "format_bound",
    "iter_window",
    "normalize_range",
    "split_windows",
]

Bound = date | datetime
# A page fetcher: the generated call's keyword arguments in, the parsed page and raw response out.
Fetch = Callable[[Mapping[str, Any]], tuple[ClipsPage, httpx.Response]]
AsyncFetch = Callable[[Mapping[str, Any]], Awaitable[tuple[ClipsPage, httpx.Response]]]

PAGE_TOKEN_ERROR_CODE = 300
_ONE_MONTH = relativedelta(months=1)
_ONE_SECOND = timedelta(seconds=1)


def _to_bound(value: object, name: str) -> Bound:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return _to_bound(datetime.fromisoformat(text), name)
        except ValueError:
            pass
    raise ValueError(
        f"{name}={value!r} is not a date, a datetime or an ISO-8601 string "
        "('2025-01-31' or '2025-01-31T12:00:00Z')"
    )


def normalize_range(from_: object, to: object, *, now: datetime) -> tuple[Bound, Bound] | None:
    """``(from, to)`` as two dates or two aware UTC datetimes, or ``None`` for Zoom's default.

    Naive datetimes are UTC. A date-only ``from`` means the start of that day, a date-only ``to``
    the end of that day. Without ``to``, the range ends now (today, for a date ``from``).
    """
    if from_ is None and to is None:
        return None
    if from_ is None:
        raise ValueError("to= needs from_=: Zoom has no open-ended start")
    start = _to_bound(from_, "from_")
    end: Bound
    if to is None:
        end = now.date() if type(start) is date else now.astimezone(UTC)
    else:
        end = _to_bound(to, "to")
    if type(start) is date and type(end) is not date:
        start = datetime.combine(start, time.min, tzinfo=UTC)
    elif type(end) is date and type(start) is not date:
        end = datetime.combine(end, time(23, 59, 59), tzinfo=UTC)
    if end < start:  # both dates or both datetimes by now
        raise ValueError(f"from_ ({start}) is after to ({end})")
    return start, end


def format_bound(value: Bound) -> str:
    """Zoom's formats: ``yyyy-MM-dd`` for a date, ``yyyy-MM-ddTHH:mm:ssZ`` for a date-time."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


@attrs.frozen
class Window:
    """One query window, ``start``..``end`` inclusive, at most one calendar month long."""

    index: int
    start: Bound
    end: Bound
    has_previous: bool
    has_next: bool

    def params(self) -> dict[str, str]:
        """The window's ``from_``/``to`` arguments for the generated call."""
        return {"from_": format_bound(self.start), "to": format_bound(self.end)}


def split_windows(start: Bound, end: Bound) -> list[Window]:
    """Consecutive windows covering ``start``..``end``, each at most one month (``relativedelta``).

    Window ``i`` starts ``i`` months after ``start`` (anchored, so Jan 31 -> Feb 28 -> Mar 31 does
    not drift) and ends where the next starts: Zoom's bounds are inclusive, so they share it.
    """
    bounds: list[Bound] = [start]
    months = 1
    while True:
        nxt: Bound = start + relativedelta(months=months)
        if nxt >= end:  # start and end have the same type
            break
        bounds.append(nxt)
        months += 1
    bounds.append(end)
    last = len(bounds) - 2
    return [
        Window(i, bounds[i], bounds[i + 1], has_previous=i > 0, has_next=i < last)
        for i in range(last + 1)
    ]


def _on_boundary(day_or_instant: Bound, when: datetime) -> bool:
    if isinstance(day_or_instant, datetime):
        # Zoom's bounds have whole seconds: a clip within the boundary second may be in both.
        return day_or_instant <= when < day_or_instant + _ONE_SECOND
    return when.date() == day_or_instant


@attrs.define
class BoundaryLedger:
    """Which clips dated on a shared window boundary were already yielded, per boundary.

    A boundary is named by the index of the window after it. Clips without the date Zoom filtered
    on cannot be placed, so they are remembered under ``-1`` for the whole listing (Zoom always
    sends the date it filters on; this only guards against a response without it).
    """

    date_filter_type: str | None = None
    _seen: dict[int, set[str]] = attrs.field(factory=dict)
    _finished: set[int] = attrs.field(factory=set)

    def _filter_date(self, clip: Clip) -> datetime | None:
        if self.date_filter_type == DateFilterType.CREATED_DATE:
            return clip.created_date
        return clip.modified_date  # Zoom's default filter is MODIFIED_DATE

    def keep(self, window: Window, clip: Clip) -> bool:
        """Whether to yield ``clip`` from ``window``: ``False`` only to repeat a boundary clip."""
        if clip.clip_id is None or not (window.has_previous or window.has_next):
            return True
        when = self._filter_date(clip)
        if when is None:
            key = -1
        elif window.has_previous and _on_boundary(window.start, when):
            key = window.index
        elif window.has_next and _on_boundary(window.end, when):
            key = window.index + 1
        else:
            return True
        seen = self._seen.setdefault(key, set())
        if clip.clip_id in seen:
            return False
        seen.add(clip.clip_id)
        return True

    def window_done(self, window: Window) -> None:
        """Forget the boundaries of ``window`` whose other neighbour has finished too.

        Works in any order, so windows listed concurrently can share one ledger.
        """
        index = window.index
        self._finished.add(index)
        if index - 1 in self._finished:
            self._seen.pop(index, None)
        if index + 1 in self._finished:
            self._seen.pop(index + 1, None)

    def remembered(self) -> int:
        """How many clip ids the ledger holds (its memory bound, for tests and benchmarks)."""
        return sum(len(ids) for ids in self._seen.values())


@attrs.define
class WindowPager:
    """The pure state of paging through one window; ``iter_window``/``aiter_window`` do the I/O.

    ``yielded`` holds the ids of this window's clips so far (bounded by one window), so that a
    restart after an expired page token yields none of them twice.
    """

    query: Mapping[str, Any]
    token: str | None = None
    restarted: bool = False
    done: bool = False
    _tokens: set[str] = attrs.field(factory=set)
    _yielded: set[str] = attrs.field(factory=set)

    def params(self) -> dict[str, Any]:
        """The next request's arguments: always the original query, plus the page token."""
        if self.token is None:
            return dict(self.query)
        return {**self.query, "next_page_token": self.token}

    def accept(self, page: ClipsPage, response: httpx.Response) -> list[Clip]:
        """The clips of ``page`` to yield, and the pager advanced to the next page (or done)."""
        fresh = []
        for clip in page.data:
            clip_id = clip.clip_id
            if clip_id is None:
                fresh.append(clip)
            elif clip_id not in self._yielded:
                self._yielded.add(clip_id)
                fresh.append(clip)
        token = page.next_page_token
        if token is None:
            self.done = True
        elif token in self._tokens:
            raise PaginationError(
                "Zoom sent a next_page_token it had already sent for this query: "
                "paging would loop forever",
                response=response,
            )
        else:
            self._tokens.add(token)
            self.token = token
        return fresh

    def restart_after(self, error: BadRequestError) -> bool:
        """Whether ``error`` is an expired page token and the window restarts (once)."""
        if error.code != PAGE_TOKEN_ERROR_CODE or self.token is None:
            return False
        if self.restarted:
            raise PaginationError(
                f"the page token expired again after restarting the window: {error}",
                response=error.response,
                code=error.code,
                message=error.message,
                tracking_id=error.tracking_id,
            ) from error
        self.restarted = True
        self.token = None
        self._tokens.clear()
        return True


def iter_window(fetch: Fetch, query: Mapping[str, Any]) -> Iterator[Clip]:
    """Every clip of one window, page by page; ``query`` is the generated call's arguments."""
    pager = WindowPager(query)
    while not pager.done:
        try:
            page, response = fetch(pager.params())
        except BadRequestError as exc:
            if pager.restart_after(exc):
                continue
            raise
        yield from pager.accept(page, response)


async def aiter_window(fetch: AsyncFetch, query: Mapping[str, Any]) -> AsyncIterator[Clip]:
    """The async twin of ``iter_window``."""
    async for clips in aiter_window_pages(fetch, query):
        for clip in clips:
            yield clip


async def aiter_window_pages(
    fetch: AsyncFetch, query: Mapping[str, Any]
) -> AsyncIterator[list[Clip]]:
    """The clips of one window a page at a time (the unit the concurrent fan-out hands on)."""
    pager = WindowPager(query)
    while not pager.done:
        try:
            page, response = await fetch(pager.params())
        except BadRequestError as exc:
            if pager.restart_after(exc):
                continue
            raise
        yield pager.accept(page, response)
