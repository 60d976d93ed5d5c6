"""``ZoomClips`` and ``AsyncZoomClips``: the clients apps use.

Both share everything but I/O: argument checking, building the request with the generated code,
turning a response into a page or a typed error, and the retry decisions of ``_retry``. Each
runs one short retry loop around its own ``httpx`` client, with an injectable sleep.

Requests are built by the generated ``get_user_clips`` module (path template, quoting, query names
and enum values) and sent with the wrapper's own httpx client, auth and transport. The wrapper uses
the generated request builder rather than ``sync_detailed``/``asyncio_detailed`` because those
parse every 200 eagerly with ``ClipListResponse.from_dict`` (quirk ``generated-parse-eager``).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import logging
import os
import time
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
from types import TracebackType
from typing import Any, Self

import httpx

from ._auth import (
    DEFAULT_TOKEN_URL,
    BearerToken,
    ServerToServerOAuth,
    UserOAuth,
    require_secure_url,
)
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_from_response,
)
from ._fanout import WindowJob, fan_out
from ._ledger import WindowLedger
from ._models import (
    BodyNotJSON,
    Clip,
    ClipsPage,
    ClipStatus,
    DateFilterType,
    decode_json,
    page_from_json,
)
from ._pagination import (
    DateRange,
    Keep,
    aiter_window_pages,
    iter_window,
    normalize_range,
    single_window_params,
    window_queries,
)
from ._ratelimit import RateLimitedAuth, RequestRateLimiter, resolve_rate_limit
from ._retry import RetryPolicy, is_daily_limit, log_decision, reset_time, retry_delay

__all__ = ["DEFAULT_BASE_URL", "AsyncZoomClips", "ZoomClips"]

logger = logging.getLogger("zoom_clips")

# Quirk server-url-lacks-v2: the spec's server is https://api.zoom.us/ and its path lacks /v2.
DEFAULT_BASE_URL = "https://api.zoom.us/v2"

MIN_PAGE_SIZE, MAX_PAGE_SIZE = 30, 300
# Enough to page a year's 12-13 windows at once, and to keep Zoom's 80 requests/s (Business)
# flowing at 200 ms a round trip.
DEFAULT_MAX_CONCURRENCY = 16
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)

Auth = ServerToServerOAuth | UserOAuth | BearerToken
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


# -- responses: a page or a typed error ------------------------------------------------------------


def _status_error(response: httpx.Response, policy: RetryPolicy) -> APIStatusError:
    if response.status_code == 429:
        return status_error_from_response(
            response,
            limit_type=response.headers.get("x-ratelimit-type")
            or ("Daily-limit" if is_daily_limit(response) else None),
            retry_after=reset_time(response, now=policy.now()),
        )
    return status_error_from_response(response)


class _BodyCutShortError(APIResponseValidationError):
    """A 200 whose body is not JSON at all: cut short in transit, so worth another request."""


def page_from_response(response: httpx.Response, policy: RetryPolicy) -> ClipsPage:
    """The page in a 200 response, or the typed error for anything else.

    A body that is not JSON (truncated by a proxy or a dropped connection) raises the private
    ``_BodyCutShortError``, which the clients retry; JSON of the wrong shape is not retried.
    """
    if response.status_code != 200:
        raise _status_error(response, policy)
    try:
        return page_from_json(decode_json(response.content))
    except BodyNotJSON as exc:
        raise _BodyCutShortError(
            f"Zoom answered 200 with a body that is not JSON: {exc}", response=response
        ) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # decode_json and page_from_json raise InvalidBody (a ValueError) for every shape they
        # check; the others are listed so that no surprise escapes as anything but this error.
        raise APIResponseValidationError(
            f"Zoom answered 200 with a body that is not a clips page: {exc}", response=response
        ) from exc


def _connection_error(exc: httpx.TransportError) -> APIConnectionError:
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:  # httpx raises when the error carries no request
        request = None
    return cls(f"{type(exc).__name__} talking to Zoom: {exc}", request=request)


# -- the clients -----------------------------------------------------------------------------------


class _BaseZoomClips:
    def __init__(
        self, *, auth: Auth, base_url: str, max_retries: int, policy: RetryPolicy | None
    ) -> None:
        if not isinstance(auth, ServerToServerOAuth | UserOAuth | BearerToken):
            raise TypeError(
                "auth must be a ServerToServerOAuth, UserOAuth or BearerToken, "
                f"not {type(auth).__name__}"
            )
        require_secure_url(base_url, what="base_url")
        if not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be an int >= 0, not {max_retries!r}")
        self._auth = auth
        self.base_url = base_url.rstrip("/")
        self._policy = policy if policy is not None else RetryPolicy(max_retries=max_retries)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(auth={self._auth!r}, base_url={self.base_url!r})"

    @classmethod
    def _auth_from_env(cls, env: Mapping[str, str]) -> tuple[Auth, str]:
        base_url = env.get("ZOOM_API_BASE_URL") or DEFAULT_BASE_URL
        token_url = env.get("ZOOM_OAUTH_TOKEN_URL") or DEFAULT_TOKEN_URL
        names = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")
        if all(env.get(name) for name in names):
            auth: Auth = ServerToServerOAuth(
                account_id=env["ZOOM_ACCOUNT_ID"],
                client_id=env["ZOOM_CLIENT_ID"],
                client_secret=env["ZOOM_CLIENT_SECRET"],
                token_url=token_url,
            )
        elif env.get("ZOOM_ACCESS_TOKEN"):
            auth = BearerToken(env["ZOOM_ACCESS_TOKEN"])
        else:
            raise ValueError(
                "set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET "
                "(Server-to-Server OAuth), or ZOOM_ACCESS_TOKEN"
            )
        return auth, base_url

    def _prepare(self, kwargs: Mapping[str, Any]) -> tuple[str, str, Any]:
        return kwargs["method"], self.base_url + kwargs["url"], kwargs["params"]

    def _after_failure(
        self, attempt: int, method: str, url: str, outcome: httpx.Response | Exception
    ) -> float | None:
        response = outcome if isinstance(outcome, httpx.Response) else None
        delay = retry_delay(attempt, response, self._policy)
        log_decision(method, httpx.URL(url).path, attempt, delay, outcome)
        return delay

    def _outcome(
        self, attempt: int, method: str, url: str, response: httpx.Response
    ) -> ClipsPage | float:
        """The page of ``response``, or the wait before the next attempt; else the typed error."""
        if response.status_code >= 400:
            delay = self._after_failure(attempt, method, url, response)
            if delay is None:
                raise _status_error(response, self._policy)
            return delay
        try:
            return page_from_response(response, self._policy)
        except _BodyCutShortError as exc:
            delay = self._after_failure(attempt, method, url, exc)
            if delay is None:
                raise
            return delay


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


class ZoomClips(_BaseZoomClips):
    """The synchronous client.

    >>> with ZoomClips(auth=ServerToServerOAuth(account_id="a", client_id="i",
    ...                client_secret="s")) as client:  # doctest: +SKIP
    ...     for clip in client.clips.list("a", from_=date(2025, 1, 1), to=date(2025, 3, 31)):
    ...         print(clip.title)

    ``http_client`` lets a caller bring its own ``httpx.Client`` (it is not closed by ``close``);
    ``sleep`` and ``retry_policy`` are injectable so tests never wait.
    """

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(auth=auth, base_url=base_url, max_retries=max_retries, policy=retry_policy)
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=timeout)
        self._sleep = sleep
        self.clips = Clips(self)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from ``ZOOM_*`` environment variables (see the README)."""
        auth, base_url = cls._auth_from_env(os.environ if env is None else env)
        return cls(auth=auth, base_url=kwargs.pop("base_url", base_url), **kwargs)

    def _fetch(self, account_id: str, query: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
        method, url, params = self._prepare(request_kwargs(account_id, query))
        attempt = 0
        while True:
            try:
                response = self._http.request(method, url, params=params, auth=self._auth)
            except _RETRYABLE_ERRORS as exc:
                delay = self._after_failure(attempt, method, url, exc)
                if delay is None:
                    raise _connection_error(exc) from exc
            except httpx.TransportError as exc:
                raise _connection_error(exc) from exc
            else:
                outcome = self._outcome(attempt, method, url, response)
                if isinstance(outcome, ClipsPage):
                    return outcome, response
                delay = outcome
            self._sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the HTTP connections (unless the caller brought its own ``httpx.Client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


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


class AsyncZoomClips(_BaseZoomClips):
    """The asyncio client: ``ZoomClips``'s behaviour with ``await``/``async for``, plus fan-out.

    ``clips.list`` and ``clips.list_accounts`` page independent windows and accounts at the
    same time, at most ``max_concurrency`` requests in flight. ``rate_limit`` caps the requests
    per second of the whole client, retries included: a number, or the account's Zoom plan
    (``"free"``, ``"pro"``, ``"business"``, ... -> ``LIGHT_RATE_LIMITS``), so a fan-out stays
    under Zoom's limit instead of bouncing off 429s. ``None`` (the default) sends unthrottled.

    >>> async with AsyncZoomClips(auth=auth, rate_limit="pro") as aclient:  # doctest: +SKIP
    ...     async for account_id, clip in aclient.clips.list_accounts(
    ...         ["sub-1", "sub-2"], from_="2025-01-01", to="2025-12-31"
    ...     ):
    ...         print(account_id, clip.title)
    """

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        retry_policy: RetryPolicy | None = None,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        rate_limit: float | str | None = None,
    ) -> None:
        super().__init__(auth=auth, base_url=base_url, max_retries=max_retries, policy=retry_policy)
        if (
            not isinstance(max_concurrency, int)
            or isinstance(max_concurrency, bool)
            or max_concurrency < 1
        ):
            raise ValueError(f"max_concurrency must be an int >= 1, not {max_concurrency!r}")
        self.max_concurrency = max_concurrency
        per_second = resolve_rate_limit(rate_limit)
        #: The limiter every API request of this client waits for, or ``None``.
        self.rate_limiter = RequestRateLimiter(per_second) if per_second is not None else None
        self._request_auth: httpx.Auth = (
            self._auth
            if self.rate_limiter is None
            else RateLimitedAuth(self._auth, self.rate_limiter, api_url=self.base_url)
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(timeout=timeout)
        self._sleep = sleep
        self.clips = AsyncClips(self)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from ``ZOOM_*`` environment variables (see the README)."""
        auth, base_url = cls._auth_from_env(os.environ if env is None else env)
        return cls(auth=auth, base_url=kwargs.pop("base_url", base_url), **kwargs)

    async def _fetch(
        self, account_id: str, query: Mapping[str, Any]
    ) -> tuple[ClipsPage, httpx.Response]:
        method, url, params = self._prepare(request_kwargs(account_id, query))
        attempt = 0
        while True:
            try:
                response = await self._http.request(
                    method, url, params=params, auth=self._request_auth
                )
            except _RETRYABLE_ERRORS as exc:
                delay = self._after_failure(attempt, method, url, exc)
                if delay is None:
                    raise _connection_error(exc) from exc
            except httpx.TransportError as exc:
                raise _connection_error(exc) from exc
            else:
                outcome = self._outcome(attempt, method, url, response)
                if isinstance(outcome, ClipsPage):
                    return outcome, response
                delay = outcome
            await self._sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        """Close the HTTP connections (unless the caller brought its own ``httpx.AsyncClient``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
