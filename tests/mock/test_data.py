"""The seeded data set: deterministic, covering the past year, every status and share scope."""

from __future__ import annotations

import datetime as dt

import pytest
from zoom_clips.mock._data import CLIP_STATUSES, SHARE_SCOPES
from zoom_clips.mock._seed import build_dataset

from tests.mock.conftest import NOW


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_same_seed_and_now_give_the_same_data_and_another_seed_does_not() -> None:
    """The data set is a function of the seed (and the clock's now), nothing else."""
    first = build_dataset(seed=5, clips=300, now=NOW)
    again = build_dataset(seed=5, clips=300, now=NOW)
    other = build_dataset(seed=6, clips=300, now=NOW)
    assert first.clips == again.clips
    assert first.to_json() == again.to_json()
    assert first.clips != other.clips


def test_clips_cover_the_year_before_now_in_every_variety() -> None:
    """Clips span 12 months before now, in every status and scope, with and without extras."""
    clips = build_dataset(seed=0, clips=3000, now=NOW).clips
    created = [_parse(c["created_date"]) for c in clips]
    assert min(created) >= NOW - dt.timedelta(days=365)
    assert max(created) <= NOW
    assert {c.month for c in created} == set(range(1, 13))
    assert {c["status"] for c in clips} == set(CLIP_STATUSES)
    assert {c["share_link_settings"]["share_scope"] for c in clips} == set(SHARE_SCOPES)
    assert any(c["tags"] for c in clips)
    assert any(not c["tags"] for c in clips)
    for clip in clips:
        settings = clip["share_link_settings"]
        assert ("passcode" in settings) == settings["enable_passcode"]
        assert _parse(clip["modified_date"]) >= _parse(clip["created_date"])
    forms = {c["created_date"].endswith("Z") for c in clips}
    assert forms == {True, False}  # 2020-03-31T12:02:00Z and 2024-10-11T01:51:50.631+00:00
    assert all(c["created_date"].endswith("Z") or c["created_date"][-10] == "." for c in clips), (
        "the +00:00 form carries milliseconds"
    )


def test_share_scope_spelling_can_be_fixed_to_rehearse_zoom_fixing_it() -> None:
    """With fix_share_scope_spelling the mock sends SAME_ORGANIZATION, never the misspelling."""
    scopes = {
        c["share_link_settings"]["share_scope"]
        for c in build_dataset(seed=0, clips=400, now=NOW, fix_spelling=True).clips
    }
    assert "SAME_ORGANIZATION" in scopes
    assert "SAME_ORGANIZATON" not in scopes


def test_master_account_owns_several_sub_accounts_with_users() -> None:
    """The accounts document lists sub accounts, each with users that have ids and emails."""
    accounts = build_dataset(seed=0, clips=10, now=NOW).to_json()
    assert accounts["master_account_id"] == "mock-master-account"
    assert len(accounts["sub_accounts"]) >= 3
    for sub in accounts["sub_accounts"]:
        assert sub["users"]
        assert all("@" in u["email"] and u["id"] for u in sub["users"])


@pytest.mark.parametrize("bad", [dt.datetime(2025, 1, 1), "2025-99-01"])  # noqa: DTZ001 -- naive on purpose
def test_select_refuses_naive_or_bad_bounds(bad: object) -> None:
    """Ground truth needs unambiguous bounds: a naive datetime or a bad date is a ValueError."""
    dataset = build_dataset(seed=0, clips=10, now=NOW)
    with pytest.raises(ValueError, match=r"aware|Invalid field"):
        dataset.select("mock-master-account", from_=bad, to=NOW)  # type: ignore[arg-type]
