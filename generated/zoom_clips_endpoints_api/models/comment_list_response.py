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
    from ..models.comment import Comment


T = TypeVar("T", bound="CommentListResponse")


@_attrs_define
class CommentListResponse:
    """
    Attributes:
        data (list[Comment] | Unset): The list of comments.
        next_page_token (str | Unset):  The next page token paginates through a large set of results. A next page token
            returns when the available results exceed the current page size. The expiration period for this token is 15
            minutes. Example: d0csbC3glWlDxlBYP2YcyXox01QHyiwhPg2.
        page_size (float | Unset):  The number of records returned per page in a single API call. Example: 15.
    """

    data: list[Comment] | Unset = UNSET
    next_page_token: str | Unset = UNSET
    page_size: float | Unset = UNSET
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token
        if page_size is not UNSET:
            field_dict["page_size"] = page_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.comment import Comment

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: list[Comment] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = Comment.from_dict(data_item_data)

                data.append(data_item)

        next_page_token = d.pop("next_page_token", UNSET)

        page_size = d.pop("page_size", UNSET)

        comment_list_response = cls(
            data=data,
            next_page_token=next_page_token,
            page_size=page_size,
        )

        comment_list_response.additional_properties = d
        return comment_list_response

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
