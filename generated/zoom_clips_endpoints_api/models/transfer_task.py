# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_task_status import TransferTaskStatus
from ..models.transfer_task_transfer_type import TransferTaskTransferType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TransferTask")


@_attrs_define
class TransferTask:
    """
    Attributes:
        status (TransferTaskStatus): The current status of the transfer task. Example: FAILED.
        transfer_type (TransferTaskTransferType): The type of transfer operation: PARTIAL_TRANSFER or FULL_TRANSFER.
            Example: PARTIAL_TRANSFER.
        source_owner_user_id (str): The source user ID who currently owns the clips. Optional for full transfers.
            Example: user_123.
        target_owner_user_id (str): The target user ID to receive ownership. Must be an active user. Example: user_234.
        clip_id_list (list[str] | Unset): The list of specific clip IDs to transfer. Required for partial transfers.
    """

    status: TransferTaskStatus
    transfer_type: TransferTaskTransferType
    source_owner_user_id: str
    target_owner_user_id: str
    clip_id_list: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        transfer_type = self.transfer_type.value

        source_owner_user_id = self.source_owner_user_id

        target_owner_user_id = self.target_owner_user_id

        clip_id_list: list[str] | Unset = UNSET
        if not isinstance(self.clip_id_list, Unset):
            clip_id_list = self.clip_id_list

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "transfer_type": transfer_type,
                "source_owner_user_id": source_owner_user_id,
                "target_owner_user_id": target_owner_user_id,
            }
        )
        if clip_id_list is not UNSET:
            field_dict["clip_id_list"] = clip_id_list

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = TransferTaskStatus(d.pop("status"))

        transfer_type = TransferTaskTransferType(d.pop("transfer_type"))

        source_owner_user_id = d.pop("source_owner_user_id")

        target_owner_user_id = d.pop("target_owner_user_id")

        clip_id_list = cast(list[str], d.pop("clip_id_list", UNSET))

        transfer_task = cls(
            status=status,
            transfer_type=transfer_type,
            source_owner_user_id=source_owner_user_id,
            target_owner_user_id=target_owner_user_id,
            clip_id_list=clip_id_list,
        )

        transfer_task.additional_properties = d
        return transfer_task

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
