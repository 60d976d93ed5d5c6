"""Filling an inventory for the read-side tests, as ``zoom-clips sync`` would, with SQLAlchemy Core.

``row_from_clip`` flattens a :class:`zoom_clips.Clip` the way the schema's docstring says sync
stores it; ``Inventory`` collects clip rows and history rows and writes them in one go. Every
instant is fixed (``T0`` and days after it), so each test's database is the same on every run.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
from zoom_clips import Clip
from zoom_clips.inventory import _schema
from zoom_clips.inventory._db import open_database

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
SCOPES = ("ANYONE", "SAME_ORGANIZATION", "INVITED_MEMBERS_ONLY", "PRIVATE")


def day(n: float) -> datetime:
    """``n`` days after ``T0``."""
    return T0 + timedelta(days=n)


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def row_from_clip(
    account_id: str, clip: Clip, *, first_seen: datetime, last_seen: datetime | None = None
) -> dict[str, Any]:
    """The ``clips`` row sync writes for ``clip`` (the passcode left out, as by default)."""
    settings = clip.share_link_settings
    return {
        "clip_id": clip.clip_id,
        "account_id": account_id,
        "title": clip.title,
        "description": clip.description,
        "duration": clip.duration,
        "status": _plain(clip.status),
        "owner_id": clip.owner_id,
        "file_size": clip.file_size,
        "share_link": clip.share_link,
        "share_scope": _plain(settings.share_scope) if settings else None,
        "enable_passcode": settings.enable_passcode if settings else None,
        "passcode": None,
        "thumbnail_link": clip.thumbnail_link,
        "created_date": clip.created_date,
        "modified_date": clip.modified_date,
        "tags": list(clip.tags),
        "extra": dict(clip.extra),
        "first_seen": first_seen,
        "last_seen": last_seen or first_seen,
        "missing_since": None,
    }


def clip_row(clip_id: str, **fields: Any) -> dict[str, Any]:
    """A ``clips`` row with plausible defaults, overridden by ``fields``."""
    row: dict[str, Any] = {
        "clip_id": clip_id,
        "account_id": "acct-a",
        "title": f"Clip {clip_id}",
        "description": None,
        "duration": 60.0,
        "status": "RECORD_SUCCESS",
        "owner_id": "owner-1",
        "file_size": 1_000_000,
        "share_link": f"https://zoom.us/clips/share/{clip_id}",
        "share_scope": "PRIVATE",
        "enable_passcode": False,
        "passcode": None,
        "thumbnail_link": None,
        "created_date": day(0),
        "modified_date": day(0),
        "tags": [],
        "extra": {},
        "first_seen": day(0),
        "last_seen": day(10),
        "missing_since": None,
    }
    row.update(fields)
    return row


@attrs.define
class Inventory:
    """Rows to write: clips, their exposure changes, and the runs those changes cite."""

    clips: list[dict[str, Any]] = attrs.field(factory=list)
    changes: list[dict[str, Any]] = attrs.field(factory=list)

    def clip(self, clip_id: str, **fields: Any) -> dict[str, Any]:
        """Add a clip row (see ``clip_row``) and return it."""
        row = clip_row(clip_id, **fields)
        self.clips.append(row)
        return row

    def change(
        self, clip_id: str, field: str, old: str | None, new: str | None, when: datetime
    ) -> None:
        """Add one observed change of ``clip_id``'s ``field``."""
        account = next(row["account_id"] for row in self.clips if row["clip_id"] == clip_id)
        self.changes.append(
            {
                "clip_id": clip_id,
                "account_id": account,
                "field": field,
                "old_value": old,
                "new_value": new,
                "observed_at": when,
                "run_id": 1,
            }
        )

    def write(self, url: str) -> None:
        """Insert the rows into the database ``url`` (``--db``), with one run row for the changes
        to cite; the schema's tables are created first where they are not there yet."""
        engine = open_database(url)
        _schema.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                _schema.runs.insert(),
                [
                    {
                        "run_id": 1,
                        "mode": "full",
                        "started_at": T0,
                        "finished_at": T0,
                        "until": T0,
                        "requests": 1,
                        "clips": len(self.clips),
                        "outcome": "ok",
                    }
                ],
            )
            if self.clips:
                connection.execute(_schema.clips.insert(), self.clips)
            if self.changes:
                connection.execute(_schema.exposure_history.insert(), self.changes)
        engine.dispose()


def random_inventory(seed: int, clips: int = 60, *, deleted: float = 0.0) -> Inventory:
    """A seeded inventory over 30 days: clips appear, change scope and passcode, go missing.

    The history is consistent with the rows: a clip's changes chain from the scope it was first
    seen with to its current one. A share ``deleted`` of the clips is deleted (RECORD_DELETE):
    most after their last change, the rest already when first seen (drawn apart, so the other
    rows are the same for every ``deleted``).
    """
    rng = random.Random(seed)  # noqa: S311 -- seeded test data, not secrets
    deleting = random.Random(f"deleted-{seed}")  # noqa: S311 -- seeded test data
    inventory = Inventory()
    for n in range(clips):
        clip_id = f"clip-{n:03d}"
        first = day(rng.randrange(0, 20) + rng.random())
        scope = rng.choice(SCOPES)
        passcode = rng.random() < 0.4
        row = inventory.clip(
            clip_id,
            account_id=rng.choice(("acct-a", "acct-b")),
            owner_id=rng.choice(("ana", "bo", "cy", "dee", None)),
            file_size=rng.randrange(1, 500) * 1_000_000 if rng.random() < 0.95 else None,
            created_date=first - timedelta(hours=rng.randrange(0, 48)),
            first_seen=first,
            last_seen=day(30),
            share_scope=scope,
            enable_passcode=passcode,
        )
        when = first
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            when += timedelta(days=rng.random() * 3, minutes=1)
            if rng.random() < 0.7:
                new = rng.choice([s for s in SCOPES if s != scope])
                inventory.change(clip_id, "share_scope", scope, new, when)
                scope = new
            else:
                inventory.change(
                    clip_id,
                    "enable_passcode",
                    str(passcode).lower(),
                    str(not passcode).lower(),
                    when,
                )
                passcode = not passcode
        row["share_scope"], row["enable_passcode"] = scope, passcode
        row["modified_date"] = when
        if rng.random() < 0.1:
            row["missing_since"] = day(28)
        if deleting.random() < deleted:
            row["status"] = "RECORD_DELETE"
            if deleting.random() < 0.7:  # else deleted before sync first saw it
                gone = when + timedelta(hours=1 + deleting.random() * 48)
                inventory.change(clip_id, "status", "RECORD_SUCCESS", "RECORD_DELETE", gone)
    return inventory
