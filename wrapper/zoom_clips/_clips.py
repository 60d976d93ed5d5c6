"""The listing behind ``client.clips.list``/``list_page``, shared by the sync and async resources.

The resource classes (``_resources.clips``) call these. Arguments are checked before any request
is sent; each request is built with a generated ``get_user_clips`` module (path template, quoting,
query names and enum values): the master API's ``/accounts/{accountId}/clips`` with an account id,
the Clips API's user-level ``GET /clips`` without one. Requests go through the client's one
request path (``ClipListing.fetch``, through the resource base: auth, retries, typed errors). A
range is split into one-month windows (``_pagination``) and de-duplicated across them
(``_dedup``); the async client pages the windows concurrently (``_fanout``, imported on
first use).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

import httpx

from ._dedup import WindowLedger
from ._models import MAX_PAGE_TOKEN_LENGTH, Clip, ClipsPage, ClipStatus, DateFilterType
from ._pagination import (
    DateRange,
    Keep,
    aiter_window_pages,
    iter_window,
    normalize_range,
    single_window_params,
    window_queries,
)
from ._resource import AsyncAPIResource, SyncAPIResource
from ._responses import Parse, page_from_response
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from ._fanout import WindowJob

__all__ = [
    "AsyncClipListing",
    "ClipListing",
    "ListingJobs",
    "build_query",
    "check_account_id",
    "check_accounts",
    "clips_only",
    "optional_str",
    "page_parser",
    "page_query",
    "request_kwargs",
]

MIN_PAGE_SIZE, MAX_PAGE_SIZE = 30, 300


# -- arguments: checked before any request is sent -------------------------------------------------


def _enum_value(value: object, enum: type[ClipStatus] | type[DateFilterType], name: str) -> str:
    if isinstance(value, enum):
        return value.value
    if isinstance(value, str) and value in enum.__members__.values():
        return value
    allowed = ", ".join(m.value for m in enum)
    raise ValueError(f"{name}={value!r} is not one of {allowed}")


def optional_str(value: object, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{name} must be a string, not {type(value).__name__}")


def build_query(
    *,
    user_id: str | None,
    search_key: str | None,
    date_filter_type: DateFilterType | str | None,
    status: ClipStatus | str | None,
    page_size: int | None,
) -> dict[str, Any]:
    """The filter arguments as plain strings/ints; ``ValueError`` for anything the spec forbids."""
    query: dict[str, Any] = {}
    for name, value in (("user_id", user_id), ("search_key", search_key)):
        if optional_str(value, name) is not None:
            query[name] = value
    if date_filter_type is not None:
        query["date_filter_type"] = _enum_value(
            date_filter_type, DateFilterType, "date_filter_type"
        )
    if status is not None:
        query["status"] = _enum_value(status, ClipStatus, "status")
    if page_size is not None:
        if (
            not isinstance(page_size, int)
            or isinstance(page_size, bool)
            or not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE
        ):
            raise ValueError(
                f"page_size={page_size!r} is outside Zoom's {MIN_PAGE_SIZE}..{MAX_PAGE_SIZE}"
            )
        query["page_size"] = page_size
    return query


def check_account_id(account_id: object) -> str:
    """``account_id`` if it is a non-empty string; ``ValueError`` otherwise."""
    if not isinstance(account_id, str) or not account_id:
        raise ValueError(f"account_id must be a non-empty string, not {account_id!r}")
    return account_id


def _check_optional_account(account_id: object) -> str | None:
    return None if account_id is None else check_account_id(account_id)


def request_kwargs(account_id: str | None, query: Mapping[str, Any]) -> dict[str, Any]:
    """``method``/``url``/``params`` for one page, built by a generated ``get_user_clips``.

    With an ``account_id``: the master API's ``GET /accounts/{accountId}/clips``; ``None``: the
    Clips API's ``GET /clips`` (the token's user's clips, or the account's with admin scope).
    The two take the same query.

    Quirk ``date-filter-type-always-sent``: the generated signature defaults ``date_filter_type``
    to ``MODIFIED_DATE``, so it would go on every request; passing ``UNSET`` sends only what the
    caller asked for, and Zoom applies the same default itself.
    """
    if account_id is None:
        return _user_level_kwargs(query)
    # Imported on first use: the generated package is ~5 ms of `import zoom_clips` (bench_5_import).
    from zoom_clips_api.api.list_sub_account_clips_in_account import (  # noqa: PLC0415
        get_user_clips,
    )
    from zoom_clips_api.models import ListClipsDateFilterType, ListClipsStatus  # noqa: PLC0415
    from zoom_clips_api.types import UNSET  # noqa: PLC0415

    kwargs: dict[str, Any] = {
        "user_id": query.get("user_id", UNSET),
        "search_key": query.get("search_key", UNSET),
        "date_filter_type": (
            ListClipsDateFilterType(query["date_filter_type"])
            if "date_filter_type" in query
            else UNSET
        ),
        "from_": query.get("from_", UNSET),
        "to": query.get("to", UNSET),
        "status": ListClipsStatus(query["status"]) if "status" in query else UNSET,
        "page_size": query.get("page_size", UNSET),
        "next_page_token": query.get("next_page_token", UNSET),
    }
    return get_user_clips._get_kwargs(account_id, **kwargs)


def _user_level_kwargs(query: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /clips`` from the Clips API's generated ``get_user_clips`` (same quirk as above)."""
    from zoom_clips_endpoints_api.api.clips import get_user_clips  # noqa: PLC0415
    from zoom_clips_endpoints_api.models import (  # noqa: PLC0415
        ListClipsDateFilterType,
        ListClipsStatus,
    )
    from zoom_clips_endpoints_api.types import UNSET  # noqa: PLC0415

    return get_user_clips._get_kwargs(
        user_id=query.get("user_id", UNSET),
        search_key=query.get("search_key", UNSET),
        date_filter_type=(
            ListClipsDateFilterType(query["date_filter_type"])
            if "date_filter_type" in query
            else UNSET
        ),
        from_=query.get("from_", UNSET),
        to=query.get("to", UNSET),
        status=ListClipsStatus(query["status"]) if "status" in query else UNSET,
        page_size=query.get("page_size", UNSET),
        next_page_token=query.get("next_page_token", UNSET),
    )


