"""The contract suite's copy of ``spec/endpoints.json``: what schemathesis tests, as a document.

Three changes to the vendored spec (never to spec/ itself), each for a quirk of the spec:

- the uploads and the download are left out (the next issue's; the mock does not serve them);
- ``GET /clips/{clipId}/collaborators`` gains the 400 (code 300) that Zoom's listings answer to a
  bad page request and this operation alone does not declare;
- OpenAPI links for the stateful phase: list -> get/delete/collaborators/comments, delete ->
  get -> list (by owner), collaborators -> remove one, comments -> delete one, and
  transfer -> status -> list (by target).

``python -m tests.contract.endpoints_schema`` prints it (``make contract`` runs the CLI on it).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["LINKS", "NOT_SERVED", "SPEC", "schema_document"]

SPEC = Path(__file__).resolve().parent.parent.parent / "spec" / "endpoints.json"
#: The next issue's operations: uploads and the download.
NOT_SERVED = (
    "/clips/files",
    "/clips/files/multipart",
    "/clips/files/multipart/upload_events",
    "/clips/{clipId}/download",
)
LINKS: dict[tuple[str, str, str], dict[str, Any]] = {
    ("/clips", "get", "200"): {
        "GetListedClip": ("GetClipById", {"clipId": "$response.body#/data/0/clip_id"}),
        "DeleteListedClip": ("DeleteClip", {"clipId": "$response.body#/data/0/clip_id"}),
        "ListedClipsCollaborators": (
            "GetClipCollaborators",
            {"clipId": "$response.body#/data/0/clip_id"},
        ),
        "ListedClipsComments": ("Listclipcomments", {"clipId": "$response.body#/data/0/clip_id"}),
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
}


def schema_document() -> dict[str, Any]:
    """The test's copy of endpoints.json: served operations, the missing 400, links."""
    document: dict[str, Any] = copy.deepcopy(json.loads(SPEC.read_text(encoding="utf-8")))
    for path in NOT_SERVED:
        del document["paths"][path]
    collaborators = document["paths"]["/clips/{clipId}/collaborators"]["get"]["responses"]
    collaborators["400"] = {"description": "**Error Code:** `300` Invalid page request."}
    for (path, method, status), links in LINKS.items():
        response = document["paths"][path][method]["responses"][status]
        response["links"] = {
            name: {"operationId": operation, "parameters": parameters}
            for name, (operation, parameters) in links.items()
        }
    return document


if __name__ == "__main__":
    json.dump(schema_document(), sys.stdout, indent=1)
    sys.stdout.write("\n")
