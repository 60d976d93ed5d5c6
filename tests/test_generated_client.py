"""The generated package installs beside the wrapper and builds the clips request correctly."""

from urllib.parse import parse_qs

import httpx
import zoom_clips
from zoom_clips_api import AuthenticatedClient
from zoom_clips_api.api.list_sub_account_clips_in_account import get_user_clips
from zoom_clips_api.models import ClipListResponse, ListClipsStatus


def test_builds_list_clips_request_without_network() -> None:
    """The generated endpoint builds GET /accounts/{accountId}/clips with its query and auth."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": [], "next_page_token": "", "page_size": 30})

    client = AuthenticatedClient(
        base_url="https://api.zoom.us/v2",
        token="not-a-real-token",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    parsed = get_user_clips.sync(
        "acct/1",
        client=client,
        status=ListClipsStatus.RECORD_SUCCESS,
        page_size=300,
        from_="2025-01-01T00:00:00Z",
    )

    (request,) = seen
    assert request.method == "GET"
    assert request.url.raw_path.split(b"?")[0] == b"/v2/accounts/acct%2F1/clips"
    assert parse_qs(request.url.query.decode()) == {
        "status": ["RECORD_SUCCESS"],
        "page_size": ["300"],
        "from": ["2025-01-01T00:00:00Z"],
        "date_filter_type": ["MODIFIED_DATE"],
    }
    assert request.headers["Authorization"] == "Bearer not-a-real-token"
    assert isinstance(parsed, ClipListResponse)
    assert parsed.data == []
    assert zoom_clips.__version__
