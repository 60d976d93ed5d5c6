"""Seeded, realistic clips pages for the parse and memory benchmarks (no server, no mock extra).

Clips look like Zoom's: 38-character ids, both date forms, passcodes on some, tags on most,
the misspelt ``SAME_ORGANIZATON`` among the scopes, thumbnails with query strings.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["clip_json", "page_bytes"]

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_STATUSES = ("RECORD_SUCCESS",) * 12 + ("RECORD_START", "RECORD_END", "RECORD_DELETE")
_SCOPES = ("ANYONE", "SAME_ORGANIZATON", "INVITED_MEMBERS_ONLY", "PRIVATE")
_TAGS = ("demo", "sales", "internal", "training", "customer", "bug", "design", "hiring")
_WORDS = ("Weekly", "roadmap", "demo", "review", "retro", "recap", "notes", "Customer", "pitch")


def _token(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(_ALPHABET, k=length))


def clip_json(rng: random.Random, when: datetime) -> dict[str, Any]:
    """One clip as Zoom sends it, modified at ``when`` (aware UTC)."""
    clip_id = _token(rng, 38)
    created = when - timedelta(seconds=rng.randint(0, 86_400))
    millis = rng.random() < 0.5
    settings: dict[str, Any] = {"share_scope": rng.choice(_SCOPES), "enable_passcode": False}
    if rng.random() < 0.3:
        settings = {**settings, "enable_passcode": True, "passcode": _token(rng, 8)}
    return {
        "title": " ".join(rng.choices(_WORDS, k=3)),
        "description": rng.choice(("", "Recorded for the team; see the notes in the doc.")),
        "duration": rng.randint(3, 3600),
        "status": rng.choice(_STATUSES),
        "clip_id": clip_id,
        "owner_id": _token(rng, 22),
        "file_size": rng.randint(50_000, 900_000_000),
        "share_link": f"https://zoom.us/clips/share/{clip_id}",
        "share_link_settings": settings,
        "thumbnail_link": f"https://file.zoom.us/file/{clip_id}?attachType=preview",
        "created_date": _wire(created, millis=millis),
        "modified_date": _wire(when, millis=millis),
        "tags": rng.sample(_TAGS, k=rng.randint(0, 3)),
    }


def _wire(instant: datetime, *, millis: bool) -> str:
    if millis:  # the spec example's form: 2024-10-11T01:51:50.631+00:00
        return instant.isoformat(timespec="milliseconds")
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")  # the description's form


def page_bytes(
    rng: random.Random,
    count: int,
    *,
    start: datetime = datetime(2025, 1, 1, tzinfo=UTC),
    span: timedelta = timedelta(days=28),
    token: str = "",
    total_records: int | None = None,
) -> bytes:
    """A 200 body of ``count`` clips modified within ``start``..``start + span``."""
    seconds = int(span.total_seconds())
    clips = [
        clip_json(rng, start + timedelta(seconds=rng.randint(0, seconds))) for _ in range(count)
    ]
    body = {
        "data": clips,
        "next_page_token": token,
        "page_size": 300,
        "total_records": count if total_records is None else total_records,
    }
    return json.dumps(body).encode()
