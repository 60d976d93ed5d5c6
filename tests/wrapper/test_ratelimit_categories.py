"""One rate-limit budget per Zoom category: which category a request is, and budgets kept apart.

Like ``test_ratelimit.py``, these run on a loop whose clock jumps instead of waiting
(``tests/virtual_time.py``), against ``httpx.MockTransport``: spacing is measured exactly and fast.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._ratelimit import (
    DEFAULT_CATEGORY,
    OPERATION_CATEGORIES,
    PLAN_RATE_LIMITS,
    OperationCategories,
    RateLimitedAuth,
    RequestRateLimiter,
    resolve_rate_limits,
)
from zoom_clips_api.rate_limits import CATEGORIES as MASTER_CATEGORIES
from zoom_clips_endpoints_api.rate_limits import CATEGORIES as ENDPOINTS_CATEGORIES

from ..virtual_time import run_virtual
from .conftest import TOKEN, json_response, make_auth
from .test_ratelimit import YEAR, assert_paced, busiest_second, client_for

BASE = "https://api.zoom.us/v2"


@pytest.mark.parametrize(
    ("method", "path", "category"),
    [
        ("GET", "/accounts/acct-1/clips", "LIGHT"),
        ("GET", "/clips", "LIGHT"),
        ("POST", "/clips/transfers", "MEDIUM"),
        ("GET", "/clips/transfers/task-1", "LIGHT"),
        ("GET", "/clips/clip-1", "LIGHT"),
        ("DELETE", "/clips/clip-1/comments/c-1", "LIGHT"),
        ("POST", "/clips/files", "UPLOAD"),
        ("post", "/clips/files/multipart/upload_events", "UPLOAD"),
        ("DELETE", "/clips/a%2Fb", "LIGHT"),  # an encoded slash stays inside one segment
        ("GET", "/clips/", "LIGHT"),  # a trailing slash is the same path
        ("PUT", "/clips/clip-1", DEFAULT_CATEGORY),  # no such operation
        ("POST", "/clips/transfers/extra", DEFAULT_CATEGORY),
        ("GET", "/clips//collaborators", DEFAULT_CATEGORY),  # an empty id matches no parameter
    ],
)
def test_each_request_gets_its_operations_category(method: str, path: str, category: str) -> None:
    """A request's method and path find the category the spec labels its operation with."""
    assert OPERATION_CATEGORIES.category_of(method, path) == category


def test_every_generated_operation_is_found_in_its_own_category() -> None:
    """Each operation of both specs, its parameters filled in, resolves to its own label."""
    tables = {**MASTER_CATEGORIES, **ENDPOINTS_CATEGORIES}
    assert {"LIGHT", "MEDIUM", "UPLOAD"} == set(tables.values())
    for (method, template), category in tables.items():
        path = "/".join("id-1" if p.startswith("{") else p for p in template.split("/"))
        assert OPERATION_CATEGORIES.category_of(method, path) == category, (method, template)


def test_a_literal_segment_beats_a_parameter_whatever_the_order() -> None:
    """``/x/special`` wins over ``/x/{id}`` for the path ``/x/special``, listed first or last."""
    for tables in (
        {("GET", "/x/{id}"): "MEDIUM", ("GET", "/x/special"): "UPLOAD"},
        {("GET", "/x/special"): "UPLOAD", ("GET", "/x/{id}"): "MEDIUM"},
    ):
        categories = OperationCategories(tables, default="LIGHT")
        assert categories.category_of("GET", "/x/special") == "UPLOAD"
        assert categories.category_of("GET", "/x/other") == "MEDIUM"
        assert categories.category_of("GET", "/y") == "LIGHT"
    assert "2 operations" in repr(categories)


@pytest.mark.parametrize("plan", ["free", "pro", "business", "business_plus", "enterprise"])
def test_a_plan_name_sets_every_categorys_budget(plan: str) -> None:
    """A plan name limits LIGHT, MEDIUM and UPLOAD, each at that plan's Zoom budget."""
    expected = {
        "free": (4, 2),
        "pro": (30, 20),
        "business": (80, 60),
        "business_plus": (80, 60),
        "enterprise": (80, 60),
    }[plan]
    client = zc.AsyncZoomClips(auth=make_auth(), rate_limit=plan)
    budgets = {name: limiter.per_second for name, limiter in client.rate_limiters.items()}
    assert budgets == {"LIGHT": expected[0], "MEDIUM": expected[1], "UPLOAD": 20.0}
    assert budgets == PLAN_RATE_LIMITS[plan]
    assert client.rate_limiter is client.rate_limiters["LIGHT"]


