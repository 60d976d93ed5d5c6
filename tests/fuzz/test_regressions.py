"""Bodies the fuzz suite found escaping as the wrong exception, each pinned as a plain test."""

from __future__ import annotations

import pytest
from zoom_clips import APIResponseValidationError

from .test_fuzz_pages import parse


@pytest.mark.parametrize(
    "date",
    ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"],
    ids=["year-0-in-utc", "year-10000-in-utc"],
)
def test_date_outside_utc_years_is_a_validation_error(date: str) -> None:
    """A date whose UTC instant falls outside years 1..9999 raised OverflowError; now typed."""
    result = parse(b'{"data": [{"clip_id": "a", "created_date": "%s"}]}' % date.encode())
    assert isinstance(result, APIResponseValidationError)
    assert "created_date" in str(result)


def test_integer_too_large_for_a_float_duration_is_a_validation_error() -> None:
    """A 400-digit duration raised OverflowError converting to float; now typed."""
    result = parse(b'{"data": [{"duration": 1%s}]}' % (b"0" * 400))
    assert isinstance(result, APIResponseValidationError)
    assert "duration" in str(result)


def test_deeply_nested_json_is_a_validation_error() -> None:
    """JSON nested past the decoder's recursion limit raised RecursionError; now typed."""
    result = parse(b'{"data": [' + b"[" * 100_000 + b"]}")
    assert isinstance(result, APIResponseValidationError)
    assert "nested" in str(result)


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_json_number_constants_are_a_validation_error(constant: bytes) -> None:
    """Python's decoder accepts NaN/Infinity, which are not JSON; the wrapper refuses them."""
    result = parse(b'{"data": [], "total_records": %s}' % constant)
    assert isinstance(result, APIResponseValidationError)
