"""The driver-level insert of new clips (``_bulk``) stores what the typed columns read back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import sqlalchemy as sa
from zoom_clips._models import clip_from_json
from zoom_clips.inventory import _bulk, _schema
from zoom_clips.inventory._migrations import migrate
from zoom_clips.inventory._store import OWN_FIELDS, clip_row, write_batch

SEEN = dt.datetime(2025, 6, 15, 12, 0, 0, tzinfo=dt.UTC)
AWKWARD = {
    "clip_id": "clip\\one",
    "title": "tab\there, newline\nthere, return\r, backslash \\ and \\N, é ✓",
    "description": None,
    "duration": 1.25,
    "status": "a status Zoom added later",
    "owner_id": "owner\t1",
    "file_size": 2**40,
    "share_link": "https://zoom.us/clips/share/x?a=1\\2",
    "share_link_settings": {
        "share_scope": "PUBLIC",
        "enable_passcode": True,
        "passcode": "p\\w\td",
    },
    "thumbnail_link": None,
    "created_date": "2024-02-29T23:59:59.123+05:30",
    "modified_date": "2024-03-01T00:00:00Z",
    "tags": ['quote " and backslash \\', "tab\t", "ünïcode"],
    "not_in_the_spec": {"nested": ["\\", "\n", None, 1.5]},
}
BARE = {"clip_id": "clip-two"}


def _stored(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        found = conn.execute(sa.select(_schema.clips))
        return {row.clip_id: dict(row._mapping) for row in found}


def test_new_clips_read_back_exactly_as_written(engine: sa.Engine) -> None:
    """Escapes, NULLs, offsets, JSON and big numbers survive COPY text and the SQLite tuples."""
    migrate(engine)
    rows = [
        clip_row("account\\a", clip_from_json(item), include_passcodes=True)
        for item in (AWKWARD, BARE)
    ]
    with engine.begin() as conn:
        counts = write_batch(conn, rows, seen_at=SEEN, run_id=1, include_passcodes=True)
    assert counts.inserted == 2
    stored = _stored(engine)
    for row in rows:
        held = stored[row["clip_id"]]
        assert {name: held[name] for name in OWN_FIELDS} == {name: row[name] for name in OWN_FIELDS}
        assert (held["first_seen"], held["last_seen"], held["missing_since"]) == (SEEN, SEEN, None)
    assert stored["clip\\one"]["created_date"] == dt.datetime(
        2024, 2, 29, 18, 29, 59, 123000, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(
    "value",
    [[], ["a"], ["two words", "x,y"], ['q"'], ["b\\"], ["é"], ["\x7f"], ["\t"], [""], {}, {"k": 1}],
)
def test_json_is_json_dumps(value: Any) -> None:
    """The shortcut for tags gives exactly what json.dumps gives (what SQLAlchemy stores)."""
    assert _bulk._json(value) == json.dumps(value)
