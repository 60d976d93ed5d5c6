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
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs
import httpx

from ._errors import BadRequestError, PaginationError
from ._models import Clip, ClipsPage
from ._retry import Budget, RetryPolicy
from ._windows import (
    DateRange,
    Window,
    format_bound,
    normalize_range,
    single_window_params,
    split_windows,
    window_queries,
)

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

# A page fetcher: the generated call's keyword arguments in, the parsed page and raw response out.
Fetch = Callable[[Mapping[str, Any]], tuple[ClipsPage, httpx.Response]]
AsyncFetch = Callable[[Mapping[str, Any]], Awaitable[tuple[ClipsPage, httpx.Response]]]
# Whether to yield a clip a window returned (and remember that it was).
Keep = Callable[[Clip], bool]

PAGE_TOKEN_ERROR_CODE = 300
#: How many of a query's latest page tokens are remembered to tell a repeat (memory is bounded
#: by this times ``_models.MAX_PAGE_TOKEN_LENGTH``).
REMEMBERED_TOKENS = 256


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
