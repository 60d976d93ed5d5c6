"""Schemathesis checks and steering for endpoints.json's four file operations.

Imported by :mod:`tests.contract.zoom_checks` (``SCHEMATHESIS_HOOKS=tests.contract.zoom_checks``
loads it). What the spec does not say about them, from their descriptions and ZOOM-FACTS:

- ``zoom_download_redirects_to_the_file``: ``GET /clips/{clipId}/download`` answers 302 (not the
  documented 200), and its ``Location`` (once per clip) answers, without the token, 200 with a
  ``Content-Length`` equal to the clip's ``file_size`` and an ``Accept-Ranges``; where that is
  ``bytes``, ranges answer the right 206 slices (overlapping ranges agree) and a range past the
  end 416; a request that carries ``Authorization`` is refused (4xx), as S3 refuses a pre-signed
  URL with a second credential.
- ``zoom_uploads_make_the_clip``: a 201 single upload names a clip that ``GET /clips/{clipId}``
  finds with ``file_size`` the bytes sent, and whose download serves those bytes back; a 201
  part echoes its ``part_number`` with an etag; a 201 upload event answers the method sent
  (Create: an ``upload_context``; Complete: a ``clip_id`` whose clip has the parts' bytes).
- ``zoom_upload_400_has_a_reason``: a 400 to a (non-empty) part of a context the server issued,
  numbered 1..100, or to a Complete of one part the server acknowledged, or to a single upload
  of a non-empty file, has no reason Zoom documents.

The steering of the uploads' cases is :mod:`tests.contract.zoom_files_steering`'s; both share
what the target's ``memo`` holds: the contexts the server issued (``contexts``), the parts it
acknowledged per context (``parts``: number -> (etag, size)), and the phases of the Completes
answered 201 (``completed``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from tests.contract import zoom_checks
from tests.contract.zoom_target import Target

__all__ = [
    "DOWNLOAD",
    "PART",
    "SINGLE",
    "UPLOAD_EVENTS",
    "check_file_host",
    "json_of",
    "key_of",
    "memo",
    "positive",
    "sent_bytes",
]

DOWNLOAD = ("GET", "/clips/{clipId}/download")
SINGLE = ("POST", "/clips/files")
PART = ("POST", "/clips/files/multipart")
UPLOAD_EVENTS = ("POST", "/clips/files/multipart/upload_events")
_MAX_PARTS = 100
_SINGLE_MAX = 2_000_000_000
#: Uploaded files at most this long are downloaded back whole and compared.
_READ_BACK_MAX = 1 << 20


def key_of(case: schemathesis.Case) -> tuple[str, str]:
    """``(METHOD, path template)`` of ``case``'s operation."""
    return case.method.upper(), case.operation.path


def json_of(response: Any) -> Any:
    """The response's JSON, or None."""
    try:
        return response.json()
    except ValueError:
        return None


def memo(target: Target, name: str) -> dict[Any, Any]:
    """The target's memo entry ``name`` (a dict, made on first use)."""
    found: dict[Any, Any] = target.memo.setdefault(name, {})
    return found


def sent_bytes(value: Any) -> bytes | None:
    """The bytes a multipart field carried: a generated binary, bytes, or text as UTF-8."""
    data = getattr(value, "data", None)
    if isinstance(data, bytes):
        return data
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    return None


def _body(case: schemathesis.Case) -> dict[str, Any]:
    return case.body if isinstance(case.body, dict) else {}


def positive(case: schemathesis.Case) -> bool:
    """Spec-valid as generated, and sent as the media type the spec documents (the coverage
    phase also sends a valid body under another Content-Type)."""
    meta = case.meta
    sent_type = next(
        (str(v) for k, v in (case.headers or {}).items() if k.lower() == "content-type"), None
    )
    if sent_type is not None and not sent_type.startswith(str(case.media_type)):
        return False
    if meta is None:
        return True
    body = meta.components.get(ParameterLocation.BODY)
    return bool(meta.generation.mode.is_positive) and (body is None or body.mode.is_positive)


# --- the download --------------------------------------------------------------------------