# -- the listing resources: one page, or every window (sync), or every window at once (async) -----


def page_query(
    account_id: object,
    filters: dict[str, Any],
    *,
    from_: object,
    to: object,
    next_page_token: object,
    now: datetime,
) -> tuple[str | None, dict[str, Any]]:
    """The account (``None``: user level) and query of one ``list_page`` request."""
    query = build_query(**filters)
    query.update(single_window_params(from_, to, now=now))
    token = optional_str(next_page_token, "next_page_token")
    if token:
        if len(token) > MAX_PAGE_TOKEN_LENGTH:
            raise ValueError(
                f"next_page_token is {len(token)} characters long, more than the "
                f"{MAX_PAGE_TOKEN_LENGTH} a page token may have"
            )
        query["next_page_token"] = token
    return _check_optional_account(account_id), query


def page_parser(query: Mapping[str, Any]) -> Parse[ClipsPage]:
    """How a page answering ``query`` is read: at most the ``page_size`` it asks for.

    Without ``page_size`` the bound is Zoom's maximum, 300, not its documented default of 30:
    a page larger than a default the caller never chose is not worth failing a listing over,
    while a page of thousands of clips is still refused before any of them is parsed.
    """
    limit = query.get("page_size") or MAX_PAGE_SIZE
    return functools.partial(page_from_response, max_items=limit)


