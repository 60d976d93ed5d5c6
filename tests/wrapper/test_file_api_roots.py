"""The file API: where the uploads go (``file_base_url``), which limiter they wait for, and which
hosts a redirect may carry the token to (``_redirects``)."""

from __future__ import annotations

import doctest
import re

import httpx
import pytest
import zoom_clips as zc
import zoom_clips._redirects
from zoom_clips._client import DEFAULT_FILE_BASE_URL, FILE_API_PATHS
from zoom_clips._ratelimit import RateLimitedAuth, RequestRateLimiter
from zoom_clips._redirects import is_zoom_host, keeps_authorization
from zoom_clips_endpoints_api.rate_limits import CATEGORIES

from .conftest import make_auth

Client = type[zc.ZoomClips] | type[zc.AsyncZoomClips]

BASE = "https://api.zoom.us/v2"
FILES = "https://fileapi.zoom.us/v2"


def test_the_redirect_rules_examples_hold() -> None:
    """The examples in ``_redirects``' docstring (where the token goes, what is refused) run."""
    results = doctest.testmod(zoom_clips._redirects, optionflags=doctest.ELLIPSIS)
    assert results.attempted >= 7
    assert results.failed == 0


def test_the_file_api_paths_are_the_upload_operations() -> None:
    """Exactly the operations the spec labels with the upload limit go to the file API."""
    assert {path for (_, path), label in CATEGORIES.items() if label == "UPLOAD"} == FILE_API_PATHS


@pytest.mark.parametrize("cls", [zc.ZoomClips, zc.AsyncZoomClips])
def test_uploads_go_to_the_file_api_and_the_rest_to_the_api(cls: Client) -> None:
    client = cls(auth=zc.BearerToken("t"))
    assert client.file_base_url == DEFAULT_FILE_BASE_URL == FILES
    assert client._url_for("/clips/files") == f"{FILES}/clips/files"
    assert client._url_for("/clips/files/multipart") == f"{FILES}/clips/files/multipart"
    assert client._url_for("/clips/c1/download") == f"{BASE}/clips/c1/download"
    assert "file_base_url='https://fileapi.zoom.us/v2'" in repr(client)


@pytest.mark.parametrize("cls", [zc.ZoomClips, zc.AsyncZoomClips])
def test_file_base_url_overrides_and_refuses_clear_text(cls: Client) -> None:
    client = cls(auth=zc.BearerToken("t"), file_base_url="http://127.0.0.1:9/file/v2/")
    assert client._url_for("/clips/files") == "http://127.0.0.1:9/file/v2/clips/files"
    with pytest.raises(ValueError, match=re.escape("file_base_url 'http://files.example/v2'")):
        cls(auth=zc.BearerToken("t"), file_base_url="http://files.example/v2")


@pytest.mark.parametrize("cls", [zc.ZoomClips, zc.AsyncZoomClips])
def test_from_env_reads_the_file_api_url(cls: Client) -> None:
    env = {"ZOOM_ACCESS_TOKEN": "t", "ZOOM_FILE_API_BASE_URL": "https://files.example/v2"}
    assert cls.from_env(env).file_base_url == "https://files.example/v2"
    assert cls.from_env({"ZOOM_ACCESS_TOKEN": "t"}).file_base_url == FILES
    explicit = cls.from_env(env, file_base_url="https://other.example/v2", base_url=BASE)
    assert explicit.file_base_url == "https://other.example/v2"


def test_uploads_wait_for_the_upload_budget_under_the_file_api() -> None:
    limiters = {"LIGHT": RequestRateLimiter(1.0), "UPLOAD": RequestRateLimiter(20.0)}
    auth = RateLimitedAuth(make_auth(), limiters, api_url=(BASE, FILES))
    upload = auth.limiter_for(httpx.Request("POST", f"{FILES}/clips/files/multipart"))
    assert upload is auth.limiters["UPLOAD"]
    assert auth.limiter_for(httpx.Request("GET", f"{BASE}/clips")) is auth.limiters["LIGHT"]
    # a download's file host is no API root: it never waits
    assert auth.limiter_for(httpx.Request("GET", "https://cdn.example/c1.mp4")) is None


def test_a_root_below_another_is_matched_as_itself() -> None:
    limiters = {"LIGHT": RequestRateLimiter(1.0), "UPLOAD": RequestRateLimiter(20.0)}
    auth = RateLimitedAuth(make_auth(), limiters, api_url=("https://h/v2", "https://h/v2/file/v2"))
    upload = auth.limiter_for(httpx.Request("POST", "https://h/v2/file/v2/clips/files"))
    assert upload is auth.limiters["UPLOAD"]


@pytest.mark.parametrize(
    ("url", "zoom"),
    [
        ("https://zoom.us/x", True),
        ("https://fileapi.zoom.us/v2", True),
        ("https://US01FILE.Zoom.US./dl", True),
        ("http://fileapi.zoom.us/v2", False),  # clear text
        ("https://evilzoom.us/x", False),
        ("https://zoom.us.evil.example/x", False),
        ("https://bucket.s3.amazonaws.com/c1.mp4", False),
        ("https://127.0.0.1/x", False),
    ],
)
def test_zoom_hosts_are_zoom_us_and_its_subdomains_over_https(url: str, zoom: bool) -> None:
    assert is_zoom_host(httpx.URL(url)) is zoom


@pytest.mark.parametrize(
    ("origin", "target", "keeps"),
    [
        (FILES + "/clips/files", "https://us01file.zoom.us/up", True),
        (FILES + "/clips/files", FILES + "/clips/files?retry=1", True),
        ("https://api.zoom.us/v2/clips/c/download", "https://s3.example/c.mp4?sig=1", False),
        ("https://api.zoom.us/v2/clips/c/download", "http://zoom.us/c.mp4", False),
        ("http://127.0.0.1:80/v2/x", "http://127.0.0.1/v2/y", True),  # the same origin
        ("http://127.0.0.1:8000/v2/x", "http://127.0.0.1:8001/f", False),  # another port
        ("http://127.0.0.1:8000/v2/x", "https://127.0.0.1:8000/v2/x", False),  # another scheme
    ],
)
def test_a_redirect_keeps_the_token_only_for_zoom_or_the_same_origin(
    origin: str, target: str, keeps: bool
) -> None:
    assert keeps_authorization(httpx.URL(origin), httpx.URL(target)) is keeps
