# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.complete_multipart_upload_request_method import (
    CompleteMultipartUploadRequestMethod,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complete_multipart_upload_request_params import (
        CompleteMultipartUploadRequestParams,
    )


T = TypeVar("T", bound="CompleteMultipartUploadRequest")


@_attrs_define
class CompleteMultipartUploadRequest:
    """
    Attributes:
        method (CompleteMultipartUploadRequestMethod): The method to upload events:
            * `CompleteMultipartUpload` — Complete a multipart upload. Example: CompleteMultipartUpload.
        params (CompleteMultipartUploadRequestParams | Unset): The parameters for the complete multipart upload.
    """

    method: CompleteMultipartUploadRequestMethod
    params: CompleteMultipartUploadRequestParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.complete_multipart_upload_request_params import (
            CompleteMultipartUploadRequestParams,
        )

        d = dict(src_dict)
        method = CompleteMultipartUploadRequestMethod(d.pop("method"))

        _params = d.pop("params", UNSET)
        params: CompleteMultipartUploadRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = CompleteMultipartUploadRequestParams.from_dict(_params)

        complete_multipart_upload_request = cls(
            method=method,
            params=params,
        )

        complete_multipart_upload_request.additional_properties = d
        return complete_multipart_upload_request

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
