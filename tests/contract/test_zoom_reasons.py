"""A 400 to spec-valid data is explained only by reasons Zoom documents, read off the request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.contract.zoom_reasons import PAGE_TOKEN_TTL, TokenLedger, reasons_for_400

TODAY = [dt.date(2025, 6, 15)]


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _reasons(query: dict[str, Any], ledger: TokenLedger | None = None) -> list[str]:
    return reasons_for_400("acct", query, todays=TODAY, ledger=ledger or TokenLedger())


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"page_size": 150},
        {"page_size": 300},
        {"status": "SUSPENDED"},
        {"date_filter_type": "CREATED_DATE", "user_id": "nobody@example.com", "search_key": "x"},
        {"from": "2025-06-01T00:00:00Z", "to": "2025-06-28T23:59:59Z"},
        {"from": "2025-06-01T00:00:00.000+00:00", "to": "2025-06-02T00:00:00.000+00:00"},
        {"from": "2025-06-01", "to": "2025-06-01"},
        {"from": "2025-06-10T00:00:00Z"},  # `to` defaults to tomorrow: 6 days
        {"next_page_token": ""},  # an empty token is the first page
    ],
)
def test_no_reason_for_queries_zoom_must_answer(query: dict[str, Any]) -> None:
    """Page sizes in range, any enum value, good dates and no token leave a 400 unexplained."""
    assert _reasons(query) == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"from": "yesterday"}, "'from' is not a date"),
        ({"to": "2025-02-30"}, "'to' is not a date"),
        ({"from": "2025-06-01T00:00:00"}, "'from' is not a date"),  # no zone
        ({"from": "0001-01-01T00:00:00+01:00"}, "'from' is not a date"),  # before year 1 in UTC
        ({"from": "2025-06-10", "to": "2025-06-01"}, "'to' is before 'from'"),
        ({"from": "2025-06-10T12:00:00Z", "to": "2025-06-10"}, "'to' is before 'from'"),
        ({"from": "2025-01-01", "to": "2025-03-01"}, "more than one month apart"),
        ({"from": "2025-01-01"}, "more than one month apart"),  # `to` defaults to tomorrow
        ({"to": "2025-06-01"}, "'to' is before 'from'"),  # `from` defaults to today
        ({"next_page_token": "made-up"}, "never issued"),
        ({"from": ["2025-06-01", "2025-06-02"]}, "more than once"),
    ],
)
def test_each_documented_reason_is_found(query: dict[str, Any], reason: str) -> None:
    """Unparsable, reversed or over-a-month dates and unknown tokens each explain a 400."""
    assert any(reason in found for found in _reasons(query)), _reasons(query)


def test_a_token_is_good_only_for_its_own_query_and_15_minutes() -> None:
    """A recorded token explains no 400 with its own query; another query or 15 min later do."""
    clock = FakeClock()
    ledger = TokenLedger(clock=clock)
    query = {"page_size": 30, "from": "2025-06-01", "to": "2025-06-15"}
    ledger.record("tok", "acct", query)
    assert _reasons({**query, "next_page_token": "tok"}, ledger) == []
    other = _reasons({**query, "page_size": 31, "next_page_token": "tok"}, ledger)
    assert other == ["next_page_token was issued for another query"]
    wrong_account = reasons_for_400(
        "other", {**query, "next_page_token": "tok"}, todays=TODAY, ledger=ledger
    )
    assert wrong_account == ["next_page_token was issued for another query"]
    clock.now += PAGE_TOKEN_TTL + 1
    assert _reasons({**query, "next_page_token": "tok"}, ledger) == [
        "next_page_token is older than 15 minutes"
    ]
