"""The mock's date index answers exactly what a scan of every clip would."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app

NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
DATASET = create_app(MockConfig(seed=9, clips=1200, clock=MockClock(NOW))).state.mock.dataset


def _scan(account_id: str, start: dt.datetime, end: dt.datetime, **query: Any) -> list[str]:
    """The brute-force answer: filter every clip, sort as the API pages."""
    by_created = query.get("date_filter_type") == "CREATED_DATE"
    rows = []
    for clip in DATASET.clips:
        when = dt.datetime.fromisoformat(clip["created_date" if by_created else "modified_date"])
        if clip_account(clip) != account_id or not start <= when <= end:
            continue
        if query.get("status") not in (None, clip["status"]):
            continue
        rows.append((-when.timestamp(), clip["clip_id"]))
    return [clip_id for _, clip_id in sorted(rows)]


# Which account each clip is in, read from the stored clips themselves, not through the index.
_ACCOUNT_OF = {clip.wire["clip_id"]: clip.account_id for clip in DATASET._clips}


def clip_account(clip: dict[str, Any]) -> str:
    return _ACCOUNT_OF[clip["clip_id"]]


@pytest.mark.parametrize("seed", range(12))
def test_indexed_select_equals_a_full_scan(seed: int) -> None:
    """Random windows, date fields and statuses: the bisected answer is the scan's, in order."""
    rng = random.Random(seed)  # noqa: S311 -- seeded test data, not cryptography
    account = rng.choice(DATASET.sub_accounts).id
    start = NOW - dt.timedelta(days=rng.uniform(0, 380))
    end = start + dt.timedelta(days=rng.uniform(0, 31))
    query = {
        "date_filter_type": rng.choice(["CREATED_DATE", "MODIFIED_DATE"]),
        "status": rng.choice([None, "RECORD_SUCCESS", "RECORD_DELETE"]),
    }
    got = [c["clip_id"] for c in DATASET.select(account, from_=start, to=end, **query)]
    assert got == _scan(account, start, end, **query)


def test_a_wide_range_returns_every_clip_of_each_account_once() -> None:
    """Over the whole data set the index loses no clip and repeats none."""
    wide = {"from_": NOW - dt.timedelta(days=400), "to": NOW + dt.timedelta(days=1)}
    listed = [c["clip_id"] for a in DATASET.accounts for c in DATASET.select(a.id, **wide)]
    assert sorted(listed) == sorted(_ACCOUNT_OF)
