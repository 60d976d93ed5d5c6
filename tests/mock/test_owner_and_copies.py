"""``user_id`` lists only that owner's clips; the data set hands out copies it never shares."""

from __future__ import annotations

import pytest

from tests.mock.conftest import InProcess

WINDOW = {"from": "2025-05-15T00:00:00Z", "to": "2025-06-15T00:00:00Z"}


@pytest.mark.parametrize("by", ["id", "email"])
def test_user_id_lists_exactly_the_clips_that_user_owns(mock: InProcess, by: str) -> None:
    """Filtering by a user's id or email gives that user's clips only, and all of them."""
    account = mock.state.dataset.sub_accounts[0]
    user = account.users[0]
    everyone = mock.state.dataset.select(account.id, from_=WINDOW["from"], to=WINDOW["to"])
    theirs = [clip["clip_id"] for clip in everyone if clip["owner_id"] == user.id]
    assert theirs, "the user must own a clip in the window"
    assert len(theirs) < len(everyone), "someone else must own a clip in the window too"
    response = mock.clips(account.id, **WINDOW, user_id=getattr(user, by), page_size=300)
    assert response.status_code == 200, response.text
    assert [clip["clip_id"] for clip in response.json()["data"]] == theirs


def test_changing_a_listed_clip_never_changes_the_data_set(mock: InProcess) -> None:
    """The clips ``Dataset.clips`` returns are deep enough copies: nested settings and tags too."""
    dataset = mock.state.dataset
    first = dataset.clips[0]
    first["share_link_settings"]["share_scope"] = "CHANGED"
    first["tags"].append("changed")
    again = dataset.clips[0]
    assert again["share_link_settings"]["share_scope"] != "CHANGED"
    assert "changed" not in again["tags"]
