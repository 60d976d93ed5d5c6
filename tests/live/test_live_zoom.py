"""Opt-in live contract: real Zoom against the vendored spec and the wrapper.

Runs only with Server-to-Server credentials and a sub account to list in the environment
(``ZOOM_ACCOUNT_ID``, ``ZOOM_CLIENT_ID``, ``ZOOM_CLIENT_SECRET``, ``ZOOM_LIVE_SUB_ACCOUNT_ID``;
``ZOOM_API_BASE_URL``/``ZOOM_OAUTH_TOKEN_URL`` as for ``ZoomClips.from_env``). Without them every
test here is skipped, so the suite never leaves 127.0.0.1. ``make contract-live`` runs it. It makes
a handful of requests, far under any rate limit.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS30Validator
from zoom_clips import ZoomClips

from scripts.update_spec.quirks import clip_item_properties

REQUIRED = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_LIVE_SUB_ACCOUNT_ID")
pytestmark = pytest.mark.skipif(
    not all(os.environ.get(name) for name in REQUIRED),
    reason="live contract run against real Zoom: set " + ", ".join(REQUIRED),
)
SPEC: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "spec" / "master.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def client() -> Any:
    with ZoomClips.from_env() as live:
        yield live


def _last_month() -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat()}


def test_a_real_page_conforms_to_the_spec_once_quirks_are_allowed(client: ZoomClips) -> None:
    """Zoom's 200 body validates against the spec's schema, widened only by registered quirks."""
    schema = SPEC["paths"]["/accounts/{accountId}/clips"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    props = clip_item_properties(SPEC)
    scope = props["share_link_settings"]["properties"]["share_scope"]
    scope["enum"] = [*scope["enum"], "SAME_ORGANIZATION"]  # quirk share-scope-misspelt
    url = f"{client.base_url}/accounts/{os.environ['ZOOM_LIVE_SUB_ACCOUNT_ID']}/clips"
    auth = client._auth  # the wrapper's own httpx.Auth flow
    response = httpx.get(url, params={**_last_month(), "page_size": 30}, auth=auth, timeout=30)
    assert response.status_code == 200, response.text[:200]
    errors = sorted(OAS30Validator(schema).iter_errors(response.json()), key=str)
    assert not errors, [e.message for e in errors[:5]]


def test_the_wrapper_lists_a_month(client: ZoomClips) -> None:
    """A month through the wrapper: every clip once, dates aware, tags a tuple."""
    month = _last_month()
    clips = list(
        client.clips.list(
            os.environ["ZOOM_LIVE_SUB_ACCOUNT_ID"], from_=month["from"], to=month["to"]
        )
    )
    ids = [clip.clip_id for clip in clips]
    assert len(ids) == len(set(ids))
    for clip in clips:
        assert clip.modified_date is None or clip.modified_date.tzinfo is not None
        assert isinstance(clip.tags, tuple)


def test_zoom_rejects_a_page_size_below_the_minimum(client: ZoomClips) -> None:
    """Zoom answers page_size=29 with 400 code 300 (the wrapper refuses it before sending)."""
    url = f"{client.base_url}/accounts/{os.environ['ZOOM_LIVE_SUB_ACCOUNT_ID']}/clips"
    response = httpx.get(url, params={"page_size": 29}, auth=client._auth, timeout=30)
    assert response.status_code == 400
    assert response.json().get("code") == 300  # ZOOM-FACTS: validation errors carry code 300
