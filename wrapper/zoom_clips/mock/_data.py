"""The mock's seeded data set, the date rules of ``from``/``to``, and the ground-truth query."""

from __future__ import annotations

import bisect
import datetime as dt
import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

__all__ = [
    "CLIP_STATUSES",
    "DATE_FILTER_TYPES",
    "MASTER_ACCOUNT_ID",
    "SHARE_SCOPES",
    "Account",
    "Dataset",
    "InvalidQueryError",
    "User",
    "Window",
    "build_dataset",
    "parse_window",
]

MASTER_ACCOUNT_ID = "mock-master-account"
CLIP_STATUSES = (
    "RECORD_START",
    "RECORD_FAILED",
    "RECORD_END",
    "RECORD_SUCCESS",
    "RECORD_DELETE",
    "SUSPENDED",
)
DATE_FILTER_TYPES = ("CREATED_DATE", "MODIFIED_DATE")
# Spelt as Zoom's spec and wire spell it; ``fix_share_scope_spelling`` sends SAME_ORGANIZATION.
SHARE_SCOPES = ("ANYONE", "SAME_ORGANIZATON", "INVITED_MEMBERS_ONLY", "PRIVATE")

_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
_FIRST_NAMES = ("ana", "bo", "chen", "dara", "eli", "fatima", "goran", "hana", "ivo", "jun")
_LAST_NAMES = ("abe", "berg", "costa", "diaz", "eze", "fox", "gupta", "horvat", "ito", "jensen")
_TITLE_WORDS = (
    ("Weekly", "Quarterly", "Quick", "Customer", "Team", "Product", "Onboarding", "Sales"),
    ("roadmap", "standup", "demo", "review", "retro", "walkthrough", "update", "pitch"),
    ("recap", "notes", "clip", "highlights", "preview", "draft", "take 2", "final"),
)
_TAGS = ("demo", "sales", "internal", "training", "customer", "bug", "design", "hiring")
_STATUS_WEIGHTS = (1, 1, 1, 12, 2, 1)  # in CLIP_STATUSES order: most clips finished recording


class InvalidQueryError(ValueError):
    """A query parameter Zoom would reject with 400 code 300; the message says which and why."""


@attrs.frozen
class User:
    """A user who owns clips."""

    id: str
    email: str


@attrs.frozen
class Account:
    """The master account or one of its sub accounts, with its users."""

    id: str
    users: tuple[User, ...]


@attrs.frozen
class Window:
    """An inclusive ``[start, end]`` range of instants, from ``from``/``to``."""

    start: dt.datetime
    end: dt.datetime


@attrs.frozen
class _Clip:
    account_id: str
    owner: User
    created: dt.datetime
    modified: dt.datetime
    wire: Mapping[str, Any]


def _parse_bound(name: str, text: str, *, end_of_day: bool) -> tuple[dt.datetime, bool]:
    """The instant ``text`` names and whether it was a bare date."""
    try:
        if _DATE_ONLY.fullmatch(text):
            day = dt.date.fromisoformat(text)
            clock = dt.time.max if end_of_day else dt.time.min
            return dt.datetime.combine(day, clock, tzinfo=dt.UTC), True
        if _DATE_TIME.fullmatch(text):
            return dt.datetime.fromisoformat(text).astimezone(dt.UTC), False
    except (ValueError, OverflowError):
        pass
    raise InvalidQueryError(
        f"Invalid field: {name!r} must be yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ss'Z', got {text[:40]!r}"
    )


def parse_window(from_: str | None, to: str | None, *, now: dt.datetime) -> Window:
    """Resolve ``from``/``to`` as Zoom does, rejecting what Zoom rejects.

    A bare date is the whole day (``from`` its start, ``to`` its end, UTC); a date-time is that
    instant. Omitted, ``from`` is today and ``to`` tomorrow (of ``now``). ``to`` may be at most
    one calendar month after ``from`` (a bare ``to`` date counts from its start, so
    ``2025-01-01..2025-02-01`` is allowed and ``..2025-02-02`` is not), and not before it.
    """
    today = now.astimezone(dt.UTC).date()
    start, _ = _parse_bound(
        "from", from_ if from_ is not None else today.isoformat(), end_of_day=False
    )
    to_text = to if to is not None else (today + dt.timedelta(days=1)).isoformat()
    end, to_is_date = _parse_bound("to", to_text, end_of_day=True)
    if end < start:
        raise InvalidQueryError("Invalid field: 'to' must not be before 'from'")
    to_start = dt.datetime.combine(end.date(), dt.time.min, tzinfo=dt.UTC) if to_is_date else end
    try:
        limit = start + relativedelta(months=1)
    except (ValueError, OverflowError):  # from is in year 9999: a month later is off the calendar
        limit = dt.datetime.max.replace(tzinfo=dt.UTC)
    if to_start > limit:
        raise InvalidQueryError("Invalid field: 'from' and 'to' can be at most one month apart")
    return Window(start, end)


