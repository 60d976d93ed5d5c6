"""A scripted Zoom for the download tests: the API's ``GET /clips/{id}`` and ``/download``, and a
file host on another origin that honours ``Range`` and can cut a body short."""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import attrs
import httpx

from .conftest import clip_json, json_response

API = "https://api.zoom.us/v2"
FILE_HOST = "https://files.example.com"
CLIP = "c1"
DATA = bytes(range(256)) * 1000 + b"tail"  # 256,004 bytes, more than one chunk of 64 KiB
SHA = hashlib.sha256(DATA).hexdigest()
_RANGE = re.compile(r"bytes=(\d+)-$")


class CutStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that sends ``data`` and then, if ``cut`` is set, drops the connection."""

    def __init__(self, data: bytes, *, cut: bool) -> None:
        self.data = data
        self.cut = cut
        self.sent = 0  # pieces handed out so far

    def _pieces(self) -> list[bytes]:
        return [self.data[i : i + 50_000] for i in range(0, len(self.data), 50_000)]

    def __iter__(self) -> Iterator[bytes]:
        for piece in self._pieces():
            self.sent += 1
            yield piece
        if self.cut:
            raise httpx.ReadError("connection reset by peer")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self._pieces():
            self.sent += 1
            yield piece
        if self.cut:
            raise httpx.ReadError("connection reset by peer")


@attrs.define(slots=False)
class FakeFiles:
    """The API and the file host. ``cuts``: absolute offsets at which the next bodies break."""

    data: bytes = DATA
    file_size: int | None = None
    ranges: bool = True
    cuts: list[int] = attrs.field(factory=list)
    disposition: str | None = 'attachment; filename="My clip.mp4"'
    location: str = f"{FILE_HOST}/c1.mp4?signature=sig"
    file_status: list[int] = attrs.field(factory=list)  # statuses to answer first, in turn
    download_answer: Callable[[httpx.Request], httpx.Response] | None = None
    headers: dict[str, str] = attrs.field(factory=dict)  # extra headers of every file answer
    file_requests: list[httpx.Request] = attrs.field(factory=list)
    api_paths: list[str] = attrs.field(factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.url.host == "api.zoom.us" and path.startswith("/v2/clips/"):
            self.api_paths.append(path)
            if path == f"/v2/clips/{CLIP}":
                size = len(self.data) if self.file_size is None else self.file_size
                return json_response(200, clip_json(CLIP, file_size=size))
            if path == f"/v2/clips/{CLIP}/download":
                if self.download_answer is not None:
                    return self.download_answer(request)
                return httpx.Response(302, headers={"Location": self.location})
            return httpx.Response(599)
        return self.serve_file(request)

    def serve_file(self, request: httpx.Request) -> httpx.Response:
        self.file_requests.append(request)
        if self.file_status:
            return httpx.Response(self.file_status.pop(0), headers=self.headers)
        total = len(self.data)
        headers: dict[str, str] = {"Accept-Ranges": "bytes" if self.ranges else "none"}
        if self.disposition is not None:
            headers["Content-Disposition"] = self.disposition
        start, status = 0, 200
        wanted = _RANGE.match(request.headers.get("range", ""))
        if wanted is not None and self.ranges:
            start = int(wanted.group(1))
            if start >= total:
                return httpx.Response(416, headers={"Content-Range": f"bytes */{total}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{total - 1}/{total}"
        stop = total
        cut = False
        if self.cuts and start < self.cuts[0] < total:
            stop, cut = self.cuts.pop(0), True
        headers["Content-Length"] = str(total - start)
        headers.update(self.headers)
        return httpx.Response(
            status, headers=headers, stream=CutStream(self.data[start:stop], cut=cut)
        )

    def authorizations(self) -> list[bool]:
        """Whether each file-host request carried an Authorization header."""
        return ["authorization" in r.headers for r in self.file_requests]

    def ranges_asked(self) -> list[str | None]:
        return [r.headers.get("range") for r in self.file_requests]


def clip(**fields: Any) -> Any:
    """The ``Clip`` of ``CLIP`` as a listing gives it."""
    from zoom_clips._models import clip_from_json  # noqa: PLC0415

    return clip_from_json(clip_json(CLIP, **{"file_size": len(DATA), **fields}))
