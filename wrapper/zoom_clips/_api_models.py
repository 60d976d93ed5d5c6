"""Typed, frozen models of the Clips API's answers beyond the clip itself (``endpoints.json``).

Collaborators, comments (with their replies and mentions) and transfer tasks, parsed straight
from Zoom's JSON as ``_models`` parses a clip, and for the same reasons (quirks ``closed-enums``,
``fields-all-optional``, ``dates-untyped``): an enum value Zoom adds later is kept as the plain
string, absent fields are ``None`` (lists: ``()``), dates are aware UTC datetimes, and any field
the spec does not know is kept in ``extra`` as Zoom sent it. Anything that is not the object the
spec promises raises ``InvalidBody`` (a ``ValueError``). ``get()`` returns ``_models.Clip``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

import attrs

from ._models import InvalidBody, _date, _enum_or_str, _integer, _str, page_token

__all__ = [
    "Collaborator",
    "CollaboratorRole",
    "CollaboratorType",
    "Comment",
    "CommentContentType",
    "Mention",
    "Page",
    "TransferStatus",
    "TransferTask",
    "TransferType",
    "collaborators_page_from_json",
    "comments_page_from_json",
    "task_from_json",
    "task_id_from_json",
]

T = TypeVar("T")


class CollaboratorType(StrEnum):
    """Who a collaborator is: a Zoom user, someone outside Zoom, or a team chat channel."""

    ZOOM_USER = "ZOOM_USER"
    EXTERNAL_USER = "EXTERNAL_USER"
    CHANNEL = "CHANNEL"


class CollaboratorRole(StrEnum):
    """A collaborator's role on the clip."""

    OWNER = "OWNER"
    VIEWER = "VIEWER"


class CommentContentType(StrEnum):
    """What a comment holds.

    Quirk ``comment-content-type-emoji``: the spec's description names ``EMOJI`` (an emoji reaction
    without text) but its enum lacks it; ``EMOJI`` is a member here all the same.
    """

    TEXT_WITH_MENTION = "TEXT_WITH_MENTION"
    TEXT = "TEXT"
    EMOJI = "EMOJI"


class TransferStatus(StrEnum):
    """Where a transfer task stands: still running, done, or failed."""

    IN_PROCESS = "IN_PROCESS"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"


class TransferType(StrEnum):
    """A transfer of every clip of the source user, or of the listed clips only."""

    PARTIAL_TRANSFER = "PARTIAL_TRANSFER"
    FULL_TRANSFER = "FULL_TRANSFER"


@attrs.frozen(slots=True)
class Collaborator:
    """Someone a clip is shared with. Zoom fills only the fields its ``type`` has (see the spec).

    ``type``/``role`` are enum members, or the plain string for a value Zoom adds later.
    """

    user_id: str | None = None
    display_name: str | None = None
    email: str | None = None
    type: CollaboratorType | str | None = None
    role: CollaboratorRole | str | None = None
    channel_id: str | None = None
    avatar: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(slots=True)
class Mention:
    """A user mentioned in a comment."""

    display_name: str | None = None
    email: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(slots=True)
