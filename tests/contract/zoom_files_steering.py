"""Steering of the upload cases of endpoints.json, and the contexts and parts a run learns.

Called from :func:`tests.contract.zoom_clips_checks.steer_clip_case` (the ``map_case`` hook) and
its ``after_call`` hook. Positive Creates usually get a ``file_name``; outside the stateful
phase, part uploads get a real ``upload_context`` and a small part number, and Completes a real
context with one small part uploaded. The stateful phase's parts and Completes are left to the
links (Create -> part -> Complete). Generated files stay small (Hypothesis's binaries).
"""

from __future__ import annotations

import random
import zlib
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from tests.contract.zoom_files_checks import (
    PART,
    UPLOAD_EVENTS,
    json_of,
    key_of,
    memo,
    positive,
)
from tests.contract.zoom_target import Target

__all__ = ["issue_context", "remember_upload", "steer_upload_case", "upload_part"]

_SEED = 20260207
_STEER_CHANCE = 0.8


def issue_context(target: Target, file_name: str = "contract.mp4") -> str | None:
    """A new ``upload_context`` from the server (remembered as one it issued)."""
    answer = target.call_file_api(
        "/clips/files/multipart/upload_events",
        json={"method": "CreateMultipartUpload", "params": {"file_name": file_name}},
    )
    context = (json_of(answer) or {}).get("upload_context") if answer.status_code == 201 else None
    if not isinstance(context, str):
        return None
    memo(target, "contexts")[context] = True
    return context


def upload_part(target: Target, context: str, number: int, data: bytes) -> str | None:
    """Upload ``data`` as part ``number`` of ``context``; its etag (remembered), or None."""
    answer = target.call_file_api(
        "/clips/files/multipart",
        files={"file": ("part.bin", data, "application/octet-stream")},
        data={"upload_context": context, "part_number": str(number)},
    )
    body = json_of(answer) if answer.status_code == 201 else None
    etag = ((body or {}).get("part_number_etag") or {}).get("etag")
    if not isinstance(etag, str):
        return None
    memo(target, "parts").setdefault(context, {})[number] = (etag, len(data))
    return etag


def steer_upload_case(target: Target, case: schemathesis.Case) -> schemathesis.Case:
    """Steer a positive upload case: Creates get a ``file_name``; outside the stateful phase
    (whose parts and Completes are left to their links), parts and Completes get a context the
    server issued."""
    key = key_of(case)
    body = case.body
    if key not in (PART, UPLOAD_EVENTS) or not isinstance(body, dict):
        return case
    if not _generated_positive(case):
        return case
    rng = random.Random(  # noqa: S311 -- reproducible test data, not security
        zlib.crc32(f"{_SEED}:{key}:{sorted(map(str, body.items()))!r}".encode())
    )
    stateful = case.meta is not None and case.meta.phase.name.value == "stateful"
    if key == UPLOAD_EVENTS and body.get("method") == "CreateMultipartUpload":
        _name_the_upload(body, rng)
    elif not stateful and rng.random() < _STEER_CHANCE:
        if key == PART:
            _steer_part(target, body, rng)
            _keep_positive(case)
        elif body.get("method") == "CompleteMultipartUpload":
            _steer_complete(target, body, rng)
    return case


def _name_the_upload(body: dict[str, Any], rng: random.Random) -> None:
    """The spec requires no file_name, but the clip is named from it: the mock (as Zoom may)
    refuses a Create without one, which would end most chains before their first part."""
    named = body.get("params") if isinstance(body.get("params"), dict) else {}
    if rng.random() < _STEER_CHANCE and not str(named.get("file_name") or "").strip():
        body["params"] = {**named, "file_name": f"contract-{rng.randint(1, 999)}.mp4"}


def _steer_part(target: Target, body: dict[str, Any], rng: random.Random) -> None:
    body["upload_context"] = issue_context(target) or body.get("upload_context")
    if isinstance(body.get("part_number"), int):
        body["part_number"] = rng.randint(1, 3)


def _steer_complete(target: Target, body: dict[str, Any], rng: random.Random) -> None:
    params = body.get("params")
    context = issue_context(target) if isinstance(params, dict) else None
    etag = upload_part(target, context, 1, rng.randbytes(rng.randint(1, 64))) if context else None
    if isinstance(params, dict) and context and etag:
        params["upload_context"] = context
        params["part_number_etags"] = [{"part_number": 1, "etag": etag}]


def _generated_positive(case: schemathesis.Case) -> bool:
    """Whether ``case`` was generated spec-valid, as generated: reading ``case.meta`` would
    revalidate a body that a link merged into, and a body holding a binary never revalidates
    as valid (see :func:`_keep_positive`)."""
    meta = getattr(case, "_meta", None)
    if meta is None:
        return positive(case)
    body = meta.components.get(ParameterLocation.BODY)
    return bool(meta.generation.mode.is_positive) and (body is None or body.mode.is_positive)


def _keep_positive(case: schemathesis.Case) -> None:
    """Take the steered part as generated: schemathesis cannot revalidate a body that holds a
    binary (``contains_binary`` counts it invalid), so an edit of ``upload_context`` would
    relabel a positive case negative, though a string context and an integer part number keep
    it spec-valid. ``_record_starting_state`` is what schemathesis itself calls after writing
    auth into a generated case (4.32; without it the case stays as revalidated)."""
    record = getattr(case, "_record_starting_state", None)
    if callable(record):
        record()


def remember_upload(target: Target, case: schemathesis.Case, response: Any) -> None:
    """Note the contexts the run's own Creates were answered (``after_call``)."""
    body = json_of(response) if response.status_code == 201 else None
    if not isinstance(body, dict):
        return
    context = body.get("upload_context")
    if key_of(case) == UPLOAD_EVENTS and isinstance(context, str):
        memo(target, "contexts")[context] = True
