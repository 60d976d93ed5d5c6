"""``zoom_clips.inventory.refresh_clip``: one clip fetched by id and stored as sync stores it
(a webhook's clip event between syncs), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from zoom_clips import AsyncZoomClips, BearerToken, InternalServerError
from zoom_clips.inventory import ClipRefresh, _schema, migrate, open_database, refresh_clip
from zoom_clips.inventory._figures import figures
from zoom_clips.mock import MockServer

from tests.inventory.conftest import NOW, SINCE, client_for, running_mock, table_rows
from tests.inventory.test_sync_e2e import admin_change, sync_once

LATER = NOW + dt.timedelta(hours=1)
BOOKKEEPING = ("first_seen", "last_seen")


def at(when: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock frozen at ``when``."""
    return lambda: when


def refresh(server: MockServer, engine: sa.Engine, clip_id: str, **kwargs: Any) -> ClipRefresh:
    """``refresh_clip`` of ``clip_id`` from ``server``, at ``LATER`` unless a clock is given."""
    kwargs.setdefault("clock", at(LATER))

    async def go() -> ClipRefresh:
        async with client_for(server) as aclient:
            return await refresh_clip(engine, aclient, clip_id, **kwargs)

    return asyncio.run(go())


def first_clip(server: MockServer) -> tuple[str, str]:
    """(the first sub account's id, the id of its newest live clip)."""
    account = server.dataset.sub_accounts[0].id
    wires = server.dataset.select(account, from_=SINCE, to=server.clock.now())
    live = [w for w in wires if w["status"] != "RECORD_DELETE"]
    return account, str(live[0]["clip_id"])


