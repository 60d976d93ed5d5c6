"""Typed, frozen models of the clips response, parsed straight from Zoom's JSON.

The generated ``ClipListResponse.from_dict`` is not used: it raises on an enum value Zoom adds
later, keeps the misspelt ``SAME_ORGANIZATON``, leaves dates as strings and absent fields as
``Unset``.
``parse_clips_page`` makes one pass over each item, checks each field's JSON type, and raises
``InvalidBody`` (a ``ValueError``) for anything that is not the object the spec promises.

What a page may make a listing hold or send is bounded before any item is parsed: at most the
items asked for (``max_items``, the request's ``page_size``), a ``next_page_token`` of at most
``MAX_PAGE_TOKEN_LENGTH`` characters, and no ``data: null`` on a page that counts records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import attrs

__all__ = [
    "MAX_PAGE_TOKEN_LENGTH",
    "Clip",
    "ClipStatus",
    "ClipsPage",
    "DateFilterType",
    "InvalidBody",
    "ShareLinkSettings",
    "ShareScope",
    "page_from_json",
    "page_token",
    "parse_clips_page",
]

#: The longest ``next_page_token`` a page may carry, in characters. The Clips spec's
#: ``maxLength`` is 100 and Zoom's tokens are about 35; 4096 leaves room for a longer token
#: Zoom may adopt, while a token sent back in a query stays far under what servers accept in a
#: request line (8 KiB is common) and httpx's 64 KiB URL limit (past it: a raw ``InvalidURL``).
MAX_PAGE_TOKEN_LENGTH = 4096


class ClipStatus(StrEnum):
    """A clip's recording status."""

    RECORD_START = "RECORD_START"
    RECORD_FAILED = "RECORD_FAILED"
    RECORD_END = "RECORD_END"
    RECORD_SUCCESS = "RECORD_SUCCESS"
    RECORD_DELETE = "RECORD_DELETE"
    SUSPENDED = "SUSPENDED"


class ShareScope(StrEnum):
    """Who may watch a clip through its share link.

    Quirk ``share-scope-misspelt``: Zoom spells ``SAME_ORGANIZATION`` as ``SAME_ORGANIZATON``; both
    spellings give ``ShareScope.SAME_ORGANIZATION`` (``ShareScope("SAME_ORGANIZATON")`` too).
    """

    ANYONE = "ANYONE"
    SAME_ORGANIZATION = "SAME_ORGANIZATION"
    INVITED_MEMBERS_ONLY = "INVITED_MEMBERS_ONLY"
    PRIVATE = "PRIVATE"

    @classmethod
    def _missing_(cls, value: object) -> ShareScope | None:
        return _SHARE_SCOPES.get(value) if isinstance(value, str) else None


class DateFilterType(StrEnum):
    """Which date ``from_``/``to`` filter on (Zoom's default: ``MODIFIED_DATE``)."""

    CREATED_DATE = "CREATED_DATE"
    MODIFIED_DATE = "MODIFIED_DATE"


_STATUSES: dict[str, ClipStatus] = {m.value: m for m in ClipStatus}
_SHARE_SCOPES: dict[str, ShareScope] = {m.value: m for m in ShareScope} | {
    "SAME_ORGANIZATON": ShareScope.SAME_ORGANIZATION,
}


