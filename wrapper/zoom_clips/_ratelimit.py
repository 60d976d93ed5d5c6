"""A client-side limit on API requests per second, one budget per Zoom rate-limit category.

Zoom limits requests per account and per category, each category with its own budget, counted
per clock second (ZOOM-FACTS.md): LIGHT (the listings, ``get``, ``delete``, collaborators,
comments, a transfer's status: Free 4/s, Pro 30/s, Business and up 80/s), MEDIUM (``POST
/clips/transfers``: Free 2/s, Pro 20/s, Business and up 60/s) and the uploads' own (UPLOAD: 20/s
on every plan). A client that fans out must space its requests or bounce off 429s, and a
transfer must not spend the listing's budget. So the limiter keeps one ``RequestRateLimiter``
per category, and ``RateLimitedAuth`` sends each request through the one of its operation's
category.

Each operation's category comes from the spec's "Rate Limit Label", read at generation time
into the generated packages' ``rate_limits.CATEGORIES`` (``(METHOD, path template) -> category``;
an operation without a label is LIGHT there, quirk ``rate-limit-label-missing``).
``OperationCategories`` matches a request's method and path (under the client's ``base_url``,
so ``/v2/clips/abc`` is ``/clips/{clipId}``) against those templates, the template with the
most literal segments winning (``/clips/transfers/{taskId}`` over ``/clips/{clipId}/...``). A
request that matches no operation (a path Zoom added after the vendored specs) is
``DEFAULT_CATEGORY``, LIGHT: most of Zoom's operations are, the generator gives unlabelled ones
the same, and sharing the listing's budget can only slow such a request, never exceed a limit.

``rate_limit=`` (see ``resolve_rate_limits``) takes:
- a plan name (``"free"``, ``"pro"``, ``"business"``, ``"business_plus"``, ``"enterprise"``):
  every category's budget on that plan (``PLAN_RATE_LIMITS``);
- a mapping of category to requests per second (``{"LIGHT": 25, "MEDIUM": 15}``): the
  categories it leaves out (or maps to ``None``) are not limited;
- a bare number: the LIGHT budget, as it always meant (it predates the other categories, and
  existing callers keep their behaviour); MEDIUM and UPLOAD are then not limited, since a number
  does not say which plan the account is on. Name the plan or pass a mapping to limit those too.
- ``None``: nothing is limited.

One category's bucket: aiolimiter's leaky bucket (a maintained library, rather than a
hand-written bucket), drained at ``rate * (1 - SAFETY_MARGIN)`` requests/s, with a capacity of
barely more than one request: requests leave evenly spaced, never in a burst.

Why those numbers: a leaky bucket of capacity ``C`` drained at ``r``/s lets at most ``C + r``
requests through in any one-second span, so Zoom's fixed seconds (however they align with the
client's clock) see at most ``floor(C + r)``. aiolimiter's default capacity (``C = r``) would
send twice the limit in the first second. With ``C = 1`` the count stays under the limit, but a
waiter the event loop wakes a little late loses that time for good (``bench_3_ratelimit`` measured
27.9 of 30/s). So half the margin goes to capacity (``C = 1 + rate * margin / 2``: a late request
may catch up by part of an interval) and half absorbs the jitter between the client sending and
the server counting: ``C + r = rate + 1 - rate * margin / 2``, below ``rate + 1`` for any rate.
- Every request to the API counts, retries included, and so does the second send of a request
  whose token was refused (401/124), because the limiter wraps the auth flow: it waits before each
  API request the flow sends. Token requests go to Zoom's OAuth endpoint, which this limit does
  not cover, so they do not wait.

aiolimiter binds a bucket to an event loop, so the limiter keeps one bucket per running loop;
within a loop, every concurrent request of the client shares it. The bucket reads the loop's own
clock (``loop.time()``), so tests drive it with a loop whose time they control. The sync client
sends one request at a time and has no limiter.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import AsyncGenerator, Generator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias

import httpx
from zoom_clips_api.rate_limits import CATEGORIES as MASTER_CATEGORIES
from zoom_clips_endpoints_api.rate_limits import CATEGORIES as ENDPOINTS_CATEGORIES

if TYPE_CHECKING:
    import asyncio

    from aiolimiter import AsyncLimiter

__all__ = [
    "CATEGORY_NAMES",
    "DEFAULT_CATEGORY",
    "LIGHT_RATE_LIMITS",
    "OPERATION_CATEGORIES",
    "PLAN_RATE_LIMITS",
    "SAFETY_MARGIN",
    "OperationCategories",
    "RateLimit",
    "RateLimitedAuth",
    "RequestRateLimiter",
    "resolve_rate_limit",
    "resolve_rate_limits",
]

#: Zoom's rate-limit categories for the Clips APIs.
CATEGORY_NAMES = ("LIGHT", "MEDIUM", "UPLOAD")

#: The category of a request that matches no operation of either spec.
DEFAULT_CATEGORY = "LIGHT"


def _plan(light: float, medium: float) -> Mapping[str, float]:
    # Uploads: 20 requests/s on every plan (their descriptions state it; ZOOM-FACTS.md).
    return MappingProxyType({"LIGHT": light, "MEDIUM": medium, "UPLOAD": 20.0})


#: Every category's per-second budget, by Zoom plan.
PLAN_RATE_LIMITS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "free": _plan(4.0, 2.0),
        "pro": _plan(30.0, 20.0),
        "business": _plan(80.0, 60.0),
        "business_plus": _plan(80.0, 60.0),
        "enterprise": _plan(80.0, 60.0),
    }
)

#: Zoom's LIGHT-category limits (the listing's category), requests per second, by plan.
LIGHT_RATE_LIMITS: Mapping[str, float] = MappingProxyType(
    {plan: limits["LIGHT"] for plan, limits in PLAN_RATE_LIMITS.items()}
)

#: The share of the limit left unused to absorb send-to-count jitter (see the module docstring).
SAFETY_MARGIN = 0.03

#: What ``rate_limit=`` accepts: ``None``, a number, a plan name or category -> requests/s.
RateLimit: TypeAlias = float | str | Mapping[str, float | None] | None


def _per_second(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number of requests/s, not {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} must be a positive number of requests/s, not {value!r}")
    return float(value)


def resolve_rate_limits(value: object) -> dict[str, float]:
    """Requests/s per category from ``rate_limit=``; a category left out is not limited.

    >>> resolve_rate_limits("Pro")
    {'LIGHT': 30.0, 'MEDIUM': 20.0, 'UPLOAD': 20.0}
    >>> resolve_rate_limits(25)
    {'LIGHT': 25.0}
    >>> resolve_rate_limits({"medium": 5})
    {'MEDIUM': 5.0}
    """
    if value is None:
        return {}
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_").replace("-", "_").replace("+", "_plus")
        if key in PLAN_RATE_LIMITS:
            return dict(PLAN_RATE_LIMITS[key])
        plans = ", ".join(PLAN_RATE_LIMITS)
        raise ValueError(
            f"rate_limit={value!r} is not a Zoom plan ({plans}), a number or a mapping"
        )
    if isinstance(value, Mapping):
        limits: dict[str, float] = {}
        for name, per_second in value.items():
            category = name.strip().upper() if isinstance(name, str) else name
            if category not in CATEGORY_NAMES:
                known = ", ".join(CATEGORY_NAMES)
                raise ValueError(f"rate_limit: {name!r} is not a rate-limit category ({known})")
            if category in limits:
                raise ValueError(f"rate_limit names the category {category} twice")
            if per_second is not None:
                limits[category] = _per_second(per_second, f"rate_limit[{name!r}]")
        return limits
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            "rate_limit must be None, a number, a plan name or a mapping of category to "
            f"requests/s, not {type(value).__name__}"
        )
    return {"LIGHT": _per_second(value, "rate_limit")}


def resolve_rate_limit(value: object) -> float | None:
    """The LIGHT budget (the listing's) from ``rate_limit=``, ``None`` when it is not limited.

    >>> resolve_rate_limit("Pro")
    30.0
    """
    return resolve_rate_limits(value).get("LIGHT")


class OperationCategories:
    """Which rate-limit category a request belongs to, from its method and path.

    ``tables`` maps ``(METHOD, path template)`` to a category, as the generated
    ``rate_limits.CATEGORIES`` do. ``category_of("GET", "/clips/abc")`` is the category of
    ``GET /clips/{clipId}``; a request that matches no template is ``default``. Paths are
    compared segment by segment as sent (percent-encoded), so a clip id holding ``%2F`` stays
    one segment.
    """

    def __init__(
        self, tables: Mapping[tuple[str, str], str], *, default: str = DEFAULT_CATEGORY
    ) -> None:
        self.default = default
        # (METHOD, segment count) -> [(segments, category)], the most literal template first.
        self._templates: dict[tuple[str, int], list[tuple[tuple[str | None, ...], str]]] = {}
        for (method, template), category in tables.items():
            segments = tuple(
                None if part.startswith("{") and part.endswith("}") else part
                for part in template.strip("/").split("/")
            )
            self._templates.setdefault((method.upper(), len(segments)), []).append(
                (segments, category)
            )
        for candidates in self._templates.values():
            candidates.sort(key=lambda item: sum(part is None for part in item[0]))

    def __repr__(self) -> str:
        count = sum(len(candidates) for candidates in self._templates.values())
        return f"OperationCategories({count} operations, default={self.default!r})"

    def category_of(self, method: str, path: str) -> str:
        """The category of ``METHOD path`` (the path relative to the API root, no query)."""
        parts = path.strip("/").split("/")
        for segments, category in self._templates.get((method.upper(), len(parts)), ()):
            if all(
                part == expected if expected is not None else part != ""
                for part, expected in zip(parts, segments, strict=True)
            ):
                return category
        return self.default


#: Every operation of both vendored specs (the master API's listing and ``endpoints.json``).
OPERATION_CATEGORIES = OperationCategories({**MASTER_CATEGORIES, **ENDPOINTS_CATEGORIES})


class RequestRateLimiter:
    """At most ``per_second`` requests in any second, spaced evenly, shared by all tasks."""

    def __init__(self, per_second: float, *, safety_margin: float = SAFETY_MARGIN) -> None:
        if not 0 <= safety_margin < 1:
            raise ValueError(f"safety_margin must be in [0, 1), not {safety_margin!r}")
        self.per_second = per_second
        #: Seconds between two requests leaving this client, in the long run.
        self.interval = 1.0 / (per_second * (1.0 - safety_margin))
        #: The bucket's size in requests: a little over one, to catch up on a late wake-up.
        self.capacity = 1.0 + per_second * safety_margin / 2
        self._buckets: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncLimiter] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        return f"RequestRateLimiter(per_second={self.per_second!r})"

    async def acquire(self) -> None:
        """Wait until one more request may leave without exceeding the rate."""
        import asyncio  # noqa: PLC0415 -- only the async client waits: sync apps never load asyncio

        loop = asyncio.get_running_loop()
        bucket = self._buckets.get(loop)
        if bucket is None:
            # Drained at one request per ``interval``; never more than ``capacity`` at once.
            # Imported on first use: a client without a rate limit never needs aiolimiter.
            from aiolimiter import AsyncLimiter  # noqa: PLC0415

            bucket = AsyncLimiter(self.capacity, self.capacity * self.interval)
            self._buckets[loop] = bucket
        await bucket.acquire()


class RateLimitedAuth(httpx.Auth):
    """An auth flow that waits, before each request it sends to the API, for its category's limiter.

    It drives the wrapped flow (token fetches, the 401/124 retry) unchanged. A request whose URL
    starts with ``api_url`` (one root, or several: the API's and the file API's) waits for
    ``limiters[category]``, its category found by ``categories`` from its method and its path
    below that root; a category without a limiter, and any other URL (the token endpoint, a
    download's file host), does not wait.
    """

    def __init__(
        self,
        inner: httpx.Auth,
        limiters: Mapping[str, RequestRateLimiter],
        *,
        api_url: str | Sequence[str],
        categories: OperationCategories = OPERATION_CATEGORIES,
    ) -> None:
        self.inner = inner
        self.limiters = MappingProxyType(dict(limiters))
        self.categories = categories
        roots = (api_url,) if isinstance(api_url, str) else tuple(api_url)
        # Each API root (the API's, the file API's for uploads): its URL prefix and raw path,
        # the longest first so that a root below another is matched as itself.
        prefixes = sorted({root.rstrip("/") + "/" for root in roots}, key=len, reverse=True)
        self._api_roots = tuple(
            (prefix, httpx.URL(prefix).raw_path.split(b"?", 1)[0]) for prefix in prefixes
        )

    def __repr__(self) -> str:
        return f"RateLimitedAuth({self.inner!r}, {dict(self.limiters)!r})"

    def limiter_for(self, request: httpx.Request) -> RequestRateLimiter | None:
        """The limiter ``request`` waits for, or ``None`` (not an API request, or not limited)."""
        url = str(request.url)
        for prefix, root_path in self._api_roots:
            if url.startswith(prefix):
                raw_path = request.url.raw_path.split(b"?", 1)[0]
                path = raw_path[len(root_path) :].decode("ascii", "replace")
                return self.limiters.get(self.categories.category_of(request.method, path))
        return None

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("the rate limiter is for the async client only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.inner.async_auth_flow(request)
        try:
            outgoing = await anext(flow)
            while True:
                limiter = self.limiter_for(outgoing)
                if limiter is not None:
                    await limiter.acquire()
                response = yield outgoing
                try:
                    outgoing = await flow.asend(response)
                except StopAsyncIteration:
                    return
        finally:
            await flow.aclose()