def clip_rows(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    return {row["clip_id"]: row for row in table_rows(engine, "clips")}


def test_a_new_clip_is_stored_as_a_sync_stores_it(new_database: Callable[[], str]) -> None:
    """The row a refresh writes equals, field for field, the one a sync writes for that clip."""
    by_refresh, by_sync = open_database(new_database()), open_database(new_database())
    try:
        with running_mock(clips=120) as server:
            account, clip_id = first_clip(server)
            done = refresh(server, by_refresh, clip_id, account_id=account)
            sync_once(server, by_sync)
        assert done.outcome == "inserted"
        assert done.run_id is not None
        stored = clip_rows(by_refresh)
        assert list(stored) == [clip_id]
        synced = clip_rows(by_sync)[clip_id]
        own = {k: v for k, v in stored[clip_id].items() if k not in BOOKKEEPING}
        assert own == {k: v for k, v in synced.items() if k not in BOOKKEEPING}
        assert stored[clip_id]["first_seen"] == stored[clip_id]["last_seen"] == LATER
        runs = table_rows(by_refresh, "runs")
        assert [(r["mode"], r["run_id"], r["outcome"]) for r in runs] == [
            ("webhook", done.run_id, "ok")
        ]
    finally:
        by_refresh.dispose()
        by_sync.dispose()


def test_the_same_clip_twice_changes_nothing(engine: sa.Engine) -> None:
    """A second refresh of an unchanged clip (the same event delivered again) writes no row."""
    with running_mock(clips=60) as server:
        account, clip_id = first_clip(server)
        refresh(server, engine, clip_id, account_id=account)
        before = {name: table_rows(engine, name) for name in ("clips", "runs", "exposure_history")}
        again = refresh(server, engine, clip_id, account_id=account)
    assert again == ClipRefresh(clip_id, "unchanged")
    assert {name: table_rows(engine, name) for name in before} == before


def test_a_change_is_recorded_in_the_history_under_a_webhook_run(engine: sa.Engine) -> None:
    """A clip whose scope changed since the sync is updated, the change in exposure_history."""
    with running_mock(clips=60) as server:
        account, clip_id = first_clip(server)
        sync_once(server, engine)
        scope = "PRIVATE" if clip_rows(engine)[clip_id]["share_scope"] == "ANYONE" else "ANYONE"
        admin_change(server, clip_id, {"share_link_settings": {"share_scope": scope}})
        done = refresh(server, engine, clip_id)  # held: no account id needed
    assert done.outcome == "updated"
    assert clip_rows(engine)[clip_id]["share_scope"] == scope
    assert clip_rows(engine)[clip_id]["account_id"] == account
    history = table_rows(engine, "exposure_history", without=("id",))
    assert [(h["clip_id"], h["field"], h["new_value"], h["run_id"]) for h in history] == [
        (clip_id, "share_scope", scope, done.run_id)
    ]
    assert figures(engine).runs == 1  # the report counts the syncs, not the webhook's run


def test_a_soft_deleted_clip_is_recorded_as_sync_records_it(engine: sa.Engine) -> None:
    """Zoom's delete is soft: the clip comes back RECORD_DELETE, a change of status."""
    with running_mock(clips=60) as server:
        account, clip_id = first_clip(server)
        refresh(server, engine, clip_id, account_id=account)
        admin_change(server, clip_id, {"status": "RECORD_DELETE"})
        done = refresh(server, engine, clip_id, clock=at(LATER + dt.timedelta(minutes=1)))
    assert done.outcome == "updated"
    assert clip_rows(engine)[clip_id]["status"] == "RECORD_DELETE"
    history = table_rows(engine, "exposure_history", without=("id",))
    assert [(h["field"], h["new_value"]) for h in history] == [("status", "RECORD_DELETE")]


def _stub_client(answers: list[tuple[int, dict[str, Any]]]) -> AsyncZoomClips:
    """A client whose GET /clips/{id} answers ``answers`` in turn (over a MockTransport)."""

    def answer(request: httpx.Request) -> httpx.Response:
        status, body = answers.pop(0)
        return httpx.Response(status, json=body)

    return AsyncZoomClips(
        auth=BearerToken("t"),
        base_url="https://api.zoom.us/v2",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
        max_retries=0,
    )


def _wire(modified: str, title: str) -> dict[str, Any]:
    return {
        "clip_id": "c1",
        "title": title,
        "status": "RECORD_SUCCESS",
        "created_date": "2025-06-01T00:00:00Z",
        "modified_date": modified,
    }


def _refresh_each(engine: sa.Engine, answers: list[tuple[int, dict[str, Any]]]) -> list[str]:
    async def go() -> list[str]:
        client = _stub_client(answers)
        outcomes = []
        while answers:
            done = await refresh_clip(engine, client, "c1", account_id="A1", clock=at(LATER))
            outcomes.append(done.outcome)
        return outcomes

    return asyncio.run(go())


def test_an_older_state_never_overwrites_a_newer_one(engine: sa.Engine) -> None:
    """Fetches answered out of order: the state with the later modified_date stays."""
    outcomes = _refresh_each(
        engine,
        [(200, _wire("2025-06-02T00:00:00Z", "new")), (200, _wire("2025-06-01T12:00:00Z", "old"))],
    )
    assert outcomes == ["inserted", "unchanged"]
    assert clip_rows(engine)["c1"]["title"] == "new"


def test_a_clip_zoom_no_longer_has_is_marked_missing_as_a_full_sync_marks_it(
    engine: sa.Engine,
) -> None:
    """404 for a held clip sets missing_since (the row kept); again, or unheld, writes nothing."""
    gone = {"code": 2000, "message": "clip does not exist"}
    outcomes = _refresh_each(
        engine, [(200, _wire("2025-06-02T00:00:00Z", "t")), (404, gone), (404, gone)]
    )
    assert outcomes == ["inserted", "missing", "absent"]
    row = clip_rows(engine)["c1"]
    assert row["missing_since"] == LATER
    assert row["title"] == "t"
    assert [r["mode"] for r in table_rows(engine, "runs")] == ["webhook", "webhook"]


def test_an_unheld_clip_that_is_gone_writes_nothing(engine: sa.Engine) -> None:
    """404 for a clip the inventory never held: nothing to record."""
    assert _refresh_each(engine, [(404, {"code": 2000, "message": "gone"})]) == ["absent"]
    assert table_rows(engine, "clips") == table_rows(engine, "runs") == []


def test_a_new_clip_needs_its_account(engine: sa.Engine) -> None:
    """Without an account id a clip the inventory does not hold is refused, nothing written."""

    async def go() -> None:
        client = _stub_client([(200, _wire("2025-06-02T00:00:00Z", "t"))])
        await refresh_clip(engine, client, "c1", clock=at(LATER))

    with pytest.raises(ValueError, match="account_id"):
        asyncio.run(go())
    assert table_rows(engine, "clips") == table_rows(engine, "runs") == []


def test_a_failed_fetch_writes_nothing(engine: sa.Engine) -> None:
    """A fetch that fails (500) raises the client's error; the inventory is left as it was."""
    with pytest.raises(InternalServerError):
        _refresh_each(engine, [(500, {"message": "boom"})])
    assert table_rows(engine, "runs") == []


def test_a_failed_sync_is_still_resumed_after_a_webhook_refresh(engine: sa.Engine) -> None:
    """Webhook runs are not syncs: the next sync resumes the failed one, not a webhook's."""
    with running_mock(clips=60) as server:
        account, clip_id = first_clip(server)
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(
                _schema.runs.insert().values(
                    mode="incremental",
                    started_at=NOW,
                    until=NOW,
                    requests=0,
                    clips=0,
                    outcome="failed",
                )
            )
        refresh(server, engine, clip_id, account_id=account)
        report = sync_once(server, engine)
    assert report.resumed
    assert report.run_id == 1
