"""The mock's seeded data generator: accounts, users and clips from a seed and an instant."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from zoom_clips.mock._data import (
    CLIP_STATUSES,
    MASTER_ACCOUNT_ID,
    SHARE_SCOPES,
    Account,
    Dataset,
    User,
    _Clip,
    _wire_date,
)

__all__ = ["build_dataset", "random_id"]

_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_FIRST_NAMES = ("ana", "bo", "chen", "dara", "eli", "fatima", "goran", "hana", "ivo", "jun")
_LAST_NAMES = ("abe", "berg", "costa", "diaz", "eze", "fox", "gupta", "horvat", "ito", "jensen")
_TITLE_WORDS = (
    ("Weekly", "Quarterly", "Quick", "Customer", "Team", "Product", "Onboarding", "Sales"),
    ("roadmap", "standup", "demo", "review", "retro", "walkthrough", "update", "pitch"),
    ("recap", "notes", "clip", "highlights", "preview", "draft", "take 2", "final"),
)
_TAGS = ("demo", "sales", "internal", "training", "customer", "bug", "design", "hiring")
_STATUS_WEIGHTS = (1, 1, 1, 12, 2, 1)  # in CLIP_STATUSES order: most clips finished recording


def random_id(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(_ID_ALPHABET, k=length))


def _make_accounts(rng: random.Random, sub_accounts: int) -> tuple[Account, ...]:
    accounts = []
    for index in range(sub_accounts + 1):
        account_id = MASTER_ACCOUNT_ID if index == 0 else random_id(rng, 22)
        domain = "master.example.com" if index == 0 else f"sub{index}.example.com"
        names = rng.sample([(f, la) for f in _FIRST_NAMES for la in _LAST_NAMES], k=2 + index)
        users = [User(random_id(rng, 22), f"{first}.{last}@{domain}") for first, last in names]
        if index == 0:
            users[0] = User(users[0].id, f"admin@{domain}")
        accounts.append(Account(account_id, tuple(users)))
    return tuple(accounts)


def _make_clip(
    rng: random.Random, account: Account, now: dt.datetime, *, fix_spelling: bool
) -> _Clip:
    owner = rng.choice(account.users)
    age = dt.timedelta(seconds=rng.uniform(0, 365 * 86400))
    with_millis = rng.random() < 0.5
    created = now - age
    modified = created + rng.choice((dt.timedelta(), age * rng.random() * rng.random()))
    if not with_millis:  # the Z form has whole seconds: keep the instants what the wire says
        created = created.replace(microsecond=0)
        modified = max(created, modified.replace(microsecond=0))
    else:
        created = created.replace(microsecond=created.microsecond // 1000 * 1000)
        modified = max(created, modified.replace(microsecond=modified.microsecond // 1000 * 1000))
    clip_id = random_id(rng, 38)
    status = rng.choices(CLIP_STATUSES, weights=_STATUS_WEIGHTS)[0]
    finished = status in ("RECORD_SUCCESS", "RECORD_DELETE", "SUSPENDED")
    scope = rng.choice(SHARE_SCOPES)
    if fix_spelling and scope == "SAME_ORGANIZATON":
        scope = "SAME_ORGANIZATION"
    settings: dict[str, Any] = {"share_scope": scope, "enable_passcode": rng.random() < 0.3}
    if settings["enable_passcode"]:
        settings["passcode"] = random_id(rng, 8)
    title = " ".join(rng.choice(words) for words in _TITLE_WORDS)
    if rng.random() < 0.1:  # the spec's example naming, for search_key
        title = f"Clip-{created:%Y%m%d}"
    wire = {
        "title": title,
        "description": rng.choice(("", f"{title} for the {account.id[:4]} team")),
        "duration": rng.randint(3, 3600) if finished else 0,
        "status": status,
        "clip_id": clip_id,
        "owner_id": owner.id,
        "file_size": rng.randint(50_000, 900_000_000) if finished else 0,
        "share_link": f"https://zoom.us/clips/share/{clip_id}",
        "share_link_settings": settings,
        "thumbnail_link": f"https://file.zoom.us/file/{clip_id}?attachType=preview"
        if finished
        else "",
        "created_date": _wire_date(created, with_millis=with_millis),
        "modified_date": _wire_date(modified, with_millis=with_millis),
        "tags": rng.sample(_TAGS, k=rng.randint(0, 3)),
    }
    return _Clip(account.id, owner, created, modified, wire)


def build_dataset(
    *, seed: int, clips: int, now: dt.datetime, sub_accounts: int = 4, fix_spelling: bool = False
) -> Dataset:
    """A data set determined by ``seed`` and ``now``: clips spread over the year before ``now``.

    Most clips belong to sub accounts; the master account has a few of its own (its first user is
    the admin that ``user_id=me`` means for a Server-to-Server token).
    """
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not security
    accounts = _make_accounts(rng, sub_accounts)
    weights: Sequence[int] = [1] + [4] * sub_accounts
    made = tuple(
        _make_clip(rng, rng.choices(accounts, weights=weights)[0], now, fix_spelling=fix_spelling)
        for _ in range(clips)
    )
    return Dataset(MASTER_ACCOUNT_ID, accounts, made)