def _window(value: str | dt.datetime, *, end_of_day: bool) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise ValueError("select() needs aware datetimes")
        return value.astimezone(dt.UTC)
    return _parse_bound("to" if end_of_day else "from", value, end_of_day=end_of_day)[0]


@attrs.frozen(repr=False)
class Dataset:
    """The accounts, users and clips one mock serves; immutable once built.

    ``select`` is the ground truth a test compares the API's pages with.
    """

    master_account_id: str
    accounts: tuple[Account, ...]
    _clips: tuple[_Clip, ...]
    # Per (account, date field): the account's clips in API order (newest first, then clip_id)
    # and their sort keys, so a query bisects to its date range instead of scanning every clip.
    _index: dict[tuple[str, bool], tuple[list[_Clip], list[tuple[float, str]]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[str, bool], tuple[list[_Clip], list[tuple[float, str]]]] = {}
        for account in self.accounts:
            mine = [clip for clip in self._clips if clip.account_id == account.id]
            for by_created in (False, True):
                keyed = sorted((_order_key(c, by_created=by_created), c) for c in mine)
                index[account.id, by_created] = ([c for _, c in keyed], [k for k, _ in keyed])
        object.__setattr__(self, "_index", index)

    @property
    def sub_accounts(self) -> tuple[Account, ...]:
        """The accounts the master account owns (every account but itself)."""
        return tuple(a for a in self.accounts if a.id != self.master_account_id)

    @property
    def clips(self) -> list[dict[str, Any]]:
        """Every clip as the API sends it, across all accounts."""
        return [copy_wire(clip.wire) for clip in self._clips]

    def account(self, account_id: str) -> Account | None:
        """The account with this id, or None."""
        return next((a for a in self.accounts if a.id == account_id), None)

    def find_user(self, account_id: str, id_or_email: str) -> User | None:
        """The user of this account with this id or (case-insensitive) email, or None."""
        account = self.account(account_id)
        users = account.users if account else ()
        return next(
            (u for u in users if id_or_email == u.id or id_or_email.casefold() == u.email),
            None,
        )

    def select(
        self,
        account_id: str,
        *,
        from_: str | dt.datetime,
        to: str | dt.datetime,
        date_filter_type: str = "MODIFIED_DATE",
        status: str | None = None,
        user_id: str | None = None,
        search_key: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every clip of ``account_id`` that matches, in the order the API pages them.

        ``from_``/``to`` are aware datetimes or strings with the API's meaning (a bare date is
        the whole day) but no one-month limit. ``user_id`` is an owner id or email. The order is
        newest first by the filtered date, then by ``clip_id``.
        """
        hits = self.matching(
            account_id,
            from_=from_,
            to=to,
            date_filter_type=date_filter_type,
            status=status,
            user_id=user_id,
            search_key=search_key,
        )
        return [copy_wire(clip.wire) for clip in hits]

    def matching(
        self,
        account_id: str,
        *,
        from_: str | dt.datetime,
        to: str | dt.datetime,
        date_filter_type: str = "MODIFIED_DATE",
        status: str | None = None,
        user_id: str | None = None,
        search_key: str | None = None,
    ) -> list[_Clip]:
        """``select`` without copying: the matching clips, for the API to copy one page of."""
        start = _window(from_, end_of_day=False)
        end = _window(to, end_of_day=True)
        by_created = date_filter_type == "CREATED_DATE"
        owner = self.find_user(account_id, user_id) if user_id else None
        if (user_id and owner is None) or (account_id, by_created) not in self._index:
            return []
        ordered, keys = self._index[account_id, by_created]
        # Keys ascend as dates descend: [end, start] is one contiguous run of the ordered list.
        first = bisect.bisect_left(keys, (-end.timestamp(), ""))
        last = bisect.bisect_right(keys, (-start.timestamp(), "\U0010ffff"))
        needle = search_key.casefold() if search_key else None
        return [
            clip
            for clip in ordered[first:last]
            if (status is None or clip.wire["status"] == status)
            and (owner is None or clip.owner == owner)
            and (needle is None or needle in str(clip.wire["title"]).casefold())
        ]

    def with_clips_at(self, account_id: str, instants: Mapping[str, dt.datetime]) -> Dataset:
        """A copy with one more clip in ``account_id`` per ``{clip_id: instant}``, for tests.

        Each new clip is created and modified at exactly its (aware) instant, sent with
        milliseconds (``2025-05-31T23:59:59.900+00:00``), owned by the account's first user.
        """
        account = self.account(account_id)
        if account is None:
            raise ValueError(f"no account {account_id!r} in this data set")
        added = []
        for clip_id, instant in instants.items():
            when = _window(instant, end_of_day=False)
            stamp = _wire_date(when, with_millis=True)
            wire = {
                "title": f"Clip at {stamp}",
                "description": "",
                "duration": 60,
                "status": "RECORD_SUCCESS",
                "clip_id": clip_id,
                "owner_id": account.users[0].id,
                "file_size": 1_000_000,
                "share_link": f"https://zoom.us/clips/share/{clip_id}",
                "share_link_settings": {"share_scope": "ANYONE", "enable_passcode": False},
                "thumbnail_link": f"https://file.zoom.us/file/{clip_id}?attachType=preview",
                "created_date": stamp,
                "modified_date": stamp,
                "tags": [],
            }
            added.append(_Clip(account_id, account.users[0], when, when, wire))
        return Dataset(self.master_account_id, self.accounts, (*self._clips, *added))

    def to_json(self) -> dict[str, Any]:
        """The accounts and users, as ``GET /_mock/accounts`` sends them."""
        return {
            "master_account_id": self.master_account_id,
            "sub_accounts": [
                {"id": a.id, "users": [{"id": u.id, "email": u.email} for u in a.users]}
                for a in self.sub_accounts
            ],
        }

    def __repr__(self) -> str:
        return (
            f"Dataset(master_account_id={self.master_account_id!r}, "
            f"accounts={len(self.accounts)}, clips={len(self._clips)})"
        )


def _order_key(clip: _Clip, *, by_created: bool) -> tuple[float, str]:
    """The API's order: newest first by the filtered date, ties by ``clip_id``."""
    when = clip.created if by_created else clip.modified
    return (-when.timestamp(), str(clip.wire["clip_id"]))


def copy_wire(wire: Mapping[str, Any]) -> dict[str, Any]:
    copied = dict(wire)
    copied["share_link_settings"] = dict(wire["share_link_settings"])
    copied["tags"] = list(wire["tags"])
    return copied


def _random_id(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(_ID_ALPHABET, k=length))


def _wire_date(instant: dt.datetime, *, with_millis: bool) -> str:
    if with_millis:  # Zoom's example form: 2024-10-11T01:51:50.631+00:00
        return instant.isoformat(timespec="milliseconds")
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")  # the description's form: 2020-03-31T12:02:00Z


def _make_accounts(rng: random.Random, sub_accounts: int) -> tuple[Account, ...]:
    accounts = []
    for index in range(sub_accounts + 1):
        account_id = MASTER_ACCOUNT_ID if index == 0 else _random_id(rng, 22)
        domain = "master.example.com" if index == 0 else f"sub{index}.example.com"
        names = rng.sample([(f, la) for f in _FIRST_NAMES for la in _LAST_NAMES], k=2 + index)
        users = [User(_random_id(rng, 22), f"{first}.{last}@{domain}") for first, last in names]
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
    clip_id = _random_id(rng, 38)
    status = rng.choices(CLIP_STATUSES, weights=_STATUS_WEIGHTS)[0]
    finished = status in ("RECORD_SUCCESS", "RECORD_DELETE", "SUSPENDED")
    scope = rng.choice(SHARE_SCOPES)
    if fix_spelling and scope == "SAME_ORGANIZATON":
        scope = "SAME_ORGANIZATION"
    settings: dict[str, Any] = {"share_scope": scope, "enable_passcode": rng.random() < 0.3}
    if settings["enable_passcode"]:
        settings["passcode"] = _random_id(rng, 8)
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