@schemathesis.check
def zoom_download_redirects_to_the_file(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """The download is a 302 to a file host that serves the clip's bytes, ranges, no token."""
    target = zoom_checks.current_target()
    if key_of(case) != DOWNLOAD or not 200 <= response.status_code < 400:
        return None
    if response.status_code != 302:
        raise AssertionError(
            f"the download answered HTTP {response.status_code}; Zoom answers 302 to the file's "
            "location (the spec's 200 octet-stream is its quirk)"
        )
    location = response.headers.get("location") or response.headers.get("Location")
    location = location[0] if isinstance(location, list) else location
    if not location:
        raise AssertionError("the download's 302 has no Location")
    clip_id = str((case.path_parameters or {}).get("clipId", ""))
    done = memo(target, "downloads") if target is not None else {}
    if target is None or clip_id in done:
        return None
    done[clip_id] = location
    check_file_host(target, clip_id, location)
    return True


def check_file_host(target: Target, clip_id: str, location: str) -> None:
    """The file host at ``location`` serves ``clip_id``'s file as Zoom's does (see the module)."""
    clip = target.call("GET", f"/clips/{quote(clip_id, safe='')}")
    size = (json_of(clip) or {}).get("file_size") if clip.status_code == 200 else None
    whole = target.file_headers(location)
    if whole.status_code != 200:
        raise AssertionError(f"the download's Location {location} answered {whole.status_code}")
    length = whole.headers.get("content-length")
    if size is not None and length != str(int(size)):
        raise AssertionError(
            f"the file host's Content-Length is {length!r}; clip {clip_id!r} has file_size {size}"
        )
    ranges = whole.headers.get("accept-ranges")
    if ranges not in ("bytes", "none"):
        raise AssertionError(f"the file host answers Accept-Ranges {ranges!r}, not bytes or none")
    total = int(length) if length and length.isdigit() else None
    if ranges == "bytes" and total:
        _check_ranges(target, location, total)
    token = target.headers["Authorization"]
    refused = target.fetch(location, headers={"Authorization": token, "Range": "bytes=0-0"})
    if not 400 <= refused.status_code < 500:
        raise AssertionError(
            f"the file host answered HTTP {refused.status_code} to a request carrying "
            "Authorization; a pre-signed URL refuses a second credential (S3: 400)"
        )


def _check_ranges(target: Target, location: str, total: int) -> None:
    """Two overlapping ranges, a suffix and one past the end answer as RFC 9110 says."""
    first_end = min(total, 100) - 1
    second = (min(total - 1, 50), min(total, 150) - 1)
    slices: dict[tuple[int, int], bytes] = {}
    for start, end, asked in (
        (0, first_end, f"bytes=0-{first_end}"),
        (second[0], second[1], f"bytes={second[0]}-{second[1]}"),
        (max(total - 50, 0), total - 1, "bytes=-50"),
    ):
        answer = target.fetch(location, headers={"Range": asked})
        expected = f"bytes {start}-{end}/{total}"
        if answer.status_code != 206 or answer.headers.get("content-range") != expected:
            raise AssertionError(
                f"Range {asked} of a {total}-byte file answered HTTP {answer.status_code} with "
                f"Content-Range {answer.headers.get('content-range')!r}; expected 206 {expected!r}"
            )
        if len(answer.content) != end - start + 1:
            raise AssertionError(
                f"Range {asked} sent {len(answer.content)} bytes, not {end - start + 1}"
            )
        slices[start, end] = answer.content
    overlap = range(second[0], first_end + 1)
    if overlap and slices[0, first_end][overlap.start :] != slices[second][: len(overlap)]:
        raise AssertionError(f"Ranges 0-{first_end} and {second[0]}-{second[1]} disagree")
    past = target.fetch(location, headers={"Range": f"bytes={total}-"})
    if past.status_code != 416 or past.headers.get("content-range") != f"bytes */{total}":
        raise AssertionError(
            f"Range bytes={total}- of a {total}-byte file answered HTTP {past.status_code} with "
            f"Content-Range {past.headers.get('content-range')!r}; expected 416 'bytes */{total}'"
        )


# --- the uploads ---------------------------------------------------------------------------


@schemathesis.check
def zoom_uploads_make_the_clip(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A 201 upload answers what was sent and makes a clip of the bytes sent."""
    key = key_of(case)
    if key not in (SINGLE, PART, UPLOAD_EVENTS) or response.status_code != 201:
        return None
    body = json_of(response)
    if not isinstance(body, dict):
        message = f"{key} answered 201 without a JSON object: {response.text[:80]!r}"
        raise AssertionError(message)  # noqa: TRY004 -- a failed check is an AssertionError
    target = zoom_checks.current_target()
    sent = _body(case)
    if key == PART:
        _check_part(target, sent, body)
    elif key == SINGLE:
        data = sent_bytes(sent.get("file"))
        _check_clip(target, body.get("clip_id"), data, "a single upload")
    elif sent.get("method") == "CreateMultipartUpload":
        context = body.get("upload_context")
        if not isinstance(context, str) or not context or "clip_id" in body:
            raise AssertionError(f"CreateMultipartUpload answered {body!r}, not an upload_context")
    elif sent.get("method") == "CompleteMultipartUpload":
        _check_complete(target, sent, body)
        if target is not None:  # by phase: a stateful one's context came by the links
            phase = case.meta.phase.name.value if case.meta is not None else "by hand"
            target.memo.setdefault("completed", []).append(phase)
    return True


def _check_part(target: Target | None, sent: dict[str, Any], body: dict[str, Any]) -> None:
    acknowledged = body.get("part_number_etag")
    etag = acknowledged.get("etag") if isinstance(acknowledged, dict) else None
    number = acknowledged.get("part_number") if isinstance(acknowledged, dict) else None
    if not isinstance(etag, str) or not etag or number != sent.get("part_number"):
        raise AssertionError(
            f"part {sent.get('part_number')!r} answered 201 with {acknowledged!r}, not its "
            "part_number and an etag"
        )
    data = sent_bytes(sent.get("file"))
    context = sent.get("upload_context")
    if target is not None and data is not None and isinstance(context, str):
        memo(target, "parts").setdefault(context, {})[number] = (etag, len(data))


def _check_complete(target: Target | None, sent: dict[str, Any], body: dict[str, Any]) -> None:
    clip_id = body.get("clip_id")
    if not isinstance(clip_id, str) or not clip_id or "upload_context" in body:
        raise AssertionError(f"CompleteMultipartUpload answered {body!r}, not a clip_id")
    if target is None:
        return
    params = sent.get("params") if isinstance(sent.get("params"), dict) else {}
    context = str(params.get("upload_context"))
    # A completed upload is gone: Completing it again is refused, as S3's NoSuchUpload.
    parts = memo(target, "parts").pop(context, {})
    memo(target, "contexts").pop(context, None)
    listed = params.get("part_number_etags") or []
    numbers = [p.get("part_number") for p in listed if isinstance(p, dict)]
    if numbers and all(n in parts for n in numbers):
        expected = sum(parts[n][1] for n in set(numbers))
        _check_clip(target, clip_id, None, "a multipart upload", size=expected)


def _check_clip(
    target: Target | None, clip_id: Any, data: bytes | None, what: str, size: int | None = None
) -> None:
    if not isinstance(clip_id, str) or not clip_id:
        raise AssertionError(f"{what} answered 201 without a clip_id")
    if target is None:
        return
    size = len(data) if data is not None else size
    found = target.call("GET", f"/clips/{quote(clip_id, safe='')}")
    file_size = (json_of(found) or {}).get("file_size") if found.status_code == 200 else None
    if found.status_code != 200 or (size is not None and file_size != size):
        raise AssertionError(
            f"the clip {clip_id!r} of {what} of {size} bytes: GET answered HTTP "
            f"{found.status_code}, file_size {file_size!r}"
        )
    if data is None or len(data) > _READ_BACK_MAX:
        return
    redirect = target.call("GET", f"/clips/{quote(clip_id, safe='')}/download")
    location = redirect.headers.get("location")
    served = target.fetch(location).content if redirect.status_code == 302 and location else None
    if served != data:
        raise AssertionError(
            f"the download of {what}'s clip {clip_id!r} (HTTP {redirect.status_code}) does not "
            f"serve the {len(data)} bytes sent"
        )


@schemathesis.check
def zoom_upload_400_has_a_reason(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A 400 to an upload that breaks none of Zoom's rules is the server's bug."""
    target = zoom_checks.current_target()
    key = key_of(case)
    if target is None or response.status_code != 400 or key not in (SINGLE, PART, UPLOAD_EVENTS):
        return None
    if not positive(case):
        return None
    sent = _body(case)
    why = ""
    if key == SINGLE:
        data = sent_bytes(sent.get("file"))
        if data and len(data) <= _SINGLE_MAX:  # an empty file may be refused
            why = f"a single upload of {len(data)} bytes"
    elif key == PART:
        number = sent.get("part_number")
        live = str(sent.get("upload_context")) in memo(target, "contexts")
        if live and sent_bytes(sent.get("file")) and _in_range(number):
            why = f"part {number} of a context the server issued"
    elif sent.get("method") == "CompleteMultipartUpload":
        params = sent.get("params") if isinstance(sent.get("params"), dict) else {}
        context = params.get("upload_context")
        live = isinstance(context, str) and context in memo(target, "contexts")
        parts = memo(target, "parts").get(context, {}) if live else {}
        listed = params.get("part_number_etags")
        only = listed[0] if isinstance(listed, list) and len(listed) == 1 else None
        given = parts.get(only.get("part_number")) if isinstance(only, dict) else None
        if given is not None and isinstance(only, dict) and given[0] == only.get("etag"):
            why = "a Complete of one part the server acknowledged"
    if why:
        raise AssertionError(f"HTTP 400 ({response.text[:80]!r}) to {why}")
    return True


def _in_range(number: Any) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= _MAX_PARTS
