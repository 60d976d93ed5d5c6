"""A range of clips as UTC instants, and its windows of at most one calendar month.

The first layer of the listing (``_pagination`` pages within one window): ``normalize_range``
turns the caller's dates, datetimes or ISO strings into a ``DateRange`` of two inclusive UTC
instants; ``split_windows`` cuts it into windows whose bounds on the wire are whole seconds,
rounded outward (see ``_pagination``'s docstring for why).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

__all__ = [
    "Bound",
    "DateRange",
    "Window",
    "format_bound",
    "normalize_range",
    "single_window_params",
    "split_windows",
    "window_queries",
]

Bound = date | datetime
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
