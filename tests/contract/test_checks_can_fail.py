"""The custom checks fail a server that breaks Zoom's rules, and pass the mock that keeps them.

Each broken server is the mock behind a small ASGI wrapper that plants one bug; the same
hand-written, spec-valid case then goes through ``call_and_validate`` with every check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from zoom_clips.mock import MockClock, MockConfig, create_app

from tests.contract import zoom_checks
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token

ROOT = Path(__file__).resolve().parent.parent.parent
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
# A week of the master account's clips: several pages of 30 in this data set.
WEEK = {"from": "2025-06-08T00:00:00Z", "to": "2025-06-15T00:00:00Z"}
Wrapper = Callable[[ASGIApp], ASGIApp]
# One mock for every test here: each broken server is a fresh wrapper around it.
MOCK = create_app(MockConfig(seed=7, clips=20_000, clock=MockClock(NOW)))
MOCK_TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(MOCK))


def _refusing(param: str, refused: Callable[[str], bool]) -> Wrapper:
    """A server answering 400 code 300 when ``param`` has a value ``refused`` picks."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode()))
            if scope["type"] == "http" and param in query and refused(query[param]):
                body = json.dumps({"code": 300, "message": f"Invalid field: {param}"}).encode()
                headers = [(b"content-type", b"application/json")]
                await send({"type": "http.response.start", "status": 400, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

        return broken

    return wrap


def _rewriting(edit: Callable[[dict[str, Any], dict[str, str]], None]) -> Wrapper:
    """A server whose 200 bodies pass through ``edit(body, query)`` before they are sent."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def broken(scope: Scope, receive: Receive, send: Send) -> None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode()))
            start: Message = {}

            async def rewrite(message: Message) -> None:
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                    return
                if message["type"] != "http.response.body":
                    await send(message)
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


def _forgiving_tokens(app: ASGIApp) -> ASGIApp:
    """A server that takes a page token with any query: it replays the token's own query."""
    issued: dict[str, bytes] = {}

    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        query = dict(parse_qsl(scope.get("query_string", b"").decode()))
        token = query.get("next_page_token", "")
        if token in issued:
            scope = {
                **scope,
                "query_string": issued[token]
                + b"&"
                + urlencode({"next_page_token": token}).encode(),
            }

        async def remember(message: Message) -> None:
            if message["type"] == "http.response.body" and message.get("body", b"").startswith(
                b"{"
            ):
                following = json.loads(message["body"]).get("next_page_token")
                if following:
                    mine = {k: v for k, v in query.items() if k != "next_page_token"}
                    issued[following] = urlencode(mine).encode()
            await send(message)

        await app(scope, receive, remember)

    return broken


def _drop_tags(body: dict[str, Any], _query: dict[str, str]) -> None:
    for clip in body.get("data", []):
        clip.pop("tags", None)


def _fix_spelling(body: dict[str, Any], _query: dict[str, str]) -> None:
    for clip in body.get("data", []):
        if clip["share_link_settings"]["share_scope"] == "SAME_ORGANIZATON":
            clip["share_link_settings"]["share_scope"] = "SAME_ORGANIZATION"


def _overcount(body: dict[str, Any], _query: dict[str, str]) -> None:
    body["total_records"] += 1


def _skip_first_of_later_pages(body: dict[str, Any], query: dict[str, str]) -> None:
    if query.get("next_page_token"):
        del body["data"][:1]


def _unchanged(app: ASGIApp) -> ASGIApp:
    return app


def _case(schema: schemathesis.BaseSchema, **query: Any) -> schemathesis.Case:
    operation = schema["/accounts/{accountId}/clips"]["GET"]
    return operation.Case(query=query, path_parameters={"accountId": "mock-master-account"})


@pytest.fixture
def serve_broken() -> Iterator[Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]]]:
    """Build a schema whose app is the mock behind ``wrapper``, with the checks pointed at it."""
    stack: list[Any] = []

    def build(wrapper: Wrapper) -> tuple[schemathesis.BaseSchema, Target]:
        app = wrapper(MOCK)
        token = MOCK_TOKEN
        schema = schemathesis.openapi.from_path(
            ROOT / "spec" / "master.json",
            config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml"),
        )
        schema.app = app
        schema.config.update(base_url="http://testserver/v2")
        target = Target(base_url="http://testserver/v2", token=token, now=NOW, app=app)
        context = zoom_checks.use_target(target)
        context.__enter__()
        stack.append(context)
        return schema, target

    yield build
    for context in stack:
        context.__exit__(None, None, None)


BUGS = [
    pytest.param(
        _refusing("page_size", lambda v: int(v) > 100),
        {"page_size": 150},
        "no reason Zoom documents",
        id="page_size-over-100-refused",
    ),
    pytest.param(
        _refusing("status", lambda v: v == "SUSPENDED"),
        {"status": "SUSPENDED"},
        "no reason Zoom documents",
        id="suspended-refused",
    ),
    pytest.param(_rewriting(_drop_tags), {}, "`tags`", id="tags-dropped"),
    pytest.param(
        _rewriting(_fix_spelling), {"page_size": 300}, "SAME_ORGANIZATON", id="spelling-fixed"
    ),
    pytest.param(_rewriting(_overcount), {}, "total_records", id="total-off-by-one"),
    pytest.param(
        _rewriting(_skip_first_of_later_pages),
        {"page_size": 30},
        "total_records",
        id="page-skips-a-clip",
    ),
    pytest.param(_forgiving_tokens, {"page_size": 30}, "was accepted with", id="token-any-query"),
]


@pytest.mark.parametrize(("wrapper", "query", "message"), BUGS)
def test_each_planted_bug_fails_the_contract(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]],
    wrapper: Wrapper,
    query: dict[str, Any],
    message: str,
) -> None:
    """A server with this one bug fails ``call_and_validate`` for a spec-valid case, saying why."""
    schema, target = serve_broken(wrapper)
    with pytest.raises(BaseException) as failure:  # noqa: PT011 -- schemathesis groups failures
        _case(schema, **WEEK, **query).call_and_validate(headers=target.headers)
    assert message in _text(failure.value)


@pytest.mark.parametrize(("wrapper", "query", "message"), BUGS)
def test_the_mock_itself_passes_the_same_case(
    serve_broken: Callable[[Wrapper], tuple[schemathesis.BaseSchema, Target]],
    wrapper: Wrapper,
    query: dict[str, Any],
    message: str,
) -> None:
    """The same case against the unbroken mock gets a 200 and passes every check."""
    schema, target = serve_broken(_unchanged)
    response = _case(schema, **WEEK, **query).call_and_validate(headers=target.headers)
    assert response.status_code == 200
    if query.get("page_size") == 30:  # the paging bugs need a listing of several pages
        assert response.json()["next_page_token"]


def _text(error: BaseException) -> str:
    parts = [str(error)]
    for inner in getattr(error, "exceptions", ()):
        parts.append(_text(inner))
    return "\n".join(parts)
