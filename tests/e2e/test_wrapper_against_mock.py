"""The wrapper end to end against the mock Zoom over real loopback HTTP, sync and async alike."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from zoom_clips import (
    AsyncZoomClips,
    Clip,
    RateLimitError,
    ServerToServerOAuth,
    ShareScope,
    TokenPair,
    UserOAuth,
    ZoomClips,
)
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)  # the mock's data covers 2025-01-10 .. now
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """One seeded mock for the read-only tests of this module (its state is reset per test)."""
    with serve(MockConfig(seed=11, clips=2400, clock=MockClock(NOW))) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: MockServer) -> None:
    server.reset()


def s2s(server: MockServer) -> ServerToServerOAuth:
    return ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )


def list_all(kind: str, server: MockServer, account_id: str, **query: Any) -> list[Clip]:
    """Every clip ``clips.list`` yields, through the sync or the async client."""
    if kind == "sync":
        with ZoomClips(auth=s2s(server), base_url=server.base_url) as client:
            return list(client.clips.list(account_id, **query))

    async def collect() -> list[Clip]:
        async with AsyncZoomClips(auth=s2s(server), base_url=server.base_url) as client:
            return [clip async for clip in client.clips.list(account_id, **query)]

    return asyncio.run(collect())


def truth(server: MockServer, account_id: str, **query: Any) -> list[str]:
    frm, to = query.pop("from_"), query.pop("to")
    rows = server.dataset.select(account_id, from_=frm.isoformat(), to=to.isoformat(), **query)
    return [row["clip_id"] for row in rows]


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("page_size", [30, 300])
def test_a_year_lists_exactly_the_data_set(kind: str, page_size: int, server: MockServer) -> None:
    """Twelve one-month windows, many pages each: no clip lost, none repeated."""
    account = server.dataset.sub_accounts[0].id
    clips = list_all(kind, server, account, from_=YEAR[0], to=YEAR[1], page_size=page_size)
    ids = [clip.clip_id for clip in clips]
    expected = truth(server, account, from_=YEAR[0], to=YEAR[1])
    assert len(expected) > 12 * page_size // 10  # several pages per window at page_size 30
    assert len(ids) == len(set(ids))
    assert set(ids) == set(expected)
    assert server.stats()["tokens_issued"] == 1


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_filters_reach_zoom_on_every_page(kind: str, server: MockServer) -> None:
    """Status and created-date filtering over a year equal the data set's own selection."""
    account = server.dataset.sub_accounts[1].id
    query = {"status": "RECORD_SUCCESS", "date_filter_type": "CREATED_DATE"}
    clips = list_all(kind, server, account, from_=YEAR[0], to=YEAR[1], page_size=30, **query)
    assert {c.clip_id for c in clips} == set(
        truth(server, account, from_=YEAR[0], to=YEAR[1], **query)
    )
    assert {c.status for c in clips} == {"RECORD_SUCCESS"}


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_misspelt_and_corrected_share_scope_read_the_same(kind: str) -> None:
    """Whether Zoom sends SAME_ORGANIZATON or fixes it, the wrapper yields the same member."""
    scopes = []
    for fixed in (False, True):
        config = MockConfig(seed=5, clips=300, clock=MockClock(NOW), fix_share_scope_spelling=fixed)
        with serve(config) as server:
            account = server.dataset.sub_accounts[0].id
            clips = list_all(kind, server, account, from_=YEAR[0], to=YEAR[1], page_size=300)
            scopes.append(sorted(str(c.share_link_settings.share_scope) for c in clips))  # type: ignore[union-attr]
    assert scopes[0] == scopes[1]
    assert ShareScope.SAME_ORGANIZATION in scopes[0]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_expired_access_token_is_refreshed_once(kind: str) -> None:
    """A token that expired on Zoom's clock (401 code 124) is replaced and the call retried."""
    with serve(MockConfig(seed=2, clips=300, clock=MockClock(NOW), token_ttl=60)) as server:
        account = server.dataset.sub_accounts[0].id
        auth = s2s(server)

        async def twice_async() -> None:
            async with AsyncZoomClips(auth=auth, base_url=server.base_url) as client:
                await client.clips.list_page(account)
                server.clock.advance(120)  # the mock's token expires; the client cannot know
                await client.clips.list_page(account)

        if kind == "sync":
            with ZoomClips(auth=auth, base_url=server.base_url) as client:
                client.clips.list_page(account)
                server.clock.advance(120)
                client.clips.list_page(account)
        else:
            asyncio.run(twice_async())
        stats = server.stats()
        assert stats["tokens_issued"] == 2
        assert stats["requests_by_status"].get("401") == 1


