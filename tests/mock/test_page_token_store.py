"""The mock's page-token store: reusable for 15 minutes, purged after, O(1) work per save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zoom_clips.mock import MockClock, MockConfig, MockState
from zoom_clips.mock._data import Window
from zoom_clips.mock._state import PAGE_TOKEN_TTL, Cursor

from tests.mock.conftest import NOW, InProcess

TTL_S = PAGE_TOKEN_TTL.total_seconds()


def _state() -> MockState:
    return MockState(MockConfig(clips=0, clock=MockClock(NOW)))


def _cursor(state: MockState, offset: int = 0, expires_at: dt.datetime | None = None) -> Cursor:
    """A cursor saved as the app saves one: expiring 15 minutes after the mock's now."""
    return Cursor(
        binding=(),
        account_id="mock-master-account",
        window=Window(NOW - dt.timedelta(days=30), NOW),
        date_filter_type="MODIFIED_DATE",
        status=None,
        user_id=None,
        search_key=None,
        offset=offset,
        expires_at=expires_at or state.clock.now() + PAGE_TOKEN_TTL,
    )


def test_a_token_is_reusable_until_15_minutes_of_mock_time_pass() -> None:
    """The same token answers any number of lookups until its 15 minutes end, then none."""
    state = _state()
    cursor = _cursor(state, offset=30)
    token = state.save_cursor(cursor)
    for _ in range(3):
        assert state.cursor_for(token) is cursor
    state.clock.advance(TTL_S - 0.001)
    assert state.cursor_for(token) is cursor
    state.clock.advance(0.001)
    assert state.cursor_for(token) is None


def test_expired_tokens_are_purged_and_live_ones_kept_when_a_token_is_saved() -> None:
    """A save drops every token whose 15 minutes are over, and no token that is still live."""
    state = _state()
    old = [state.save_cursor(_cursor(state)) for _ in range(100)]
    state.clock.advance(10 * 60)
    recent = [state.save_cursor(_cursor(state)) for _ in range(50)]
    state.clock.advance(5 * 60)
    assert state.cursors_held() == 150  # expiry alone frees nothing: the next save purges
    newest = state.save_cursor(_cursor(state))
    assert state.cursors_held() == 51
    assert all(state.cursor_for(token) is None for token in old)
    assert all(state.cursor_for(token) is not None for token in [*recent, newest])


def test_memory_stays_bounded_over_a_long_run() -> None:
    """Two hours of one new token a second never hold more than 15 minutes' worth of tokens."""
    state = _state()
    held = []
    for _ in range(2 * 3600):
        state.save_cursor(_cursor(state))
        held.append(state.cursors_held())
        state.clock.advance(1)
    assert max(held) == TTL_S  # the tokens of the last 900 s: 0..899 s old
    assert held[-1] == TTL_S


def test_a_token_saved_out_of_expiry_order_is_refused_in_time_and_purged_later() -> None:
    """After a wall-clock step back, an earlier expiry behind a later one still ends on time."""
    state = _state()
    later = state.save_cursor(_cursor(state, expires_at=NOW + PAGE_TOKEN_TTL))
    earlier = state.save_cursor(_cursor(state, expires_at=NOW + dt.timedelta(minutes=5)))
    state.clock.advance(10 * 60)
    state.save_cursor(_cursor(state))
    assert state.cursor_for(earlier) is None  # expired, though still held behind ``later``
    assert state.cursor_for(later) is not None
    assert state.cursors_held() == 3
    state.clock.advance(5 * 60)
    state.save_cursor(_cursor(state))
    assert state.cursors_held() == 2  # both old tokens gone; the two recent ones live


class _CountedInstant(dt.datetime):
    """An expiry time that counts how often the store compares it."""

    comparisons = 0

    def _count(self) -> None:
        _CountedInstant.comparisons += 1

    def __lt__(self, other: Any) -> bool:
        self._count()
        return super().__lt__(other)

    def __le__(self, other: Any) -> bool:
        self._count()
        return super().__le__(other)

    def __gt__(self, other: Any) -> bool:
        self._count()
        return super().__gt__(other)

    def __ge__(self, other: Any) -> bool:
        self._count()
        return super().__ge__(other)


def test_saving_a_token_does_constant_work_however_many_are_held() -> None:
    """Saving N live tokens compares expiry times O(N) times in all, not once per held token."""
    state = _state()
    expires = NOW + PAGE_TOKEN_TTL
    counted = _CountedInstant.fromtimestamp(expires.timestamp(), tz=dt.UTC)
    _CountedInstant.comparisons = 0
    saves = 3000
    for offset in range(saves):
        state.save_cursor(_cursor(state, offset, expires_at=counted))
    assert state.cursors_held() == saves
    # A store that looked at every held token on each save would compare ~4.5 million times.
    assert _CountedInstant.comparisons <= 2 * saves


def test_a_token_followed_over_http_survives_many_later_pages(mock: InProcess) -> None:
    """Over the API, a page token still answers after hundreds of later tokens are saved."""
    account = mock.state.dataset.sub_accounts[0].id
    token = mock.token()
    params = {"from": "2025-05-01", "to": "2025-06-01"}
    first = mock.clips(account, token, **params).json()
    page_token = first["next_page_token"]
    assert page_token
    for _ in range(200):
        assert mock.clips(account, token, **params).status_code == 200
    mock.state.clock.advance(14 * 60)
    again = mock.clips(account, token, **params, next_page_token=page_token)
    assert again.status_code == 200
    assert again.json()["data"][0]["clip_id"] != first["data"][0]["clip_id"]
