"""Where the token goes, for every operation the client has (``client.clips``, every operation of
``client.operations`` and ``client.request``), sync and async: the upload host
follows the configured base URL, a token from a non-Zoom token URL never reaches a Zoom host
(not even by a redirect), and a Zoom token never reaches another host."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._redirects import token_may_go
from zoom_clips._resources import Clips, Collaborators, Comments
from zoom_clips_api import api as master_api
from zoom_clips_endpoints_api import api as endpoints_api

from .clips_api_support import call
from .conftest import TOKEN, Facade, FakeZoom, clip_json, json_response, make_auth
from .upload_support import MIB, write_file

MOCK = "https://mock.example"
MOCK_AUTH = {"token_url": f"{MOCK}/oauth/token"}

#: Every operation of ``client.clips`` (dotted below it), with the arguments of one call.
#: ``{video}`` and ``{dest}`` stand for a small video file and a download directory.
OPERATIONS: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "list_page": (("acct",), {}),
    "list": (("acct",), {}),
    "get": (("c1",), {}),
    "delete": (("c1",), {}),
    "transfer": ((), {"target_owner_user_id": "u2", "source_owner_user_id": "u1"}),
    "transfer_status": (("task-1",), {}),
    "wait_for_transfer": (("task-1",), {"timeout": 0}),
    "upload": (("{video}",), {}),
    "upload-multipart": (("{video}",), {"multipart_threshold": 0, "part_size": 5 * MIB}),
    "download": (("c1", "{dest}"), {}),
    "collaborators.list": (("c1",), {}),
    "collaborators.remove": (("c1",), {"user_key": "someone@example.com"}),
    "comments.list": (("c1",), {}),
    "comments.delete": (("c1", "cm1"), {}),
}


#: And every operation of both vendored specs (``client.operations``), and ``client.request``.
SPEC_OPERATIONS = [
    f"operations.{spec}.{name}"
    for spec, package in (("endpoints", endpoints_api), ("master", master_api))
    for name in package.OPERATIONS
]
EVERY = [*OPERATIONS, *SPEC_OPERATIONS, "request"]
#: The body an operation cannot be sent without (its generated code reads it unconditionally).
SPEC_BODIES = {
    "initiate_and_complete_a_clip_multipart_upload": {
        "body": {"method": "CreateMultipartUpload", "params": {"file_name": "a.mp4"}}
    },
}


def _public(cls: type, prefix: str = "") -> set[str]:
    return {
        prefix + name
        for name, _ in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_the_table_has_every_operation_of_the_client() -> None:
    """A new method of the resources must join OPERATIONS (and so these tests)."""
    names = {name.split("-")[0] for name in OPERATIONS}
    assert names == (
        _public(Clips) | _public(Collaborators, "collaborators.") | _public(Comments, "comments.")
    )


def _run(client: Facade, operation: str, tmp_path: Path) -> None:
    """One call of ``operation``; whatever Zoom's answer makes of it, only the requests count."""
    if operation == "request" or operation.startswith("operations."):
        _run_spec_operation(client, operation)
        return
    video = tmp_path / "talk.mp4"
    if not video.exists():
        write_file(video, 6 * MIB)
    (tmp_path / "out").mkdir(exist_ok=True)
    args, kwargs = OPERATIONS[operation]
    filled = [
        str(video) if a == "{video}" else tmp_path / "out" if a == "{dest}" else a for a in args
    ]
    with contextlib.suppress(zc.ZoomClipsError):
        call(client, operation.split("-", maxsplit=1)[0], *filled, **kwargs)


def _run_spec_operation(client: Facade, operation: str) -> None:
    """``client.request`` of a clip, or a ``client.operations`` method with "x" for each
    required argument (all are path parameters, strings)."""
    if operation == "request":
        target: Any = functools.partial(client.client.request, "GET", "/clips/c1")
    else:
        _, spec, name = operation.split(".")
        target = functools.partial(
            getattr(getattr(client.client.operations, spec), name), **SPEC_BODIES.get(name, {})
        )
    required = [
        "x"
        for parameter in inspect.signature(target).parameters.values()
        if parameter.default is inspect.Parameter.empty and parameter.name not in target.keywords
    ]
    with contextlib.suppress(zc.ZoomClipsError):
        result = target(*required)
        if inspect.isawaitable(result):

            async def wait() -> object:
                return await result

            asyncio.run(wait())


def _zoom_host(url: httpx.URL) -> bool:
    return url.host == "zoom.us" or url.host.endswith(".zoom.us")


@pytest.mark.parametrize("operation", EVERY)
def test_every_request_goes_to_the_configured_server(
    make_client: Callable[..., Facade], tmp_path: Path, operation: str
) -> None:
    """base_url of another server and no file_base_url: every request, uploads too, goes there
    ({origin}/file/v2 for the uploads) with that server's token; none goes to Zoom."""
    zoom = FakeZoom(lambda _: json_response(404, {"code": 2000, "message": "no such thing"}))
    client = make_client(zoom, auth=make_auth(**MOCK_AUTH), base_url=f"{MOCK}/v2")
    _run(client, operation, tmp_path)
    assert zoom.api_requests
    for request in zoom.api_requests:
        assert str(request.url).startswith((f"{MOCK}/v2/", f"{MOCK}/file/v2/")), request.url
        assert request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("target", ["https://fileapi.zoom.us", "https://us01file.zoom.us"])
