"""Redirects in the request path, sync and async over ``httpx.MockTransport``: an upload follows
30x answers, the Zoom token goes along only to Zoom's hosts over https (or the same origin),
307/308 resend the body, 303 becomes a bodiless GET, and the hops are bounded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._redirects import MAX_HOPS

from .clips_api_support import call
from .conftest import TOKEN, Facade, FakeZoom, json_response
from .upload_support import FILES, FakeFileAPI, form_of, write_file


def redirecting(
    status: int, location: str, then: FakeFileAPI | None = None
) -> Callable[..., httpx.Response]:
    """The file API answering its first request with ``status`` to ``location``, then ``then``
    (or a 201 with a clip id from wherever the redirect led)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(status, headers={"Location": location})
        if then is not None and request.url.host == "fileapi.zoom.us":
            return then(request)
        return json_response(201, {"clip_id": f"clip-from-{request.url.host}"})

    handler.seen = seen  # type: ignore[attr-defined]
    return handler


@pytest.mark.parametrize("status", [307, 308])
def test_a_redirect_to_a_zoom_host_keeps_the_token_and_the_body(
    make_client: Callable[..., Facade], tmp_path: Path, status: int
) -> None:
    """307/308 to https://us01file.zoom.us resend the POST, its form body and the token."""
    data = write_file(tmp_path / "f.mp4", 70_000)
    handler = redirecting(status, "https://us01file.zoom.us/v2/clips/files?region=us01")
    zoom = FakeZoom(handler)
    assert call(make_client(zoom), "upload", tmp_path / "f.mp4") == "clip-from-us01file.zoom.us"
    first, second = zoom.api_requests
    assert str(first.url) == f"{FILES}/clips/files"
    assert str(second.url) == "https://us01file.zoom.us/v2/clips/files?region=us01"
    assert second.method == "POST"
    assert second.headers["authorization"] == f"Bearer {TOKEN}"
    assert form_of(second)["file"] == ("f.mp4", data)


@pytest.mark.parametrize(
    "location",
    [
        "https://uploads.example.com/put?sig=1",
        "https://evilzoom.us/v2/clips/files",
    ],
)
def test_a_redirect_to_any_other_host_carries_no_token(
    make_client: Callable[..., Facade], tmp_path: Path, location: str
) -> None:
    """The bearer token is a credential for the account: no Authorization leaves Zoom's hosts."""
    write_file(tmp_path / "f.mp4", 1000)
    zoom = FakeZoom(redirecting(307, location))
    call(make_client(zoom), "upload", tmp_path / "f.mp4")
    first, second = zoom.api_requests
    assert "authorization" in first.headers
    assert str(second.url) == location
    assert "authorization" not in second.headers
    assert form_of(second)["file"][1] == (tmp_path / "f.mp4").read_bytes()


@pytest.mark.parametrize(
    "location",
    [
        "http://us01file.zoom.us/v2/clips/files",  # clear text, even on Zoom's domain
        "file:///etc/passwd",
        "ftp://us01file.zoom.us/clips/files",
    ],
)
def test_a_redirect_down_to_clear_text_or_another_scheme_is_refused_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path, location: str
) -> None:
    """https -> http off loopback, file: and ftp: end in RedirectError; nothing is sent there."""
    write_file(tmp_path / "f.mp4", 1000)
    zoom = FakeZoom(redirecting(307, location))
    with pytest.raises(zc.RedirectError, match="refused a redirect"):
        call(make_client(zoom), "upload", tmp_path / "f.mp4")
    assert len(zoom.api_requests) == 1


def test_a_relative_redirect_stays_on_the_origin_with_the_token(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A relative ``Location`` resolves against the request URL: same origin, token kept."""
    write_file(tmp_path / "f.mp4", 1000)
    zoom = FakeZoom(redirecting(308, "/v2/clips/files?retry=1"))
    call(make_client(zoom), "upload", tmp_path / "f.mp4")
    assert str(zoom.api_requests[1].url) == f"{FILES}/clips/files?retry=1"
    assert zoom.api_requests[1].headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("status", [301, 302, 303])
def test_301_302_303_of_a_post_become_a_get_without_body(
    make_client: Callable[..., Facade], tmp_path: Path, status: int
) -> None:
    """As httpx and browsers do: the redirected request is a GET with no body or content type."""
    write_file(tmp_path / "f.mp4", 1000)
    zoom = FakeZoom(redirecting(status, "https://fileapi.zoom.us/v2/clips/files/result"))
    call(make_client(zoom), "upload", tmp_path / "f.mp4")
    second = zoom.api_requests[1]
    assert second.method == "GET"
    assert second.content == b""
    assert "content-type" not in second.headers


def test_redirects_are_followed_at_most_max_hops_times(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A redirect loop ends after MAX_HOPS redirects with a typed error, not forever."""
    write_file(tmp_path / "f.mp4", 1000)
    zoom = FakeZoom(
        lambda request: httpx.Response(307, headers={"Location": "/v2/clips/files?again"})
    )
    with pytest.raises(zc.RedirectError, match="more than 5 redirects"):
        call(make_client(zoom), "upload", tmp_path / "f.mp4")
    assert len(zoom.api_requests) == MAX_HOPS + 1


def test_requests_not_asked_to_follow_redirects_do_not(make_client: Callable[..., Facade]) -> None:
    """Only the uploads follow: the other operations see a 30x as they always did."""
    zoom = FakeZoom(lambda request: httpx.Response(302, headers={"Location": "https://x.example"}))
    with pytest.raises(zc.ZoomClipsError):
        call(make_client(zoom), "get", "clip-1")
    assert len(zoom.api_requests) == 1


def test_a_multipart_upload_follows_redirects_on_every_request(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Create, each part and Complete all follow a 307 back to the file API with the token."""
    api = FakeFileAPI()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) % 2:  # every request is redirected once, back to where it was sent
            return httpx.Response(307, headers={"Location": str(request.url)})
        return api(request)

    write_file(tmp_path / "f.mp4", 6 * 1024 * 1024)
    zoom = FakeZoom(handler)
    call(make_client(zoom), "upload", tmp_path / "f.mp4", multipart_threshold=1)
    assert api.part_numbers() == [1]
    assert [e["method"] for e in api.events] == ["CreateMultipartUpload", "CompleteMultipartUpload"]
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in zoom.api_requests)
    assert len(zoom.api_requests) == 6


def test_a_caller_s_following_http_client_still_follows_other_requests(tmp_path: Path) -> None:
    """An ``httpx.Client(follow_redirects=True)`` the caller brought keeps following the
    non-upload requests as before (httpx drops the token on another origin)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.zoom.us":
            return httpx.Response(302, headers={"Location": "https://mirror.example/clip"})
        return json_response(404, {"code": 2000, "message": "no such clip"})

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    with (
        http,
        zc.ZoomClips(auth=zc.BearerToken("t"), http_client=http) as client,
        pytest.raises(zc.NotFoundError),
    ):
        client.clips.get("clip-1")
    assert [r.url.host for r in seen] == ["api.zoom.us", "mirror.example"]
    assert "authorization" not in seen[1].headers
