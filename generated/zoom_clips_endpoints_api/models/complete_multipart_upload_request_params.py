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
    from ..models.part_etag import PartEtag


T = TypeVar("T", bound="CompleteMultipartUploadRequestParams")


@_attrs_define
class CompleteMultipartUploadRequestParams:
    """The parameters for the complete multipart upload.

    Attributes:
        upload_context (str | Unset): The upload context that identifies the multipart upload being uploaded. Example: n
            oNpr2pkBEv4_fTxYWDEHBsSs3pl8keRx4fPZmnyNDe.SPdodJp.3UZDaCI2xRVzkRh0xeEV6RuOrXZpJQBPutWCS424c2YnHVxVh8b9.4DNwd4VE
            rRuD98jeJBwRCgz6rC3I4NQg5zXAtCqPFoC0g--.
        part_number_etags (list[PartEtag] | Unset): The part number of the etags being uploaded.
    """

    upload_context: str | Unset = UNSET
    part_number_etags: list[PartEtag] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_context = self.upload_context

        part_number_etags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.part_number_etags, Unset):
            part_number_etags = []
            for part_number_etags_item_data in self.part_number_etags:
                part_number_etags_item = part_number_etags_item_data.to_dict()
                part_number_etags.append(part_number_etags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if upload_context is not UNSET:
            field_dict["upload_context"] = upload_context
        if part_number_etags is not UNSET:
            field_dict["part_number_etags"] = part_number_etags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.part_etag import PartEtag

        d = dict(src_dict)
        upload_context = d.pop("upload_context", UNSET)

        _part_number_etags = d.pop("part_number_etags", UNSET)
        part_number_etags: list[PartEtag] | Unset = UNSET
        if _part_number_etags is not UNSET:
            part_number_etags = []
            for part_number_etags_item_data in _part_number_etags:
                part_number_etags_item = PartEtag.from_dict(part_number_etags_item_data)

                part_number_etags.append(part_number_etags_item)

        complete_multipart_upload_request_params = cls(
            upload_context=upload_context,
            part_number_etags=part_number_etags,
        )

        complete_multipart_upload_request_params.additional_properties = d
        return complete_multipart_upload_request_params

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
