"""The edges of a ``from``/``to`` window: an instant window is allowed, reversed ones are not."""

from __future__ import annotations

import datetime as dt

import pytest
from zoom_clips.mock._data import InvalidQueryError, parse_window

from tests.mock.conftest import NOW, InProcess

INSTANT = "2025-06-01T10:00:00Z"


def test_a_window_of_one_instant_is_allowed() -> None:
    """``from`` equal to ``to`` is not "to before from": the window is that one instant."""
    window = parse_window(INSTANT, INSTANT, now=NOW)
    assert window.start == window.end == dt.datetime(2025, 6, 1, 10, tzinfo=dt.UTC)


def test_to_one_second_before_from_is_rejected() -> None:
    """A ``to`` one second before ``from`` is Zoom's 400 reason "to before from"."""
    with pytest.raises(InvalidQueryError, match="before"):
        parse_window(INSTANT, "2025-06-01T09:59:59Z", now=NOW)


def test_the_api_answers_an_instant_window_with_200(mock: InProcess) -> None:
    """Over HTTP too, an instant window is a 200 (with whatever clips sit on that instant)."""
    response = mock.clips("mock-master-account", **{"from": INSTANT, "to": INSTANT})
    assert response.status_code == 200, response.text
    assert response.json()["total_records"] == len(response.json()["data"])