@pytest.mark.parametrize("operation", EVERY)
def test_another_servers_token_never_follows_a_redirect_to_zoom(
    make_client: Callable[..., Facade], tmp_path: Path, operation: str, target: str
) -> None:
    """Every answer of the configured server redirects to a Zoom host: whatever follows it
    goes there without the token that server issued."""

    def handler(request: httpx.Request) -> httpx.Response:
        if _zoom_host(request.url):
            return json_response(404, {"code": 2000, "message": "not here"})
        if request.method == "GET" and request.url.path == "/v2/clips/c1":
            return json_response(200, clip_json("c1"))
        return httpx.Response(307, headers={"Location": f"{target}{request.url.path}"})

    zoom = FakeZoom(handler)
    client = make_client(zoom, auth=make_auth(**MOCK_AUTH), base_url=f"{MOCK}/v2")
    _run(client, operation, tmp_path)
    assert zoom.api_requests
    for request in zoom.api_requests:
        assert ("authorization" in request.headers) is not _zoom_host(request.url), request.url


@pytest.mark.parametrize("operation", EVERY)
def test_a_zoom_token_never_follows_a_redirect_elsewhere(
    make_client: Callable[..., Facade], tmp_path: Path, operation: str
) -> None:
    """The other way round: Zoom's answers redirect to another host, which never sees the
    Zoom token."""

    def handler(request: httpx.Request) -> httpx.Response:
        if not _zoom_host(request.url):
            return json_response(404, {"code": 2000, "message": "not here"})
        if request.method == "GET" and request.url.path == "/v2/clips/c1":
            return json_response(200, clip_json("c1"))
        return httpx.Response(307, headers={"Location": f"{MOCK}{request.url.path}"})

    zoom = FakeZoom(handler)
    _run(make_client(zoom), operation, tmp_path)
    assert zoom.api_requests
    for request in zoom.api_requests:
        assert ("authorization" in request.headers) is _zoom_host(request.url), request.url


@pytest.mark.parametrize(
    ("issuer", "target", "goes"),
    [
        ("https://zoom.us/oauth/token", "https://fileapi.zoom.us/v2", True),
        ("https://zoom.us/oauth/token", "https://api.zoom.us/v2", True),
        ("https://zoom.us/oauth/token", "http://127.0.0.1:8000/v2", False),
        ("https://zoom.us/oauth/token", "https://evilzoom.us/v2", False),
        ("http://127.0.0.1:8000/oauth/token", "http://127.0.0.1:8000/file/v2", True),
        ("http://127.0.0.1:8000/oauth/token", "https://fileapi.zoom.us/v2", False),
        ("https://mock.example/oauth/token", "https://api.zoom.us/v2", False),
    ],
)
def test_the_one_rule_of_where_a_token_goes(issuer: str, target: str, goes: bool) -> None:
    assert token_may_go(httpx.URL(issuer), httpx.URL(target)) is goes


Client = type[zc.ZoomClips] | type[zc.AsyncZoomClips]
BOTH = pytest.mark.parametrize("cls", [zc.ZoomClips, zc.AsyncZoomClips])


@BOTH
def test_the_file_api_url_derives_from_another_servers_base_url(cls: Client) -> None:
    """No file_base_url: Zoom's for Zoom's base URL, else {origin}/file/v2 as the mock serves."""
    mock = cls(
        auth=make_auth(token_url="http://127.0.0.1:8000/oauth/token"),
        base_url="http://127.0.0.1:8000/v2/",
    )
    assert mock.file_base_url == "http://127.0.0.1:8000/file/v2"
    assert cls(auth=make_auth()).file_base_url == "https://fileapi.zoom.us/v2"
    explicit = cls(
        auth=zc.BearerToken("t"),
        base_url="http://127.0.0.1:8000/v2",
        file_base_url="http://127.0.0.1:9000/files/v2",
    )
    assert explicit.file_base_url == "http://127.0.0.1:9000/files/v2"


@BOTH
def test_from_env_derives_the_file_api_url_unless_set(cls: Client) -> None:
    """ZOOM_API_BASE_URL alone moves the uploads too; ZOOM_FILE_API_BASE_URL still wins."""
    env = {
        "ZOOM_ACCOUNT_ID": "a",
        "ZOOM_CLIENT_ID": "i",
        "ZOOM_CLIENT_SECRET": "s",
        "ZOOM_API_BASE_URL": "http://127.0.0.1:8765/v2",
        "ZOOM_OAUTH_TOKEN_URL": "http://127.0.0.1:8765/oauth/token",
    }
    assert cls.from_env(env).file_base_url == "http://127.0.0.1:8765/file/v2"
    files = {**env, "ZOOM_FILE_API_BASE_URL": "http://127.0.0.1:8766/f/v2"}
    assert cls.from_env(files).file_base_url == "http://127.0.0.1:8766/f/v2"


@BOTH
@pytest.mark.parametrize(
    ("auth", "urls", "message"),
    [
        (
            {},
            {"base_url": "http://127.0.0.1:8000/v2"},
            "base_url 'http://127.0.0.1:8000/v2' is "
            "not Zoom's, and the token comes from Zoom's token URL",
        ),
        (
            MOCK_AUTH,
            {},
            "base_url 'https://api.zoom.us/v2' is Zoom's, and the token comes from "
            "https://mock.example/oauth/token",
        ),
        (
            MOCK_AUTH,
            {"base_url": f"{MOCK}/v2", "file_base_url": "https://fileapi.zoom.us/v2"},
            "file_base_url 'https://fileapi.zoom.us/v2' is Zoom's",
        ),
    ],
    ids=["zoom-token-to-mock", "mock-token-to-zoom", "mock-token-to-zoom-files"],
)
def test_a_configuration_sending_a_token_across_is_refused(
    cls: Client, auth: dict[str, str], urls: dict[str, str], message: str
) -> None:
    """The constructor refuses URLs the token may not go to, before anything is sent."""
    with pytest.raises(ValueError, match=re.escape(message)):
        cls(auth=make_auth(**auth), **urls)
