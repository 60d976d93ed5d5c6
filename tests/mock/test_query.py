"""The clips endpoint's query semantics: windows, filters, page chaining and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from zoom_clips.mock._data import InvalidQueryError, parse_window

from tests.mock.conftest import NOW, InProcess, MakeMock

MASTER = "mock-master-account"


def _all_pages(mock: InProcess, account_id: str, token: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page_token = ""
    while True:
        extra = {"next_page_token": page_token} if page_token else {}
        response = mock.clips(account_id, token, **params, **extra)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["data"]
        page_token = body["next_page_token"]
        if not page_token:
            return items


@pytest.mark.parametrize(
    ("from_", "to", "start", "end"),
    [
        (
            "2025-01-01",
            "2025-01-01",
            "2025-01-01T00:00:00+00:00",
            "2025-01-01T23:59:59.999999+00:00",
        ),
        (
            "2025-01-01",
            "2025-02-01",
            "2025-01-01T00:00:00+00:00",
            "2025-02-01T23:59:59.999999+00:00",
        ),
        (
            "2025-01-01T10:00:00Z",
            "2025-01-02T10:00:00.500+00:00",
            "2025-01-01T10:00:00+00:00",
            "2025-01-02T10:00:00.500000+00:00",
        ),
        (
            "2025-01-31",
            "2025-02-28",
            "2025-01-31T00:00:00+00:00",
            "2025-02-28T23:59:59.999999+00:00",
        ),
        (None, None, "2025-06-15T00:00:00+00:00", "2025-06-16T23:59:59.999999+00:00"),
    ],
)
def test_windows_are_inclusive_and_default_to_today_and_tomorrow(
    from_: str | None, to: str | None, start: str, end: str
) -> None:
    """A bare date is its whole day, a date-time its instant; omitted means today..tomorrow."""
    window = parse_window(from_, to, now=NOW)
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("from_", "to"),
    [
        ("2025-01-01", "2025-02-02"),  # one calendar month and a day
        ("2025-01-01T00:00:00Z", "2025-02-01T00:00:01Z"),
        ("2025-02-02", "2025-02-01"),  # to before from
        ("2025-01-01", None),  # to defaults to tomorrow: months apart
        ("01/02/2025", None),
        ("2025-02-30", "2025-03-01"),
        ("2025-01-01T10:00:00", "2025-01-02"),  # no offset
        ("", ""),
    ],
)
def test_windows_zoom_rejects_are_rejected(from_: str | None, to: str | None) -> None:
    """Over a month apart, reversed, unparsable or offset-less: all InvalidQueryError."""
    with pytest.raises(InvalidQueryError, match="Invalid field"):
        parse_window(from_, to, now=NOW)


def test_pages_chain_over_the_whole_data_set_without_loss_or_repeats(mock: InProcess) -> None:
    """Paging every account month by month returns exactly the data set, each clip once."""
    token = mock.token()
    dataset = mock.state.dataset
    seen: list[str] = []
    for account in dataset.accounts:
        start = (NOW - relativedelta(months=12)).date().replace(day=1)
        while start <= NOW.date():
            end = start + relativedelta(months=1) - dt.timedelta(days=1)
            window = {"from": start.isoformat(), "to": end.isoformat()}
            items = _all_pages(mock, account.id, token, page_size=30, **window)
            expected = dataset.select(account.id, from_=window["from"], to=window["to"])
            assert items == expected
            seen += [clip["clip_id"] for clip in items]
            start += relativedelta(months=1)
    assert len(seen) == len(set(seen)) == len(dataset.clips)


def test_filters_match_the_ground_truth(mock: InProcess) -> None:
    """status, user_id (id or email), search_key and date_filter_type filter as select() does."""
    token = mock.token()
    dataset = mock.state.dataset
    account = dataset.sub_accounts[0]
    user = account.users[1]
    window = {"from": "2025-05-15", "to": "2025-06-15"}
    cases: list[dict[str, str]] = [
        {"status": "RECORD_SUCCESS"},
        {"user_id": user.id},
        {"user_id": user.email.upper()},
        {"search_key": "DEMO"},
        {"date_filter_type": "CREATED_DATE", "status": "RECORD_DELETE"},
        {"user_id": "nobody@example.com"},
    ]
    for filters in cases:
        items = _all_pages(mock, account.id, token, page_size=300, **window, **filters)
        expected = dataset.select(account.id, from_=window["from"], to=window["to"], **filters)
        assert items == expected, filters
    by_title = _all_pages(mock, account.id, token, search_key="demo", **window)
    assert by_title
    assert all("demo" in c["title"].lower() for c in by_title)


def test_default_window_is_today_and_tomorrow(mock: InProcess) -> None:
    """Without from/to only clips modified today (by the mock's clock) come back."""
    token = mock.token()
    for account in mock.state.dataset.accounts:
        items = _all_pages(mock, account.id, token)
        assert items == mock.state.dataset.select(account.id, from_="2025-06-15", to="2025-06-16")


def test_page_shape_token_and_total_records(mock: InProcess) -> None:
    """A middle page has a short opaque token and the query's total; the last page has ""."""
    account = mock.state.dataset.sub_accounts[1].id
    token = mock.token()
    params = {"from": "2025-05-01", "to": "2025-06-01", "page_size": 30}
    first = mock.clips(account, token, **params).json()
    total = len(mock.state.dataset.select(account, from_="2025-05-01", to="2025-06-01"))
    assert total > 30
    assert first["total_records"] == total
    assert first["page_size"] == 30
    assert len(first["data"]) == 30
    assert 0 < len(first["next_page_token"]) <= 100
    assert _all_pages(mock, account, token, **params)[-1]["clip_id"]
    last_page = mock.clips(account, token, **{**params, "page_size": 300}).json()
    assert last_page["next_page_token"] == ""
    assert last_page["total_records"] == total


def test_page_token_is_bound_to_its_query_and_expires_after_15_minutes(mock: InProcess) -> None:
    """Reusing a token with other parameters is 400; after 15 min of mock time it is 400 too."""
    account = mock.state.dataset.sub_accounts[0].id
    token = mock.token()
    params = {"from": "2025-05-01", "to": "2025-06-01"}
    page_token = mock.clips(account, token, **params).json()["next_page_token"]
    assert page_token
    again = mock.clips(account, token, **params, next_page_token=page_token)
    assert again.status_code == 200
    assert mock.clips(account, token, **params, next_page_token=page_token).status_code == 200
    for changed in (
        {**params, "status": "RECORD_SUCCESS"},
        {"from": "2025-05-02", "to": "2025-06-01"},
    ):
        response = mock.clips(account, token, **changed, next_page_token=page_token)
        assert response.status_code == 400
        assert response.json()["code"] == 300
    other_account = mock.state.dataset.sub_accounts[1].id
    assert mock.clips(other_account, token, **params, next_page_token=page_token).status_code == 400
    mock.state.clock.advance(14 * 60)
    assert mock.clips(account, token, **params, next_page_token=page_token).status_code == 200
    mock.state.clock.advance(60)
    expired = mock.clips(account, token, **params, next_page_token=page_token)
    assert expired.status_code == 400
    assert "expired" in expired.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 29},
        {"page_size": 301},
        {"page_size": "abc"},
        {"page_size": "30.0"},
        {"page_size": ""},
        {"status": ""},
        {"status": "record_success"},
        {"date_filter_type": "UPDATED_DATE"},
        {"from": "yesterday"},
        {"from": "2025-13-01"},
        {"from": "2025-01-01", "to": "2025-03-01"},
        {"next_page_token": "not-a-token"},
        {"next_page_token": "x" * 101},
        {"page_size": ["30", "40"]},
    ],
    ids=str,
)
def test_bad_input_is_400_code_300_never_500(mock: InProcess, params: dict[str, Any]) -> None:
    """Every kind of invalid query parameter gets Zoom's validation error body."""
    response = mock.clips(MASTER, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 300
    assert body["message"]


def test_unknown_parameters_are_ignored(mock: InProcess) -> None:
    """A parameter the API does not declare changes nothing (Zoom ignores it too)."""
    plain = mock.clips(MASTER, **{"from": "2025-06-01", "to": "2025-06-15"}).json()
    extra = mock.clips(MASTER, **{"from": "2025-06-01", "to": "2025-06-15", "colour": "red"}).json()
    assert plain["data"] == extra["data"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
def test_undeclared_methods_get_405_with_allow(mock: InProcess, method: str) -> None:
    """Only GET is declared on the clips path; every other method is 405 with ``Allow: GET``."""
    response = mock.request(method, f"/v2/accounts/{MASTER}/clips")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_share_scope_is_sent_misspelt_unless_fixed(make_mock: MakeMock) -> None:
    """The wire says SAME_ORGANIZATON as Zoom's does; the option sends the corrected spelling."""
    for fix, spelling in ((False, "SAME_ORGANIZATON"), (True, "SAME_ORGANIZATION")):
        mock = make_mock(fix_share_scope_spelling=fix)
        account = mock.state.dataset.sub_accounts[0].id
        items = _all_pages(
            mock, account, mock.token(), page_size=300, **{"from": "2025-05-15", "to": "2025-06-15"}
        )
        assert spelling in {c["share_link_settings"]["share_scope"] for c in items}
        assert all(
            set(c) >= {"tags", "clip_id", "share_link_settings", "created_date"} for c in items
        )
