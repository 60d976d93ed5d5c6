"""``client.clips.comments``: the comments on a clip (``Comments``, ``AsyncComments`` beside it).

The request builders and the parser are plain functions shared by both classes; the classes
only send (sync or ``await``). Requests come from the generated ``listclipcomments`` and
``deleteacomment`` modules (path template and percent-encoding of both ids).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from typing import Any

import httpx

from .._api_models import Comment, Page, comments_page_from_json
from .._resource import AsyncAPIResource, SyncAPIResource
from .._responses import json_body, no_content
from .._retry import RetryPolicy
from ._arguments import check_id, check_page_size
from ._paging import aiter_items, iter_items

__all__ = ["AsyncComments", "Comments"]

# The spec's comment list holds at most 50 items (maxItems) per page.
MAX_PAGE_SIZE = 50


def list_query(page_size: object) -> dict[str, Any]:
    """The query of the first page.

    Quirk ``comments-page-size-string``: the spec types this ``page_size`` as a string (example
    ``"15"``); it is a count like every other page size, so an int is taken and sent as digits.
    """
    size = check_page_size(page_size, MAX_PAGE_SIZE)
    return {} if size is None else {"page_size": str(size)}


def list_kwargs(clip_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /clips/{clipId}/comments`` for one page."""
    from zoom_clips_endpoints_api.api.comment import listclipcomments  # noqa: PLC0415
    from zoom_clips_endpoints_api.types import UNSET  # noqa: PLC0415

    return listclipcomments._get_kwargs(
        clip_id,
        page_size=params.get("page_size", UNSET),
        next_page_token=params.get("next_page_token", UNSET),
    )


def parse_page(response: httpx.Response, policy: RetryPolicy) -> Page[Comment]:
    """The page of comments in a 200, or the typed error."""
    return json_body(response, policy, comments_page_from_json, what="a comments page")


def delete_kwargs(clip_id: object, comment_id: object) -> dict[str, Any]:
    """``DELETE /clips/{clipId}/comments/{commentId}``; arguments checked."""
    from zoom_clips_endpoints_api.api.comment import deleteacomment  # noqa: PLC0415

    return deleteacomment._get_kwargs(
        check_id(clip_id, "clip_id"), check_id(comment_id, "comment_id")
    )


class Comments(SyncAPIResource):
    """``client.clips.comments``: the comments on a clip."""

    def list(self, clip_id: str, *, page_size: int | None = None) -> Iterator[Comment]:
        """Every top-level comment of the clip, replies in ``children_comments``, page by page.

        ``page_size``: 1..50 per request. Arguments are checked when this is called.

        >>> for comment in client.clips.comments.list("clip-id"):  # doctest: +SKIP
        ...     print(comment.display_name, comment.content, len(comment.children_comments))
        """
        clip = check_id(clip_id, "clip_id")

        def fetch(params: Mapping[str, Any]) -> tuple[Page[Comment], httpx.Response]:
            return self._send(list_kwargs(clip, params), parse_page)

        return iter_items(fetch, list_query(page_size), self._policy)

    def delete(self, clip_id: str, comment_id: str) -> None:
        """Delete one comment (404 code 2005 if it does not exist: ``NotFoundError``).

        >>> client.clips.comments.delete("clip-id", "comment-id")  # doctest: +SKIP
        """
        self._send(delete_kwargs(clip_id, comment_id), no_content)


class AsyncComments(AsyncAPIResource):
    """``aclient.clips.comments``: ``Comments`` with ``await``/``async for``."""

    def list(self, clip_id: str, *, page_size: int | None = None) -> AsyncIterator[Comment]:
        """Every top-level comment of the clip; see ``Comments.list``. Use ``async for``."""
        clip = check_id(clip_id, "clip_id")

        def fetch(params: Mapping[str, Any]) -> Awaitable[tuple[Page[Comment], httpx.Response]]:
            return self._send(list_kwargs(clip, params), parse_page)

        return aiter_items(fetch, list_query(page_size), self._policy)

    async def delete(self, clip_id: str, comment_id: str) -> None:
        """Delete one comment; see ``Comments.delete``."""
        await self._send(delete_kwargs(clip_id, comment_id), no_content)
