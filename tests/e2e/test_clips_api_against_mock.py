"""Every Clips API operation end to end against the mock over loopback, sync and async alike:
get, soft delete seen by both listings, collaborators and comments paged and deleted, transfers
of 120 clips and full transfers completing on the mock's clock, 30001 and timeouts typed."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from zoom_clips import (
    AsyncZoomClips,
    ClipStatus,
    NotFoundError,
    ServerToServerOAuth,
    TransferInProgressError,
    TransferStatus,
    TransferTimeoutError,
    ZoomClips,
)
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve
from zoom_clips.mock._data import User

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)  # the mock's data covers 2025-01-10 .. now
YEAR = {"from_": date(2025, 1, 1), "to": date(2026, 1, 10)}
TRANSFER_SECONDS = 30.0


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """One seeded mock on a frozen clock; the clients' sleeps move it (its state reset per test)."""
    config = MockConfig(
        seed=11, clips=2400, clock=MockClock(NOW), transfer_seconds=TRANSFER_SECONDS
    )
    with serve(config) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: MockServer) -> None:
    server.reset()


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Driver:
    """Calls ``client.clips.<operation>`` on a fresh sync or async client, as plain calls.

    The client's sleep advances the mock's clock instead of waiting, so polling a transfer
    takes no real time.
    """

    def __init__(self, kind: str, server: MockServer) -> None:
        self.kind = kind
        self.server = server
        self.slept: list[float] = []

    def _auth(self) -> ServerToServerOAuth:
        return ServerToServerOAuth(
            account_id=self.server.account_id,
            client_id=self.server.client_id,
            client_secret=self.server.client_secret,
            token_url=self.server.token_url,
        )

    def _sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.server.clock.advance(seconds)

    def __call__(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        if self.kind == "sync":
            with ZoomClips(
                auth=self._auth(), base_url=self.server.base_url, sleep=self._sleep
            ) as client:
                result = _resolve(client, operation)(*args, **kwargs)
                return list(result) if isinstance(result, Iterator) else result

        async def sleep(seconds: float) -> None:
            self._sleep(seconds)

        async def run() -> Any:
            async with AsyncZoomClips(
                auth=self._auth(), base_url=self.server.base_url, sleep=sleep
            ) as client:
                result = _resolve(client, operation)(*args, **kwargs)
                if isinstance(result, AsyncIterator):
                    return [item async for item in result]
                return await result if inspect.isawaitable(result) else result

        return asyncio.run(run())


def _resolve(client: ZoomClips | AsyncZoomClips, operation: str) -> Any:
    target: Any = client.clips
    for name in operation.split("."):
        target = getattr(target, name)
    return target


@pytest.fixture
def api(kind: str, server: MockServer) -> Driver:
    return Driver(kind, server)


def busiest_owner(server: MockServer) -> tuple[str, User, User]:
    """The account, the user who owns the most clips in it, and a colleague."""
    counts: dict[str, int] = {}
    for clip in server.dataset.clips:
        counts[clip["owner_id"]] = counts.get(clip["owner_id"], 0) + 1
    for account in server.dataset.accounts:
        users = sorted(account.users, key=lambda u: -counts.get(u.id, 0))
        if len(users) >= 2 and counts.get(users[0].id, 0) >= 120:
            return account.id, users[0], users[1]
    raise AssertionError("the seeded data set has no owner of 120 clips")


def test_get_returns_the_clip_the_listing_lists(api: Driver, server: MockServer) -> None:
    """get() answers the same Clip the user-level listing yields for that id."""
    listed = api("list", **YEAR)
    assert listed, "the user-level listing of the master account found no clips"
    assert api("get", listed[0].clip_id) == listed[0]


def test_user_level_listing_is_the_accounts_clips(api: Driver, server: MockServer) -> None:
    """GET /clips with an admin token lists the same clips as the master API for its account."""
    user_level = {clip.clip_id for clip in api("list", **YEAR)}
    master = {clip.clip_id for clip in api("list", server.account_id, **YEAR)}
    assert user_level == master
    assert user_level


def test_a_deleted_clip_reads_and_lists_as_record_delete(api: Driver, server: MockServer) -> None:
    """Delete is soft: get() and both listings then show the clip as RECORD_DELETE."""
    clip = api("list", **YEAR)[0]
    assert clip.status is not ClipStatus.RECORD_DELETE
    assert api("delete", clip.clip_id) is None
    assert api("get", clip.clip_id).status is ClipStatus.RECORD_DELETE
    for listing in (api("list", **YEAR), api("list", server.account_id, **YEAR)):
        (again,) = [c for c in listing if c.clip_id == clip.clip_id]
        assert again.status is ClipStatus.RECORD_DELETE


def test_a_clip_that_never_existed_is_not_found(api: Driver) -> None:
    """get() and delete() of an unknown id raise NotFoundError with Zoom's code 2000."""
    for operation in ("get", "delete"):
        with pytest.raises(NotFoundError) as caught:
            api(operation, "no-such-clip")
        assert caught.value.code == 2000


def test_collaborators_page_and_one_can_be_removed(api: Driver) -> None:
    """Paging by one gives the same collaborators as one page; a removed one is gone."""
    clip_id = api("list", **YEAR)[0].clip_id
    everyone = api("collaborators.list", clip_id, page_size=300)
    assert len(everyone) >= 2
    assert api("collaborators.list", clip_id, page_size=1) == everyone
    viewer = next(p for p in everyone if p.role == "VIEWER")
    key = viewer.email or viewer.user_id
    if key is None:
        api("collaborators.remove", clip_id, channel_id=viewer.channel_id)
    else:
        api("collaborators.remove", clip_id, user_key=key)
    assert viewer not in api("collaborators.list", clip_id)


def test_comments_page_and_one_can_be_deleted(api: Driver) -> None:
    """Paging by one gives the same comments as pages of 50; a deleted one is gone."""
    clips = api("list", **YEAR)
    clip_id, comments = next(
        (c.clip_id, found)
        for c in clips[:20]
        if len(found := api("comments.list", c.clip_id, page_size=50)) >= 2
    )
    assert api("comments.list", clip_id, page_size=1) == comments
    api("comments.delete", clip_id, comments[0].comment_id)
    remaining = api("comments.list", clip_id)
    assert comments[0].comment_id not in {c.comment_id for c in remaining}


def test_a_120_clip_transfer_moves_every_clip_in_three_tasks(
    api: Driver, server: MockServer
) -> None:
    """120 ids: 3 partial transfers (the mock refuses the 2nd with 30001 until the 1st is done)."""
    account, source, target = busiest_owner(server)
    ids = [clip.wire["clip_id"] for clip in server.dataset.owned_by(account, source.id)][:120]
    task_ids = api(
        "transfer",
        source_owner_user_id=source.id,
        target_owner_user_id=target.id,
        clip_ids=ids,
    )
    assert len(task_ids) == 3
    assert sum(api.slept) >= 2 * TRANSFER_SECONDS  # parts 2 and 3 each waited for the last
    for task_id in task_ids:
        task = api("wait_for_transfer", task_id, poll_interval=5)
        assert task.status is TransferStatus.SUCCESS
    owners = {server.dataset.clip(clip_id).owner.id for clip_id in ids}  # type: ignore[union-attr]
    assert owners == {target.id}
    assert api("get", ids[-1]).owner_id == target.id
    assert [len(api("transfer_status", t).clip_id_list) for t in task_ids] == [50, 50, 20]


def test_a_full_transfer_is_one_task_and_moves_every_clip(api: Driver, server: MockServer) -> None:
    """A full transfer is one task; once done, the source owns no clip and a second one may run."""
    account, source, target = busiest_owner(server)
    owned = {clip.wire["clip_id"] for clip in server.dataset.owned_by(account, source.id)}
    (task_id,) = api("transfer", source_owner_user_id=source.id, target_owner_user_id=target.id)
    with pytest.raises(TransferInProgressError):
        api("transfer", source_owner_user_id=source.id, target_owner_user_id=target.id)
    task = api("wait_for_transfer", task_id, poll_interval=2)
    assert (task.status, task.transfer_type) == (TransferStatus.SUCCESS, "FULL_TRANSFER")
    assert sum(api.slept) >= TRANSFER_SECONDS
    assert server.dataset.owned_by(account, source.id) == []
    assert owned <= {c.wire["clip_id"] for c in server.dataset.owned_by(account, target.id)}


def test_wait_for_transfer_times_out_while_the_mocks_task_runs(
    api: Driver, server: MockServer
) -> None:
    """A timeout shorter than the mock's transfer raises TransferTimeoutError, task IN_PROCESS."""
    _, source, target = busiest_owner(server)
    (task_id,) = api("transfer", source_owner_user_id=source.id, target_owner_user_id=target.id)
    with pytest.raises(TransferTimeoutError) as caught:
        api("wait_for_transfer", task_id, timeout=TRANSFER_SECONDS / 3, poll_interval=1)
    assert caught.value.task.status is TransferStatus.IN_PROCESS
    assert api("transfer_status", task_id).status is TransferStatus.IN_PROCESS
