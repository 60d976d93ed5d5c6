"""The generated package installs beside the wrapper and builds the clips request correctly."""

import enum
import importlib
from urllib.parse import parse_qs

import httpx
import pytest
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


def _generated_enums() -> list[type[enum.Enum]]:
    found: list[type[enum.Enum]] = []
    for package in ("zoom_clips_api.models", "zoom_clips_endpoints_api.models"):
        models = importlib.import_module(package)
        for name in models.__all__:
            value = getattr(models, name)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found.append(value)
    return found


@pytest.mark.parametrize(
    "enum_class", _generated_enums(), ids=lambda e: f"{e.__module__}.{e.__name__}"
)
def test_every_generated_enum_is_open(enum_class: type[enum.Enum]) -> None:
    """A value Zoom adds after the spec was vendored becomes a member, not a ValueError (the
    generator's templates, quirk ``closed-enums``); a value of the wrong type still fails."""
    known = next(iter(enum_class))
    new_value: object = "ZZ_ADDED_LATER" if isinstance(known.value, str) else 987654
    member = enum_class(new_value)
    assert isinstance(member, enum_class)
    assert member.value == new_value
    assert enum_class(known.value) is known
    with pytest.raises(ValueError, match="is not a valid"):
        enum_class(object())


def test_the_generated_enums_were_found() -> None:
    """The parametrized test above really ran over the enums of both packages."""
    modules = {e.__module__.split(".")[0] for e in _generated_enums()}
    assert modules == {"zoom_clips_api", "zoom_clips_endpoints_api"}
