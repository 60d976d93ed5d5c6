"""``client.clips``: the clips resource of ``ZoomClips`` (``Clips``) and ``AsyncZoomClips``
(``AsyncClips``), side by side.

A resource method checks its arguments before any request is sent, builds each request with the
generated ``get_user_clips`` module (path template, quoting, query names and enum values), and
sends it through its client's one request path (``_fetch``: auth, retries, typed errors). Listing
splits a range into one-month windows (``_pagination``) and de-duplicates across them
(``_ledger``); the async resource pages the windows concurrently (``_fanout``).
"""

from __future__ import annotations

import builtins
import contextlib
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
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import httpx

from ._fanout import WindowJob, fan_out
from ._ledger import WindowLedger
from ._models import Clip, ClipsPage, ClipStatus, DateFilterType
from ._pagination import (
    DateRange,
    Keep,
    aiter_window_pages,
    iter_window,
    normalize_range,
    single_window_params,
    window_queries,
)

if TYPE_CHECKING:
    from ._client import AsyncZoomClips, ZoomClips

__all__ = ["AsyncClips", "Clips", "build_query", "request_kwargs"]

MIN_PAGE_SIZE, MAX_PAGE_SIZE = 30, 300
DateArg = date | datetime | str | None


# -- arguments: checked before any request is sent -------------------------------------------------


def _enum_value(value: object, enum: type[ClipStatus] | type[DateFilterType], name: str) -> str:
    if isinstance(value, enum):
        return value.value
    if isinstance(value, str) and value in enum.__members__.values():
        return value
    allowed = ", ".join(m.value for m in enum)
    raise ValueError(f"{name}={value!r} is not one of {allowed}")


def _optional_str(value: object, name: str) -> str | None:
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
        if _optional_str(value, name) is not None:
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


def _check_account_id(account_id: object) -> str:
    if not isinstance(account_id, str) or not account_id:
        raise ValueError(f"account_id must be a non-empty string, not {account_id!r}")
    return account_id


