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
    from ..models.upload_iq_multipart_clip_file_response_201_part_number_etag import (
        UploadIqMultipartClipFileResponse201PartNumberEtag,
    )


T = TypeVar("T", bound="UploadIqMultipartClipFileResponse201")


@_attrs_define
class UploadIqMultipartClipFileResponse201:
    """
    Attributes:
        part_number_etag (UploadIqMultipartClipFileResponse201PartNumberEtag | Unset): The etag part number .

            Collect and bring it back in the final request to complete the multipart upload request.
    """

    part_number_etag: UploadIqMultipartClipFileResponse201PartNumberEtag | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        part_number_etag: dict[str, Any] | Unset = UNSET
        if not isinstance(self.part_number_etag, Unset):
            part_number_etag = self.part_number_etag.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if part_number_etag is not UNSET:
            field_dict["part_number_etag"] = part_number_etag

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.upload_iq_multipart_clip_file_response_201_part_number_etag import (
            UploadIqMultipartClipFileResponse201PartNumberEtag,
        )

        d = dict(src_dict)
        _part_number_etag = d.pop("part_number_etag", UNSET)
        part_number_etag: UploadIqMultipartClipFileResponse201PartNumberEtag | Unset
        if isinstance(_part_number_etag, Unset):
            part_number_etag = UNSET
        else:
            part_number_etag = (
                UploadIqMultipartClipFileResponse201PartNumberEtag.from_dict(
                    _part_number_etag
                )
            )

        upload_iq_multipart_clip_file_response_201 = cls(
            part_number_etag=part_number_etag,
        )

        upload_iq_multipart_clip_file_response_201.additional_properties = d
        return upload_iq_multipart_clip_file_response_201

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
