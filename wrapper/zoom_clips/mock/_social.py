"""Each clip's collaborators and comments: seeded from the data set's seed and the clip's id.

A clip's lists are drawn the first time they are read, from ``random.Random`` seeded with the
data set's seed and the clip id, so they are the same on every run and independent of which
clips were read first. Removing a collaborator or deleting a comment changes them until
``reset()``. The first collaborator is always the clip's current owner (role ``OWNER``), so a
transfer shows there at once. Pages are cut by each item's fixed position in the seeded list,
so deleting an item between two page requests never shifts the next page.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import threading
from collections.abc import Sequence
from typing import Any

import attrs

from zoom_clips.mock._data import InvalidQueryError, User, _Clip
from zoom_clips.mock._seed import random_id

__all__ = ["PAGE_TOKEN_TTL", "Social", "display_name"]

PAGE_TOKEN_TTL = dt.timedelta(minutes=15)
_COLLABORATOR_COUNTS = (0, 0, 1, 2, 3, 4, 6, 10, 45, 80)
_COMMENT_COUNTS = (0, 0, 0, 1, 2, 3, 5, 12, 60)
_CHANNELS = ("design-review", "sales-team", "onboarding", "support", "all-hands")
_REMARKS = ("looks great", "can we cut the intro?", "see 01:20", "approved", "nice demo")
_Item = tuple[int, dict[str, Any]]


def display_name(user: User) -> str:
    """A Zoom-style display name from a user's email (``ana.berg@...`` -> ``Ana Berg``)."""
    return user.email.split("@", 1)[0].replace(".", " ").title()


def _avatar(rng: random.Random) -> str:
    return f"https://file.zoom.us/p/{random_id(rng, 22)}/{random_id(rng, 12)}"


