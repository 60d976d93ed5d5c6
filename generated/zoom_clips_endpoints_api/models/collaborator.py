# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.collaborator_role import CollaboratorRole
from ..models.collaborator_type import CollaboratorType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Collaborator")


@_attrs_define
class Collaborator:
    """
    Attributes:
        avatar (str | Unset): The avatar's URL Example:
            https://filedev.zoomdev.us/p/pRof_6gpQP2YKDxmglRziA/664dcb20-5d05-40da-8fd0-ef32b6f2ee5b-3518.
        email (str | Unset): This field returns *nullable Email*. This response only returns if the type is
            'EXTERNAL_USER'. If the type is not 'EXTERNAL_USER', it returns a null value. Example:
            dev_victor_test_main@dispostable.com.
        type_ (CollaboratorType | Unset): A Zoom user (ZOOM_USER).

            EXTERNAL_USER - A non-Zoom user.

            CHANNEL - A channel, not a user. Example: ZOOM_USER.
        role (CollaboratorRole | Unset): The owner (OWNER) of the clip.

            VIEWER - A viewer of the clip. Example: VIEWER.
        display_name (str | Unset): This field returns *nullable Display Name*. This response returns a value only when
            the type is either 'ZOOM_USER' or 'CHANNEL' and the user belongs to the same organization; otherwise, it returns
            a null value. Example: dev_victor dev_lu.
        channel_id (str | Unset): This field returns *nullable Team chat channel ID*. This response only returns if the
            type is 'CHANNEL'. If the `collaborator_type` is not 'CHANNEL', it returns a null value. Example:
            c15e84143a6949568247c2fe1e097bd2.
        user_id (str | Unset): This field returns *nullable User ID*. This response returns a value only if the type is
            'ZOOM_USER' and the user belongs to the same organization. If the type is not 'ZOOM_USER' or the user does not
            belong to the same organization, it returns a null value. Example: 4BJ2vryWQg-VZaj0iP4p0w.
    """

    avatar: str | Unset = UNSET
    email: str | Unset = UNSET
    type_: CollaboratorType | Unset = UNSET
    role: CollaboratorRole | Unset = UNSET
    display_name: str | Unset = UNSET
    channel_id: str | Unset = UNSET
    user_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avatar = self.avatar

        email = self.email

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        display_name = self.display_name

        channel_id = self.channel_id

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if email is not UNSET:
            field_dict["email"] = email
        if type_ is not UNSET:
            field_dict["type"] = type_
        if role is not UNSET:
            field_dict["role"] = role
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        avatar = d.pop("avatar", UNSET)

        email = d.pop("email", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: CollaboratorType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = CollaboratorType(_type_)

        _role = d.pop("role", UNSET)
        role: CollaboratorRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = CollaboratorRole(_role)

        display_name = d.pop("display_name", UNSET)

        channel_id = d.pop("channel_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        collaborator = cls(
            avatar=avatar,
            email=email,
            type_=type_,
            role=role,
            display_name=display_name,
            channel_id=channel_id,
            user_id=user_id,
        )

        collaborator.additional_properties = d
        return collaborator

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
