"""Hostile file hosts for ``clips.download``, sync and async: every case ends with a typed error
after a number of file requests the retry policy bounds (``1 + max_retries + max_resumes``), and
a download never takes a cut body, a size nobody announced or a 416 to a plain GET for the file.

The file hosts are ``httpx.MockTransport`` handlers (``FakeFiles`` of ``tests/wrapper``, each a
little more hostile), and, for the headline case, a real server on loopback that cuts the
connection itself. Each host stops by itself after ``GUARD`` requests, so a loop that would never
end fails its count instead of hanging.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import zoom_clips as zc

from ..wrapper.clips_api_support import call
from ..wrapper.download_support import CLIP, DATA, FILE_HOST, CutStream, FakeFiles, clip
from .conftest import NOW, Facade, FakeClock, FakeZoom, TrickleStream, loopback, make_auth

BIG = bytes(range(256)) * 12_288 + b"end"  # 3 MiB: each cut below keeps over a MiB (a chunk)
HALF = len(BIG) // 2
GUARD = 40  # requests after which a host answers 599: an endless loop shows as a count
_RANGE = re.compile(r"bytes=(\d+)-$")


def policy(**changes: Any) -> zc.RetryPolicy:
    """The tests' policy: 2 retries, 3 resumes, jitter fixed."""
    settings: dict[str, Any] = {"max_retries": 2, "max_resumes": 3} | changes
    return zc.RetryPolicy(rand=lambda: 0.5, now=lambda: NOW, **settings)


def download(client: Facade, *args: Any, **kwargs: Any) -> Any:
    return call(client, "_download_file", *args, **kwargs)


def bound(settings: zc.RetryPolicy) -> int:
    """The most file requests the policy allows one download."""
    return 1 + settings.max_retries + settings.max_resumes


@attrs.define(slots=False)
class Guarded(FakeFiles):
    """``FakeFiles`` that gives up (599) after ``GUARD`` file requests."""

    def serve_file(self, request: httpx.Request) -> httpx.Response:
        if len(self.file_requests) >= GUARD:
            self.file_requests.append(request)
            return httpx.Response(599)
        return self.answer(request)

    def answer(self, request: httpx.Request) -> httpx.Response:
        return FakeFiles.serve_file(self, request)


def asked_from(request: httpx.Request) -> int:
    wanted = _RANGE.match(request.headers.get("range", ""))
    return int(wanted.group(1)) if wanted else 0


# -- bodies that never arrive whole ----------------------------------------------------------------


