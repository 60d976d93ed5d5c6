"""The checks of the four file operations fail a server that breaks Zoom's rules.

As in ``test_checks_can_fail_clips.py``: each broken server is the mock behind a small ASGI
wrapper that plants one bug (in the API, the file host, or the upload host), and one
hand-written, spec-valid case goes through ``call_and_validate`` with every check; the same
case against the unbroken mock passes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from zoom_clips.mock import MockClock, MockConfig, create_app

from tests.contract import zoom_checks, zoom_files_steering
from tests.contract.endpoints_schema import SPEC, schema_document
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token

ROOT = SPEC.parent.parent
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
BASE_URL = "http://testserver/v2"
FILE_BASE_URL = "http://testserver/file/v2"
Wrapper = Callable[[ASGIApp], ASGIApp]
Edit = Callable[[int, dict[bytes, bytes], bytes], tuple[int, dict[bytes, bytes], bytes]]
MOCK = create_app(MockConfig(seed=5, clips=300, clock=MockClock(NOW)))
MOCK_TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(MOCK))
# The smallest finished clip: the file host's checks read only ranges of it, but small is quick.
_CLIP = min(
    (c for c in MOCK.state.mock.dataset.clips if c["file_size"] and c["status"] != "RECORD_DELETE"),
    key=lambda c: c["file_size"],
)


def _rewriting(method: str, path_part: str, edit: Edit) -> Wrapper:
    """A server whose answers to ``method`` on paths ending ``path_part`` pass ``edit`` (on
    paths containing it, when it ends with ``/``)."""

    def matches(path: str) -> bool:
        return path_part in path if path_part.endswith("/") else path.endswith(path_part)

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            wanted = scope["type"] == "http" and scope["method"] in method.split("|")
            if not wanted or not matches(scope.get("path", "")):
                await app(scope, receive, send)
                return
            start: Message = {}
            chunks: list[bytes] = []

            async def rewrite(message: Message) -> None:
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                    return
                if message["type"] != "http.response.body":
                    await send(message)
                    return
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                headers = {k.lower(): v for k, v in start["headers"]}
                status, headers, body = edit(start["status"], headers, b"".join(chunks))
                if scope["method"] != "HEAD":
                    headers[b"content-length"] = str(len(body)).encode()
                await send({**start, "status": status, "headers": list(headers.items())})
                await send({"type": "http.response.body", "body": body})

            await app(scope, receive, rewrite)

        return broken

    return wrap


def _dropping_request_header(path_part: str, name: bytes) -> Wrapper:
    """A server that never sees the request header ``name`` on paths containing ``path_part``."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and path_part in scope.get("path", ""):
                headers = [(k, v) for k, v in scope["headers"] if k.lower() != name]
                scope = {**scope, "headers": headers}
            await app(scope, receive, send)

        return broken

    return wrap


def _json_edit(change: Callable[[dict[str, Any]], None], status: int | None = None) -> Edit:
    def edit(
        code: int, headers: dict[bytes, bytes], body: bytes
    ) -> tuple[int, dict[bytes, bytes], bytes]:
        if not 200 <= code < 300 or not body.startswith(b"{"):
            return code, headers, body
        data = json.loads(body)
        change(data)
        return status or code, headers, json.dumps(data).encode()

    return edit


def _download_is_200(code: int, headers: dict[bytes, bytes], body: bytes) -> Any:
    headers = {b"content-type": b"application/octet-stream"}
    return (200, headers, b"\x00mp4") if code == 302 else (code, headers, body)


def _content_length_plus_one(code: int, headers: dict[bytes, bytes], body: bytes) -> Any:
    if code == 200:
        headers[b"content-length"] = str(int(headers[b"content-length"]) + 1).encode()
    return code, headers, body


def _later_ranges_garbled(code: int, headers: dict[bytes, bytes], body: bytes) -> Any:
    if code == 206 and not headers.get(b"content-range", b"").startswith(b"bytes 0-"):
        body = bytes(255 - b for b in body)
    return code, headers, body


def _no_etag(data: dict[str, Any]) -> None:
    data["part_number_etag"].pop("etag", None)


def _other_size(data: dict[str, Any]) -> None:
    if "file_size" in data:
        data["file_size"] += 1


def _as_if_created(data: dict[str, Any]) -> None:
    if "clip_id" in data:
        data["upload_context"] = data.pop("clip_id")


def _refused(code: int, headers: dict[bytes, bytes], body: bytes) -> Any:
    return 400, headers, b'{"code": 300, "message": "Invalid part."}'


def _unchanged(app: ASGIApp) -> ASGIApp:
    return app


