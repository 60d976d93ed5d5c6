"""Paging through clips: a range as UTC instants, windows of at most one month, pages within one.

Three layers, each usable on its own (the concurrent fan-out of windows builds on them):

- ``normalize_range(from_, to)`` turns the caller's dates, datetimes or ISO strings into a
  ``DateRange`` of two UTC instants, both inclusive, to the microsecond: a date ``from_`` is the
  first instant of its day, a date ``to`` the last (``E 23:59:59.999999``), so a date range
  ``D..E`` is ``[D 00:00Z, (E+1) 00:00Z)``.
- ``split_windows`` / ``DateRange.windows`` cut a range into consecutive windows of at most one
  calendar month. Zoom's ``from``/``to`` are inclusive and documented only as
  ``yyyy-MM-ddTHH:mm:ssZ``, so every bound on the wire is a whole second in that form: the range
  rounded outward (``from`` down, ``to`` up: a date ``to`` E is sent as ``(E+1)T00:00:00Z``), and
  neighbouring windows share their boundary instant. What the rounding over-fetches is dropped
  on the client by ``_dedup.WindowLedger``, which also de-duplicates across windows.
- ``iter_window`` / ``aiter_window`` (and their ``_pages`` forms, a page at a time) page through
  *one* window given its query: the unit of work. A ``WindowPager`` (a ``Pager``, as the token
  lists' ``TokenPager`` is) holds the pure logic both share: the next page's parameters (the
  original query plus the token), a token that repeats (``PaginationError``), and one restart
  of the window when Zoom says the page token expired (400, code 300), without yielding any clip
  twice: a ``keep`` rule decides which clips to yield (by default: each id once per window; a
  listing passes its ledger's rule, so one set of ids serves both the restart and the
  cross-window de-duplication).

Every window ends (``PageTrail``, shared with the token lists of ``_resources._paging``): a page
that carries a ``next_page_token`` but brings no new clip (empty, or all clips already yielded)
is an attempt that kept nothing, and spends one retry of the policy's ``Budget`` (the one retry
rule of ``_retry``; nothing is slept: the page did answer). Past ``max_retries`` such pages in a
window: ``PaginationError``, so a server that answers empty pages with fresh tokens forever
costs ``1 + max_retries`` requests. An empty page with a token is not simply taken as the end:
Zoom documents the last page as the one *without* a token, so ending there could drop the clips
of later pages without an error. After a restart, the pages before it replay at no cost. The
tokens remembered to tell a repeat are the last ``REMEMBERED_TOKENS`` (a longer cycle brings no
new clip, so the budget ends it); their length is bounded when a page is parsed
(``_models.MAX_PAGE_TOKEN_LENGTH``).
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sized
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs
import httpx
from dateutil.relativedelta import relativedelta

from ._errors import BadRequestError, PaginationError
from ._models import Clip, ClipsPage
from ._retry import Budget, RetryPolicy

__all__ = [
    "REMEMBERED_TOKENS",
    "DateRange",
    "Keep",
    "PageTrail",
    "Pager",
    "Window",
    "WindowPager",
    "aiter_window",
    "aiter_window_pages",
    "each_id_once",
    "format_bound",
    "iter_window",
    "iter_window_pages",
    "normalize_range",
    "single_window_params",
    "split_windows",
    "window_queries",
]

Bound = date | datetime
# A page fetcher: the generated call's keyword arguments in, the parsed page and raw response out.
Fetch = Callable[[Mapping[str, Any]], tuple[ClipsPage, httpx.Response]]
AsyncFetch = Callable[[Mapping[str, Any]], Awaitable[tuple[ClipsPage, httpx.Response]]]
# Whether to yield a clip a window returned (and remember that it was).
Keep = Callable[[Clip], bool]

PAGE_TOKEN_ERROR_CODE = 300
#: How many of a query's latest page tokens are remembered to tell a repeat (memory is bounded
#: by this times ``_models.MAX_PAGE_TOKEN_LENGTH``).
REMEMBERED_TOKENS = 256
_ONE_MONTH = relativedelta(months=1)
_ONE_SECOND = timedelta(seconds=1)
_LAST_BOUND = datetime.max.replace(microsecond=0, tzinfo=UTC)


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


def _first_instant(value: Bound) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.min, tzinfo=UTC)


def _last_instant(value: Bound) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.max, tzinfo=UTC)


def _month_after(when: datetime) -> datetime | None:
    """One month after ``when``, or ``None`` past the year 9999 (after any range's end)."""
    try:
        return when + _ONE_MONTH
    except ValueError:
        return None


def _ceil_second(when: datetime) -> datetime:
    whole = when.replace(microsecond=0)
    return whole if whole == when else whole + _ONE_SECOND


@attrs.frozen
class DateRange:
    """The instants a listing covers: ``start``..``end``, both inclusive, aware UTC, to the µs.

    ``DateRange.of(date(2025, 1, 1), date(2025, 1, 31))`` is ``2025-01-01 00:00:00`` ..
    ``2025-01-31 23:59:59.999999``: a clip at ``23:59:59.900`` on the 31st is in it, one at
    ``00:00:00.000`` on February 1st is not.
    """

    start: datetime
    end: datetime

    @classmethod
    def of(cls, start: Bound, end: Bound) -> DateRange:
        """The range from the first instant of ``start`` to the last of ``end`` (dates: days)."""
        first, last = _first_instant(start), _last_instant(end)
        if last < first:
            raise ValueError(f"from_ ({start}) is after to ({end})")
        if last > _LAST_BOUND:  # a date `to` of 9999-12-31 would go out as a year-10000 instant
            raise ValueError(f"to ({end}) is later than the last bound Zoom's form can name")
        return cls(first, last)

    def contains(self, when: datetime) -> bool:
        """Whether the instant ``when`` lies in the range."""
        return self.start <= when <= self.end

    def windows(self) -> list[Window]:
        """Consecutive windows of at most one month (``relativedelta``) covering the range.

        The wire bounds are the range rounded outward to whole seconds. Each window ends one
        month after it starts, where the next starts: Zoom's bounds are inclusive, so neighbours
        share that instant. Chained, not anchored to the first start: Jan 31 -> Feb 28 -> Mar 28,
        since a window from Feb 28 to Mar 31 would be longer than Zoom's one month.
        """
        start, end = self.start.replace(microsecond=0), _ceil_second(self.end)
        bounds = [start]
        while (nxt := _month_after(bounds[-1])) is not None and nxt < end:
            bounds.append(nxt)
        bounds.append(end)
        last = len(bounds) - 2
        return [
            Window(i, bounds[i], bounds[i + 1], has_previous=i > 0, has_next=i < last)
            for i in range(last + 1)
        ]


def normalize_range(from_: object, to: object, *, now: datetime) -> DateRange | None:
    """The caller's ``from_``/``to`` as a ``DateRange``, or ``None`` for Zoom's default (today).

    Naive datetimes are UTC; a date ``from_`` is the start of that day, a date ``to`` its end, a
    datetime is that instant. Without ``to``, the range ends now (the end of today, for a date
    ``from_``).
    """
    if from_ is None and to is None:
        return None
    if from_ is None:
        raise ValueError("to= needs from_=: Zoom has no open-ended start")
    start = _to_bound(from_, "from_")
    end: Bound
    if to is None:
        end = now.date() if not isinstance(start, datetime) else now.astimezone(UTC)
    else:
        end = _to_bound(to, "to")
    return DateRange.of(start, end)


def format_bound(value: datetime) -> str:
    """An instant in the one form Zoom documents for ``from``/``to``: ``yyyy-MM-ddTHH:mm:ssZ``."""
    if value.microsecond:
        raise ValueError(f"{value} is not a whole second: Zoom's bounds have none")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@attrs.frozen
class Window:
    """One query window, ``start``..``end`` inclusive on the wire (whole seconds, UTC)."""

    index: int
    start: datetime
    end: datetime
    has_previous: bool
    has_next: bool

    def params(self) -> dict[str, str]:
        """The window's ``from_``/``to`` arguments for the generated call."""
        return {"from_": format_bound(self.start), "to": format_bound(self.end)}


def split_windows(start: Bound, end: Bound) -> list[Window]:
    """The windows of ``DateRange.of(start, end)``: ``start``..``end`` in at most one month each."""
    return DateRange.of(start, end).windows()


def window_queries(
    query: Mapping[str, Any], span: DateRange | None
) -> list[tuple[Window | None, dict[str, Any]]]:
    """Each window of ``span`` with its query (``None`` and the bare query: Zoom's default)."""
    if span is None:
        return [(None, dict(query))]
    return [(window, {**query, **window.params()}) for window in span.windows()]


def single_window_params(from_: object, to: object, *, now: datetime) -> dict[str, str]:
    """``from_``/``to`` for one request (``list_page``): the bounds ``list`` would send.

    A date ``to`` E goes out as ``(E+1)T00:00:00Z`` and a datetime with sub-seconds rounded
    outward, as on a listing's last window; one raw page is returned as Zoom sent it, so a clip
    dated on that rounded-up ``to`` may be in it (``list`` drops those). ``ValueError`` if the
    bounds sent would be more than one month apart.
    """
    span = normalize_range(from_, to, now=now)
    if span is None:
        return {}
    windows = span.windows()
    if len(windows) > 1:
        raise ValueError(
            f"from_..to spans more than Zoom's one-month maximum ({windows[0].start} .. "
            f"{windows[-1].end} on the wire): list() splits longer ranges into windows"
        )
    return windows[0].params()


def each_id_once() -> Keep:
    """The default rule of one window on its own: every clip once by ``clip_id`` (no id: kept)."""
    seen: set[str] = set()

    def keep(clip: Clip) -> bool:
        if clip.clip_id is None:
            return True
        if clip.clip_id in seen:
            return False
        seen.add(clip.clip_id)
        return True

    return keep


@attrs.define
class PageTrail:
    """The token trail of one paged query, and the bounds that make it end.

    ``follow(token, progressed=...)`` after each page: done on a page without a token; a token
    among the last ``REMEMBERED_TOKENS`` is a loop (``PaginationError``); a page with a token
    but without progress spends one retry of the policy's ``Budget``, and past ``max_retries``
    of them the query has stopped advancing (``PaginationError``). ``restart()`` goes back to
    the first page, whose replay up to where the trail was costs nothing.
    """

    policy: RetryPolicy
    what: str = "query"
    token: str | None = None
    done: bool = False
    pages: int = 0
    _replayed: int = 0
    _recent: dict[str, None] = attrs.field(factory=dict)
    _pages_seen: dict[int, None] = attrs.field(factory=dict)
    _budget: Budget = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._budget = Budget(self.policy)

    def follow(self, token: str | None, *, progressed: bool, response: httpx.Response) -> None:
        """Move past one page: its ``token`` (``None`` on the last page) and whether it brought
        anything new."""
        self.pages += 1
        if token is None:
            self.done = True
            return
        if token in self._recent:
            raise PaginationError(
                f"Zoom sent a next_page_token it had already sent for this {self.what}: "
                "paging would loop forever",
                response=response,
            )
        # The one retry rule, counting only: the page did answer, so there is nothing to wait.
        if not progressed and self.pages > self._replayed and self._budget.next_wait(None) is None:
            raise PaginationError(
                f"Zoom sent {self._budget.retries + 1} pages of this {self.what} with a "
                f"next_page_token but nothing new (max_retries={self.policy.max_retries}): "
                "paging is not advancing",
                response=response,
            )
        self._recent[token] = None
        if len(self._recent) > REMEMBERED_TOKENS:
            del self._recent[next(iter(self._recent))]
        self.token = token

    def repeats(self, fingerprint: int) -> bool:
        """Whether a page with this fingerprint (the hash of its ids) came among the last
        ``REMEMBERED_TOKENS`` pages; remembered either way."""
        seen = self._pages_seen
        if fingerprint in seen:
            return True
        seen[fingerprint] = None
        if len(seen) > REMEMBERED_TOKENS:
            del seen[next(iter(seen))]
        return False

    def restart(self) -> None:
        """Back to the first page; the pages up to here replay without spending the budget."""
        self._replayed = max(self._replayed, self.pages)
        self.pages = 0
        self.token = None
        self._recent.clear()
        self._pages_seen.clear()


class _Paged(Protocol):
    """What a pager reads of every page: the token of the next one (``None`` on the last)."""

    @property
    def next_page_token(self) -> str | None: ...


PageT = TypeVar("PageT", bound=_Paged)
ItemsT = TypeVar("ItemsT", bound=Sized)


@attrs.define
class Pager(abc.ABC, Generic[PageT, ItemsT]):
    """The pure state of one token-paged query, shared by a clip window (``WindowPager``) and a
    clip's token lists (``_resources._paging.TokenPager``): the next request's ``params``, and
    ``accept`` of each page, which advances the ``PageTrail`` (its bounds end every query).

    A subclass says what a page yields (``items``) and what tells a page that came again
    (``fingerprint``); a page made progress if it yields something and is no recent page again.
    """

    #: What the trail's errors call the query ("window", "list").
    WHAT: ClassVar[str] = "query"

    query: Mapping[str, Any]
    policy: RetryPolicy = attrs.field(factory=RetryPolicy, kw_only=True)
    trail: PageTrail = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.trail = PageTrail(self.policy, self.WHAT)

    @property
    def done(self) -> bool:
        """Whether the query's last page is in."""
        return self.trail.done

    @property
    def token(self) -> str | None:
        """The token of the next page (``None``: the first)."""
        return self.trail.token

    def params(self) -> dict[str, Any]:
        """The next request's arguments: always the original query, plus the page token."""
        token = self.trail.token
        if token is None:
            return dict(self.query)
        return {**self.query, "next_page_token": token}

    def accept(self, page: PageT, response: httpx.Response) -> ItemsT:
        """The items of ``page`` to yield, and the pager advanced to the next page (or done)."""
        items = self.items(page)
        progressed = bool(items) and not self.trail.repeats(self.fingerprint(page))
        self.trail.follow(page.next_page_token, progressed=progressed, response=response)
        return items

    @abc.abstractmethod
    def items(self, page: PageT) -> ItemsT:
        """What ``page`` yields (called once per page, before ``fingerprint``)."""

    @abc.abstractmethod
    def fingerprint(self, page: PageT) -> int:
        """A hash that is equal for two pages with the same items, to tell a page repeated."""


@attrs.define
class WindowPager(Pager[ClipsPage, list[Clip]]):
    """The pure state of paging through one window; ``iter_window``/``aiter_window`` do the I/O.

    ``keep`` decides which clips of a page to yield. It must remember what it let through, so
    that a restart after an expired page token yields none of them twice: the default remembers
    this window's ids (bounded by one window); a listing passes its ``WindowLedger``'s rule. A
    page whose clips ``keep`` lets none through made no progress (``PageTrail``), and neither
    did one with the very ids of a recent page: a ``keep`` that remembers nothing (the
    inventory's, whose upserts make repeats harmless) would let those through forever.
    """

    WHAT: ClassVar[str] = "window"

    keep: Keep = attrs.field(factory=each_id_once)
    restarted: bool = False

    def items(self, page: ClipsPage) -> list[Clip]:
        """The clips of ``page`` that ``keep`` lets through."""
        keep = self.keep
        return [clip for clip in page.data if keep(clip)]

    def fingerprint(self, page: ClipsPage) -> int:
        """The hash of the page's ids, in order."""
        return hash(tuple([clip.clip_id for clip in page.data]))

    def restart_after(self, error: BadRequestError) -> bool:
        """Whether ``error`` is an expired page token and the window restarts (once)."""
        if error.code != PAGE_TOKEN_ERROR_CODE or self.trail.token is None:
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
        self.trail.restart()
        return True


def iter_window(
    fetch: Fetch,
    query: Mapping[str, Any],
    keep: Keep | None = None,
    policy: RetryPolicy | None = None,
) -> Iterator[Clip]:
    """Every clip of one window, page by page; ``query`` is the generated call's arguments.

    ``policy`` (the client's) bounds the pages that bring nothing new (``PageTrail``).
    """
    for clips in iter_window_pages(fetch, query, keep, policy):
        yield from clips


def iter_window_pages(
    fetch: Fetch,
    query: Mapping[str, Any],
    keep: Keep | None = None,
    policy: RetryPolicy | None = None,
) -> Iterator[list[Clip]]:
    """The clips of one window a page at a time (the twin of ``aiter_window_pages``)."""
    pager = WindowPager(query, keep or each_id_once(), policy=policy or RetryPolicy())
    while not pager.done:
        try:
            page, response = fetch(pager.params())
        except BadRequestError as exc:
            if pager.restart_after(exc):
                continue
            raise
        yield pager.accept(page, response)


async def aiter_window(
    fetch: AsyncFetch,
    query: Mapping[str, Any],
    keep: Keep | None = None,
    policy: RetryPolicy | None = None,
) -> AsyncIterator[Clip]:
    """The async twin of ``iter_window``."""
    async for clips in aiter_window_pages(fetch, query, keep, policy):
        for clip in clips:
            yield clip


async def aiter_window_pages(
    fetch: AsyncFetch,
    query: Mapping[str, Any],
    keep: Keep | None = None,
    policy: RetryPolicy | None = None,
) -> AsyncIterator[list[Clip]]:
    """The clips of one window a page at a time (the unit the concurrent fan-out hands on)."""
    pager = WindowPager(query, keep or each_id_once(), policy=policy or RetryPolicy())
    while not pager.done:
        try:
            page, response = await fetch(pager.params())
        except BadRequestError as exc:
            if pager.restart_after(exc):
                continue
            raise
        yield pager.accept(page, response)
