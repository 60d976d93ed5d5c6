"""Every value the spec allows for ``status`` and ``page_size`` reaches the data (no stray 400)."""

from __future__ import annotations

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app
from zoom_clips.mock._data import CLIP_STATUSES

from tests.mock.conftest import NOW, InProcess

# A month of the data set (the mock's clock is frozen at 2025-06-15T12:00:00Z).
WINDOW = {"from": "2025-05-15T00:00:00Z", "to": "2025-06-15T00:00:00Z"}


@pytest.fixture(scope="module")
def mock() -> InProcess:
    """A mock with enough clips that one month of a sub account fills the largest page."""
    return InProcess(create_app(MockConfig(clips=20_000, clock=MockClock(NOW))))


def _sub_account(mock: InProcess) -> str:
    return mock.state.dataset.sub_accounts[0].id


@pytest.mark.parametrize("status", CLIP_STATUSES)
def test_every_spec_status_lists_exactly_the_clips_with_that_status(
    mock: InProcess, status: str
) -> None:
    """Each of the spec's six statuses is answered 200 with the ground truth's clips of it."""
    account = _sub_account(mock)
    expected = mock.state.dataset.select(
        account, from_=WINDOW["from"], to=WINDOW["to"], status=status
    )
    assert expected, f"the data set has no {status} clip in the window: pick another window"
    token = mock.token()
    seen: list[str] = []
    page_token = ""
    while True:
        extra = {"next_page_token": page_token} if page_token else {}
        response = mock.clips(account, token, **WINDOW, status=status, page_size=300, **extra)
        assert response.status_code == 200, response.text
        body = response.json()
        assert {clip["status"] for clip in body["data"]} <= {status}
        seen += [clip["clip_id"] for clip in body["data"]]
        page_token = body["next_page_token"]
        if not page_token:
            break
    assert seen == [clip["clip_id"] for clip in expected]


@pytest.mark.parametrize("page_size", [30, 31, 100, 101, 299, 300])
def test_every_spec_page_size_is_honoured(mock: InProcess, page_size: int) -> None:
    """Any page size from the spec's minimum 30 to its maximum 300 gives pages of that size."""
    account = _sub_account(mock)
    total = len(mock.state.dataset.select(account, from_=WINDOW["from"], to=WINDOW["to"]))
    assert total > 300, "the window must hold more clips than the largest page"
    response = mock.clips(account, **WINDOW, page_size=page_size)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["page_size"] == page_size
    assert len(body["data"]) == page_size
    assert body["total_records"] == total


@pytest.mark.parametrize("page_size", [0, 29, 301, 1000])
def test_page_sizes_outside_the_spec_are_rejected(mock: InProcess, page_size: int) -> None:
    """A page size below 30 or above 300 is Zoom's 400 code 300, naming the field."""
    response = mock.clips(_sub_account(mock), **WINDOW, page_size=page_size)
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert "page_size" in response.json()["message"]


def test_page_size_defaults_to_the_spec_default_of_30(mock: InProcess) -> None:
    """Without ``page_size`` a page holds the spec's default of 30 clips and says so."""
    response = mock.clips(_sub_account(mock), **WINDOW)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["page_size"] == 30
    assert len(body["data"]) == 30


def test_a_page_that_ends_the_listing_exactly_has_no_next_token(mock: InProcess) -> None:
    """When the last page is exactly full, its next_page_token is empty (no empty page after)."""
    account = _sub_account(mock)
    window = {"from": "2025-06-01T00:00:00Z", "to": "2025-06-15T00:00:00Z"}
    total = len(mock.state.dataset.select(account, from_=window["from"], to=window["to"]))
    assert 30 <= total <= 300, "the window must fit in one page"
    response = mock.clips(account, **window, page_size=total)
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["data"]) == total
    assert body["next_page_token"] == ""
