"""The mock's seeded data set, the date rules of ``from``/``to``, and the ground-truth query."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from collections.abc import Mapping
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

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


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
    """The accounts, users and clips one mock serves, as seeded, and their current state.

    The accounts and the seeded clips never change; the API changes a clip's current state
    (a soft delete, a transfer of ownership, an admin edit) through :meth:`update`, and
    :meth:`restore` brings back the seeded state. ``select`` is the ground truth a test compares
    the API's pages with; it reads the current state.
    """

    master_account_id: str
    accounts: tuple[Account, ...]
    _clips: tuple[_Clip, ...]
    # Every clip's current state by id, in seeded order.
    _current: dict[str, _Clip] = attrs.field(init=False, repr=False, eq=False)
    # Per (account, date field): the account's clips in API order (newest first, then clip_id)
    # and their sort keys, so a query bisects to its date range instead of scanning every clip.
    _index: dict[tuple[str, bool], tuple[list[_Clip], list[tuple[float, str]]]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _lock: threading.Lock = attrs.field(init=False, repr=False, eq=False, factory=threading.Lock)

    def __attrs_post_init__(self) -> None:
        self._build(self._clips)

    def _build(self, clips: tuple[_Clip, ...]) -> None:
        index: dict[tuple[str, bool], tuple[list[_Clip], list[tuple[float, str]]]] = {}
        for account in self.accounts:
            mine = [clip for clip in clips if clip.account_id == account.id]
            for by_created in (False, True):
                keyed = sorted((_order_key(c, by_created=by_created), c) for c in mine)
                index[account.id, by_created] = ([c for _, c in keyed], [k for k, _ in keyed])
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_current", {str(c.wire["clip_id"]): c for c in clips})

    @property
    def sub_accounts(self) -> tuple[Account, ...]:
        """The accounts the master account owns (every account but itself)."""
        return tuple(a for a in self.accounts if a.id != self.master_account_id)

    @property
    def clips(self) -> list[dict[str, Any]]:
        """Every clip as the API sends it now, across all accounts, in seeded order."""
        with self._lock:
            current = list(self._current.values())
        return [copy_wire(clip.wire) for clip in current]

    def clip(self, clip_id: str) -> _Clip | None:
        """The current state of the clip with this id, or None if it never existed."""
        with self._lock:
            return self._current.get(clip_id)

    def owned_by(self, account_id: str, owner_id: str) -> list[_Clip]:
        """The current clips of ``account_id`` that ``owner_id`` owns, in API order."""
        with self._lock:
            ordered = list(self._index.get((account_id, False), ([], []))[0])
        return [clip for clip in ordered if clip.owner.id == owner_id]

    def update(
        self,
        clip_id: str,
        *,
        changes: Mapping[str, Any] | None = None,
        owner: User | None = None,
        modified: dt.datetime | None = None,
    ) -> _Clip:
        """Change a clip's current state and keep the listing order; returns the new state.

        ``changes`` replaces wire fields (``share_link_settings`` is merged one level deep);
        ``owner`` moves ``owner_id``; ``modified`` (aware) becomes ``modified_date``, written in
        the clip's own wire form. Raises ``KeyError`` for an unknown clip id.
        """
        with self._lock:
            old = self._current[clip_id]
            wire = copy_wire(old.wire)
            for name, value in (changes or {}).items():
                if name == "share_link_settings" and isinstance(value, Mapping):
                    wire[name] = {**wire[name], **value}
                else:
                    wire[name] = value
            new_owner = owner if owner is not None else old.owner
            wire["owner_id"] = new_owner.id
            when = old.modified
            if modified is not None:
                with_millis = "." in str(old.wire["created_date"])
                wire["modified_date"] = _wire_date(modified, with_millis=with_millis)
                when = _parse_bound("to", wire["modified_date"], end_of_day=False)[0]
            new = _Clip(old.account_id, new_owner, old.created, max(old.created, when), wire)
            for by_created in (False, True):
                ordered, keys = self._index[old.account_id, by_created]
                at = bisect.bisect_left(keys, _order_key(old, by_created=by_created))
                del ordered[at], keys[at]
                key = _order_key(new, by_created=by_created)
                at = bisect.bisect_left(keys, key)
                ordered.insert(at, new)
                keys.insert(at, key)
            self._current[clip_id] = new
            return new

    def add(self, clip: _Clip) -> None:
        """Add a clip (an upload) to the current state; :meth:`restore` forgets it again."""
        clip_id = str(clip.wire["clip_id"])
        with self._lock:
            if clip_id in self._current:
                raise ValueError(f"a clip {clip_id!r} exists already")
            for by_created in (False, True):
                ordered, keys = self._index[clip.account_id, by_created]
                key = _order_key(clip, by_created=by_created)
                at = bisect.bisect_left(keys, key)
                ordered.insert(at, clip)
                keys.insert(at, key)
            self._current[clip_id] = clip

    def restore(self) -> None:
        """Bring back every clip's seeded state (what ``POST /_mock/reset`` does)."""
        with self._lock:
            current = self._current.values()
            if len(current) != len(self._clips) or any(
                now is not seeded for now, seeded in zip(current, self._clips, strict=True)
            ):
                self._build(self._clips)

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
        with self._lock:
            ordered, keys = self._index[account_id, by_created]
            # Keys ascend as dates descend: [end, start] is one contiguous run of the list.
            first = bisect.bisect_left(keys, (-end.timestamp(), ""))
            last = bisect.bisect_right(keys, (-start.timestamp(), "\U0010ffff"))
            run = ordered[first:last]
        needle = search_key.casefold() if search_key else None
        return [
            clip
            for clip in run
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


def _wire_date(instant: dt.datetime, *, with_millis: bool) -> str:
    if with_millis:  # Zoom's example form: 2024-10-11T01:51:50.631+00:00
        return instant.isoformat(timespec="milliseconds")
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")  # the description's form: 2020-03-31T12:02:00Z
