"""What a response means: the typed error of an error status, or the parsed body of a success.

Shared by both clients and every resource: each operation hands the client's request path one
``parse(response, policy)`` built from these, and only I/O differs between sync and async. A 2xx
body that is not JSON at all raises the private ``BodyCutShortError``, which the request path
retries like a dropped connection; JSON of the wrong shape is an ``APIResponseValidationError``,
not retried. The generated ``_parse_response`` functions are not used (quirk
``generated-parse-eager``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from ._errors import APIResponseValidationError, APIStatusError, status_error_from_response
from ._models import BodyNotJSON, ClipsPage, decode_json, page_from_json
from ._retry import RetryPolicy, is_daily_limit, reset_time

__all__ = [
    "BodyCutShortError",
    "Parse",
    "json_body",
    "no_content",
    "page_from_response",
    "status_error",
]

T = TypeVar("T")

#: How an operation reads a response: its value, or a typed error raised.
Parse = Callable[[httpx.Response, RetryPolicy], T]


def status_error(response: httpx.Response, policy: RetryPolicy) -> APIStatusError:
    """The typed error of an error response (a 429 carries its limit type and reset time)."""
    if response.status_code == 429:
        return status_error_from_response(
            response,
            limit_type=response.headers.get("x-ratelimit-type")
            or ("Daily-limit" if is_daily_limit(response) else None),
            retry_after=reset_time(response, now=policy.now()),
        )
    return status_error_from_response(response)


class BodyCutShortError(APIResponseValidationError):
    """A 2xx whose body is not JSON at all: cut short in transit, so worth another request."""


def json_body(
    response: httpx.Response,
    policy: RetryPolicy,
    convert: Callable[[Any], T],
    *,
    what: str,
    statuses: frozenset[int] = frozenset({200}),
) -> T:
    """``convert`` applied to the decoded JSON of a success, or the typed error for anything else.

    ``what`` names the expected body in the error message (``"a clips page"``, ``"a clip"``).
    """
    if response.status_code not in statuses:
        raise status_error(response, policy)
    try:
        return convert(decode_json(response.content))
    except BodyNotJSON as exc:
        raise BodyCutShortError(
            f"Zoom answered {response.status_code} with a body that is not JSON: {exc}",
            response=response,
        ) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # The converters raise InvalidBody (a ValueError) for every shape they check; the others
        # are listed so that no surprise escapes as anything but this error.
        raise APIResponseValidationError(
            f"Zoom answered {response.status_code} with a body that is not {what}: {exc}",
            response=response,
        ) from exc


def page_from_response(
    response: httpx.Response, policy: RetryPolicy, *, max_items: int | None = None
) -> ClipsPage:
    """The page in a 200 response, or the typed error for anything else.

    A body that is not JSON (truncated by a proxy or a dropped connection) raises the private
    ``BodyCutShortError``, which the clients retry; JSON of the wrong shape is not retried, nor
    is a page of more than ``max_items`` clips (the ``page_size`` asked for).
    """
    if max_items is None:
        return json_body(response, policy, page_from_json, what="a clips page")
    return json_body(
        response,
        policy,
        lambda body: page_from_json(body, max_items),
        what=f"a clips page of at most {max_items} clips",
    )


def no_content(response: httpx.Response, policy: RetryPolicy) -> None:
    """Nothing, for a 2xx (Zoom's deletes answer 204); the typed error for anything else."""
    if not 200 <= response.status_code < 300:
        raise status_error(response, policy)
