"""Named bugs planted in the mock, each of which the contract and mock tests must catch.

Each bug is a patch: one exact piece of the mock's source and what it becomes. A patch whose
text is not found exactly once is an error (the mock changed: update the registry), never a
silently skipped bug. The list is issue 11 §3's, plus the spec's page-size limit, plus bugs in
issue 14's clip, collaborator and transfer routes, plus issue 15's download, file host and uploads.
"""

from __future__ import annotations

import attrs

__all__ = ["PLANTED", "PatchError", "PlantedBug"]


class PatchError(ValueError):
    """A planted bug's source text is not in the module exactly once."""


@attrs.frozen
class PlantedBug:
    """A named bug: in ``module``, the text ``old`` replaced by ``new``."""

    name: str
    module: str
    old: str
    new: str

    def apply(self, source: str) -> str:
        """``source`` with the bug planted."""
        count = source.count(self.old)
        if count != 1:
            raise PatchError(f"{self.name}: {self.old!r} occurs {count} times in {self.module}")
        return source.replace(self.old, self.new)


_LIST = "wrapper/zoom_clips/mock/_routes_list.py"
_ROUTER = "wrapper/zoom_clips/mock/_router.py"
_HTTP = "wrapper/zoom_clips/mock/_http.py"
_TRANSFERS = "wrapper/zoom_clips/mock/_routes_transfers.py"
_TASKS = "wrapper/zoom_clips/mock/_transfers.py"
_SOCIAL = "wrapper/zoom_clips/mock/_social.py"
_SEED = "wrapper/zoom_clips/mock/_seed.py"
_FILES = "wrapper/zoom_clips/mock/_routes_files.py"
_UPLOADS = "wrapper/zoom_clips/mock/_routes_uploads.py"

PLANTED = (
    PlantedBug(
        "page_size over 100 is a 400",
        _LIST,
        "not 30 <= int(text) <= 300",
        "not 30 <= int(text) <= 100",
    ),
    PlantedBug(
        "status=SUSPENDED is a 400",
        _LIST,
        '_enum(values, "status", CLIP_STATUSES)',
        '_enum(values, "status", tuple(s for s in CLIP_STATUSES if s != "SUSPENDED"))',
    ),
    PlantedBug(
        "a page skips one clip",
        _LIST,
        "            offset=end,\n",
        "            offset=end + 1,\n",
    ),
    PlantedBug(
        "total_records off by one",
        _LIST,
        '"total_records": len(hits),',
        '"total_records": len(hits) + 1,',
    ),
    PlantedBug(
        "tags dropped from the wire",
        _LIST,
        '"data": [copy_wire(clip.wire) for clip in hits[cursor.offset : end]],',
        '"data": [{k: v for k, v in copy_wire(clip.wire).items() if k != "tags"}'
        " for clip in hits[cursor.offset : end]],",
    ),
    PlantedBug(
        "SAME_ORGANIZATON fixed on the wire",
        _SEED,
        'if fix_spelling and scope == "SAME_ORGANIZATON":',
        'if scope == "SAME_ORGANIZATON":',
    ),
    PlantedBug(
        "a page token accepted with another query",
        _LIST,
        "tuple(sorted((k, v) for k, v in values.items() if k in _QUERY_PARAMETERS)),",
        "(),",
    ),
    PlantedBug(
        "405 without Allow",
        _ROUTER,
        '{"Allow": allow}',
        "{}",
    ),
    # Issue 14: the clip, collaborator and transfer routes.
    PlantedBug(
        "a deleted clip is gone (a hard delete)",
        _HTTP,
        "    if clip is None:\n",
        '    if clip is None or clip.wire["status"] == "RECORD_DELETE":\n',
    ),
    PlantedBug(
        "10004 above 40 clip ids",
        _TRANSFERS,
        "MAX_PARTIAL_CLIPS = 50",
        "MAX_PARTIAL_CLIPS = 40",
    ),
    PlantedBug(
        "a completed transfer moves no clip",
        _TASKS,
        "dataset.update(clip_id, owner=task.target, modified=task.done_at)",
        "dataset.update(clip_id, modified=task.done_at)",
    ),
    PlantedBug(
        "a collaborators page skips one",
        _SOCIAL,
        "_PageToken(binding, rest[0], now + PAGE_TOKEN_TTL)",
        "_PageToken(binding, rest[0] + 1, now + PAGE_TOKEN_TTL)",
    ),
    PlantedBug(
        "a transfer spends the listing's budget",
        _ROUTER,
        'return MASTER_CATEGORIES.get(key) or ENDPOINTS_CATEGORIES.get(key) or label or "LIGHT"',
        'return "LIGHT"',
    ),
    # Issue 15: the download and the file host it redirects to.
    PlantedBug(
        "the download answers 200, not 302",
        _FILES,
        'return Response(status_code=302, headers={"Location": location})',
        'return Response(status_code=200, headers={"Location": location})',
    ),
    PlantedBug(
        "the file host takes the Zoom token",
        _FILES,
        "        if authorization:\n",
        "        if False:\n",
    ),
    PlantedBug(
        "the file host ignores Range",
        _FILES,
        'wanted = request.headers.get("range") if accept else None',
        "wanted = None",
    ),
    PlantedBug(
        "Content-Range one byte long",
        _FILES,
        'headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"',
        'headers["Content-Range"] = f"bytes {start}-{stop}/{size}"',
    ),
    # Issue 15: the uploads.
    PlantedBug(
        "a single upload answers 200, not 201",
        _UPLOADS,
        'return JSONResponse({"clip_id": _add_clip(state, grant, clip_id, name, file)}, '
        "status_code=201)",
        'return JSONResponse({"clip_id": _add_clip(state, grant, clip_id, name, file)}, '
        "status_code=200)",
    ),
    PlantedBug(
        "a part answers without its etag",
        _UPLOADS,
        'answer = {"part_number_etag": {"part_number": number, "etag": etag}}',
        'answer = {"part_number_etag": {"part_number": number}}',
    ),
    PlantedBug(
        "Create answers a clip_id, not an upload_context",
        _UPLOADS,
        'return JSONResponse({"upload_context": token}, status_code=201)',
        'return JSONResponse({"clip_id": token}, status_code=201)',
    ),
)
