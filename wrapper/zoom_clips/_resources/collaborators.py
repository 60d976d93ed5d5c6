"""``client.clips.collaborators``: who a clip is shared with (``Collaborators``, and
``AsyncCollaborators`` beside it).

The request builders and the parser are plain functions shared by both classes; the classes
only send (sync or ``await``). Requests come from the generated ``get_clip_collaborators`` and
``delete_collaborator`` modules (path template and percent-encoding of the clip id).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from typing import Any

import httpx

from .._api_models import Collaborator, Page, collaborators_page_from_json
from .._resource import AsyncAPIResource, SyncAPIResource
from .._responses import json_body, no_content
from .._retry import RetryPolicy
from ._arguments import check_id, check_page_size, check_value
from ._paging import aiter_items, iter_items

__all__ = ["AsyncCollaborators", "Collaborators"]

MAX_PAGE_SIZE = 300


def list_query(page_size: object) -> dict[str, Any]:
    """The query of the first page: only what the caller asked for (Zoom's default is 30)."""
    size = check_page_size(page_size, MAX_PAGE_SIZE)
    return {} if size is None else {"page_size": size}


def list_kwargs(clip_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /clips/{clipId}/collaborators`` for one page."""
    from zoom_clips_endpoints_api.api.clips import get_clip_collaborators  # noqa: PLC0415
    from zoom_clips_endpoints_api.types import UNSET  # noqa: PLC0415

    return get_clip_collaborators._get_kwargs(
        clip_id,
        page_size=params.get("page_size", UNSET),
        next_page_token=params.get("next_page_token", UNSET),
    )


def parse_page(response: httpx.Response, policy: RetryPolicy) -> Page[Collaborator]:
    """The page of collaborators in a 200, or the typed error."""
    return json_body(response, policy, collaborators_page_from_json, what="a collaborators page")


def remove_kwargs(clip_id: object, user_key: object, channel_id: object) -> dict[str, Any]:
    """``DELETE /clips/{clipId}/collaborators`` for one user or channel; arguments checked."""
    from zoom_clips_endpoints_api.api.collaborator import delete_collaborator  # noqa: PLC0415
    from zoom_clips_endpoints_api.types import UNSET  # noqa: PLC0415

    clip = check_id(clip_id, "clip_id")
    if user_key is None and channel_id is None:
        raise ValueError(
            "name the collaborator to remove: user_key= (email or user id), or channel_id="
        )
    return delete_collaborator._get_kwargs(
        clip,
        user_key=UNSET if user_key is None else check_value(user_key, "user_key"),
        channel_id=UNSET if channel_id is None else check_value(channel_id, "channel_id"),
    )


class Collaborators(SyncAPIResource):
    """``client.clips.collaborators``: the collaborators of a clip."""

    def list(self, clip_id: str, *, page_size: int | None = None) -> Iterator[Collaborator]:
        """Every collaborator of the clip, page after page (``page_size``: 1..300 per request).

        Arguments are checked when this is called; the first request is sent on iteration.

        >>> for person in client.clips.collaborators.list("clip-id"):  # doctest: +SKIP
        ...     print(person.type, person.email or person.display_name)
        """
        clip = check_id(clip_id, "clip_id")

        def fetch(params: Mapping[str, Any]) -> tuple[Page[Collaborator], httpx.Response]:
            return self._send(list_kwargs(clip, params), parse_page)

        return iter_items(fetch, list_query(page_size), self._policy)

    def remove(
        self, clip_id: str, *, user_key: str | None = None, channel_id: str | None = None
    ) -> None:
        """Stop sharing the clip with one user (``user_key``: email or user id) or channel.

        >>> client.clips.collaborators.remove("clip-id", user_key="a@example.com")  # doctest: +SKIP
        """
        self._send(remove_kwargs(clip_id, user_key, channel_id), no_content)


class AsyncCollaborators(AsyncAPIResource):
    """``aclient.clips.collaborators``: ``Collaborators`` with ``await``/``async for``."""

    def list(self, clip_id: str, *, page_size: int | None = None) -> AsyncIterator[Collaborator]:
        """Every collaborator of the clip; see ``Collaborators.list``. Use ``async for``."""
        clip = check_id(clip_id, "clip_id")

        def fetch(
            params: Mapping[str, Any],
        ) -> Awaitable[tuple[Page[Collaborator], httpx.Response]]:
            return self._send(list_kwargs(clip, params), parse_page)

        return aiter_items(fetch, list_query(page_size), self._policy)

    async def remove(
        self, clip_id: str, *, user_key: str | None = None, channel_id: str | None = None
    ) -> None:
        """Stop sharing the clip with one user or channel; see ``Collaborators.remove``."""
        await self._send(remove_kwargs(clip_id, user_key, channel_id), no_content)
