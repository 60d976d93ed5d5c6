"""A scripted Zoom file API over ``httpx.MockTransport`` for the upload tests: it reads the
multipart/form-data bodies, answers as Zoom documents, and fails the requests a test names."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import httpx

from .conftest import json_response

FILES = "https://fileapi.zoom.us/v2"
MIB = 1024 * 1024


def form_of(request: httpx.Request) -> dict[str, tuple[str | None, bytes]]:
    """The fields of a multipart/form-data request: name -> (filename, bytes)."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    assert boundary != b"+++"  # the generated header's fake boundary never goes out
    fields: dict[str, tuple[str | None, bytes]] = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        head, _, value = chunk[2:-2].partition(b"\r\n\r\n")
        disposition = head.split(b"\r\n")[0].decode()
        params = dict(
            item.strip().split("=", 1) for item in disposition.split(";")[1:] if "=" in item
        )
        filename = params.get("filename")
        fields[params["name"].strip('"')] = (filename.strip('"') if filename else None, value)
    return fields


def write_file(path: Path, size: int) -> bytes:
    """A file of ``size`` deterministic bytes at ``path``; its bytes."""
    data = (hashlib.sha256(path.name.encode()).digest() * (size // 32 + 1))[:size]
    path.write_bytes(data)
    return data


Fault = Callable[[httpx.Request], httpx.Response | None]


@attrs.define
class FakeFileAPI:
    """Zoom's three upload operations; ``faults[key]`` answers instead, once per entry.

    Keys: ``"single"``, ``"create"``, ``"complete"``, or a part number.
    """

    faults: dict[object, list[httpx.Response]] = attrs.field(factory=dict)
    parts: list[tuple[int, bytes]] = attrs.field(factory=list)
    singles: list[tuple[str | None, bytes]] = attrs.field(factory=list)
    events: list[dict[str, Any]] = attrs.field(factory=list)
    requests: list[httpx.Request] = attrs.field(factory=list)
    context: str = "ctx-0123456789abcdef0123456789abcdef"

    def fail(self, key: object, *responses: httpx.Response) -> None:
        self.faults.setdefault(key, []).extend(responses)

    def _fault(self, key: object) -> httpx.Response | None:
        queue = self.faults.get(key)
        return queue.pop(0) if queue else None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if request.url.host != "fileapi.zoom.us" or not path.startswith("/v2/"):
            return httpx.Response(599, content=f"unexpected {request.url}".encode())
        if path == "/v2/clips/files":
            form = form_of(request)
            self.singles.append(form["file"])
            return self._fault("single") or json_response(201, {"clip_id": "clip-single"})
        if path == "/v2/clips/files/multipart":
            form = form_of(request)
            number = int(form["part_number"][1])
            assert form["upload_context"][1].decode() == self.context
            self.parts.append((number, form["file"][1]))
            etag = hashlib.md5(form["file"][1]).hexdigest()  # noqa: S324 -- S3's etag
            return self._fault(number) or json_response(
                201, {"part_number_etag": {"part_number": number, "etag": etag}}
            )
        if path == "/v2/clips/files/multipart/upload_events":
            event = json.loads(request.content)
            self.events.append(event)
            if event["method"] == "CreateMultipartUpload":
                return self._fault("create") or json_response(201, {"upload_context": self.context})
            return self._fault("complete") or json_response(201, {"clip_id": "clip-multi"})
        return httpx.Response(599, content=f"unexpected {path}".encode())

    def part_numbers(self) -> list[int]:
        return [number for number, _ in self.parts]

    def completed_etags(self) -> list[dict[str, Any]]:
        (complete,) = [e for e in self.events if e["method"] == "CompleteMultipartUpload"]
        etags: list[dict[str, Any]] = complete["params"]["part_number_etags"]
        return etags
