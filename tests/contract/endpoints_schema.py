"""The contract suite's copy of ``spec/endpoints.json``: what schemathesis tests, as a document.

The changes to the vendored spec (never to spec/ itself), each for a quirk of the spec:

- the three uploads gain an operation-level ``servers`` entry, the file API's root that their
  descriptions name (quirk ``upload-base-url-in-prose``; a run against a mock passes its
  ``file_base_url`` instead), and the 400 (code 300) Zoom answers to a bad part, context or body;
- the four file operations gain the 401 and 429 they lack (quirk ``error-statuses-undeclared``:
  Zoom answers both on every operation, and a run sends requests without the token);
- the download documents Zoom's 302 with its ``Location`` instead of a 200 octet-stream object
  (quirk ``download-documented-as-200``; ``zoom_files_checks`` follows the Location);
- the upload-events 201 ``oneOf`` requires ``upload_context`` in Create's alternative and
  ``clip_id`` in Complete's (quirk ``upload-events-oneof-ambiguous``: unpatched, both
  alternatives accept every object, so no answer can pass ``oneOf``);
- ``GET /clips/{clipId}/collaborators`` gains the 400 (code 300) that Zoom's listings answer to a
  bad page request and this operation alone does not declare;
- OpenAPI links for the stateful phase: list -> get/delete/collaborators/comments/download,
  delete -> get -> list (by owner), collaborators -> remove one, comments -> delete one, and
  transfer -> status -> list (by target), and the multipart upload: Create -> a part (its
  ``upload_context``) -> Complete (that part's etag) -> the new clip -> its download, and a
  single upload -> the new clip.

Every other operation, one vendored tomorrow too, is kept as the spec has it: the mock answers it
from the spec (``zoom_clips.mock._routes_spec``), and the checks steer its ``{clipId}`` to real
clips. ``python -m tests.contract.endpoints_schema`` prints it (``make contract`` runs the CLI on
it); ``--upload-path-regex`` prints the regular expression of the upload paths alone.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "BODY_LINKS",
    "FILE_API_BASE_URL",
    "LINKS",
    "SPEC",
    "UPLOAD_PATHS",
    "schema_document",
    "upload_path_regex",
]

SPEC = Path(__file__).resolve().parent.parent.parent / "spec" / "endpoints.json"
#: The file API's root, as the uploads' descriptions state it.
FILE_API_BASE_URL = "https://fileapi.zoom.us/v2"
#: The operations served under the file API's root.
UPLOAD_PATHS = (
    "/clips/files",
    "/clips/files/multipart",
    "/clips/files/multipart/upload_events",
)
_ZOOM_400 = {"description": "**Error Code:** `300` Invalid request (Zoom's validation error)."}
#: What the file operations alone do not declare though Zoom answers it (error-statuses-undeclared).
_UNDECLARED = {
    "401": {"description": "**Error Code:** `124` Invalid access token (or `1002`: none)."},
    "429": {"description": "Too Many Requests (the operation's own rate limit)."},
}
LINKS: dict[tuple[str, str, str], dict[str, Any]] = {
    ("/clips", "get", "200"): {
        "GetListedClip": ("GetClipById", {"clipId": "$response.body#/data/0/clip_id"}),
        "DeleteListedClip": ("DeleteClip", {"clipId": "$response.body#/data/0/clip_id"}),
        "ListedClipsCollaborators": (
            "GetClipCollaborators",
            {"clipId": "$response.body#/data/0/clip_id"},
        ),
        "ListedClipsComments": ("Listclipcomments", {"clipId": "$response.body#/data/0/clip_id"}),
        "DownloadListedClip": ("downloadClip", {"clipId": "$response.body#/data/0/clip_id"}),
    },
    ("/clips/{clipId}", "delete", "204"): {
        "GetDeletedClip": ("GetClipById", {"clipId": "$request.path.clipId"}),
    },
    ("/clips/{clipId}", "get", "200"): {
        "ListOwnersClips": ("GetUserClips", {"user_id": "$response.body#/owner_id"}),
    },
    ("/clips/{clipId}/collaborators", "get", "200"): {
        "RemoveListedCollaborator": (
            "DeleteCollaborator",
            {"clipId": "$request.path.clipId", "user_key": "$response.body#/data/1/user_id"},
        ),
    },
    ("/clips/{clipId}/comments", "get", "200"): {
        "DeleteListedComment": (
            "Deleteacomment",
            {"clipId": "$request.path.clipId", "commentId": "$response.body#/data/0/comment_id"},
        ),
    },
    ("/clips/transfers", "post", "201"): {
        "TransferStatus": ("Transfertaskstatuscheck", {"taskId": "$response.body#/task_id"}),
    },
    ("/clips/transfers/{taskId}", "get", "200"): {
        "ListTargetsClips": ("GetUserClips", {"user_id": "$response.body#/target_owner_user_id"}),
    },
    ("/clips/files", "post", "201"): {
        "GetUploadedClip": ("GetClipById", {"clipId": "$response.body#/clip_id"}),
    },
    ("/clips/files/multipart/upload_events", "post", "201"): {
        "GetCompletedClip": ("GetClipById", {"clipId": "$response.body#/clip_id"}),
        "DownloadCompletedClip": ("downloadClip", {"clipId": "$response.body#/clip_id"}),
    },
}
_UPLOAD_EVENTS = "InitiateAndCompleteAClipMultipartUpload."
#: Links that fill the target's request body (merged into a generated one), not parameters.
BODY_LINKS: dict[tuple[str, str, str], dict[str, tuple[str, dict[str, Any]]]] = {
    ("/clips/files/multipart/upload_events", "post", "201"): {
        "UploadAPart": (
            "UploadIqMultipartClipFile",
            # The file too: the spec does not require a body, so the generated one may be
            # absent and the link's would then be all there is.
            {
                "upload_context": "$response.body#/upload_context",
                "part_number": 1,
                "file": "one linked part",
            },
        ),
    },
    ("/clips/files/multipart", "post", "201"): {
        "CompleteTheUpload": (
            _UPLOAD_EVENTS,
            {
                "method": "CompleteMultipartUpload",
                "params": {
                    "upload_context": "$request.body#/upload_context",
                    "part_number_etags": [
                        {
                            "part_number": "$response.body#/part_number_etag/part_number",
                            "etag": "$response.body#/part_number_etag/etag",
                        }
                    ],
                },
            },
        ),
    },
}


def schema_document(
    file_base_url: str = FILE_API_BASE_URL,
    base_url: str | None = None,
    spec: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The test's copy of endpoints.json (or of ``spec``, a copy of it with more operations):
    the uploads under ``file_base_url`` (the rest under ``base_url`` when given), the quirks
    patched, the missing 400s, links. Every other operation is kept as the spec has it."""
    source = spec if spec is not None else json.loads(SPEC.read_text(encoding="utf-8"))
    document: dict[str, Any] = copy.deepcopy(dict(source))
    if base_url is not None:
        document["servers"] = [{"url": base_url}]
    paths = document["paths"]
    for path in UPLOAD_PATHS:
        paths[path]["post"]["servers"] = [{"url": file_base_url}]
        paths[path]["post"]["responses"]["400"] = dict(_ZOOM_400)
    download = paths["/clips/{clipId}/download"]["get"]["responses"]
    file_operations = [(path, "post") for path in UPLOAD_PATHS]
    for path, method in [*file_operations, ("/clips/{clipId}/download", "get")]:
        responses = paths[path][method]["responses"]  # by method: a path may gain another
        for status, response in _UNDECLARED.items():
            responses.setdefault(status, dict(response))
    del download["200"]
    download["302"] = {
        "description": "Redirect to the clip's mp4 on a file host (pre-signed: no token).",
        "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
    }
    create, complete = paths[UPLOAD_PATHS[2]]["post"]["responses"]["201"]["content"][
        "application/json"
    ]["schema"]["oneOf"]
    create["required"] = ["upload_context"]
    complete["required"] = ["clip_id"]
    collaborators = document["paths"]["/clips/{clipId}/collaborators"]["get"]["responses"]
    collaborators["400"] = {"description": "**Error Code:** `300` Invalid page request."}
    for (path, method, status), links in LINKS.items():
        response = document["paths"][path][method]["responses"][status]
        response["links"] = {
            name: {"operationId": operation, "parameters": parameters}
            for name, (operation, parameters) in links.items()
        }
    for (path, method, status), links in BODY_LINKS.items():
        response = document["paths"][path][method]["responses"][status]
        response.setdefault("links", {}).update(
            {
                name: {"operationId": operation, "requestBody": body}
                for name, (operation, body) in links.items()
            }
        )
    return document


def upload_path_regex() -> str:
    """A regular expression matching exactly the paths of :data:`UPLOAD_PATHS` (for the CLI's
    ``--include-path-regex``/``--exclude-path-regex``: any other path, a new operation's under
    ``/clips/files`` too, runs against the API's root)."""
    return "^(" + "|".join(re.escape(path) for path in UPLOAD_PATHS) + ")$"


if __name__ == "__main__":
    if sys.argv[1:] == ["--upload-path-regex"]:
        sys.stdout.write(upload_path_regex() + "\n")
    else:
        json.dump(schema_document(), sys.stdout, indent=1)
        sys.stdout.write("\n")
