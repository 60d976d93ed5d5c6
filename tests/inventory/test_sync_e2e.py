"""``zoom_clips.inventory`` end to end against the mock over loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from zoom_clips._models import clip_from_json
from zoom_clips.inventory import SyncFailedError, sync
from zoom_clips.inventory._store import OWN_FIELDS, clip_row
from zoom_clips.mock import MockServer
from zoom_clips.mock._data import Dataset

from tests.inventory.conftest import SINCE, client_for, running_mock, table_rows

BOOKKEEPING = ("first_seen", "last_seen", "missing_since")


def expected_rows(
    server: MockServer, *, include_passcodes: bool = False
) -> dict[str, dict[str, Any]]:
    """The mock's sub-account clips since SINCE, as the inventory must hold them."""
    rows = {}
    for account in server.dataset.sub_accounts:
        for wire in server.dataset.select(account.id, from_=SINCE, to=server.clock.now()):
            row = clip_row(account.id, clip_from_json(wire), include_passcodes=include_passcodes)
            rows[row["clip_id"]] = row
    return rows


def inventory(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    """The clips table as ``{clip_id: own fields}``."""
    return {
        row["clip_id"]: {k: row[k] for k in ("clip_id", *OWN_FIELDS)}
        for row in table_rows(engine, "clips")
    }


def sync_once(server: MockServer, engine: sa.Engine, **kwargs: Any) -> Any:
    """One run of sync against ``server`` for all its sub accounts, at the mock's now."""
    client_kwargs = kwargs.pop("client", {})

    async def go() -> Any:
        async with client_for(server, **client_kwargs) as aclient:
            accounts = [a.id for a in server.dataset.sub_accounts]
            return await sync(
                engine, aclient, accounts, since=SINCE, now=server.clock.now(), **kwargs
            )

    return asyncio.run(go())


def admin_change(server: MockServer, clip_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=changes)
    assert response.status_code == 200, response.text
    server.clock.advance(2)  # the next run ends after the change, as a later run would
    answer: dict[str, Any] = response.json()
    return answer


def test_faulty_rate_limited_first_sync_equals_the_mock(engine: sa.Engine) -> None:
    """With 20 % faults and a per-second limit a run completes with every clip, field for field."""
    with running_mock(fault_rate=0.2, qps=60) as server:
        report = sync_once(server, engine, client={"rate_limit": 60})
        assert report.outcome == "ok"
        assert server.stats()["faults"], "the mock injected no fault: the test proves nothing"
        assert inventory(engine) == expected_rows(server)


def test_a_second_run_without_changes_costs_one_page_per_account_and_changes_no_row(
    engine: sa.Engine,
) -> None:
    """Nothing changed in Zoom: at most two page requests per account, and no clip field written."""
    with running_mock(clips=3000) as server:  # the demo's size
        sync_once(server, engine)
        before = table_rows(engine, "clips", without=("last_seen",))
        stats = server.stats()
        report = sync_once(server, engine)
        after = server.stats()
        pages = (after["requests"] - stats["requests"]) - (
            after["tokens_issued"] - stats["tokens_issued"]
        )
        assert pages <= 2 * len(server.dataset.sub_accounts)
        assert report.inserted == report.updated == report.changes == 0
        assert table_rows(engine, "clips", without=("last_seen",)) == before
        assert table_rows(engine, "exposure_history") == []


def test_a_share_scope_change_between_runs_is_one_history_row(engine: sa.Engine) -> None:
    """The mock changes a clip's share scope; the next run updates it and records old -> new."""
    with running_mock() as server:
        sync_once(server, engine)
        account = server.dataset.sub_accounts[0].id
        wire = server.dataset.select(account, from_=SINCE, to=server.clock.now())[5]
        old = clip_row(account, clip_from_json(wire), include_passcodes=False)["share_scope"]
        new = "PRIVATE" if old == "ANYONE" else "ANYONE"
        admin_change(server, wire["clip_id"], {"share_link_settings": {"share_scope": new}})
        sync_once(server, engine)
        sync_once(server, engine)  # and a run after it adds nothing
        history = table_rows(engine, "exposure_history", without=("id", "observed_at", "run_id"))
        assert history == [
            {
                "clip_id": wire["clip_id"],
                "account_id": account,
                "field": "share_scope",
                "old_value": old,
                "new_value": new,
            }
        ]
        assert inventory(engine) == expected_rows(server)


def test_a_full_run_marks_clips_zoom_no_longer_returns_as_missing(engine: sa.Engine) -> None:
    """--full lists by created date and marks an unreturned clip missing, keeping its row."""
    with running_mock() as server:
        sync_once(server, engine)
        gone = server.dataset.select(
            server.dataset.sub_accounts[1].id, from_=SINCE, to=server.clock.now()
        )[0]["clip_id"]
        data = server.state.dataset
        kept = tuple(c for c in data._clips if c.wire["clip_id"] != gone)
        server.state.dataset = Dataset(data.master_account_id, data.accounts, kept)
        report = sync_once(server, engine, full=True)
        assert report.missing == 1
        rows = {row["clip_id"]: row for row in table_rows(engine, "clips")}
        assert rows[gone]["missing_since"] is not None
        assert sum(row["missing_since"] is not None for row in rows.values()) == 1


def test_a_run_that_gives_up_saves_its_windows_and_the_next_resumes(engine: sa.Engine) -> None:
    """A daily 429 stops a run; the next fetches only the windows it had not finished."""
    with running_mock(daily_limit=30) as server:
        with pytest.raises(SyncFailedError) as failed:
            sync_once(server, engine, client={"max_concurrency": 1})
        assert failed.value.finished == 30 < failed.value.report.windows
        assert [run["outcome"] for run in table_rows(engine, "runs")] == ["failed"]
        server.reset()  # a new day: the daily counter starts again
        report = sync_once(server, engine)
        assert report.resumed
        assert report.windows_skipped == 30
        assert report.requests == report.windows - 30  # finished windows were not fetched again
        assert inventory(engine) == expected_rows(server)
        assert [run["outcome"] for run in table_rows(engine, "runs")] == ["ok"]


def test_passcodes_are_stored_only_when_asked(engine: sa.Engine) -> None:
    """Passcodes stay NULL by default; with include_passcodes they are the mock's."""
    with running_mock() as server:
        sync_once(server, engine)
        assert all(row["passcode"] is None for row in inventory(engine).values())
        sync_once(server, engine, full=True, include_passcodes=True)
        assert inventory(engine) == expected_rows(server, include_passcodes=True)
        assert any(row["passcode"] for row in inventory(engine).values())


def test_a_clip_changed_twice_keeps_its_newest_state(engine: sa.Engine) -> None:
    """Status and passcode changes each get a history row, newest state in the clips table."""
    with running_mock() as server:
        sync_once(server, engine)
        account = server.dataset.sub_accounts[2].id
        clip_id = server.dataset.select(account, from_=SINCE, to=server.clock.now())[0]["clip_id"]
        admin_change(server, clip_id, {"status": "SUSPENDED"})
        admin_change(server, clip_id, {"share_link_settings": {"enable_passcode": True}})
        sync_once(server, engine)
        history = table_rows(engine, "exposure_history")
        assert {(row["field"], row["new_value"]) for row in history} >= {("status", "SUSPENDED")}
        assert {row["field"] for row in history} <= {"status", "enable_passcode"}
        assert inventory(engine) == expected_rows(server)


def test_a_killed_run_is_resumed_with_the_same_end(engine: sa.Engine) -> None:
    """A run cancelled mid-way stays 'running'; the next run resumes it to one clean run's rows."""
    with running_mock(qps=40) as server:

        async def cancelled() -> None:
            async with client_for(server, rate_limit=40) as aclient:
                accounts = [a.id for a in server.dataset.sub_accounts]
                task = asyncio.ensure_future(
                    sync(engine, aclient, accounts, since=SINCE, now=server.clock.now())
                )
                await asyncio.sleep(0.4)
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task

        asyncio.run(cancelled())
        runs = table_rows(engine, "runs")
        assert [run["outcome"] for run in runs] == ["failed"]
        report = sync_once(server, engine)
        assert report.resumed
        assert report.windows_skipped > 0
        assert report.until == runs[0]["until"]
        assert inventory(engine) == expected_rows(server)
