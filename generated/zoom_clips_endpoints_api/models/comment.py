# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.comment_content_type import CommentContentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.child_comment import ChildComment
    from ..models.mention import Mention


T = TypeVar("T", bound="Comment")


@_attrs_define
class Comment:
    """The information about the comments list.

    Attributes:
        comment_id (str | Unset): The comment's ID. Example: a16eb597-90ed-4e70-8475-4f1e0022c8a7.
        content (str | Unset):   The comment's content. Supports user mentions in the format:
            @\\[display_name](user:email).

              Example: @\\[clips clips](user:victor.lu@dev.gg) @\\[victor.lu](user:devint_test_clips@dispostable.com) here
            it is

              - display_name is the visible name shown in the comment.
              - email is a unique identifier used to resolve the mentioned user.

              Developers can extract mention info using the regex: @\\[(.*?)\\]\\(user:(.*?)\\) Example: @[clips
            clips](user:victor.lu@dev.gg) @[victor.lu](user:devint_test_clips@dispostable.com) here it is.
        created_date (str | Unset): The comment created date-time in UTC/GMT. Example: "2020-03-31T12:02:00Z" Example:
            2023-11-16T02:50:51Z.
        modified_date (str | Unset): The comment modified date-time in UTC/GMT. Example: "2020-03-31T12:02:00Z" Example:
            2023-11-16T02:50:51Z.
        display_name (str | Unset): The comment owner's display name. If the owner is a Zoom user, it will display the
            user's name. If the owner is a guest, it will always display 'Guest'. If the owner is an invited email user (not
            a Zoom user), it will display the user's email address. Example: dev_victor dev_lu.
        avatar (str | Unset): The comment owner's avatar. Example:
            https://filedev.zoomdev.us/p/pRof_6gpQP2YKDxmglRziA/664dcb20-5d05-40da-8fd0-ef32b6f2ee5b-3518.
        parent_node_id (str | Unset): The comment parent node's ID. Example: 0b7cdb63-0be1-4a05-b44d-e611ac9ae86c.
        edited (bool | Unset): Whether the comment has been modified. Example: False.
        mentions (list[Mention] | Unset): The mention information in the comment, if present.
        content_type (CommentContentType | Unset): The type of the comment.

            TEXT_WITH_MENTION – A comment that includes a mention.

            TEXT – A comment without any mention.

            EMOJI – An emoji reaction without text. Example: TEXT_WITH_MENTION.
        children_comments (list[ChildComment] | Unset): The list of comments.
    """

    comment_id: str | Unset = UNSET
    content: str | Unset = UNSET
    created_date: str | Unset = UNSET
    modified_date: str | Unset = UNSET
    display_name: str | Unset = UNSET
    avatar: str | Unset = UNSET
    parent_node_id: str | Unset = UNSET
    edited: bool | Unset = UNSET
    mentions: list[Mention] | Unset = UNSET
    content_type: CommentContentType | Unset = UNSET
    children_comments: list[ChildComment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment_id = self.comment_id

        content = self.content

        created_date = self.created_date

        modified_date = self.modified_date

        display_name = self.display_name

        avatar = self.avatar

        parent_node_id = self.parent_node_id

        edited = self.edited

        mentions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.mentions, Unset):
            mentions = []
            for mentions_item_data in self.mentions:
                mentions_item = mentions_item_data.to_dict()
                mentions.append(mentions_item)

        content_type: str | Unset = UNSET
        if not isinstance(self.content_type, Unset):
            content_type = self.content_type.value

        children_comments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.children_comments, Unset):
            children_comments = []
            for children_comments_item_data in self.children_comments:
                children_comments_item = children_comments_item_data.to_dict()
                children_comments.append(children_comments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if comment_id is not UNSET:
            field_dict["comment_id"] = comment_id
        if content is not UNSET:
            field_dict["content"] = content
        if created_date is not UNSET:
            field_dict["created_date"] = created_date
        if modified_date is not UNSET:
            field_dict["modified_date"] = modified_date
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if parent_node_id is not UNSET:
            field_dict["parent_node_id"] = parent_node_id
        if edited is not UNSET:
            field_dict["edited"] = edited
        if mentions is not UNSET:
            field_dict["mentions"] = mentions
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if children_comments is not UNSET:
            field_dict["children_comments"] = children_comments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.child_comment import ChildComment
        from ..models.mention import Mention

        d = dict(src_dict)
        comment_id = d.pop("comment_id", UNSET)

        content = d.pop("content", UNSET)

        created_date = d.pop("created_date", UNSET)

        modified_date = d.pop("modified_date", UNSET)

        display_name = d.pop("display_name", UNSET)

        avatar = d.pop("avatar", UNSET)

        parent_node_id = d.pop("parent_node_id", UNSET)

        edited = d.pop("edited", UNSET)

        _mentions = d.pop("mentions", UNSET)
        mentions: list[Mention] | Unset = UNSET
        if _mentions is not UNSET:
            mentions = []
            for mentions_item_data in _mentions:
                mentions_item = Mention.from_dict(mentions_item_data)

                mentions.append(mentions_item)

        _content_type = d.pop("content_type", UNSET)
        content_type: CommentContentType | Unset
        if isinstance(_content_type, Unset):
            content_type = UNSET
        else:
            content_type = CommentContentType(_content_type)

        _children_comments = d.pop("children_comments", UNSET)
        children_comments: list[ChildComment] | Unset = UNSET
        if _children_comments is not UNSET:
            children_comments = []
            for children_comments_item_data in _children_comments:
                children_comments_item = ChildComment.from_dict(
                    children_comments_item_data
                )

                children_comments.append(children_comments_item)

        comment = cls(
            comment_id=comment_id,
            content=content,
            created_date=created_date,
            modified_date=modified_date,
            display_name=display_name,
            avatar=avatar,
            parent_node_id=parent_node_id,
            edited=edited,
            mentions=mentions,
            content_type=content_type,
            children_comments=children_comments,
        )

        comment.additional_properties = d
        return comment

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