def request_kwargs(account_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """``method``/``url``/``params`` for one page, built by the generated ``get_user_clips``.

    Quirk ``date-filter-type-always-sent``: the generated signature defaults ``date_filter_type``
    to ``MODIFIED_DATE``, so it would go on every request; passing ``UNSET`` sends only what the
    caller asked for, and Zoom applies the same default itself.
    """
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


class Clips:
    """``client.clips``: the clips endpoint of a ``ZoomClips`` client."""

    def __init__(self, client: ZoomClips) -> None:
        self._client = client

    def list_page(
        self,
        account_id: str,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
        next_page_token: str | None = None,
    ) -> ClipsPage:
        """One page of clips (one request, retried as the policy allows).

        ``from_``..``to`` may span at most one month here; ``list`` splits longer ranges. Without
        them Zoom lists only today's clips. They are sent as ``list`` sends them, in Zoom's
        documented ``yyyy-MM-ddTHH:mm:ssZ`` form only: a date ``from_`` D as ``DT00:00:00Z``, a
        date ``to`` E as ``(E+1)T00:00:00Z`` (through the end of day E), a datetime with
        sub-seconds rounded outward to whole seconds. The page is returned as Zoom sent it, so
        a clip dated exactly on that rounded-up ``to`` may be in it; ``list`` drops those.

        >>> page = client.clips.list_page("acct", page_size=300)  # doctest: +SKIP
        """
        query = build_query(
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            status=status,
            page_size=page_size,
        )
        query.update(single_window_params(from_, to, now=self._client._policy.now()))
        if _optional_str(next_page_token, "next_page_token"):
            query["next_page_token"] = next_page_token
        return self._client._fetch(_check_account_id(account_id), query)[0]

    def list(
        self,
        account_id: str,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> Iterator[Clip]:
        """Every clip matching the filters, page after page, window after window, each once.

        ``from_``/``to`` take a ``date``, a ``datetime`` (naive means UTC) or an ISO string; both
        are inclusive: dates ``D``..``E`` list the instants ``[D 00:00Z, (E+1) 00:00Z)``, a
        datetime ``to`` includes that instant. On the wire they are only ever
        ``yyyy-MM-ddTHH:mm:ssZ`` (a date ``to`` E is sent as ``(E+1)T00:00:00Z``); what that
        over-fetches is dropped here. A range longer than a month is split into one-month
        windows. A clip is yielded at most once even if a server returns it from several
        windows, and never if its filter date lies outside the range. **Without ``from_`` and
        ``to``, Zoom's own default applies: only clips of today (UTC).** Arguments are checked
        before any request.

        Under ``MODIFIED_DATE`` (Zoom's default) a clip modified while the listing runs can
        move to another window and be yielded twice, its newest state last; pass
        ``date_filter_type="CREATED_DATE"`` for a stable inventory.

        >>> for clip in client.clips.list("acct", from_=date(2025, 1, 1), to=date(2025, 12, 31)):
        ...     print(clip.clip_id)  # doctest: +SKIP
        """
        query = build_query(
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            status=status,
            page_size=page_size,
        )
        account = _check_account_id(account_id)
        span = normalize_range(from_, to, now=self._client._policy.now())
        return self._iterate(account, span, query)

    def _iterate(
        self, account: str, span: DateRange | None, query: dict[str, Any]
    ) -> Iterator[Clip]:
        ledger = WindowLedger(span, query.get("date_filter_type"))

        def fetch(params: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
            return self._client._fetch(account, params)

        for window, window_query in window_queries(query, span):
            yield from iter_window(fetch, window_query, ledger.keep)
            ledger.window_done(window)


class AsyncClips:
    """``aclient.clips``: the clips endpoint of an ``AsyncZoomClips`` client."""

    def __init__(self, client: AsyncZoomClips) -> None:
        self._client = client

    async def list_page(
        self,
        account_id: str,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
        next_page_token: str | None = None,
    ) -> ClipsPage:
        """One page of clips; see ``Clips.list_page``."""
        query = build_query(
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            status=status,
            page_size=page_size,
        )
        query.update(single_window_params(from_, to, now=self._client._policy.now()))
        if _optional_str(next_page_token, "next_page_token"):
            query["next_page_token"] = next_page_token
        return (await self._client._fetch(_check_account_id(account_id), query))[0]

    def list(
        self,
        account_id: str,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> AsyncGenerator[Clip, None]:
        """Every clip matching the filters, each once; see ``Clips.list``. Use ``async for``.

        The one-month windows of a longer range are paged **concurrently**, at most the client's
        ``max_concurrency`` at a time, and clips come in the order their pages arrive: newest
        first within a window, windows interleaved (sort them if order matters). The windows
        share one ``WindowLedger``, so a clip is yielded once whichever window returns it first
        (a clip modified during a ``MODIFIED_DATE`` listing may still come twice, normally its
        newest state last: ``CREATED_DATE`` gives a stable inventory). If any window
        fails for good, the others are cancelled and its typed error is raised: a listing never
        ends early without an error. **Without ``from_`` and ``to``, Zoom's own default
        applies: only clips of today (UTC).** Arguments are checked when ``list`` is called.

        >>> async for clip in aclient.clips.list("acct", from_="2025-01-01", to="2025-12-31"):
        ...     print(clip.clip_id)  # doctest: +SKIP
        """
        jobs = self._jobs(
            [_check_account_id(account_id)],
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
        )
        return self._clips_only(self._fan_out(jobs))

    def list_accounts(
        self,
        account_ids: Iterable[str],
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> AsyncGenerator[tuple[str, Clip], None]:
        """Every matching clip of every account in ``account_ids``, as ``(account_id, clip)``.

        All accounts' windows are paged concurrently under the client's ``max_concurrency`` (and
        ``rate_limit``), each clip yielded once, in the order pages arrive; the filters apply to
        every account. A repeated account id is listed once. The first error that outlasts the
        retry policy cancels the rest and is raised. Arguments are checked when this is called.

        >>> subs = ["sub-account-1", "sub-account-2"]
        >>> async for account_id, clip in aclient.clips.list_accounts(
        ...     subs, from_="2025-01-01", to="2025-12-31"
        ... ):
        ...     print(account_id, clip.clip_id)  # doctest: +SKIP
        """
        if isinstance(account_ids, str | bytes) or not isinstance(account_ids, Iterable):
            raise TypeError(
                "account_ids must be an iterable of account id strings, "
                f"not {type(account_ids).__name__}"
            )
        accounts = list(dict.fromkeys(_check_account_id(a) for a in account_ids))
        if not accounts:
            raise ValueError("account_ids is empty: name at least one account")
        jobs = self._jobs(
            accounts,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
        )
        return self._fan_out(jobs)

    def _jobs(
        self,
        accounts: Sequence[str],
        *,
        user_id: str | None,
        search_key: str | None,
        date_filter_type: DateFilterType | str | None,
        from_: DateArg,
        to: DateArg,
        status: ClipStatus | str | None,
        page_size: int | None,
    ) -> tuple[builtins.list[WindowJob], Callable[[], WindowLedger]]:
        query = build_query(
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            status=status,
            page_size=page_size,
        )
        span = normalize_range(from_, to, now=self._client._policy.now())
        windows = window_queries(query, span)
        jobs = [
            WindowJob(account, window, window_query)
            for account in accounts
            for window, window_query in windows
        ]
        date_filter = query.get("date_filter_type")
        return jobs, lambda: WindowLedger(span, date_filter)

    def _fan_out(
        self, jobs: tuple[builtins.list[WindowJob], Callable[[], WindowLedger]]
    ) -> AsyncGenerator[tuple[str, Clip], None]:
        client = self._client

        def pages(job: WindowJob, keep: Keep) -> AsyncIterator[list[Clip]]:
            def fetch(params: Mapping[str, Any]) -> Awaitable[tuple[ClipsPage, httpx.Response]]:
                return client._fetch(job.account_id, params)

            return aiter_window_pages(fetch, job.query, keep)

        return fan_out(jobs[0], pages, max_concurrency=client.max_concurrency, new_ledger=jobs[1])

    @staticmethod
    async def _clips_only(
        pairs: AsyncGenerator[tuple[str, Clip], None],
    ) -> AsyncGenerator[Clip, None]:
        async with contextlib.aclosing(pairs):
            async for _, clip in pairs:
                yield clip