def test_fifty_concurrent_requests_on_a_cold_cache_fetch_one_token(server: MockServer) -> None:
    """50 tasks start together with no token: the mock issues exactly one."""
    account = server.dataset.sub_accounts[0].id

    async def fifty() -> None:
        async with AsyncZoomClips(auth=s2s(server), base_url=server.base_url) as client:
            await asyncio.gather(*(client.clips.list_page(account) for _ in range(50)))

    asyncio.run(fifty())
    stats = server.stats()
    assert stats["tokens_issued"] == 1
    assert stats["requests_by_status"].get("200", 0) >= 50


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_daily_limit_raises_after_exactly_one_request(kind: str) -> None:
    """A daily-limit 429 is not retried: RateLimitError at once, with the reset time."""
    with serve(MockConfig(seed=2, clips=100, clock=MockClock(NOW), daily_limit=1)) as server:
        account = server.dataset.sub_accounts[0].id
        list_all(kind, server, account)  # spends the day's only request
        before = server.stats()["requests"]
        with pytest.raises(RateLimitError) as caught:
            list_all(kind, server, account)
        assert server.stats()["requests"] - before == 2  # one token request, one API request
        assert caught.value.limit_type == "Daily-limit"
        assert caught.value.retry_after is not None


def test_user_oauth_rotates_and_hands_every_pair_to_the_app() -> None:
    """UserOAuth refreshes with the rotating token, lists `me`, and reports each new pair."""
    with serve(MockConfig(seed=4, clips=300, clock=MockClock(NOW))) as server:
        pairs: list[TokenPair] = []
        auth = UserOAuth(
            client_id=server.client_id,
            client_secret=server.client_secret,
            refresh_token=server.refresh_token,
            on_token=pairs.append,
            token_url=server.token_url,
        )
        user = server.dataset.find_user(server.dataset.sub_accounts[0].id, server.refresh_user_id)
        assert user is not None
        with ZoomClips(auth=auth, base_url=server.base_url) as client:
            page = client.clips.list_page(
                server.dataset.sub_accounts[0].id, user_id="me", from_=YEAR[0], to=date(2025, 1, 31)
            )
        assert {clip.owner_id for clip in page.data} <= {server.refresh_user_id}
        assert len(pairs) == 1
        assert pairs[0].refresh_token not in ("", server.refresh_token)  # rotated
        stale = httpx.post(
            server.token_url,
            data={"grant_type": "refresh_token", "refresh_token": server.refresh_token},
            auth=(server.client_id, server.client_secret),
        )
        assert stale.status_code in (400, 401)  # the old refresh token is spent


def test_no_secret_or_passcode_reaches_logs_or_reprs(
    server: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A full DEBUG-logged listing leaks neither the client secret nor any clip passcode."""
    account = server.dataset.sub_accounts[0].id
    caplog.set_level(logging.DEBUG)
    clips = list_all("sync", server, account, from_=YEAR[0], to=YEAR[1], page_size=300)
    passcodes = {
        row["share_link_settings"].get("passcode")
        for row in server.dataset.select(account, from_="2025-01-01", to="2025-12-31")
    } - {None, ""}
    assert passcodes
    shown = caplog.text + "".join(repr(c) + str(c) for c in clips)
    assert server.client_secret not in shown
    leaked = [p for p in passcodes if p in shown]
    assert not leaked