class Comment:
    """One comment on a clip; ``children_comments`` are its replies (a reply has none itself).

    ``content`` keeps mentions as Zoom writes them, ``@[display_name](user:email)``; ``mentions``
    lists them parsed. ``content_type`` is an enum member or the plain string of a newer value.
    ``comment_id`` is always there: a comment without one is an ``APIResponseValidationError``.
    """

    comment_id: str
    content: str | None = None
    content_type: CommentContentType | str | None = None
    display_name: str | None = None
    avatar: str | None = None
    parent_node_id: str | None = None
    edited: bool | None = None
    created_date: datetime | None = None
    modified_date: datetime | None = None
    mentions: tuple[Mention, ...] = ()
    children_comments: tuple[Comment, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(slots=True)
class TransferTask:
    """The state of an ownership transfer (``clips.transfer_status``).

    ``task_id`` is the id it was asked for (Zoom's body does not repeat it). ``status`` and
    ``transfer_type`` are enum members, or the plain string for a value Zoom adds later.
    """

    task_id: str
    status: TransferStatus | str | None = None
    transfer_type: TransferType | str | None = None
    source_owner_user_id: str | None = None
    target_owner_user_id: str | None = None
    clip_id_list: tuple[str, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def done(self) -> bool:
        """Whether the task has ended, in success or failure."""
        return self.status in (TransferStatus.SUCCESS, TransferStatus.FAILED)


@attrs.frozen(slots=True)
class Page(Generic[T]):
    """One page of an auto-paginated list (collaborators, comments); ``None`` token: the last."""

    data: tuple[T, ...]
    next_page_token: str | None = None


# -- parsing ---------------------------------------------------------------------------------------


def _object(value: Any, what: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise InvalidBody(f"{what} is {type(value).__name__}, not an object")
    return value


def _bool(item: dict[str, Any], key: str) -> bool | None:
    value = item.get(key)
    if value is None or type(value) is bool:
        return value
    raise InvalidBody(f"{key} is {type(value).__name__}, not a boolean")


def _list(item: dict[str, Any], key: str, convert: Callable[[Any], T]) -> tuple[T, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if type(value) is not list:
        raise InvalidBody(f"{key} is {type(value).__name__}, not a list")
    return tuple(convert(element) for element in value)


def _string(value: Any) -> str:
    if type(value) is not str:
        raise InvalidBody(f"a list item is {type(value).__name__}, not a string")
    return value


def _required_id(item: dict[str, Any], key: str) -> str:
    """An id every such object carries: non-empty text, or ``InvalidBody``."""
    value = _str(item, key)
    if not value:
        raise InvalidBody(f"{key} is missing or empty")
    return value


def _extra(item: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {} if known.issuperset(item) else {k: item[k] for k in item.keys() - known}


def _members(enum: type[StrEnum]) -> dict[str, Any]:
    return {member.value: member for member in enum}


_COLLABORATOR_TYPES = _members(CollaboratorType)
_ROLES = _members(CollaboratorRole)
_CONTENT_TYPES = _members(CommentContentType)
_STATUSES = _members(TransferStatus)
_TRANSFER_TYPES = _members(TransferType)

_COLLABORATOR_FIELDS = frozenset(attrs.fields_dict(Collaborator)) - {"extra"}
_MENTION_FIELDS = frozenset(attrs.fields_dict(Mention)) - {"extra"}
_COMMENT_FIELDS = frozenset(attrs.fields_dict(Comment)) - {"extra"}
_TASK_FIELDS = frozenset(attrs.fields_dict(TransferTask)) - {"extra", "task_id"}


def collaborator_from_json(value: Any) -> Collaborator:
    """A ``Collaborator`` from one decoded item of ``data``."""
    item = _object(value, "a collaborator")
    return Collaborator(
        user_id=_str(item, "user_id"),
        display_name=_str(item, "display_name"),
        email=_str(item, "email"),
        type=_enum_or_str(item.get("type"), _COLLABORATOR_TYPES, "type"),
        role=_enum_or_str(item.get("role"), _ROLES, "role"),
        channel_id=_str(item, "channel_id"),
        avatar=_str(item, "avatar"),
        extra=_extra(item, _COLLABORATOR_FIELDS),
    )


def mention_from_json(value: Any) -> Mention:
    """A ``Mention`` from one decoded item of a comment's ``mentions``."""
    item = _object(value, "a mention")
    return Mention(
        display_name=_str(item, "display_name"),
        email=_str(item, "email"),
        extra=_extra(item, _MENTION_FIELDS),
    )


def comment_from_json(value: Any, *, replies: bool = True) -> Comment:
    """A ``Comment`` from one decoded item of ``data`` (``replies=False``: of a reply list)."""
    item = _object(value, "a comment")
    children: tuple[Comment, ...] = ()
    if replies:
        children = _list(item, "children_comments", _reply_from_json)
    known = _COMMENT_FIELDS if replies else _COMMENT_FIELDS - {"children_comments"}
    return Comment(
        comment_id=_required_id(item, "comment_id"),
        content=_str(item, "content"),
        content_type=_enum_or_str(item.get("content_type"), _CONTENT_TYPES, "content_type"),
        display_name=_str(item, "display_name"),
        avatar=_str(item, "avatar"),
        parent_node_id=_str(item, "parent_node_id"),
        edited=_bool(item, "edited"),
        created_date=_date(_str(item, "created_date"), "created_date"),
        modified_date=_date(_str(item, "modified_date"), "modified_date"),
        mentions=_list(item, "mentions", mention_from_json),
        children_comments=children,
        extra=_extra(item, known),
    )


def _reply_from_json(value: Any) -> Comment:
    return comment_from_json(value, replies=False)


def _page_from_json(body: Any, convert: Callable[[Any], T]) -> Page[T]:
    item = _object(body, "the body")
    _integer(item.get("page_size"), "page_size")  # checked: typed number, meant as a count
    return Page(
        data=_list(item, "data", convert),
        next_page_token=page_token(item),
    )


def collaborators_page_from_json(body: Any) -> Page[Collaborator]:
    """A page of collaborators from a decoded 200 body of ``GET /clips/{clipId}/collaborators``."""
    return _page_from_json(body, collaborator_from_json)


def comments_page_from_json(body: Any) -> Page[Comment]:
    """A page of comments from a decoded 200 body of ``GET /clips/{clipId}/comments``."""
    return _page_from_json(body, comment_from_json)


def task_from_json(body: Any, task_id: str) -> TransferTask:
    """A ``TransferTask`` from a decoded 200 body of ``GET /clips/transfers/{taskId}``."""
    item = _object(body, "the body")
    return TransferTask(
        task_id=_str(item, "task_id") or task_id,
        status=_enum_or_str(item.get("status"), _STATUSES, "status"),
        transfer_type=_enum_or_str(item.get("transfer_type"), _TRANSFER_TYPES, "transfer_type"),
        source_owner_user_id=_str(item, "source_owner_user_id"),
        target_owner_user_id=_str(item, "target_owner_user_id"),
        clip_id_list=_list(item, "clip_id_list", _string),
        extra=_extra(item, _TASK_FIELDS | {"task_id"}),
    )


def task_id_from_json(body: Any) -> str:
    """The ``task_id`` of a decoded 201 body of ``POST /clips/transfers`` (required there)."""
    return _required_id(_object(body, "the body"), "task_id")
