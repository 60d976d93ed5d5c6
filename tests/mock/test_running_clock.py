"""``--now`` starts a running clock (429s clear, tokens expire); ``MockClock(start)`` is frozen."""

from __future__ import annotations

import datetime as dt

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app
from zoom_clips.mock.__main__ import _parser, config_from_args

from tests.mock.conftest import NOW, InProcess

MASTER = "mock-master-account"


class FakeWallClock:
    """A monotonic seconds source that moves only when a test says so."""

    def __init__(self) -> None:
        self.seconds = 5000.0

    def __call__(self) -> float:
        return self.seconds


def test_a_running_clock_starts_at_its_instant_and_moves_with_the_wall_clock() -> None:
    """``running_from(start)`` reads ``start`` at first, then start + elapsed wall-clock time."""
    wall = FakeWallClock()
    clock = MockClock.running_from(NOW, monotonic=wall)
    assert clock.now() == NOW
    assert not clock.frozen
    wall.seconds += 2.5
    assert clock.now() == NOW + dt.timedelta(seconds=2.5)
    clock.advance(60)
    assert clock.now() == NOW + dt.timedelta(seconds=62.5)


def test_a_running_clock_starts_when_first_read_not_when_shown() -> None:
    """Its repr does not start it: the first ``now()`` reads the start instant, then it runs."""
    wall = FakeWallClock()
    clock = MockClock.running_from(NOW, monotonic=wall)
    assert "not yet read" in repr(clock)
    wall.seconds += 5
    assert clock.now() == NOW
    wall.seconds += 1
    assert "2025-06-15T12:00:01+00:00" in repr(clock)


def test_a_clock_given_a_start_stays_frozen() -> None:
    """``MockClock(start)`` (what tests use) does not move by itself, only by ``advance``."""
    clock = MockClock(NOW)
    assert clock.frozen
    assert clock.now() == NOW
    assert clock.now() == NOW
    clock.advance(1)
    assert clock.now() == NOW + dt.timedelta(seconds=1)


def test_a_running_clock_needs_an_aware_start() -> None:
    """A naive start instant is refused, as for a frozen clock."""
    with pytest.raises(ValueError, match="aware"):
        MockClock.running_from(dt.datetime(2025, 6, 15, 12))  # noqa: DTZ001 -- the naive case


def test_now_on_the_command_line_starts_the_clock_where_it_says() -> None:
    """``--now T`` gives a running clock reading T, and a data set built around T."""
    wall = FakeWallClock()
    args = _parser().parse_args(["--now", "2025-06-15T12:00:00Z", "--clips", "50"])
    config = config_from_args(args, monotonic=wall)
    assert config.clock is not None
    assert not config.clock.frozen
    assert config.clock.now() == NOW
    wall.seconds += 30
    assert config.clock.now() == NOW + dt.timedelta(seconds=30)


def test_a_running_clock_gives_the_same_data_set_as_a_frozen_one_at_its_start() -> None:
    """The data set of ``--now T`` is the seeded one for T, however long the clock waited."""
    wall = FakeWallClock()
    running = MockClock.running_from(NOW, monotonic=wall)
    wall.seconds += 3.7  # time passes before the mock first reads its clock
    built = create_app(MockConfig(clips=300, clock=running)).state.mock.dataset
    frozen = create_app(MockConfig(clips=300, clock=MockClock(NOW))).state.mock.dataset
    assert built.clips == frozen.clips


def _limited_mock(clock: MockClock) -> InProcess:
    return InProcess(create_app(MockConfig(qps=3, clips=200, clock=clock)))


def test_with_now_given_a_429_clears_after_its_retry_after() -> None:
    """``--qps 3 --now T``: 200 200 200 429, and once Retry-After's second passes, 200 again."""
    wall = FakeWallClock()
    args = _parser().parse_args(["--qps", "3", "--now", "2025-06-15T12:00:00Z"])
    config = config_from_args(args, monotonic=wall)
    assert config.clock is not None
    mock = _limited_mock(config.clock)
    token = mock.token()
    assert [mock.clips(MASTER, token).status_code for _ in range(3)] == [200, 200, 200]
    refused = [mock.clips(MASTER, token) for _ in range(8)]
    assert {r.status_code for r in refused} == {429}
    retry_after = {r.headers.get("Retry-After") for r in refused} - {None}
    assert retry_after == {"1"}
    wall.seconds += float(retry_after.pop())
    assert mock.clips(MASTER, token).status_code == 200


def test_a_frozen_clock_never_clears_a_429_on_its_own() -> None:
    """The control: on a frozen clock wall-clock time changes nothing, so the 429 stays."""
    mock = _limited_mock(MockClock(NOW))
    token = mock.token()
    assert [mock.clips(MASTER, token).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert mock.clips(MASTER, token).status_code == 429
    mock.state.clock.advance(1)
    assert mock.clips(MASTER, token).status_code == 200
