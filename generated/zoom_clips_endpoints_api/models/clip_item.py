# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.clip_item_status import ClipItemStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.share_link_settings import ShareLinkSettings


T = TypeVar("T", bound="ClipItem")


@_attrs_define
class ClipItem:
    """The information about the clips list.

    Attributes:
        title (str | Unset): The title of the clip.  Example: clips test title.
        description (str | Unset): The description of the clip. Example: just for test.
        duration (float | Unset): The duration of the clip, where the unit of duration is seconds. Example: 6000.
        status (ClipItemStatus | Unset): The clip status.

            RECORD_START - It means the clip recording has started but has not yet ended.

            RECORD_FAILED - It means the clip recording failed.

            RECORD_END - It means the clip recording has ended but the MP4 transcription is not yet complete.

            RECORD_SUCCESS - It means the clip recording has reached its final state and is fully complete.

            RECORD_DELETE - It means the clip has been soft deleted.

            SUSPENDED - It means the clip has been suspended by the trust & safety team. Example: RECORD_SUCCESS.
        clip_id (str | Unset): The clip's ID. Example: A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ.
        owner_id (str | Unset): The owner's ID. Example: pRof_6gpQP2YKDxmglRziA.
        file_size (int | Unset): The clip file size in bytes Example: 639229.
        share_link (str | Unset): The share link of the clip. Example: https://dev-
            integration.zoomdev.us/clips/share/A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ.
        share_link_settings (ShareLinkSettings | Unset): The access level, which indicates the access type of the
            current clips' share link.
        thumbnail_link (str | Unset):  The clip thumbnail link. Example: https://file.zoomdev.us/file/2SO3x3HxRIW0NpqQVV
            PYyQ?attachType=preview&filename=2SO3x3HxRIW0NpqQVVPYyQ.jpg&jwt=eyJhbGciOiJFUzI1NiIsImsiOiJLSzQxYXo3LyJ9.eyJpc3M
            iOiJmaWxlIiwiYXVkIjoiemZzIiwiaWljIjoiZGV2IiwiaWF0IjoxNzMwNDM4OTE2LCJvcmkiOiJtYXJ2ZWwiLCJkaWciOiI5NDhhMjIxYjU2ZTF
            hOWM1YTMyOTE0ODdlNjFmMGU1YjA2NzkzNTM3NTY5NDRhZWVjNzcyYmU3OTQ3ZWQ3ZTAwIiwiZXhwIjoxNzMwNDQ2MTE2LCJoZGlnIjpmYWxzZX0
            .Lgk1SRRKsxrxWN6F9Y9aZgfqXCSZ1mJg-UsunpVCMuRMYUR1Sf-gGn1_2_Fc1gFexkBKr0C50jT7Vo1_1YQUlQ&subType=552x310.
        created_date (str | Unset): The clip created date-time in UTC/GMT. Example: "2020-03-31T12:02:00Z" Example:
            2024-10-11T01:51:50.631+00:00.
        modified_date (str | Unset): The clip modified date-time in UTC/GMT. Example: "2020-03-31T12:02:00Z" Example:
            2024-10-31T10:06:08.460+00:00.
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    duration: float | Unset = UNSET
    status: ClipItemStatus | Unset = UNSET
    clip_id: str | Unset = UNSET
    owner_id: str | Unset = UNSET
    file_size: int | Unset = UNSET
    share_link: str | Unset = UNSET
    share_link_settings: ShareLinkSettings | Unset = UNSET
    thumbnail_link: str | Unset = UNSET
    created_date: str | Unset = UNSET
    modified_date: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        duration = self.duration

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        clip_id = self.clip_id

        owner_id = self.owner_id

        file_size = self.file_size

        share_link = self.share_link

        share_link_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share_link_settings, Unset):
            share_link_settings = self.share_link_settings.to_dict()

        thumbnail_link = self.thumbnail_link

        created_date = self.created_date

        modified_date = self.modified_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if duration is not UNSET:
            field_dict["duration"] = duration
        if status is not UNSET:
            field_dict["status"] = status
        if clip_id is not UNSET:
            field_dict["clip_id"] = clip_id
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if file_size is not UNSET:
            field_dict["file_size"] = file_size
        if share_link is not UNSET:
            field_dict["share_link"] = share_link
        if share_link_settings is not UNSET:
            field_dict["share_link_settings"] = share_link_settings
        if thumbnail_link is not UNSET:
            field_dict["thumbnail_link"] = thumbnail_link
        if created_date is not UNSET:
            field_dict["created_date"] = created_date
        if modified_date is not UNSET:
            field_dict["modified_date"] = modified_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.share_link_settings import ShareLinkSettings

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        duration = d.pop("duration", UNSET)

        _status = d.pop("status", UNSET)
        status: ClipItemStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ClipItemStatus(_status)

        clip_id = d.pop("clip_id", UNSET)

        owner_id = d.pop("owner_id", UNSET)

        file_size = d.pop("file_size", UNSET)

        share_link = d.pop("share_link", UNSET)

        _share_link_settings = d.pop("share_link_settings", UNSET)
        share_link_settings: ShareLinkSettings | Unset
        if isinstance(_share_link_settings, Unset):
            share_link_settings = UNSET
        else:
            share_link_settings = ShareLinkSettings.from_dict(_share_link_settings)

        thumbnail_link = d.pop("thumbnail_link", UNSET)

        created_date = d.pop("created_date", UNSET)

        modified_date = d.pop("modified_date", UNSET)

        clip_item = cls(
            title=title,
            description=description,
            duration=duration,
            status=status,
            clip_id=clip_id,
            owner_id=owner_id,
            file_size=file_size,
            share_link=share_link,
            share_link_settings=share_link_settings,
            thumbnail_link=thumbnail_link,
            created_date=created_date,
            modified_date=modified_date,
        )

        clip_item.additional_properties = d
        return clip_item

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