@pytest.mark.parametrize(
    ("value", "budgets"),
    [
        (25, {"LIGHT": 25.0}),  # a number keeps its old meaning: the LIGHT budget only
        (2.5, {"LIGHT": 2.5}),
        ({"light": 25, "Medium": 15}, {"LIGHT": 25.0, "MEDIUM": 15.0}),
        ({"MEDIUM": 5, "UPLOAD": None}, {"MEDIUM": 5.0}),  # None: that category is not limited
        ({}, {}),
        (None, {}),
    ],
)
def test_numbers_and_mappings_set_the_budgets_they_name(value: Any, budgets: Any) -> None:
    """A number sets LIGHT alone; a mapping sets the categories it names, case-insensitively."""
    assert resolve_rate_limits(value) == budgets
    client = zc.AsyncZoomClips(auth=make_auth(), rate_limit=value)
    assert {name: lim.per_second for name, lim in client.rate_limiters.items()} == budgets
    assert (client.rate_limiter is None) == ("LIGHT" not in budgets)


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ({"HEAVY": 5}, ValueError, "'HEAVY' is not a rate-limit category"),
        ({1: 5}, ValueError, "not a rate-limit category"),
        ({"LIGHT": 5, "light": 6}, ValueError, "LIGHT twice"),
        ({"LIGHT": 0}, ValueError, r"rate_limit\['LIGHT'\] must be a positive number"),
        ({"MEDIUM": float("inf")}, ValueError, "positive number"),
        ({"MEDIUM": "20"}, TypeError, r"rate_limit\['MEDIUM'\] must be a number"),
        ({"UPLOAD": True}, TypeError, "must be a number"),
        ("gold", ValueError, "not a Zoom plan"),
    ],
)
def test_bad_budgets_are_refused_with_a_typed_error(
    value: Any, error: type[Exception], match: str
) -> None:
    """An unknown category, a duplicate or a budget that is not a positive number is refused."""
    with pytest.raises(error, match=match):
        zc.AsyncZoomClips(auth=make_auth(), rate_limit=value)


class Recorder:
    """A Zoom answering every request at once, recording (virtual) arrival times by path kind."""

    def __init__(self) -> None:
        self.listing: list[float] = []
        self.transfers: list[float] = []
        self.other: list[float] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        now = asyncio.get_running_loop().time()
        path = request.url.path
        if path == "/oauth/token":
            return json_response(200, {"access_token": TOKEN})
        if path == "/v2/clips/transfers":
            self.transfers.append(now)
            return json_response(201, {"task_id": f"task-{len(self.transfers)}"})
        if path.endswith("/clips"):
            self.listing.append(now)
            page = int(request.url.params.get("next_page_token") or 0)
            token = str(page + 1) if page < 2 else ""
            return json_response(200, {"data": [], "next_page_token": token, "page_size": 30})
        self.other.append(now)
        return json_response(200, {})


async def _raw(client: zc.AsyncZoomClips, method: str, path: str, count: int) -> None:
    """``count`` requests through the client's own auth and limiter, one after another."""
    # Raw requests stand in for a resource method: the limiter sits in the auth flow, so any
    # request the client sends with its auth is paced the same way.
    for _ in range(count):
        response = await client._http.request(
            method, f"{client.base_url}{path}", json={}, auth=client._request_auth
        )
        assert response.status_code in (200, 201)


def _listing_beside(zoom: Recorder, path: str, count: int, **kwargs: Any) -> None:
    async def main() -> None:
        client = client_for(zoom, max_concurrency=16, **kwargs)

        async def listing() -> None:
            async for _ in client.clips.list_accounts(["a", "b"], **YEAR):
                pass

        await asyncio.gather(listing(), _raw(client, "POST", path, count))

    run_virtual(main())


def test_transfers_beside_a_listing_spend_their_own_budget() -> None:
    """On the Free plan the listing keeps its 4/s pace while 12 transfers go at MEDIUM's 2/s."""
    zoom = Recorder()
    _listing_beside(zoom, "/clips/transfers", 12, rate_limit="free")
    assert len(zoom.listing) == 2 * 12 * 3
    assert_paced(zoom.listing, 4)
    assert_paced(zoom.transfers, 2)
    assert len(zoom.transfers) == 12
    assert zoom.transfers[-1] < zoom.listing[-1] / 2  # they ran at the same time


def test_a_request_of_no_known_operation_shares_the_light_budget() -> None:
    """A path no spec has (a new Zoom route) waits in LIGHT's bucket, beside the listing."""
    zoom = Recorder()
    _listing_beside(zoom, "/clips/brand-new-route", 12, rate_limit={"LIGHT": 5, "MEDIUM": 1})
    assert len(zoom.other) == 12
    assert_paced(sorted(zoom.listing + zoom.other), 5)


def test_a_category_without_a_budget_does_not_wait() -> None:
    """With a bare number only LIGHT is limited: transfers leave at once, the listing is paced."""
    zoom = Recorder()
    _listing_beside(zoom, "/clips/transfers", 12, rate_limit=10)
    assert zoom.transfers[-1] - zoom.transfers[0] < 1e-6
    assert_paced(zoom.listing, 10)
    assert busiest_second(zoom.listing) <= 10


def test_requests_outside_the_api_root_never_wait() -> None:
    """Only URLs under base_url are counted: another host or path does not take a limiter."""
    auth = RateLimitedAuth(make_auth(), {"LIGHT": RequestRateLimiter(1.0)}, api_url=f"{BASE}/")
    assert auth.limiter_for(httpx.Request("GET", "https://zoom.us/oauth/token")) is None
    assert auth.limiter_for(httpx.Request("GET", "https://api.zoom.us/v1/clips")) is None
    assert auth.limiter_for(httpx.Request("POST", f"{BASE}/clips/transfers")) is None
    light = auth.limiter_for(httpx.Request("GET", f"{BASE}/clips/x?page_size=30"))
    assert light is auth.limiters["LIGHT"]
    assert "LIGHT" in repr(auth)
