"""The mock routes on the raw path: an encoded ``?`` or ``#`` in an account id stays in the id."""

from __future__ import annotations

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app

from tests.mock.conftest import NOW, InProcess


@pytest.fixture(scope="module")
def mock() -> InProcess:
    """A small in-process mock (routing does not depend on the data)."""
    return InProcess(create_app(MockConfig(clips=50, clock=MockClock(NOW))))


@pytest.mark.parametrize("account_id", ["abc%3Fdef", "abc%3Fpage_size%3D1", "a%23b"])
def test_an_encoded_query_or_fragment_mark_is_part_of_the_account_id(
    mock: InProcess, account_id: str
) -> None:
    """``%3F`` decodes to ``?`` inside the id (an unknown account: 403); it never cuts the path."""
    response = mock.request(
        "GET",
        f"/v2/accounts/{account_id}/clips",
        headers={"Authorization": f"Bearer {mock.token()}"},
    )
    assert response.status_code == 403, response.text
    assert response.json()["code"] == 1003
