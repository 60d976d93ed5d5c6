# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import File

T = TypeVar("T", bound="UploadIqMultipartClipFileBody")


@_attrs_define
class UploadIqMultipartClipFileBody:
    """
    Attributes:
        file (File): The upload file, in binary format.

            Each part must be at most 100 MB in size, and at least 5 MB in size, except the last part. Example:
            VmpKMGExSXlWbk5qUldoVFltNUNhRlZxUWxaUFVUMDk=.
        upload_context (str): When uploading multipart files, use the upload context to identify the multipart upload
            whose part is being uploaded. Example: noNpr2pkBEv4_fTxYWDEHBsSs3pl8keRx4fPZmnyNDe.SPdodJp.3UZDaCI2xRVzkRh0xeEV6
            RuOrXZpJQBPutWCS424c2YnHVxVh8b9.4DNwd4VErRuD98jeJBwRCgz6rC3I4NQg5zXAtCqPFoC0g--.
        part_number (int): When uploading multipart files, this field indicates the part number of the part being
            uploaded . This field is a positive integer between 1 and 100. Example: 10.
    """

    file: File
    upload_context: str
    part_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        upload_context = self.upload_context

        part_number = self.part_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "upload_context": upload_context,
                "part_number": part_number,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(
            ("upload_context", (None, str(self.upload_context).encode(), "text/plain"))
        )

        files.append(
            ("part_number", (None, str(self.part_number).encode(), "text/plain"))
        )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        upload_context = d.pop("upload_context")

        part_number = d.pop("part_number")

        upload_iq_multipart_clip_file_body = cls(
            file=file,
            upload_context=upload_context,
            part_number=part_number,
        )

        upload_iq_multipart_clip_file_body.additional_properties = d
        return upload_iq_multipart_clip_file_body

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
