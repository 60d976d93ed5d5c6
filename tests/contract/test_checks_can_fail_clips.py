"""The checks of endpoints.json's operations fail a server that breaks Zoom's rules.

As in ``test_checks_can_fail.py``: each broken server is the mock behind a small ASGI wrapper
that plants one bug, and one hand-written, spec-valid case goes through ``call_and_validate``
with every check; the same case against the unbroken mock passes.
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

from tests.contract import zoom_checks
from tests.contract.endpoints_schema import SPEC, schema_document
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token

ROOT = SPEC.parent.parent
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
Wrapper = Callable[[ASGIApp], ASGIApp]
MOCK = create_app(MockConfig(seed=5, clips=3000, clock=MockClock(NOW), transfer_seconds=0))
MOCK_TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(MOCK))
_DATA = MOCK.state.mock.dataset
_MASTER = _DATA.accounts[0]
_CLIP = next(c for c in _DATA.clips if c["owner_id"] == _MASTER.users[0].id)
# A clip with more than one page of collaborators at page_size=5.
_SOCIAL = MOCK.state.mock.social
_BUSY = next(
    c["clip_id"] for c in _DATA.clips if len(_SOCIAL.collaborators(_DATA.clip(c["clip_id"]))) > 12
)


def _answering(
    method: str, path_end: str, status: int, body: bytes, content_type: bytes = b"application/json"
) -> Wrapper:
    """A server answering ``method`` on paths ending ``path_end`` with this response instead."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            path: str = scope.get("path", "")
            if scope["type"] == "http" and scope["method"] == method and path.endswith(path_end):
                headers = [(b"content-type", content_type)]
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

        return broken

    return wrap


def _hard_delete(app: ASGIApp) -> ASGIApp:
    """A server whose deleted clips are gone: GET of one is then 404 code 2000."""
    deleted: set[str] = set()

    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and scope["method"] == "GET" and path in deleted:
            body = json.dumps({"code": 2000, "message": "Clip does not exist."}).encode()
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "http" and scope["method"] == "DELETE":
            deleted.add(path)
        await app(scope, receive, send)

    return broken


def _rewriting(path_part: str, edit: Callable[[dict[str, Any], str], None]) -> Wrapper:
    """A server whose 200 bodies on paths containing ``path_part`` pass through ``edit``."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or path_part not in scope.get("path", ""):
                await app(scope, receive, send)
                return
            query = scope.get("query_string", b"").decode()
            start: Message = {}

            async def rewrite(message: Message) -> None:
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                    return
                body = message.get("body", b"")
                if start["status"] == 200 and body.startswith(b"{"):
                    data = json.loads(body)
                    edit(data, query)
                    body = json.dumps(data).encode()
                headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})

            await app(scope, receive, rewrite)

        return broken

    return wrap


def _other_target(body: dict[str, Any], _query: str) -> None:
    body["target_owner_user_id"] = "someone-else"


def _skip_first_of_later_pages(body: dict[str, Any], query: str) -> None:
    if "next_page_token" in query:
        del body["data"][:1]


def _unchanged(app: ASGIApp) -> ASGIApp:
    return app


_FULL = {
    "transfer_type": "FULL_TRANSFER",
    "source_owner_user_id": _MASTER.users[0].id,
    "target_owner_user_id": _MASTER.users[1].id,
}
_CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "missing": ("/clips/{clipId}", "GET", {"path_parameters": {"clipId": "no-such-clip"}}),
    "delete": ("/clips/{clipId}", "DELETE", {"path_parameters": {"clipId": _CLIP["clip_id"]}}),
    "transfer": ("/clips/transfers", "POST", {"body": _FULL, "media_type": "application/json"}),
    "remove": (
        "/clips/{clipId}/collaborators",
        "DELETE",
        {"path_parameters": {"clipId": _CLIP["clip_id"]}, "query": {"user_key": "x@y.org"}},
    ),
    "pages": (
        "/clips/{clipId}/collaborators",
        "GET",
        {"path_parameters": {"clipId": _BUSY}, "query": {"page_size": 5}},
    ),
}
BUGS = [
    pytest.param(
        _answering("GET", "/no-such-clip", 404, b"Not Found", b"text/plain"),
        "missing",
        "without Zoom's {code, message} JSON body",
        id="plain-text-404",
    ),
    pytest.param(_hard_delete, "delete", "Zoom's delete is soft", id="hard-delete"),
    pytest.param(
        _answering("POST", "/clips/transfers", 400, b'{"code": 10004, "message": "over 50"}'),
        "transfer",
        "10004 for no clip ids",
        id="10004-without-50-ids",
    ),
    pytest.param(
        _answering("POST", "/clips/transfers", 400, b'{"code": 10001, "message": "missing"}'),
        "transfer",
        "10001 (missing field) though every field",
        id="10001-with-every-field",
    ),
    pytest.param(
        _answering("DELETE", "/collaborators", 400, b'{"code": 300, "message": "bad"}'),
        "remove",
        "the spec documents [1500]",
        id="undocumented-400-code",
    ),
    pytest.param(
        _rewriting("/clips/transfers/", _other_target),
        "transfer",
        "reports {'target_owner_user_id': 'someone-else'}",
        id="task-names-another-target",
    ),
    pytest.param(
        _rewriting("/collaborators", _skip_first_of_later_pages),
        "pages",
        "missing",
        id="collaborator-page-skips-one",
    ),
]


@pytest.fixture
def serve_broken() -> Iterator[Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]]]:
    """Build the endpoints schema whose app is the mock behind ``wrapper``, checks pointed at it."""
    stack: list[Any] = []

    def build(wrapper: Wrapper) -> tuple[schemathesis.BaseSchema, Target]:
        app = wrapper(MOCK)
        schema = schemathesis.openapi.from_dict(
            schema_document(), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
        )
        schema.app = app
        schema.config.update(base_url="http://testserver/v2")
        target = Target(base_url="http://testserver/v2", token=MOCK_TOKEN, now=NOW, app=app)
        context = zoom_checks.use_target(target)
        context.__enter__()
        stack.append(context)
        return schema, target

    yield build
    for context in stack:
        context.__exit__(None, None, None)


def _case(schema: schemathesis.BaseSchema, name: str) -> schemathesis.Case:
    path, method, parts = _CASES[name]
    return schema[path][method].Case(**parts)


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
        _case(schema, case).call_and_validate(headers=target.headers)
    assert message in _text(failure.value)


@pytest.mark.parametrize("case", sorted(_CASES))
def test_the_mock_itself_passes_the_same_cases(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]], case: str
) -> None:
    """Each case against the unbroken mock passes every check."""
    schema, target = serve_broken(_unchanged)
    response = _case(schema, case).call_and_validate(headers=target.headers)
    assert response.status_code < 500


def _text(error: BaseException) -> str:
    parts = [str(error)]
    for inner in getattr(error, "exceptions", ()):
        parts.append(_text(inner))
    return "\n".join(parts)
