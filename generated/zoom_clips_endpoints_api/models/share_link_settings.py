# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_scope import ShareScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShareLinkSettings")


@_attrs_define
class ShareLinkSettings:
    """The access level, which indicates the access type of the current clips' share link.

    Attributes:
        passcode (str | Unset): The passcode. It exists only when `enable_passcode=true` Example: Dmpy*xy7.
        share_scope (ShareScope | Unset): ANYONE - Anyone with this clip link can watch it.

            SAME_ORGANIZATON - Only users who are in the same organization as the clip owner can watch it.

            INVITED_MEMBERS_ONLY - Only invited users can watch it.

            PRIVATE - Only the clip's owner and account administrators can watch it. Example: ANYONE.
        enable_passcode (bool | Unset):  Whether the passcode is enabled. Example: True.
    """

    passcode: str | Unset = UNSET
    share_scope: ShareScope | Unset = UNSET
    enable_passcode: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passcode = self.passcode

        share_scope: str | Unset = UNSET
        if not isinstance(self.share_scope, Unset):
            share_scope = self.share_scope.value

        enable_passcode = self.enable_passcode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if passcode is not UNSET:
            field_dict["passcode"] = passcode
        if share_scope is not UNSET:
            field_dict["share_scope"] = share_scope
        if enable_passcode is not UNSET:
            field_dict["enable_passcode"] = enable_passcode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        passcode = d.pop("passcode", UNSET)

        _share_scope = d.pop("share_scope", UNSET)
        share_scope: ShareScope | Unset
        if isinstance(_share_scope, Unset):
            share_scope = UNSET
        else:
            share_scope = ShareScope(_share_scope)

        enable_passcode = d.pop("enable_passcode", UNSET)

        share_link_settings = cls(
            passcode=passcode,
            share_scope=share_scope,
            enable_passcode=enable_passcode,
        )

        share_link_settings.additional_properties = d
        return share_link_settings

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
