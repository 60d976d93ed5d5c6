"""What the admin commands' tests share: a mock whose transfers finish at once, its ground truth."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

#: A frozen clock (no waiting, the same data every run) and transfers done by the next request.
CONFIG = MockConfig(
    seed=0, clock=MockClock(datetime(2026, 1, 10, 12, tzinfo=UTC)), transfer_seconds=0
)


@pytest.fixture(scope="module")
def served() -> Iterator[MockServer]:
    """One mock for the module (its state is reset for each test by ``server``)."""
    with serve(CONFIG) as server:
        yield server


@pytest.fixture
def server(served: MockServer) -> MockServer:
    """The module's mock, back in its seeded state (deletes and transfers undone)."""
    served.reset()
    return served


def clip_status(server: MockServer, clip_id: str) -> str:
    """The clip's status in the mock's data set (RECORD_DELETE once deleted)."""
    clip = server.dataset.clip(clip_id)
    assert clip is not None
    return str(clip.wire["status"])


def owner_of(server: MockServer, clip_id: str) -> str:
    """The id of the clip's owner in the mock's data set."""
    clip = server.dataset.clip(clip_id)
    assert clip is not None
    return clip.owner.id


def some_clips(server: MockServer, count: int, *, account: int = 0) -> tuple[str, str, list[str]]:
    """(a user, another user of the same account, ``count`` live clips the first owns)."""
    users = server.dataset.sub_accounts[account].users
    owned = [
        clip
        for clip in server.dataset.owned_by(server.dataset.sub_accounts[account].id, users[0].id)
        if clip.wire["status"] != "RECORD_DELETE"
    ]
    assert len(owned) >= count
    return users[0].id, users[1].id, [str(c.wire["clip_id"]) for c in owned[:count]]
