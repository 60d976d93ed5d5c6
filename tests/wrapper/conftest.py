"""One harness runs every behaviour on the sync and the async client (parametrized, not copied)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import attrs
import httpx
import pytest
from zoom_clips import AsyncZoomClips, Clip, ClipsPage, RetryPolicy, ServerToServerOAuth, ZoomClips

Handler = Callable[[httpx.Request], httpx.Response]
ACCOUNT = "acct-1"
SECRET = "sup3r-s3cret-client-secret"
TOKEN = "issued-access-token-0001"
PASSCODE = "Dmpy*xy7-passcode"
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def clip_json(clip_id: str, **fields: Any) -> dict[str, Any]:
    """A clip as Zoom sends it, with every field the spec knows."""
    return {
        "clip_id": clip_id,
        "title": f"clip {clip_id}",
        "description": "d",
        "duration": 61,
        "status": "RECORD_SUCCESS",
        "owner_id": "owner-1",
        "file_size": 1234,
        "share_link": f"https://zoom.us/clips/share/{clip_id}",
        "share_link_settings": {
            "enable_passcode": True,
            "passcode": PASSCODE,
            "share_scope": "SAME_ORGANIZATON",
        },
        "thumbnail_link": "https://file.zoom.us/t.jpg",
        "created_date": "2025-01-10T01:51:50.631+00:00",
        "modified_date": "2025-01-11T10:06:08Z",
        **fields,
    }


def page_json(clips: list[dict[str, Any]], token: str = "", **extra: Any) -> dict[str, Any]:
    """A 200 body of the list endpoint."""
    return {"data": clips, "next_page_token": token, "page_size": 30, "total_records": len(clips)}


def serve_page(request: httpx.Request) -> httpx.Response:
    """One page with one clip, whatever was asked."""
    return json_response(200, page_json([clip_json("a")]))


@attrs.define
class FakeZoom:
    """A scripted Zoom: a token endpoint that counts, and the test's handler for the API."""

    api: Handler
    token_status: int = 200
    token_body: Any = attrs.field(factory=lambda: {"access_token": TOKEN, "expires_in": 3600})
    token_requests: list[httpx.Request] = attrs.field(factory=list)
    api_requests: list[httpx.Request] = attrs.field(factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            self.token_requests.append(request)
            return httpx.Response(self.token_status, json=self.token_body)
        self.api_requests.append(request)
        return self.api(request)

    def queries(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.api_requests]


@attrs.define
class Facade:
    """Drives either client with plain calls, so one test body covers both."""

    kind: str
    client: ZoomClips | AsyncZoomClips
    sleeps: list[float]

    def list_page(self, *args: Any, **kwargs: Any) -> ClipsPage:
        if isinstance(self.client, ZoomClips):
            return self.client.clips.list_page(*args, **kwargs)
        return asyncio.run(self.client.clips.list_page(*args, **kwargs))

    def list_all(self, *args: Any, **kwargs: Any) -> list[Clip]:
        if isinstance(self.client, ZoomClips):
            return list(self.client.clips.list(*args, **kwargs))
        client = self.client

        async def collect() -> list[Clip]:
            return [clip async for clip in client.clips.list(*args, **kwargs)]

        return asyncio.run(collect())

    def list_call(self, *args: Any, **kwargs: Any) -> object:
        """Just call ``list`` (argument checking happens here, before iteration)."""
        return self.client.clips.list(*args, **kwargs)


def make_auth(**kwargs: Any) -> ServerToServerOAuth:
    return ServerToServerOAuth(
        account_id=ACCOUNT, client_id="client-id", client_secret=SECRET, **kwargs
    )


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(kind: str) -> Iterator[Callable[..., Facade]]:
    """``make_client(handler, **client_kwargs)``: a client of the parametrized kind over a mock."""
    made: list[Facade] = []

    def make(handler: Handler, *, auth: Any = None, **kwargs: Any) -> Facade:
        sleeps: list[float] = []
        policy = kwargs.pop("retry_policy", None) or RetryPolicy(
            max_retries=kwargs.pop("max_retries", 3), rand=lambda: 0.5, now=lambda: NOW
        )
        client: ZoomClips | AsyncZoomClips
        if kind == "sync":
            client = ZoomClips(
                auth=auth or make_auth(),
                http_client=httpx.Client(transport=httpx.MockTransport(handler)),
                sleep=sleeps.append,
                retry_policy=policy,
                **kwargs,
            )
        else:

            async def record(seconds: float) -> None:
                sleeps.append(seconds)

            client = AsyncZoomClips(
                auth=auth or make_auth(),
                http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
                sleep=record,
                retry_policy=policy,
                **kwargs,
            )
        facade = Facade(kind, client, sleeps)
        made.append(facade)
        return facade

    yield make
    for facade in made:
        if isinstance(facade.client, ZoomClips):
            facade.client.close()


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)
