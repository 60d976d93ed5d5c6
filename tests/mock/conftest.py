"""Shared helpers for the mock's tests: a frozen clock and an in-process client."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from zoom_clips.mock import MockClock, MockConfig, MockState, create_app

NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)


class InProcess:
    """A synchronous client for the ASGI app, over ``httpx.ASGITransport`` (no sockets)."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.state: MockState = app.state.mock
        self._user_token = ""
        self._admin_token = ""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def token(self) -> str:
        response = self.request(
            "POST",
            "/oauth/token",
            auth=("mock-client-id", "mock-client-secret"),
            data={"grant_type": "account_credentials", "account_id": "mock-master-account"},
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    def user_token(self) -> str:
        """A user-OAuth token (the first user of the first sub account): user scope only.

        The demo refresh token rotates on use, so the first token is kept and given again.
        """
        if self._user_token:
            return self._user_token
        response = self.request(
            "POST",
            "/oauth/token",
            auth=("mock-client-id", "mock-client-secret"),
            data={"grant_type": "refresh_token", "refresh_token": "mock-refresh-token"},
        )
        assert response.status_code == 200, response.text
        self._user_token: str = response.json()["access_token"]
        return self._user_token

    def reset(self) -> httpx.Response:
        """``POST /_mock/reset``, forgetting the tokens kept here too (the mock forgets them)."""
        self._admin_token = self._user_token = ""
        return self.request("POST", "/_mock/reset")

    def api(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        """``method`` on ``/v2{path}`` with a bearer token (one admin token unless given)."""
        if not token and not self._admin_token:
            self._admin_token = self.token()
        bearer = token or self._admin_token
        headers = {"Authorization": f"Bearer {bearer}"} | kwargs.pop("headers", {})
        return self.request(method, f"/v2{path}", headers=headers, **kwargs)

    def clips(self, account_id: str, token: str | None = None, **params: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token or self.token()}"}
        return self.request(
            "GET", f"/v2/accounts/{account_id}/clips", params=params, headers=headers
        )


MakeMock = Callable[..., InProcess]


@pytest.fixture
def make_mock() -> MakeMock:
    """Build an in-process mock; keyword arguments are MockConfig fields (clock frozen at NOW)."""

    def make(**options: Any) -> InProcess:
        options.setdefault("clock", MockClock(NOW))
        options.setdefault("clips", 2400)
        return InProcess(create_app(MockConfig(**options)))

    return make


@pytest.fixture
def mock(make_mock: MakeMock) -> InProcess:
    """A quiet in-process mock with 2,400 clips, its clock frozen at NOW."""
    return make_mock()