class ClipListing(SyncAPIResource):
    """The sync listing: one page (``fetch``), or every window of a range (``iterate``)."""

    def fetch(
        self, account_id: str | None, query: Mapping[str, Any]
    ) -> tuple[ClipsPage, httpx.Response]:
        """One page of a listing (``account_id=None``: the user-level ``GET /clips``)."""
        return self._send(request_kwargs(account_id, query), page_parser(query))

    def iterate(
        self, account_id: object, filters: dict[str, Any], *, from_: object, to: object
    ) -> Iterator[Clip]:
        """The listing's iterator; arguments are checked here, before the first ``next``."""
        query = build_query(**filters)
        account = _check_optional_account(account_id)
        span = normalize_range(from_, to, now=self._now())
        return self._iterate(account, span, query)

    def _iterate(
        self, account: str | None, span: DateRange | None, query: dict[str, Any]
    ) -> Iterator[Clip]:
        ledger = WindowLedger(span, query.get("date_filter_type"))

        def fetch(params: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
            return self.fetch(account, params)

        for window, window_query in window_queries(query, span):
            yield from iter_window(fetch, window_query, ledger.keep, self._policy)
            ledger.window_done(window)


#: The async listing's work: one job per (account, window), and the ledger of an account.
ListingJobs: TypeAlias = "tuple[list[WindowJob], Callable[[], WindowLedger]]"


class AsyncClipListing(AsyncAPIResource):
    """The async listing: one page (``fetch``), or every (account, window) job of a listing
    (``jobs``) paged concurrently (``fan_out``)."""

    @property
    def policy(self) -> RetryPolicy:
        """The client's retry policy, which also bounds a window's pages (``PageTrail``)."""
        return self._policy

    async def fetch(
        self, account_id: str | None, query: Mapping[str, Any]
    ) -> tuple[ClipsPage, httpx.Response]:
        """One page of a listing; see ``ClipListing.fetch``."""
        return await self._send(request_kwargs(account_id, query), page_parser(query))

    def jobs(
        self,
        accounts: Sequence[str | None],
        filters: dict[str, Any],
        *,
        from_: object,
        to: object,
    ) -> ListingJobs:
        """Every (account, window) job of a listing; arguments are checked here."""
        from ._fanout import WindowJob  # noqa: PLC0415 -- async only

        query = build_query(**filters)
        span = normalize_range(from_, to, now=self._now())
        windows = window_queries(query, span)
        jobs = [
            WindowJob(account, window, window_query)
            for account in accounts
            for window, window_query in windows
        ]
        date_filter = query.get("date_filter_type")
        return jobs, lambda: WindowLedger(span, date_filter)

    def fan_out(self, jobs: ListingJobs) -> AsyncGenerator[tuple[str | None, Clip], None]:
        """The clips of every job, as ``(account_id, clip)``, windows paged concurrently."""
        from ._fanout import fan_out  # noqa: PLC0415 -- async only

        def pages(job: WindowJob, keep: Keep) -> AsyncIterator[list[Clip]]:
            def fetch(params: Mapping[str, Any]) -> Awaitable[tuple[ClipsPage, httpx.Response]]:
                return self.fetch(job.account_id, params)

            return aiter_window_pages(fetch, job.query, keep, self._policy)

        return fan_out(jobs[0], pages, max_concurrency=self._max_concurrency, new_ledger=jobs[1])


async def clips_only(
    pairs: AsyncGenerator[tuple[str | None, Clip], None],
) -> AsyncGenerator[Clip, None]:
    """The clips of ``fan_out_listing`` without their account ids."""
    async with contextlib.aclosing(pairs):
        async for _, clip in pairs:
            yield clip


def check_accounts(account_ids: object) -> list[str]:
    """The distinct account ids of ``list_accounts``, in order; typed errors for bad input."""
    if isinstance(account_ids, str | bytes) or not isinstance(account_ids, Iterable):
        raise TypeError(
            "account_ids must be an iterable of account id strings, "
            f"not {type(account_ids).__name__}"
        )
    accounts = list(dict.fromkeys(check_account_id(a) for a in account_ids))
    if not accounts:
        raise ValueError("account_ids is empty: name at least one account")
    return accounts
