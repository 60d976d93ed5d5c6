# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .child_comment import ChildComment
from .child_comment_content_type import ChildCommentContentType
from .child_mention import ChildMention
from .clip import Clip
from .clip_item import ClipItem
from .clip_item_status import ClipItemStatus
from .clip_list_response import ClipListResponse
from .clip_share_link_settings import ClipShareLinkSettings
from .clip_share_link_settings_share_scope import ClipShareLinkSettingsShareScope
from .clip_status import ClipStatus
from .collaborator import Collaborator
from .collaborator_list_response import CollaboratorListResponse
from .collaborator_role import CollaboratorRole
from .collaborator_type import CollaboratorType
from .comment import Comment
from .comment_content_type import CommentContentType
from .comment_list_response import CommentListResponse
from .complete_multipart_upload_request import CompleteMultipartUploadRequest
from .complete_multipart_upload_request_method import (
    CompleteMultipartUploadRequestMethod,
)
from .complete_multipart_upload_request_params import (
    CompleteMultipartUploadRequestParams,
)
from .complete_multipart_upload_response import CompleteMultipartUploadResponse
from .create_multipart_upload_request import CreateMultipartUploadRequest
from .create_multipart_upload_request_method import CreateMultipartUploadRequestMethod
from .create_multipart_upload_request_params import CreateMultipartUploadRequestParams
from .create_multipart_upload_response import CreateMultipartUploadResponse
from .download_clip_response_200 import DownloadClipResponse200
from .list_clips_date_filter_type import ListClipsDateFilterType
from .list_clips_status import ListClipsStatus
from .mention import Mention
from .part_etag import PartEtag
from .share_link_settings import ShareLinkSettings
from .share_scope import ShareScope
from .transfer_created import TransferCreated
from .transfer_request import TransferRequest
from .transfer_task import TransferTask
from .transfer_task_status import TransferTaskStatus
from .transfer_task_transfer_type import TransferTaskTransferType
from .transfer_type import TransferType
from .upload_clip_file_body import UploadClipFileBody
from .upload_clip_file_response_201 import UploadClipFileResponse201
from .upload_iq_multipart_clip_file_body import UploadIqMultipartClipFileBody
from .upload_iq_multipart_clip_file_response_201 import (
    UploadIqMultipartClipFileResponse201,
)
from .upload_iq_multipart_clip_file_response_201_part_number_etag import (
    UploadIqMultipartClipFileResponse201PartNumberEtag,
)

__all__ = (
    "ChildComment",
    "ChildCommentContentType",
    "ChildMention",
    "Clip",
    "ClipItem",
    "ClipItemStatus",
    "ClipListResponse",
    "ClipShareLinkSettings",
    "ClipShareLinkSettingsShareScope",
    "ClipStatus",
    "Collaborator",
    "CollaboratorListResponse",
    "CollaboratorRole",
    "CollaboratorType",
    "Comment",
    "CommentContentType",
    "CommentListResponse",
    "CompleteMultipartUploadRequest",
    "CompleteMultipartUploadRequestMethod",
    "CompleteMultipartUploadRequestParams",
    "CompleteMultipartUploadResponse",
    "CreateMultipartUploadRequest",
    "CreateMultipartUploadRequestMethod",
    "CreateMultipartUploadRequestParams",
    "CreateMultipartUploadResponse",
    "DownloadClipResponse200",
    "ListClipsDateFilterType",
    "ListClipsStatus",
    "Mention",
    "PartEtag",
    "ShareLinkSettings",
    "ShareScope",
    "TransferCreated",
    "TransferRequest",
    "TransferTask",
    "TransferTaskStatus",
    "TransferTaskTransferType",
    "TransferType",
    "UploadClipFileBody",
    "UploadClipFileResponse201",
    "UploadIqMultipartClipFileBody",
    "UploadIqMultipartClipFileResponse201",
    "UploadIqMultipartClipFileResponse201PartNumberEtag",
)
