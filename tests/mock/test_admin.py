"""``POST /_mock/clips/{clipId}``: changing a clip between listings, as a Zoom user would."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.mock.conftest import NOW, InProcess, MakeMock


def _first(mock: InProcess) -> tuple[str, dict[str, object]]:
    account = mock.state.dataset.sub_accounts[0].id
    clip = mock.state.dataset.select(account, from_=NOW - dt.timedelta(days=30), to=NOW)[-1]
    return account, clip


@pytest.mark.parametrize("with_millis", [True, False])
def test_a_change_applies_and_stamps_modified_date_with_the_mocks_now(
    make_mock: MakeMock, with_millis: bool
) -> None:
    """The body's fields change (settings merged), modified_date becomes now, in the clip's form."""
    mock = make_mock(clips=300)
    account = mock.state.dataset.sub_accounts[0].id
    clips = mock.state.dataset.select(account, from_=NOW - dt.timedelta(days=400), to=NOW)
    clip = next(c for c in clips if str(c["modified_date"]).endswith("Z") != with_millis)
    mock.state.clock.advance(0.25)
    body = {"share_link_settings": {"share_scope": "ANYONE"}, "title": "renamed"}
    answer = mock.request("POST", f"/_mock/clips/{clip['clip_id']}", json=body)
    assert answer.status_code == 200
    changed = answer.json()
    assert changed["title"] == "renamed"
    assert changed["share_link_settings"]["share_scope"] == "ANYONE"
    settings = clip["share_link_settings"]
    assert isinstance(settings, dict)
    assert changed["share_link_settings"]["enable_passcode"] == settings["enable_passcode"]
    expected = "2025-06-15T12:00:00.250+00:00" if with_millis else "2025-06-15T12:00:00Z"
    assert changed["modified_date"] == expected
    listed = mock.clips(account, date_filter_type="MODIFIED_DATE", **{"from": "2025-06-15"})
    assert [c["clip_id"] for c in listed.json()["data"]] == [clip["clip_id"]]
    assert listed.json()["data"][0] == changed


def test_an_unknown_clip_is_404_code_2000(mock: InProcess) -> None:
    """A clip id the data set lacks gets Zoom's 'clip does not exist'."""
    answer = mock.request("POST", "/_mock/clips/nope", json={"status": "RECORD_DELETE"})
    assert answer.status_code == 404
    assert answer.json()["code"] == 2000


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b"not json", b'{"clip_id": "other"}', b'{"share_link_settings": 3}']
)
def test_a_bad_body_is_400_code_300_and_changes_nothing(mock: InProcess, body: bytes) -> None:
    """Not an object, a fixed field, or settings that are not an object: refused, data unchanged."""
    _, clip = _first(mock)
    before = mock.state.dataset.clip(str(clip["clip_id"]))
    answer = mock.request("POST", f"/_mock/clips/{clip['clip_id']}", content=body)
    assert answer.status_code == 400
    assert answer.json()["code"] == 300
    assert mock.state.dataset.clip(str(clip["clip_id"])) is before


def test_a_change_keeps_earlier_deletes_and_reset_brings_back_the_seeded_clip(
    mock: InProcess,
) -> None:
    """The change lives in the data set's current state: a soft delete stays; reset undoes both."""
    _, clip = _first(mock)
    clip_id = str(clip["clip_id"])
    other = next(
        c.wire["clip_id"] for c in mock.state.dataset._clips if c.wire["clip_id"] != clip_id
    )
    assert mock.api("DELETE", f"/clips/{other}").status_code == 204
    body = {"share_link_settings": {"share_scope": "ANYONE"}}
    assert mock.request("POST", f"/_mock/clips/{clip_id}", json=body).status_code == 200
    assert mock.api("GET", f"/clips/{other}").json()["status"] == "RECORD_DELETE"
    shown = mock.api("GET", f"/clips/{clip_id}").json()
    assert shown["share_link_settings"]["share_scope"] == "ANYONE"
    assert mock.reset().status_code == 200
    assert (
        mock.api("GET", f"/clips/{clip_id}").json()["share_link_settings"]
        == (clip["share_link_settings"])
    )
    assert mock.api("GET", f"/clips/{other}").json()["status"] != "RECORD_DELETE"
