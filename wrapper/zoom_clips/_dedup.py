"""One de-duplication rule for every listing, sync and async: each clip has an *own window*.

A clip's own window is the one its filter date (``modified_date``, or ``created_date`` under
``CREATED_DATE``) falls in. Windows are half-open, ``[start, next start)``, except the last,
which runs to the end of the range: neighbouring windows share their boundary instant on the
wire, but a clip belongs to exactly one of them. The ``WindowLedger`` of a listing decides, for
each clip a window returns:

- a filter date outside the whole range: never yielded (what the rounded wire bounds over-fetch,
  e.g. a clip at ``(E+1)T00:00:00Z`` for a date ``to`` E, or a clip a server returned for a
  window it was not asked about);
- seen in its own window: yielded unless this window already yielded it or another window
  already did on its behalf (a repeat after a page-token restart, or an earlier foreign
  appearance);
- seen in a foreign window while its own window is unfinished: yielded the first time, and
  remembered under its own window, which then skips it;
- seen in a foreign window after its own window finished: skipped. That window listed every clip
  dated in it, so this one was yielded already (by it, or earlier, on its behalf).

So which window returned a clip never matters, only its own window: a clip is remembered there,
and yielded only if its own window is unfinished and has not seen it yet.

Memory: one set of ids per unfinished window that has seen a clip, dropped when the window
finishes. The window being paged holds its own clips' ids (the pager needs them anyway, for a
restart: it shares this set rather than keeping its own); the others hold only the anomalies
(clips returned outside their own window), so the ledger grows with anomalies, not with the
listing. Clips without a ``clip_id`` cannot be de-duplicated and are always yielded (if their
filter date is in the range); clips with an id but no filter date cannot be placed and are
remembered under one set for the whole listing.

Not detectable without remembering every id: under ``MODIFIED_DATE`` a clip modified while the
listing runs can move from one window to another and be yielded by both, its newest state last.
``CREATED_DATE`` never moves a clip and gives a stable inventory.
"""

from __future__ import annotations

import bisect
from datetime import datetime

import attrs

from ._models import Clip, DateFilterType
from ._pagination import DateRange, Window

__all__ = ["WindowLedger"]

# Where the clips that cannot be placed (an id but no filter date) are remembered.
_UNPLACED = -1


@attrs.define
class WindowLedger:
    """Which clips a listing over ``span`` (``None``: Zoom's default range) has yielded, per window.

    Build one per account and listing; ask ``keep(clip)`` about every clip any window returns,
    as they arrive (a ``WindowPager``'s ``keep`` rule), and call ``window_done(window)`` once a
    window's last page is in. Works in any order of windows, so concurrent windows can share one
    ledger.
    """

    span: DateRange | None
    date_filter_type: str | None = None
    _starts: list[datetime] = attrs.field(init=False)
    _ids: dict[int, set[str]] = attrs.field(init=False, factory=dict)
    _finished: set[int] = attrs.field(init=False, factory=set)

    def __attrs_post_init__(self) -> None:
        self._starts = [] if self.span is None else [w.start for w in self.span.windows()]

    def _filter_date(self, clip: Clip) -> datetime | None:
        if self.date_filter_type == DateFilterType.CREATED_DATE:
            return clip.created_date
        return clip.modified_date  # Zoom's default filter is MODIFIED_DATE

    def own_window(self, when: datetime) -> int | None:
        """The index of the window ``when`` belongs to, or ``None`` if outside the range."""
        if self.span is None:
            return 0
        if not self.span.contains(when):
            return None
        return bisect.bisect_right(self._starts, when) - 1

    def keep(self, clip: Clip) -> bool:
        """Whether to yield ``clip`` (returned by any window), remembering it if so."""
        when = self._filter_date(clip)
        own = 0 if self.span is None else _UNPLACED  # no range: one window, index 0
        if when is not None:
            placed = self.own_window(when)
            if placed is None:
                return False
            own = placed
        if clip.clip_id is None:
            return True
        if own in self._finished:
            return False
        ids = self._ids.setdefault(own, set())
        if clip.clip_id in ids:
            return False
        ids.add(clip.clip_id)
        return True

    def window_done(self, window: Window | None) -> None:
        """Forget ``window``'s ids: every clip dated in it has now been yielded."""
        index = 0 if window is None else window.index
        self._finished.add(index)
        self._ids.pop(index, None)

    def remembered(self) -> int:
        """How many clip ids the ledger holds (its memory, for tests and benchmarks)."""
        return sum(len(ids) for ids in self._ids.values())