def _case(schema: schemathesis.BaseSchema, target: Target, name: str) -> schemathesis.Case:
    """The hand-written case ``name``, with a context (and a part) the server issued."""
    multipart = "multipart/form-data"
    if name == "download":
        path = {"clipId": _CLIP["clip_id"]}
        return schema["/clips/{clipId}/download"]["GET"].Case(path_parameters=path)
    if name == "single":
        body: dict[str, Any] = {"file": b"single upload bytes"}
        return schema["/clips/files"]["POST"].Case(body=body, media_type=multipart)
    events = schema["/clips/files/multipart/upload_events"]["POST"]
    if name == "create":
        body = {"method": "CreateMultipartUpload", "params": {"file_name": "c.mp4"}}
        return events.Case(body=body, media_type="application/json")
    context = zoom_files_steering.issue_context(target)
    assert context is not None
    if name == "part":
        body = {"file": b"one small part", "upload_context": context, "part_number": 1}
        return schema["/clips/files/multipart"]["POST"].Case(body=body, media_type=multipart)
    etag = zoom_files_steering.upload_part(target, context, 1, b"the only part")
    assert etag is not None
    params = {"upload_context": context, "part_number_etags": [{"part_number": 1, "etag": etag}]}
    body = {"method": "CompleteMultipartUpload", "params": params}
    return events.Case(body=body, media_type="application/json")


CASES = ("download", "single", "create", "part", "complete")
BUGS = [
    pytest.param(
        _rewriting("GET", "/download", _download_is_200),
        "download",
        "the download answered HTTP 200",
        id="download-answers-200",
    ),
    pytest.param(
        _dropping_request_header("/_files/", b"range"),
        "download",
        "expected 206",
        id="file-host-ignores-range",
    ),
    pytest.param(
        _rewriting("GET|HEAD", "/_files/", _content_length_plus_one),
        "download",
        "Content-Length is",
        id="file-host-wrong-length",
    ),
    pytest.param(
        _rewriting("GET", "/_files/", _later_ranges_garbled),
        "download",
        "disagree",
        id="file-host-ranges-disagree",
    ),
    pytest.param(
        _dropping_request_header("/_files/", b"authorization"),
        "download",
        "refuses a second credential",
        id="file-host-takes-the-token",
    ),
    pytest.param(
        _rewriting("POST", "/file/v2/clips/files", _json_edit(lambda _: None, status=200)),
        "single",
        "Received: 200",
        id="upload-answers-200",
    ),
    pytest.param(
        _rewriting("GET", "/v2/clips/", _json_edit(_other_size)),
        "single",
        "file_size",
        id="uploaded-clip-has-another-size",
    ),
    pytest.param(
        _rewriting("POST", "/clips/files/multipart", _json_edit(_no_etag)),
        "part",
        "not its part_number and an etag",
        id="part-etag-missing",
    ),
    pytest.param(
        _rewriting("POST", "/clips/files/multipart", _refused),
        "part",
        "to part 1 of a context the server issued",
        id="valid-part-refused",
    ),
    pytest.param(
        _rewriting("POST", "/upload_events", _json_edit(_as_if_created)),
        "complete",
        "not a clip_id",
        id="complete-answers-a-context",
    ),
]


@pytest.fixture
def serve_broken() -> Iterator[Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]]]:
    """Build the endpoints schema whose app is the mock behind ``wrapper``, checks pointed at it."""
    stack: list[Any] = []

    def build(wrapper: Wrapper) -> tuple[schemathesis.BaseSchema, Target]:
        app = wrapper(MOCK)
        schema = schemathesis.openapi.from_dict(
            schema_document(file_base_url=FILE_BASE_URL, base_url=BASE_URL),
            config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml"),
        )
        schema.app = app
        target = Target(
            base_url=BASE_URL, token=MOCK_TOKEN, now=NOW, app=app, file_base_url=FILE_BASE_URL
        )
        context = zoom_checks.use_target(target)
        context.__enter__()
        stack.append(context)
        return schema, target

    yield build
    for context in stack:
        context.__exit__(None, None, None)


@pytest.mark.parametrize(("wrapper", "case", "message"), BUGS)
def test_each_planted_bug_fails_the_contract(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]],
    wrapper: Wrapper,
    case: str,
    message: str,
) -> None:
    """A server with this one bug fails ``call_and_validate`` for a spec-valid case, saying why."""
    schema, target = serve_broken(wrapper)
    with pytest.raises(BaseException) as failure:  # noqa: PT011 -- schemathesis groups failures
        _case(schema, target, case).call_and_validate(headers=target.headers)
    assert message in _text(failure.value)


@pytest.mark.parametrize("case", CASES)
def test_the_mock_itself_passes_the_same_cases(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]], case: str
) -> None:
    """Each case against the unbroken mock passes every check."""
    schema, target = serve_broken(_unchanged)
    response = _case(schema, target, case).call_and_validate(headers=target.headers)
    assert response.status_code in (201, 302)


def _text(error: BaseException) -> str:
    parts = [str(error)]
    for inner in getattr(error, "exceptions", ()):
        parts.append(_text(inner))
    return "\n".join(parts)


def test_a_400_to_a_complete_without_a_context_is_not_faulted(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]],
) -> None:
    """A Complete naming no context (its one etag empty) may be refused: the 400 check does not
    mistake it for a Complete of an acknowledged part."""
    schema, target = serve_broken(_unchanged)
    body = {"method": "CompleteMultipartUpload", "params": {"part_number_etags": [{"etag": ""}]}}
    case = schema["/clips/files/multipart/upload_events"]["POST"].Case(
        body=body, media_type="application/json"
    )
    response = case.call_and_validate(headers=target.headers)
    assert response.status_code == 400