def test_a_host_without_ranges_that_always_drops_the_connection_ends_after_the_retries(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The headline: half the body, then a reset, every time, and no Range to keep the half:
    nothing is kept, so each attempt spends a retry; DownloadError after 1 + max_retries GETs,
    the part (its resume state) kept, the old target untouched."""
    target = tmp_path / "x.mp4"
    target.write_bytes(b"old")
    files = Guarded(data=BIG, ranges=False, cuts=[HALF] * GUARD)
    client = make_client(FakeZoom(files), retry_policy=policy())
    with pytest.raises(zc.DownloadError, match="retries ran out") as caught:
        download(client, clip(file_size=len(BIG)), target)
    assert len(files.file_requests) == 1 + 2
    assert files.ranges_asked() == [None] * 3
    assert client.sleeps == [0.4375, 0.875]
    assert caught.value.part_path == tmp_path / "x.mp4.part"
    assert target.read_bytes() == b"old"


@attrs.define(slots=False)
class Halving(Guarded):
    """Honours Range, and cuts every answer halfway through what is left (progress each time)."""

    def answer(self, request: httpx.Request) -> httpx.Response:
        start = asked_from(request)
        self.cuts = [start + (len(self.data) - start) // 2]
        return FakeFiles.serve_file(self, request)


def test_a_ranged_host_that_cuts_every_answer_spends_the_resumes_and_ends(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Range honoured but every answer cut too: each keeps new bytes, so each spends one of
    max_resumes (not a retry); DownloadError within 1 + max_retries + max_resumes requests, with
    the bytes kept in the part and every retry asking Range from the part's end."""
    files = Halving(data=BIG)
    settings = policy()
    client = make_client(FakeZoom(files), retry_policy=settings)
    with pytest.raises(zc.DownloadError, match="retries ran out") as caught:
        download(client, clip(file_size=len(BIG)), tmp_path / "x.mp4")
    assert len(files.file_requests) == 1 + settings.max_resumes <= bound(settings)
    marks = [0]
    for _ in range(len(files.file_requests)):
        marks.append(marks[-1] + (len(BIG) - marks[-1]) // 2)
    assert files.ranges_asked() == [None] + [f"bytes={mark}-" for mark in marks[1:-1]]
    assert caught.value.part_path.read_bytes() == BIG[: marks[-1]]


def test_a_part_from_an_earlier_call_is_the_mark_to_pass(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The part already there is the high-water mark: a host that answers its Range and cuts
    before a new byte keeps nothing, so each attempt spends a retry, not a resume."""
    (tmp_path / "c1.part").write_bytes(DATA[:1000])
    files = Guarded()

    def cut_at_once(request: httpx.Request) -> httpx.Response:
        files.file_requests.append(request)
        total = len(DATA)
        headers = {"Accept-Ranges": "bytes", "Content-Range": f"bytes 1000-{total - 1}/{total}"}
        return httpx.Response(206, headers=headers, stream=CutStream(b"", cut=True))

    files.answer = cut_at_once  # type: ignore[method-assign]
    with pytest.raises(zc.DownloadError, match="retries ran out after 3 attempts"):
        download(make_client(FakeZoom(files), retry_policy=policy()), clip(), tmp_path)
    assert files.ranges_asked() == ["bytes=1000-"] * 3
    assert (tmp_path / "c1.part").read_bytes() == DATA[:1000]


@attrs.define(slots=False)
class WrongOffset(Guarded):
    """Advertises ranges, but answers a Range with a 206 of the whole file from byte 0; every
    body is cut halfway."""

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.file_requests.append(request)
        total = len(self.data)
        headers = {"Accept-Ranges": "bytes", "Content-Length": str(total)}
        status = 200
        if "range" in request.headers:
            status = 206
            headers["Content-Range"] = f"bytes 0-{total - 1}/{total}"
        return httpx.Response(status, headers=headers, stream=CutStream(BIG[:HALF], cut=True))


def test_a_206_from_the_wrong_offset_ends_within_the_bound(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 206 that does not start where the part ends drops the part and ranges for this
    download; the same half again is no progress (not past the high-water mark), so the
    retries run out: DownloadError within the bound, no endless restart."""
    files = WrongOffset(data=BIG)
    settings = policy()
    client = make_client(FakeZoom(files), retry_policy=settings)
    with pytest.raises(zc.DownloadError):
        download(client, clip(file_size=len(BIG)), tmp_path / "x.mp4")
    assert len(files.file_requests) <= bound(settings)
    assert files.ranges_asked() == [None, f"bytes={HALF}-", None, None]


# -- statuses --------------------------------------------------------------------------------------


@attrs.define(slots=False)
class RateLimited(Guarded):
    """Answers ``limited`` 429s with a streamed JSON body (as a real host's is), then the file."""

    limited: int = 1_000
    daily: bool = False

    def answer(self, request: httpx.Request) -> httpx.Response:
        if self.limited <= 0:
            return FakeFiles.serve_file(self, request)
        self.limited -= 1
        self.file_requests.append(request)
        message = "daily limit reached" if self.daily else "Too many requests"
        body = json.dumps({"code": 429, "message": message}).encode()
        return httpx.Response(429, stream=CutStream(body, cut=False))


def test_a_429_from_the_file_host_is_retried_as_a_503_is(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A per-second 429 (its body streamed, not read) waits about a second and is retried under
    the policy: once, then the file; always, then DownloadError after 1 + max_retries."""
    files = RateLimited(limited=1)
    client = make_client(FakeZoom(files), retry_policy=policy())
    result = download(client, clip(), tmp_path / "once.mp4")
    assert result.path.read_bytes() == DATA
    assert client.sleeps == [1.25]
    files = RateLimited()
    client = make_client(FakeZoom(files), retry_policy=policy())
    with pytest.raises(zc.DownloadError, match="429") as caught:
        download(client, clip(), tmp_path / "always.mp4")
    assert "retries ran out" in str(caught.value)
    assert len(files.file_requests) == 1 + 2
    assert client.sleeps == [1.25, 1.25]


def test_a_daily_429_from_the_file_host_is_a_download_error_at_once(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Zoom's daily limit is not worth a retry: DownloadError after the one request."""
    files = RateLimited(daily=True)
    client = make_client(FakeZoom(files), retry_policy=policy())
    with pytest.raises(zc.DownloadError, match="daily"):
        download(client, clip(), tmp_path / "x.mp4")
    assert (len(files.file_requests), client.sleeps) == (1, [])


# -- sizes: what proves a file whole ---------------------------------------------------------------


@attrs.define(slots=False)
class Unsized(Guarded):
    """No Content-Length and a clip without ``file_size``: each body is the first ``stop`` bytes,
    ended cleanly (the connection closed: nothing says it was cut). ``ranged``: a Range is
    answered 206 with the rest and the total in its Content-Range."""

    stop: int = len(DATA) // 2
    ranged: bool = False
    chunked: bool = False

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.file_requests.append(request)
        total = len(self.data)
        start = asked_from(request) if self.ranged else 0
        headers = {"Accept-Ranges": "bytes" if self.ranged else "none"}
        if self.chunked:
            headers["Transfer-Encoding"] = "chunked"
        if start:
            headers["Content-Range"] = f"bytes {start}-{total - 1}/{total}"
            return httpx.Response(206, headers=headers, stream=CutStream(DATA[start:], cut=False))
        return httpx.Response(200, headers=headers, stream=CutStream(DATA[: self.stop], cut=False))


def test_a_body_of_unknown_size_that_ends_with_the_connection_is_not_taken_as_whole(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """No file_size, no Content-Length, half the file, then the connection closes: an unknown
    size is no proof, so it is retried (never placed) and ends as DownloadError; the old target
    stays."""
    target = tmp_path / "x.mp4"
    target.write_bytes(b"old")
    files = Unsized(file_size=0)
    client = make_client(FakeZoom(files), retry_policy=policy())
    with pytest.raises(zc.DownloadError, match="no size"):
        download(client, CLIP, target)
    assert len(files.file_requests) == 1 + 2
    assert target.read_bytes() == b"old"


def test_a_cut_body_of_unknown_size_resumes_to_the_size_the_range_answer_announces(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The same cut, from a host that honours Range: the half is kept and the rest asked for;
    the 206's Content-Range total proves the file whole."""
    files = Unsized(file_size=0, ranged=True)
    result = download(make_client(FakeZoom(files), retry_policy=policy()), CLIP, tmp_path)
    assert result.path.read_bytes() == DATA
    assert files.ranges_asked() == [None, f"bytes={len(DATA) // 2}-"]


def test_a_chunked_body_of_unknown_size_that_ends_cleanly_is_the_file(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Chunked framing ends with its last chunk: that is proof, with no size announced."""
    files = Unsized(file_size=0, stop=len(DATA), chunked=True)
    result = download(make_client(FakeZoom(files), retry_policy=policy()), CLIP, tmp_path)
    assert result.path.read_bytes() == DATA
    assert len(files.file_requests) == 1


@pytest.mark.parametrize("answer", ["416", "empty"])
def test_an_empty_answer_never_replaces_an_existing_file(
    make_client: Callable[..., Facade], tmp_path: Path, answer: str
) -> None:
    """A 416 ``bytes */0`` to a plain GET, or a 200 with Content-Length 0, for a clip whose size
    is unknown: DownloadError, and the file already at the target stays as it was."""
    target = tmp_path / "x.mp4"
    target.write_bytes(b"last week's copy")
    files = Guarded(file_size=0)

    def empty(request: httpx.Request) -> httpx.Response:
        files.file_requests.append(request)
        if answer == "416":
            return httpx.Response(416, headers={"Content-Range": "bytes */0"})
        return httpx.Response(200, headers={"Content-Length": "0"})

    files.answer = empty  # type: ignore[method-assign]
    with pytest.raises(zc.DownloadError):
        download(make_client(FakeZoom(files), retry_policy=policy()), CLIP, target)
    assert target.read_bytes() == b"last week's copy"
    assert len(files.file_requests) <= bound(policy())


@pytest.mark.parametrize(
    ("content_range", "length", "announced"),
    [
        ("bytes 1000-{last}/*", None, len(DATA)),  # no total: the clip's file_size is the bound
        ("bytes 1000-1999/{total}", "1000", 2000),  # the range's end and its Content-Length
    ],
)
def test_a_range_answer_never_writes_past_what_was_announced(
    make_client: Callable[..., Facade],
    tmp_path: Path,
    content_range: str,
    length: str | None,
    announced: int,
) -> None:
    """A 206 whose body runs on past its range (or past file_size when the total is ``*``):
    DownloadError, and not a byte past the announced end ever reached the part."""
    (tmp_path / "c1.part").write_bytes(DATA[:1000])
    files = Guarded()

    def longer(request: httpx.Request) -> httpx.Response:
        files.file_requests.append(request)
        headers = {
            "Accept-Ranges": "bytes",
            "Content-Range": content_range.format(last=len(DATA) - 1, total=len(DATA)),
        }
        if length is not None:
            headers["Content-Length"] = length
        return httpx.Response(206, headers=headers, stream=CutStream(DATA[1000:] * 3, cut=False))

    files.answer = longer  # type: ignore[method-assign]
    seen: list[int] = []
    with pytest.raises(zc.DownloadError, match="more than"):
        download(
            make_client(FakeZoom(files), retry_policy=policy()),
            clip(),
            tmp_path,
            progress=lambda done, _total: seen.append(done),
        )
    assert max(seen) <= announced


# -- time ------------------------------------------------------------------------------------------


def test_a_trickling_body_ends_at_the_stall_floor(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Headers, then a byte a second (on the fake clock): each attempt stalls after
    stall_seconds; with nothing kept (no ranges) DownloadError names the stall after
    1 + max_retries attempts, long before the body would have ended."""
    clock = FakeClock()
    streams: list[TrickleStream] = []
    files = Guarded(ranges=False)

    def trickle(request: httpx.Request) -> httpx.Response:
        files.file_requests.append(request)
        stream = TrickleStream(clock, piece=b"x", pieces=1_000, every=1.0)
        streams.append(stream)
        headers = {"Content-Length": "1000", "Accept-Ranges": "none"}
        return httpx.Response(200, headers=headers, stream=stream)

    files.answer = trickle  # type: ignore[method-assign]
    settings = policy(clock=clock, stall_seconds=30.0, stall_bytes=1024)
    client = make_client(FakeZoom(files), retry_policy=settings)
    with pytest.raises(zc.DownloadError, match="stalled") as caught:
        download(client, clip(file_size=1000), tmp_path / "x.mp4")
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert len(files.file_requests) == 1 + 2
    assert all(stream.sent <= 31 for stream in streams)


# -- redirects -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://files.example.com/c1.mp4", "http://files.example.com/c1.mp4"],
)
def test_a_file_host_redirect_to_another_scheme_or_down_to_http_is_refused_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path, location: str
) -> None:
    """The file host's 30x is judged as the request path's: file:, ftp:, https to http off
    loopback are a DownloadError naming the refusal, and nothing is requested there."""
    files = Guarded()

    def hop(request: httpx.Request) -> httpx.Response:
        files.file_requests.append(request)
        return httpx.Response(302, headers={"Location": location})

    files.answer = hop  # type: ignore[method-assign]
    with pytest.raises(zc.DownloadError, match="refused"):
        download(make_client(FakeZoom(files), retry_policy=policy()), clip(), tmp_path)
    assert [str(r.url).split("?")[0] for r in files.file_requests] == [f"{FILE_HOST}/c1.mp4"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://files.example.com/c1.mp4", "http://files.example.com/x"],
)
def test_the_apis_own_redirect_to_another_scheme_or_down_to_http_is_refused(
    make_client: Callable[..., Facade], tmp_path: Path, location: str
) -> None:
    """The API's 302 to the file is a redirect too: RedirectError, no file request at all."""
    files = Guarded(location=location)
    with pytest.raises(zc.RedirectError, match="refused"):
        download(make_client(FakeZoom(files), retry_policy=policy()), clip(), tmp_path)
    assert files.file_requests == []


# -- a real server on loopback ---------------------------------------------------------------------


def _answer(
    handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes = b""
) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _zoom_on_loopback(
    file_answer: Callable[[BaseHTTPRequestHandler], None],
) -> Callable[[BaseHTTPRequestHandler], None]:
    """The token endpoint, the API's 302 and the file host, all on one loopback server."""
    served = [0]

    def handle(handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        if path.startswith("/oauth/token"):
            body = json.dumps({"access_token": "t0k", "expires_in": 3600}).encode()
            _answer(
                handler,
                200,
                {"Content-Type": "application/json", "Content-Length": str(len(body))},
                body,
            )
        elif path == f"/v2/clips/{CLIP}/download":
            _answer(handler, 302, {"Location": "/files/c1.mp4?signature=s", "Content-Length": "0"})
        elif served[0] >= GUARD:
            _answer(handler, 599, {"Content-Length": "0"})
        else:
            served[0] += 1
            file_answer(handler)

    return handle


def _drop_halfway(handler: BaseHTTPRequestHandler) -> None:
    """Content-Length of the whole file, half of it, then the connection closes."""
    _answer(handler, 200, {"Content-Length": str(len(BIG))}, BIG[:HALF])
    handler.close_connection = True


def _unsized_halfway(handler: BaseHTTPRequestHandler) -> None:
    """No Content-Length (the body ends with the connection), half the file."""
    _answer(handler, 200, {"Connection": "close"}, BIG[:HALF])
    handler.close_connection = True


def _ranged_halving(handler: BaseHTTPRequestHandler) -> None:
    """Honours Range; sends half of what is left and closes."""
    start = (
        int(match.group(1)) if (match := _RANGE.match(handler.headers.get("range") or "")) else 0
    )
    total = len(BIG)
    headers = {"Accept-Ranges": "bytes", "Content-Length": str(total - start)}
    if start:
        headers["Content-Range"] = f"bytes {start}-{total - 1}/{total}"
    _answer(handler, 206 if start else 200, headers, BIG[start : start + (total - start) // 2])
    handler.close_connection = True


def _download_on_loopback(
    kind: str, origin: str, target: Path, settings: zc.RetryPolicy, file_size: int
) -> Any:
    """``_download_file`` of a clip of ``file_size`` on a real client of ``kind`` (sleeps noted,
    never waited)."""
    auth = make_auth(token_url=f"{origin}/oauth/token")
    sleeps: list[float] = []
    the_clip = clip(file_size=file_size)
    if kind == "sync":
        with zc.ZoomClips(
            auth=auth, base_url=f"{origin}/v2", sleep=sleeps.append, retry_policy=settings
        ) as client:
            return client.clips._download_file(the_clip, target)

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def run() -> Any:
        async with zc.AsyncZoomClips(
            auth=auth, base_url=f"{origin}/v2", sleep=sleep, retry_policy=settings
        ) as client:
            return await client.clips._download_file(the_clip, target)

    return asyncio.run(run())


#: Per loopback case: the file host, the clip's file_size, the error, what each attempt spends.
LOOPBACK_CASES = {
    "no-range-cut": (_drop_halfway, len(BIG), "retries ran out", "max_retries"),
    "no-size-eof": (_unsized_halfway, 0, "no size", "max_retries"),
    "range-cut": (_ranged_halving, len(BIG), "retries ran out", "max_resumes"),
}


@pytest.mark.parametrize("case", list(LOOPBACK_CASES))
def test_a_real_server_that_cuts_every_body_ends_within_the_bound(
    kind: str, tmp_path: Path, case: str
) -> None:
    """On a real loopback connection: a reset after half the Content-Length, a body with no
    length ended by the close, a ranged host cutting every answer: each is DownloadError after
    the number of GETs the policy allows (1 + the retries or resumes it spends), and the target
    is never placed."""
    file_answer, file_size, match, spends = LOOPBACK_CASES[case]
    settings = policy()
    target = tmp_path / "x.mp4"
    with (
        loopback(_zoom_on_loopback(file_answer)) as (origin, seen),
        pytest.raises(zc.DownloadError, match=match),
    ):
        _download_on_loopback(kind, origin, target, settings, file_size)
    file_gets = [line for line in seen if line.startswith("GET /files/")]
    assert len(file_gets) == 1 + getattr(settings, spends) <= bound(settings)
    assert not target.exists()
