"""Auto-pagination by ``next_page_token`` for the lists of one clip (collaborators, comments).

``TokenPager`` is the pure state (what to ask next, whether the list still advances), a
``_pagination.Pager`` as a clip window's is; ``iter_items`` and ``aiter_items`` do the I/O with a
``fetch(params)`` bound to one operation, identical but for ``await``. The bounds are a clip
listing's (``_pagination.PageTrail``): a token Zoom sends twice for one list would loop forever,
and an empty page that still carries a token brought nothing, spending one retry of the client's
policy; both end in a
``PaginationError``. Unlike a clip listing there are no windows and no de-duplication: a clip's
collaborators and comments are few, and Zoom sends each once, so a page with items is progress,
unless it is the very page (equal items) of one of the last pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import httpx

from .._api_models import Page
from .._pagination import Pager
from .._retry import RetryPolicy

__all__ = ["TokenPager", "aiter_items", "iter_items"]

T = TypeVar("T")

Fetch = Callable[[Mapping[str, Any]], tuple[Page[T], httpx.Response]]
AsyncFetch = Callable[[Mapping[str, Any]], Awaitable[tuple[Page[T], httpx.Response]]]


@attrs.define
class TokenPager(Pager[Page[T], tuple[T, ...]]):
    """Where a token-paginated list stands: the next request's params, or done."""

    WHAT: ClassVar[str] = "list"

    def items(self, page: Page[T]) -> tuple[T, ...]:
        """Every item of ``page`` (Zoom sends each once)."""
        return page.data

    def fingerprint(self, page: Page[T]) -> int:
        """The hash of the page's items (frozen models, hashable: ``extra`` is left out)."""
        return hash(page.data)


def iter_items(
    fetch: Fetch[T], query: Mapping[str, Any], policy: RetryPolicy | None = None
) -> Iterator[T]:
    """Every item of a list, page after page (``policy``: the client's, for the bounds)."""
    pager: TokenPager[T] = TokenPager(query, policy=policy or RetryPolicy())
    while not pager.done:
        page, response = fetch(pager.params())
        yield from pager.accept(page, response)


async def aiter_items(
    fetch: AsyncFetch[T], query: Mapping[str, Any], policy: RetryPolicy | None = None
) -> AsyncIterator[T]:
    """The async twin of ``iter_items``."""
    pager: TokenPager[T] = TokenPager(query, policy=policy or RetryPolicy())
    while not pager.done:
        page, response = await fetch(pager.params())
        for item in pager.accept(page, response):
            yield item
