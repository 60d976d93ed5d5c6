"""The ``WindowLedger``'s rule at its edges: Zoom's default range, clips without a filter date,
and the answers it gives (a plain ``bool``, as its callers and the annotation expect)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import zoom_clips as zc
from zoom_clips._dedup import WindowLedger
from zoom_clips._pagination import DateRange

SPAN = DateRange.of(date(2025, 1, 1), date(2025, 3, 31))  # three windows


def _clip(clip_id: str, when: datetime | None) -> zc.Clip:
    return zc.Clip(clip_id=clip_id, modified_date=when)


def test_the_default_range_is_one_window_that_forgets_everything_when_done() -> None:
    """Without a range (Zoom's default: today) every clip is window 0's, dated or not."""
    ledger = WindowLedger(None)
    assert ledger.own_window(datetime(2025, 6, 1, tzinfo=UTC)) == 0
    dated, undated = _clip("a", datetime(2025, 6, 1, tzinfo=UTC)), _clip("b", None)
    assert ledger.keep(dated) is True
    assert ledger.keep(undated) is True
    assert ledger.keep(dated) is False  # a repeat in the same listing (a token restart)
    assert ledger.remembered() == 2
    ledger.window_done(None)
    assert ledger.remembered() == 0
    assert ledger.keep(dated) is False  # its window is done: a late copy is skipped


def test_a_clip_without_a_filter_date_is_not_tied_to_any_window() -> None:
    """An undated clip is yielded once per listing, even after the first window finished."""
    january, february, march = SPAN.windows()
    ledger = WindowLedger(SPAN)
    ledger.window_done(january)
    undated = _clip("undated", None)
    assert ledger.keep(undated) is True
    ledger.window_done(february)
    assert ledger.keep(undated) is False
    ledger.window_done(march)
    assert ledger.remembered() == 1  # remembered for the whole listing, as documented


def test_every_refusal_is_false_not_merely_falsy() -> None:
    """Outside the range, after its own window, and a repeat: each answer is ``False``."""
    january, _february, _march = SPAN.windows()
    ledger = WindowLedger(SPAN)
    outside = _clip("outside", datetime(2025, 4, 1, tzinfo=UTC))
    in_january = _clip("jan", datetime(2025, 1, 5, tzinfo=UTC))
    in_february = _clip("feb", datetime(2025, 2, 5, tzinfo=UTC))
    assert ledger.keep(outside) is False
    assert ledger.keep(in_february) is True
    assert ledger.keep(in_february) is False
    ledger.window_done(january)
    assert ledger.keep(in_january) is False
