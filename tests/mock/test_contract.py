"""Schemathesis drives ``spec/master.json`` against the mock with every check: 0 failures.

Settings shared with ``make contract`` live in the repository's ``schemathesis.toml`` (each
justified there). Both runs freeze the mock's clock at the instant that file's dates are chosen
around, and authenticate with a token from the mock's own ``/oauth/token``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from zoom_clips.mock import MockClock, MockConfig, MockServer, create_app, serve

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = ROOT / "spec" / "master.json"
# The instant the repository's schemathesis.toml picks its `from`/`to` values around.
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_path(ROOT / "schemathesis.toml")


async def _token(client: httpx.AsyncClient, token_url: str) -> str:
    response = await client.post(
        token_url,
        auth=("mock-client-id", "mock-client-secret"),
        data={"grant_type": "account_credentials", "account_id": "mock-master-account"},
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


async def _in_process_token(app: Any) -> str:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await _token(client, "/oauth/token")


APP = create_app(MockConfig(seed=7, clips=1500, clock=MockClock(NOW)))
IN_PROCESS = schemathesis.openapi.from_path(SPEC, config=_config())
IN_PROCESS.app = APP
IN_PROCESS.config.update(
    base_url="http://testserver/v2",  # the spec's server lacks /v2; the mock serves under it
    headers={"Authorization": f"Bearer {asyncio.run(_in_process_token(APP))}"},
)
OVER_HTTP = schemathesis.openapi.from_path(SPEC, config=_config())


@IN_PROCESS.parametrize()
def test_in_process_app_conforms_to_the_spec(case: schemathesis.Case) -> None:
    """Every generated request to the in-process app passes every schemathesis check."""
    case.call_and_validate()


@pytest.fixture(scope="module")
def served() -> Any:
    with serve(MockConfig(seed=3, clips=1500, clock=MockClock(NOW))) as server:
        token = asyncio.run(_http_token(server))
        yield server, token


async def _http_token(server: MockServer) -> str:
    async with httpx.AsyncClient() as client:
        return await _token(client, server.token_url)


@OVER_HTTP.parametrize()
def test_served_mock_conforms_to_the_spec_over_http(
    case: schemathesis.Case, served: tuple[MockServer, str]
) -> None:
    """Every generated request over real loopback HTTP passes every schemathesis check."""
    server, token = served
    case.call_and_validate(base_url=server.base_url, headers={"Authorization": f"Bearer {token}"})