def _stamp(instant: dt.datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def _uuid(rng: random.Random) -> str:
    hexes = f"{rng.getrandbits(128):032x}"
    return f"{hexes[:8]}-{hexes[8:12]}-{hexes[12:16]}-{hexes[16:20]}-{hexes[20:]}"


def _owner_entry(clip: _Clip) -> dict[str, Any]:
    return {
        "type": "ZOOM_USER",
        "role": "OWNER",
        "user_id": clip.owner.id,
        "display_name": display_name(clip.owner),
        "avatar": f"https://file.zoom.us/p/{clip.owner.id}/avatar",
    }


def _seed_viewers(rng: random.Random, colleagues: Sequence[User]) -> list[dict[str, Any]]:
    viewers: list[dict[str, Any]] = []
    for index in range(rng.choice(_COLLABORATOR_COUNTS)):
        kind = rng.choices(("ZOOM_USER", "EXTERNAL_USER", "CHANNEL"), weights=(3, 2, 1))[0]
        entry: dict[str, Any] = {"type": kind, "role": "VIEWER", "avatar": _avatar(rng)}
        if kind == "ZOOM_USER" and index < len(colleagues):
            colleague = colleagues[index]
            entry |= {"user_id": colleague.id, "display_name": display_name(colleague)}
        elif kind == "ZOOM_USER":
            entry |= {"user_id": random_id(rng, 22), "display_name": f"Colleague {index}"}
        elif kind == "EXTERNAL_USER":
            entry["email"] = f"guest{index}.{random_id(rng, 4).lower()}@partner.example.org"
        else:
            entry |= {
                "channel_id": f"{rng.getrandbits(128):032x}",
                "display_name": f"#{rng.choice(_CHANNELS)}-{index}",
            }
        viewers.append(entry)
    return viewers


def _comment(
    rng: random.Random, authors: Sequence[User], at: dt.datetime, parent: str | None
) -> dict[str, Any]:
    author = rng.choice(authors) if authors and rng.random() < 0.8 else None
    remark = rng.choice(_REMARKS)
    comment: dict[str, Any] = {
        "comment_id": _uuid(rng),
        "content": remark,
        "content_type": "TEXT",
        "created_date": _stamp(at),
        "modified_date": _stamp(at),
        "display_name": display_name(author) if author else "Guest",
        "avatar": _avatar(rng),
        "edited": False,
    }
    if parent is not None:
        comment["parent_node_id"] = parent
    if authors and rng.random() < 0.3:
        mentioned = rng.choice(authors)
        name = display_name(mentioned)
        comment["content"] = f"@[{name}](user:{mentioned.email}) {remark}"
        comment["content_type"] = "TEXT_WITH_MENTION"
        comment["mentions"] = [{"display_name": name, "email": mentioned.email}]
    if rng.random() < 0.2:
        comment["modified_date"] = _stamp(at + dt.timedelta(minutes=rng.randint(1, 600)))
        comment["edited"] = True
    return comment


def _seed_comments(rng: random.Random, clip: _Clip, authors: Sequence[User]) -> list[_Item]:
    comments: list[_Item] = []
    at = clip.created.replace(microsecond=0)
    for ordinal in range(rng.choice(_COMMENT_COUNTS)):
        at += dt.timedelta(minutes=rng.randint(1, 240))
        top = _comment(rng, authors, at, None)
        top["children_comments"] = [
            _comment(rng, authors, at + dt.timedelta(minutes=1 + n), top["comment_id"])
            for n in range(rng.choice((0, 0, 1, 2)))
        ]
        comments.append((ordinal, top))
    return comments


@attrs.frozen
class _PageToken:
    binding: tuple[Any, ...]
    next_ordinal: int
    expires_at: dt.datetime


class Social:
    """The collaborators and comments of every clip, and the page tokens of their listings."""

    def __init__(self, seed: int, colleagues: dict[str, tuple[User, ...]]) -> None:
        self._seed = seed
        self._colleagues = colleagues  # account id -> its users
        self._lock = threading.Lock()
        self._viewers: dict[str, list[_Item]] = {}
        self._comments: dict[str, list[_Item]] = {}
        self._tokens: dict[str, _PageToken] = {}

    def _rng(self, kind: str, clip_id: str) -> random.Random:
        return random.Random(f"{self._seed}:{kind}:{clip_id}")  # noqa: S311 -- seeded test data

    def _viewers_of(self, clip: _Clip) -> list[_Item]:
        clip_id = str(clip.wire["clip_id"])
        if clip_id not in self._viewers:
            users = [u for u in self._colleagues.get(clip.account_id, ()) if u != clip.owner]
            seeded = _seed_viewers(self._rng("collaborators", clip_id), users)
            self._viewers[clip_id] = [(n + 1, entry) for n, entry in enumerate(seeded)]
        return self._viewers[clip_id]

    def _comments_of(self, clip: _Clip) -> list[_Item]:
        clip_id = str(clip.wire["clip_id"])
        if clip_id not in self._comments:
            authors = self._colleagues.get(clip.account_id, ())
            rng = self._rng("comments", clip_id)
            self._comments[clip_id] = _seed_comments(rng, clip, authors)
        return self._comments[clip_id]

    def collaborators(self, clip: _Clip) -> list[_Item]:
        """The clip's collaborators now, the owner first, each with its fixed position."""
        with self._lock:
            viewers = list(self._viewers_of(clip))
        return [(0, _owner_entry(clip)), *((n, dict(e)) for n, e in viewers)]

    def remove_collaborator(self, clip: _Clip, user_key: str | None, channel_id: str | None) -> str:
        """Remove one viewer; returns "" or why nothing was removed (Zoom's 400 code 1500)."""
        if not user_key and not channel_id:
            return "Input parameter is invalid: give user_key or channel_id."
        if user_key and user_key in (clip.owner.id, clip.owner.email):
            return "Input parameter is invalid: the clip's owner cannot be removed."
        with self._lock:
            viewers = self._viewers_of(clip)
            for at, (_, entry) in enumerate(viewers):
                if _names(entry, user_key, channel_id):
                    del viewers[at]
                    return ""
        return "Input parameter is invalid: no such collaborator on this clip."

    def comments(self, clip: _Clip) -> list[_Item]:
        """The clip's comments now, oldest first, each with its fixed position."""
        with self._lock:
            return [(n, dict(c)) for n, c in self._comments_of(clip)]

    def delete_comment(self, clip: _Clip, comment_id: str) -> bool:
        """Delete a comment (a reply, or a comment with its replies); False if there is none."""
        with self._lock:
            comments = self._comments_of(clip)
            for at, (ordinal, comment) in enumerate(comments):
                if comment["comment_id"] == comment_id:
                    del comments[at]
                    return True
                children = comment["children_comments"]
                kept = [child for child in children if child["comment_id"] != comment_id]
                if len(kept) != len(children):
                    comments[at] = (ordinal, {**comment, "children_comments": kept})
                    return True
        return False

    def page(
        self,
        items: list[_Item],
        *,
        binding: tuple[Any, ...],
        page_size: int,
        token: str,
        now: dt.datetime,
    ) -> tuple[list[dict[str, Any]], str]:
        """One page of ``items`` and the next page's token ("" on the last page).

        A token is bound to ``binding`` (the route, the clip, the page size and the caller),
        expires after 15 minutes of the mock's clock, and raises ``InvalidQueryError`` otherwise.
        """
        start = 0
        if token:
            with self._lock:
                saved = self._tokens.get(token) if len(token) <= 100 else None
            if saved is None or saved.expires_at <= now:
                raise InvalidQueryError(
                    "Invalid field: 'next_page_token' is invalid or has expired"
                )
            if saved.binding != binding:
                raise InvalidQueryError(
                    "Invalid field: 'next_page_token' belongs to a query with other parameters"
                )
            start = saved.next_ordinal
        remaining = [entry for ordinal, entry in items if ordinal >= start]
        rest = [ordinal for ordinal, _ in items if ordinal >= start][page_size:]
        if not rest:
            return remaining[:page_size], ""
        new = secrets.token_urlsafe(24)
        with self._lock:
            if len(self._tokens) > 10_000:  # forget expired tokens now and then
                self._tokens = {t: p for t, p in self._tokens.items() if p.expires_at > now}
            self._tokens[new] = _PageToken(binding, rest[0], now + PAGE_TOKEN_TTL)
        return remaining[:page_size], new


def _names(entry: dict[str, Any], user_key: str | None, channel_id: str | None) -> bool:
    """Whether a collaborator entry is the one ``user_key``/``channel_id`` names."""
    if channel_id:
        return entry.get("channel_id") == channel_id
    key = (user_key or "").casefold()
    return key in (str(entry.get("user_id", "")).casefold(), str(entry.get("email", "")).casefold())
