"""Auto-pagination by ``next_page_token`` for the lists of one clip (collaborators, comments).

``TokenPager`` is the pure state (what to ask next, whether a token repeats); ``iter_items`` and
``aiter_items`` do the I/O with a ``fetch(params)`` bound to one operation, identical but for
``await``. A token Zoom sends twice for one list would loop forever: that is a
``PaginationError``. Unlike a clip listing there are no windows and no de-duplication: a clip's
collaborators and comments are few, and Zoom sends each once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import httpx

from .._api_models import Page
from .._errors import PaginationError

__all__ = ["TokenPager", "aiter_items", "iter_items"]

T = TypeVar("T")

Fetch = Callable[[Mapping[str, Any]], tuple[Page[T], httpx.Response]]
AsyncFetch = Callable[[Mapping[str, Any]], Awaitable[tuple[Page[T], httpx.Response]]]


@attrs.define
class TokenPager:
    """Where a token-paginated list stands: the next request's params, or done."""

    query: Mapping[str, Any]
    token: str | None = None
    done: bool = False
    _tokens: set[str] = attrs.field(factory=set)

    def params(self) -> dict[str, Any]:
        """The next request's arguments: the original query, plus the page token."""
        if self.token is None:
            return dict(self.query)
        return {**self.query, "next_page_token": self.token}

    def accept(self, page: Page[T], response: httpx.Response) -> tuple[T, ...]:
        """The items of ``page``, and the pager advanced to the next page (or done)."""
        token = page.next_page_token
        if token is None:
            self.done = True
        elif token in self._tokens:
            raise PaginationError(
                "Zoom sent a next_page_token it had already sent for this list: "
                "paging would loop forever",
                response=response,
            )
        else:
            self._tokens.add(token)
            self.token = token
        return page.data


def iter_items(fetch: Fetch[T], query: Mapping[str, Any]) -> Iterator[T]:
    """Every item of a list, page after page."""
    pager = TokenPager(query)
    while not pager.done:
        page, response = fetch(pager.params())
        yield from pager.accept(page, response)


async def aiter_items(fetch: AsyncFetch[T], query: Mapping[str, Any]) -> AsyncIterator[T]:
    """The async twin of ``iter_items``."""
    pager = TokenPager(query)
    while not pager.done:
        page, response = await fetch(pager.params())
        for item in pager.accept(page, response):
            yield item
