"""Why Zoom may refuse a spec-valid query with 400, worked out from the request alone.

The spec types ``from``, ``to`` and ``next_page_token`` as free strings, so a schema-valid query
can still be one Zoom refuses with 400 code 300. The only reasons accepted are the ones Zoom
documents or ZOOM-FACTS states: an unparsable date, ``to`` before ``from``, a range over one
month, and a page token that is unknown, expired or issued for another query. Anything else
(``page_size=150``, ``status=SUSPENDED``, ...) leaves no reason, and a 400 for it is a defect.

Where Zoom's rule is ambiguous the reasons lean towards the server: a month may be read as short
as 28 days, a bare ``to`` date as the start or the end of its day, an omitted bound as "today" in
the server's clock or the wall clock (a day either side, for time zones). The reasons never read
the response: no keyword in a message can make a 400 acceptable.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "PAGE_TOKEN_TTL",
    "QueryKey",
    "TokenLedger",
    "plausible_todays",
    "query_key",
    "reasons_for_400",
]

#: Zoom: "This token's expiration period is 15 minutes"; a minute's margin for clock skew.
PAGE_TOKEN_TTL = 14 * 60.0
#: The shortest calendar month: a range longer than this may be "over a month" somewhere.
_SHORTEST_MONTH = dt.timedelta(days=28)
# The forms Zoom shows: the spec's yyyy-MM-dd'T'HH:mm:ss'Z', its examples' milliseconds and
# +00:00, and the bare date its description uses for the default ("2024-06-30").
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")

#: A query as the token binding sees it: every parameter but the token, as sorted text pairs.
QueryKey = tuple[tuple[str, str], ...]


def query_key(query: Mapping[str, Any]) -> QueryKey:
    """The parameters a page token is bound to (all but ``next_page_token``), as text."""
    return tuple(
        sorted(
            (name, _text(value))
            for name, value in query.items()
            if name != "next_page_token" and value is not None
        )
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(_text(item) for item in value)
    return str(value)


class TokenLedger:
    """Every page token the server under test issued in this run: for which query, and when."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._issued: dict[str, tuple[str, QueryKey, float]] = {}
        self._lock = threading.Lock()

    def record(self, token: str, account_id: str, query: Mapping[str, Any]) -> None:
        """Remember that ``token`` came back from a listing of ``query`` on ``account_id``."""
        if token:
            with self._lock:
                self._issued.setdefault(token, (account_id, query_key(query), self._clock()))

    def problem(self, token: str, account_id: str, query: Mapping[str, Any]) -> str | None:
        """Why the server may refuse ``token`` with this query, or None if it must accept it."""
        with self._lock:
            issued = self._issued.get(token)
        if issued is None:
            return "next_page_token was never issued by this server in this run"
        issued_account, issued_query, at = issued
        if issued_account != account_id or issued_query != query_key(query):
            return "next_page_token was issued for another query"
        if self._clock() - at > PAGE_TOKEN_TTL:
            return "next_page_token is older than 15 minutes"
        return None


def reasons_for_400(
    account_id: str,
    query: Mapping[str, Any],
    *,
    todays: Iterable[dt.date],
    ledger: TokenLedger,
) -> list[str]:
    """Every documented reason the server may answer this spec-valid query with 400 (maybe none).

    >>> today = [dt.date(2025, 6, 15)]
    >>> reasons_for_400("a", {"page_size": 150}, todays=today, ledger=TokenLedger())
    []
    >>> reasons_for_400("a", {"from": "2025-06-10", "to": "2025-06-01"}, todays=today,
    ...                 ledger=TokenLedger())
    ["'to' is before 'from'"]
    """
    reasons = [
        f"{name!r} was given more than once"
        for name, value in query.items()
        if isinstance(value, list | tuple)
    ]
    reasons += _date_reasons(query, sorted(set(todays)))
    token = query.get("next_page_token")
    if isinstance(token, str) and token:
        problem = ledger.problem(token, account_id, query)
        if problem is not None:
            reasons.append(problem)
    return reasons


def _date_reasons(query: Mapping[str, Any], todays: list[dt.date]) -> list[str]:
    bounds: dict[str, tuple[dt.datetime, bool] | None] = {}
    reasons = []
    for name in ("from", "to"):
        value = query.get(name)
        if value is None:
            bounds[name] = None
            continue
        parsed = _parse(value) if isinstance(value, str) else None
        if parsed is None:
            reasons.append(f"{name!r} is not a date Zoom can parse")
        bounds[name] = parsed
    if reasons:
        return reasons
    days = todays if bounds["from"] is None or bounds["to"] is None else todays[:1]
    found: set[str] = set()
    for today in days:
        start = _start_of(bounds["from"], today)
        earliest_end, latest_end = _ends_of(bounds["to"], today)
        if earliest_end < start:
            found.add("'to' is before 'from'")
        if latest_end - start > _SHORTEST_MONTH:
            found.add("'from' and 'to' may be more than one month apart")
    return sorted(found)


def _parse(text: str) -> tuple[dt.datetime, bool] | None:
    """The instant a date bound names (a bare date as its day's start) and whether it was bare."""
    try:
        if _DATE_ONLY.fullmatch(text):
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), True
        if _DATE_TIME.fullmatch(text):
            return dt.datetime.fromisoformat(text).astimezone(dt.UTC), False
    except (ValueError, OverflowError):
        return None
    return None


def _start_of(bound: tuple[dt.datetime, bool] | None, today: dt.date) -> dt.datetime:
    if bound is None:  # Zoom: an omitted `from` is today
        return dt.datetime.combine(today, dt.time.min, tzinfo=dt.UTC)
    return bound[0]


def _ends_of(
    bound: tuple[dt.datetime, bool] | None, today: dt.date
) -> tuple[dt.datetime, dt.datetime]:
    """The earliest and latest instant ``to`` may mean (a bare date: its day's start or end)."""
    if bound is None:  # Zoom: an omitted `to` is tomorrow
        bound = (
            dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC),
            True,
        )
    instant, bare = bound
    if not bare:
        return instant, instant
    try:
        return instant, instant + dt.timedelta(days=1)
    except OverflowError:
        return instant, instant


def plausible_todays(*instants: dt.datetime) -> list[dt.date]:
    """The days "today" may be on a server whose clock reads one of ``instants`` (±1 day)."""
    days = set()
    for instant in instants:
        for shift in (-1, 0, 1):
            try:
                days.add(instant.astimezone(dt.UTC).date() + dt.timedelta(days=shift))
            except OverflowError:
                continue
    return sorted(days)
