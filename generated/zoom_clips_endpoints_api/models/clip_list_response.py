# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.clip_item import ClipItem


T = TypeVar("T", bound="ClipListResponse")


@_attrs_define
class ClipListResponse:
    """
    Attributes:
        data (list[ClipItem] | Unset): The list of clips.
        next_page_token (str | Unset): The next page token paginates through large result sets. A next page token
            returns whenever the set of available results exceeds the current page size. This token's expiration period is
            15 minutes. Example: R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42.
        page_size (int | Unset): The number of records returned within a single API call. Default: 30. Example: 30.
        total_records (float | Unset): The total number of records found. Example: 30.
    """

    data: list[ClipItem] | Unset = UNSET
    next_page_token: str | Unset = UNSET
    page_size: int | Unset = 30
    total_records: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        next_page_token = self.next_page_token

        page_size = self.page_size

        total_records = self.total_records

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if total_records is not UNSET:
            field_dict["total_records"] = total_records

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.clip_item import ClipItem

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: list[ClipItem] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = ClipItem.from_dict(data_item_data)

                data.append(data_item)

        next_page_token = d.pop("next_page_token", UNSET)

        page_size = d.pop("page_size", UNSET)

        total_records = d.pop("total_records", UNSET)

        clip_list_response = cls(
            data=data,
            next_page_token=next_page_token,
            page_size=page_size,
            total_records=total_records,
        )

        clip_list_response.additional_properties = d
        return clip_list_response

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