def _hidden(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen(slots=True)
class ShareLinkSettings:
    """Access to a clip's share link. ``passcode`` never shows in ``repr``/``str``."""

    enable_passcode: bool | None = None
    passcode: str | None = attrs.field(default=None, repr=_hidden)
    share_scope: ShareScope | str | None = None


@attrs.frozen(slots=True)
class Clip:
    """One clip. ``clip_id`` is always there (a clip without one is not the object the spec
    promises: ``APIResponseValidationError``); other absent fields are ``None`` (never ``Unset``);
    ``tags`` is ``()`` when absent.

    ``status``/``share_scope`` are enum members, or the plain string for a value Zoom adds later.
    ``extra`` holds any field the spec does not know, as Zoom sent it.
    """

    clip_id: str
    title: str | None = None
    description: str | None = None
    duration: float | None = None
    status: ClipStatus | str | None = None
    owner_id: str | None = None
    file_size: int | None = None
    share_link: str | None = None
    share_link_settings: ShareLinkSettings | None = None
    thumbnail_link: str | None = None
    created_date: datetime | None = None
    modified_date: datetime | None = None
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(slots=True)
class ClipsPage:
    """One page of clips. ``next_page_token`` is ``None`` on the last page."""

    data: tuple[Clip, ...]
    next_page_token: str | None = None
    page_size: int | None = None
    total_records: int | None = None


class InvalidBody(ValueError):
    """A response body that is not the JSON the spec promises."""


_KNOWN = frozenset(
    {
        "clip_id",
        "title",
        "description",
        "duration",
        "status",
        "owner_id",
        "file_size",
        "share_link",
        "share_link_settings",
        "thumbnail_link",
        "created_date",
        "modified_date",
        "tags",
    }
)


def _str(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None or type(value) is str:
        return value
    raise InvalidBody(f"{key} is {type(value).__name__}, not a string")


def _number(value: Any, key: str) -> float | None:
    if value is None:
        return None
    if type(value) is float:
        return value
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:  # a JSON integer of 309+ digits: no float holds it
            raise InvalidBody(f"{key} is an integer too large for a float") from None
    raise InvalidBody(f"{key} is {type(value).__name__}, not a number")


def _integer(value: Any, key: str) -> int | None:
    # Quirk total-records-is-number: counts are typed "number"; an integral float is a count.
    if value is None or type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise InvalidBody(f"{key} is {value!r}, not an integer")


def _enum_or_str(value: Any, members: dict[str, Any], key: str) -> Any:
    # Quirk closed-enums: a value Zoom adds later comes back as the plain string.
    if value is None:
        return None
    if type(value) is not str:
        raise InvalidBody(f"{key} is {type(value).__name__}, not a string")
    return members.get(value, value)


def _share_link_settings(value: Any) -> ShareLinkSettings | None:
    if value is None:
        return None
    if type(value) is not dict:
        raise InvalidBody("share_link_settings is not an object")
    enable = value.get("enable_passcode")
    if enable is not None and type(enable) is not bool:
        raise InvalidBody("share_link_settings.enable_passcode is not a boolean")
    scope = value.get("share_scope")
    if value.get("passcode") is None and (scope is None or type(scope) is str):
        shared = _SHARED_SETTINGS.get((enable, scope))
        if shared is not None:
            return shared
    return ShareLinkSettings(
        enable,
        _str(value, "passcode"),
        _enum_or_str(scope, _SHARE_SCOPES, "share_scope"),
    )


# Settings without a passcode come in a few dozen forms; most clips share one of these immutable
# instances instead of building their own (a third of the parse time of a clip, measured).
_SHARED_SETTINGS: dict[tuple[bool | None, str | None], ShareLinkSettings] = {
    (enable, scope): ShareLinkSettings(enable, None, _SHARE_SCOPES[scope] if scope else None)
    for enable in (True, False, None)
    for scope in (*_SHARE_SCOPES, None)
}


def _tags(value: Any) -> tuple[str, ...]:
    # Quirk tags-missing: Zoom sends tags though the spec does not declare them.
    if value is None:
        return ()
    if type(value) is not list or any(type(tag) is not str for tag in value):
        raise InvalidBody("tags is not a list of strings")
    return tuple(value)


_OPTIONAL_STR = frozenset({str, type(None)})
_STRING_FIELDS = (
    "status",
    "clip_id",
    "title",
    "description",
    "owner_id",
    "share_link",
    "thumbnail_link",
    "created_date",
    "modified_date",
)


def _date(value: str | None, key: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidBody(f"{key} {value!r} is not an ISO-8601 date-time") from None
    if parsed.tzinfo is UTC:  # both of Zoom's forms, "...Z" and "...+00:00", land here
        return parsed
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+05:00 falls in year 0 in UTC
        raise InvalidBody(f"{key} {value!r} is outside the years 1..9999 in UTC") from None


def clip_from_json(item: Any) -> Clip:
    """A ``Clip`` from one decoded item of ``data``; ``InvalidBody`` if it has the wrong shape.

    The hot path of listing: one ``get`` per field and one combined type test for the string
    fields; the slow path only runs to name the field that is wrong.
    """
    if type(item) is not dict:
        raise InvalidBody(f"a clip is {type(item).__name__}, not an object")
    get = item.get
    clip_id = get("clip_id")
    title = get("title")
    description = get("description")
    owner_id = get("owner_id")
    share_link = get("share_link")
    thumbnail_link = get("thumbnail_link")
    created = get("created_date")
    modified = get("modified_date")
    duration = get("duration")
    file_size = get("file_size")
    status = get("status")
    ok = _OPTIONAL_STR
    if not (
        type(clip_id) in ok
        and type(title) in ok
        and type(description) in ok
        and type(owner_id) in ok
        and type(share_link) in ok
        and type(thumbnail_link) in ok
        and type(created) in ok
        and type(modified) in ok
        and type(status) in ok
    ):
        for key in _STRING_FIELDS:
            _str(item, key)
    if type(duration) is not float:
        duration = _number(duration, "duration")
    if type(file_size) is not int:
        file_size = _integer(file_size, "file_size")
    settings = get("share_link_settings")
    tags = get("tags")
    # Positional, in field order: keyword arguments cost a third of the construction time.
    clip = Clip(
        clip_id,  # type: ignore[arg-type] # None or "" is refused right after, before any use
        title,
        description,
        duration,
        _STATUSES.get(status, status) if status is not None else None,
        owner_id,
        file_size,
        share_link,
        _share_link_settings(settings) if settings is not None else None,
        thumbnail_link,
        _date(created, "created_date") if created is not None else None,
        _date(modified, "modified_date") if modified is not None else None,
        () if tags is None or tags == [] else _tags(tags),
        {} if _KNOWN.issuperset(item) else {k: item[k] for k in item.keys() - _KNOWN},
    )
    if not clip_id:  # checked last, so that a field of the wrong type is named first
        raise InvalidBody("a clip without its clip_id (missing, null or empty)")
    return clip


class BodyNotJSON(InvalidBody):
    """The body does not decode as JSON at all: cut short in transit, not UTF-8, or NaN."""


def decode_json(content: bytes | str) -> Any:
    """Strict JSON from a body: ``BodyNotJSON`` if it is not JSON, ``InvalidBody`` if too deep."""
    try:
        return json.loads(content, parse_constant=_reject_constant)
    except ValueError as exc:  # truncated JSON, bytes that are not UTF-8, NaN/Infinity
        raise BodyNotJSON(f"the body is not JSON: {exc}") from None
    except RecursionError:  # arrays nested thousands deep: more than the decoder recurses into
        raise InvalidBody("the body is JSON nested too deeply to decode") from None


def parse_clips_page(content: bytes | str) -> ClipsPage:
    """A ``ClipsPage`` from a raw 200 body; ``InvalidBody`` for anything the spec does not allow.

    >>> parse_clips_page(b'{"data": [], "next_page_token": ""}').next_page_token is None
    True
    """
    return page_from_json(decode_json(content))


def _reject_constant(name: str) -> float:
    # NaN and Infinity are not JSON (RFC 8259), though Python's decoder accepts them by default.
    raise ValueError(f"{name} is not a JSON value")


def page_token(body: dict[str, Any]) -> str | None:
    """A page's ``next_page_token`` (``None`` on the last page); ``InvalidBody`` past
    ``MAX_PAGE_TOKEN_LENGTH``, so that no request is ever built with it."""
    token = _str(body, "next_page_token")
    if token and len(token) > MAX_PAGE_TOKEN_LENGTH:
        raise InvalidBody(
            f"next_page_token is {len(token)} characters long, more than the "
            f"{MAX_PAGE_TOKEN_LENGTH} a page token may have"
        )
    return token or None


def page_from_json(body: Any, max_items: int | None = None) -> ClipsPage:
    """A ``ClipsPage`` from an already decoded body (what ``ClipListResponse.from_dict`` takes).

    ``max_items``: the ``page_size`` the request asked for; a page of more clips is refused
    before any of them is parsed. ``data`` absent is an empty page (the spec requires no field);
    ``data: null`` is one only where ``total_records`` is absent or 0: with records counted, a
    null list is a broken page, not an empty one.
    """
    if type(body) is not dict:
        raise InvalidBody(f"the body is {type(body).__name__}, not an object")
    data = body.get("data")
    total = _integer(body.get("total_records"), "total_records")
    if data is None:
        if total is not None and total > 0 and "data" in body:
            raise InvalidBody(f"data is null though total_records is {total}")
        data = []
    elif type(data) is not list:
        raise InvalidBody(f"data is {type(data).__name__}, not a list")
    if max_items is not None and len(data) > max_items:
        raise InvalidBody(
            f"the page has {len(data)} clips, more than the {max_items} asked for (page_size)"
        )
    token = page_token(body)
    return ClipsPage(
        data=tuple([clip_from_json(item) for item in data]),
        next_page_token=token,
        page_size=_integer(body.get("page_size"), "page_size"),
        total_records=total,
    )
