"""``client.clips``: the clips resource of ``ZoomClips`` (``Clips``) and ``AsyncZoomClips``
(``AsyncClips``), side by side.

A method checks its arguments before any request is sent, builds the request with the generated
code and sends it through its client's one request path (the resource base's ``_send``; listing
pages go through the listing resource's ``fetch``). The listing itself (windows,
de-duplication, the async fan-out) is in ``_clips``;
transfers, downloads and uploads are in ``transfers``, ``download`` and ``upload`` (mixed in);
``collaborators`` and ``comments`` are sub-resources.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable, Iterator
from datetime import date, datetime
from functools import cached_property
from typing import Any, cast

from .._clips import (
    AsyncClipListing,
    ClipListing,
    check_account_id,
    check_accounts,
    clips_only,
    page_query,
)
from .._models import Clip, ClipsPage, ClipStatus, DateFilterType
from .._responses import no_content
from ._arguments import check_id
from ._clip_requests import get_kwargs, parse_clip
from .collaborators import AsyncCollaborators, Collaborators
from .comments import AsyncComments, Comments
from .download import AsyncDownloadMethods, DownloadMethods
from .transfers import AsyncTransferMethods, TransferMethods
from .upload import AsyncUploadMethods, UploadMethods

__all__ = ["AsyncClips", "Clips", "delete_kwargs", "get_kwargs", "parse_clip"]

DateArg = date | datetime | str | None


def delete_kwargs(clip_id: object) -> dict[str, Any]:
    """``DELETE /clips/{clipId}``; the id checked."""
    from zoom_clips_endpoints_api.api.single import delete_clip  # noqa: PLC0415

    return delete_clip._get_kwargs(check_id(clip_id, "clip_id"))


def _filters(
    user_id: object,
    search_key: object,
    date_filter_type: object,
    status: object,
    page_size: object,
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "search_key": search_key,
        "date_filter_type": date_filter_type,
        "status": status,
        "page_size": page_size,
    }


class Clips(TransferMethods, DownloadMethods, UploadMethods):
    """``client.clips``: the clips of a ``ZoomClips`` client."""

    @cached_property
    def collaborators(self) -> Collaborators:
        """``client.clips.collaborators``: who a clip is shared with."""
        return Collaborators(self._client)

    @cached_property
    def comments(self) -> Comments:
        """``client.clips.comments``: the comments on a clip."""
        return Comments(self._client)

    @cached_property
    def _listing(self) -> ClipListing:
        return ClipListing(self._client)

    def list_page(
        self,
        account_id: str | None = None,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
        next_page_token: str | None = None,
    ) -> ClipsPage:
        """One page of clips (one request, retried as the policy allows).

        With ``account_id``, the master API's listing of that (sub-)account; without, the Clips
        API's ``GET /clips`` (the token's user's clips, or the account's with admin scope).
        ``from_``..``to`` may span at most one month here; ``list`` splits longer ranges. Without
        them Zoom lists only today's clips. They are sent as ``list`` sends them, in Zoom's
        documented ``yyyy-MM-ddTHH:mm:ssZ`` form only: a date ``from_`` D as ``DT00:00:00Z``, a
        date ``to`` E as ``(E+1)T00:00:00Z`` (through the end of day E), a datetime with
        sub-seconds rounded outward to whole seconds. The page is returned as Zoom sent it, so
        a clip dated exactly on that rounded-up ``to`` may be in it; ``list`` drops those.

        >>> page = client.clips.list_page("acct", page_size=300)  # doctest: +SKIP
        """
        account, query = page_query(
            account_id,
            _filters(user_id, search_key, date_filter_type, status, page_size),
            from_=from_,
            to=to,
            next_page_token=next_page_token,
            now=self._now(),
        )
        return self._listing.fetch(account, query)[0]

    def list(
        self,
        account_id: str | None = None,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> Iterator[Clip]:
        """Every clip matching the filters, page after page, window after window, each once.

        With ``account_id``, the master API's listing of that (sub-)account; without, the Clips
        API's ``GET /clips`` (the token's user's clips, or every clip of the account with admin
        scope; ``user_id=`` narrows it to one owner). The same windows, pagination,
        de-duplication and checks either way.

        ``from_``/``to`` take a ``date``, a ``datetime`` (naive means UTC) or an ISO string; both
        are inclusive: dates ``D``..``E`` list the instants ``[D 00:00Z, (E+1) 00:00Z)``, a
        datetime ``to`` includes that instant. On the wire they are only ever
        ``yyyy-MM-ddTHH:mm:ssZ`` (a date ``to`` E is sent as ``(E+1)T00:00:00Z``); what that
        over-fetches is dropped here. A range longer than a month is split into one-month
        windows. A clip is yielded at most once even if a server returns it from several
        windows, and never if its filter date lies outside the range. **Without ``from_`` and
        ``to``, Zoom's own default applies: only clips of today (UTC).** Arguments are checked
        before any request.

        Under ``MODIFIED_DATE`` (Zoom's default) a clip modified while the listing runs can
        move to another window and be yielded twice, its newest state last; pass
        ``date_filter_type="CREATED_DATE"`` for a stable inventory.

        >>> for clip in client.clips.list("acct", from_=date(2025, 1, 1), to=date(2025, 12, 31)):
        ...     print(clip.clip_id)  # doctest: +SKIP
        """
        return self._listing.iterate(
            account_id,
            _filters(user_id, search_key, date_filter_type, status, page_size),
            from_=from_,
            to=to,
        )

    def get(self, clip_id: str) -> Clip:
        """One clip by id (``NotFoundError``, code 2000, if there is none).

        A deleted clip is still found, with status ``RECORD_DELETE`` (Zoom's delete is soft).

        >>> clip = client.clips.get("clip-id")  # doctest: +SKIP
        """
        return self._send(get_kwargs(clip_id), parse_clip)[0]

    def delete(self, clip_id: str) -> None:
        """Delete a clip (a soft delete: it lists as ``RECORD_DELETE`` afterwards).

        >>> client.clips.delete("clip-id")  # doctest: +SKIP
        """
        self._send(delete_kwargs(clip_id), no_content)


class AsyncClips(AsyncTransferMethods, AsyncDownloadMethods, AsyncUploadMethods):
    """``aclient.clips``: the clips of an ``AsyncZoomClips`` client."""

    @cached_property
    def collaborators(self) -> AsyncCollaborators:
        """``aclient.clips.collaborators``: who a clip is shared with."""
        return AsyncCollaborators(self._client)

    @cached_property
    def comments(self) -> AsyncComments:
        """``aclient.clips.comments``: the comments on a clip."""
        return AsyncComments(self._client)

    @cached_property
    def _listing(self) -> AsyncClipListing:
        return AsyncClipListing(self._client)

    async def list_page(
        self,
        account_id: str | None = None,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
        next_page_token: str | None = None,
    ) -> ClipsPage:
        """One page of clips; see ``Clips.list_page``."""
        account, query = page_query(
            account_id,
            _filters(user_id, search_key, date_filter_type, status, page_size),
            from_=from_,
            to=to,
            next_page_token=next_page_token,
            now=self._now(),
        )
        return (await self._listing.fetch(account, query))[0]

    def list(
        self,
        account_id: str | None = None,
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> AsyncGenerator[Clip, None]:
        """Every clip matching the filters, each once; see ``Clips.list``. Use ``async for``.

        The one-month windows of a longer range are paged **concurrently**, at most the client's
        ``max_concurrency`` at a time, and clips come in the order their pages arrive: newest
        first within a window, windows interleaved (sort them if order matters). The windows
        share one ``WindowLedger``, so a clip is yielded once whichever window returns it first
        (a clip modified during a ``MODIFIED_DATE`` listing may still come twice, normally its
        newest state last: ``CREATED_DATE`` gives a stable inventory). If any window
        fails for good, the others are cancelled and its typed error is raised: a listing never
        ends early without an error. **Without ``from_`` and ``to``, Zoom's own default
        applies: only clips of today (UTC).** Arguments are checked when ``list`` is called.

        >>> async for clip in aclient.clips.list("acct", from_="2025-01-01", to="2025-12-31"):
        ...     print(clip.clip_id)  # doctest: +SKIP
        """
        filters = _filters(user_id, search_key, date_filter_type, status, page_size)
        account = None if account_id is None else check_account_id(account_id)
        jobs = self._listing.jobs([account], filters, from_=from_, to=to)
        return clips_only(self._listing.fan_out(jobs))

    def list_accounts(
        self,
        account_ids: Iterable[str],
        *,
        user_id: str | None = None,
        search_key: str | None = None,
        date_filter_type: DateFilterType | str | None = None,
        from_: DateArg = None,
        to: DateArg = None,
        status: ClipStatus | str | None = None,
        page_size: int | None = None,
    ) -> AsyncGenerator[tuple[str, Clip], None]:
        """Every matching clip of every account in ``account_ids``, as ``(account_id, clip)``.

        All accounts' windows are paged concurrently under the client's ``max_concurrency`` (and
        ``rate_limit``), each clip yielded once, in the order pages arrive; the filters apply to
        every account. A repeated account id is listed once. The first error that outlasts the
        retry policy cancels the rest and is raised. Arguments are checked when this is called.

        >>> subs = ["sub-account-1", "sub-account-2"]
        >>> async for account_id, clip in aclient.clips.list_accounts(
        ...     subs, from_="2025-01-01", to="2025-12-31"
        ... ):
        ...     print(account_id, clip.clip_id)  # doctest: +SKIP
        """
        accounts = check_accounts(account_ids)
        filters = _filters(user_id, search_key, date_filter_type, status, page_size)
        jobs = self._listing.jobs(accounts, filters, from_=from_, to=to)
        # Every job names an account here, so no pair carries None.
        return cast("AsyncGenerator[tuple[str, Clip], None]", self._listing.fan_out(jobs))

    async def get(self, clip_id: str) -> Clip:
        """One clip by id; see ``Clips.get``."""
        return (await self._send(get_kwargs(clip_id), parse_clip))[0]

    async def delete(self, clip_id: str) -> None:
        """Delete a clip (soft); see ``Clips.delete``."""
        await self._send(delete_kwargs(clip_id), no_content)
