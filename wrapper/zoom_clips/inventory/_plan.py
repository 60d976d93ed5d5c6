"""What a run of ``sync`` lists (its plan), and what it reports.

The plan. Each account is listed from where the previous run left it to the run's ``until`` (its
"now", fixed when the run starts and kept if the run is resumed):

- incremental (the default): ``MODIFIED_DATE`` from the account's watermark minus
  :data:`OVERLAP`; an account without a watermark yet (its first run) from ``since``;
- ``full``: ``CREATED_DATE`` from ``since``, and afterwards every clip created since then that
  the run did not see is marked missing (``missing_since``; rows are never deleted).

Ranges longer than a month are split into Zoom's one-month windows; a run every day is one window
per account, so with nothing changed it costs one page request per account (two if the overlap
alone holds over 300 changed clips).

Why a ten-minute overlap: the watermark is this machine's clock, and Zoom stamps
``modified_date`` with its own; a clip modified just before the run's ``until`` may also not be
listable yet when the run pages it (Zoom's list is an index, updated after the write), and the
wire's bounds are whole seconds. Ten minutes covers clock skew of an NTP-synced host (well under
a second) and an index lag of minutes, many times over, and costs only the re-listing of the
clips modified in the ten minutes before the previous run, which a page of 300 holds for all but
the busiest accounts. Those come back unchanged and only get their ``last_seen`` touched.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from zoom_clips._toolkit import DateRange

from ._db import InventoryError
from ._store import BatchCounts

__all__ = [
    "BATCH_ROWS",
    "DEFAULT_SINCE",
    "OVERLAP",
    "PAGE_SIZE",
    "RunReport",
    "SyncFailedError",
    "WindowPlan",
    "plan_windows",
    "whole_second",
]

#: Where a first run starts without ``since``: before Zoom launched Clips.
DEFAULT_SINCE = datetime(2022, 1, 1, tzinfo=UTC)
#: How far before its watermark an account's next incremental run starts (see the docstring).
OVERLAP = timedelta(minutes=10)
#: Zoom's largest page: the fewest requests per clip.
PAGE_SIZE = 300
#: Clips collected, from every window in flight, before they are written in one transaction:
#: large enough that commits cost little per row, small enough to keep memory flat.
BATCH_ROWS = 6000


class SyncFailedError(InventoryError):
    """A run gave up; what it finished is committed, and the next run resumes from there."""

    def __init__(self, message: str, *, report: RunReport, finished: int) -> None:
        super().__init__(message)
        self.report = report
        #: Windows of the run checkpointed so far (by this attempt and any earlier one).
        self.finished = finished


@attrs.frozen
class WindowPlan:
    """One job: one account's listing over ``start``..``end`` (whole seconds, UTC, inclusive)."""

    account_id: str
    start: datetime
    end: datetime


@attrs.define
class RunReport:
    """What a run did. Counts are of this invocation (a resumed run counts only its own work)."""

    run_id: int
    mode: str
    until: datetime
    accounts: tuple[str, ...]
    resumed: bool = False
    windows: int = 0  # planned
    windows_skipped: int = 0  # checkpointed by an earlier attempt of the same run
    requests: int = 0  # page requests answered (retries not included)
    clips: int = 0  # clips returned
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: int = 0  # exposure_history rows
    missing: int = 0  # clips a full run marked missing
    outcome: str = "running"

    def add(self, counts: BatchCounts) -> None:
        """Add one batch's counts."""
        self.inserted += counts.inserted
        self.updated += counts.updated
        self.unchanged += counts.unchanged
        self.changes += counts.changes

    def summary(self) -> str:
        """The run in one line."""
        resumed = f", {self.windows_skipped} resumed from run {self.run_id}" if self.resumed else ""
        return (
            f"{self.mode} sync of {len(self.accounts)} account(s) to {self.until.isoformat()}: "
            f"{self.windows} window(s){resumed}, {self.requests} page request(s), "
            f"{self.clips} clip(s) listed: {self.inserted} new, {self.updated} changed, "
            f"{self.unchanged} unchanged, {self.changes} exposure change(s)"
            + (f", {self.missing} missing" if self.mode == "full" else "")
        )


def whole_second(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: give an aware instant (tzinfo=UTC)")
    return when.astimezone(UTC).replace(microsecond=0)


def plan_windows(
    account_id: str,
    *,
    watermark: datetime | None,
    since: datetime | None,
    until: datetime,
    full: bool,
) -> list[WindowPlan]:
    """The windows one account is listed over in a run (see the module docstring)."""
    if full or watermark is None:
        start = whole_second(since or DEFAULT_SINCE)
    else:
        start = whole_second(watermark - OVERLAP)
    if start > until:
        raise InventoryError(
            f"--since {start.isoformat()} is after the run's end {until.isoformat()}"
        )
    return [
        WindowPlan(account_id, window.start, window.end)
        for window in DateRange(start, until).windows()
    ]
