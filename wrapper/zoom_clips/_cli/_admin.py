"""What the admin commands (``get``, ``delete``, ``transfer``, ``collaborators``) share.

Each runs its whole conversation with Zoom (or with the embedded mock of ``--mock``, which must
stay up between a command's steps: a delete's plan and the deletes) as one coroutine on one
async client, through ``Run``'s checked connection. Clip ids are checked before anything is sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import httpx

from zoom_clips import AsyncZoomClips, Clip

from ._errors import CliError
from ._listing import Run

__all__ = ["clip_ids", "converse", "describe_clip", "first_failure_stops_all", "plain", "plural"]

T = TypeVar("T")


def converse(run: Run, work: Callable[[AsyncZoomClips], Awaitable[T]]) -> T:
    """Run ``work`` on one async client for the command (the mock's, with ``--mock``)."""

    async def main() -> T:
        http = httpx.AsyncClient(timeout=30.0)
        try:
            with run.client(http) as client:
                async with client:
                    return await work(client)
        finally:
            await http.aclose()  # ours, so ours to close (the client closes only its own)

    return asyncio.run(main())


async def first_failure_stops_all(work: Iterable[Coroutine[Any, Any, T]]) -> list[T]:
    """Run ``work`` concurrently; the first failure cancels the rest and is raised as it is.

    (``asyncio.gather`` alone leaves the others running after the client is closed, and a
    ``TaskGroup`` would wrap the error in an ``ExceptionGroup``, which says less in one line.)
    """
    tasks = [asyncio.ensure_future(each) for each in work]
    try:
        return await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def clip_ids(values: Iterable[str], *, option: str) -> list[str]:
    """The clip ids given, stripped, each once, in order; an empty or blank one is refused."""
    ids: list[str] = []
    for value in values:
        text = value.strip()
        if not text:
            raise CliError(f"{option} {value!r} is not a clip id")
        if text not in ids:
            ids.append(text)
    return ids


def plain(value: Any) -> str:
    """A field as a table cell: enums by value, instants in UTC, nothing for ``None``."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe_clip(clip: Clip) -> str:
    """A clip in a few words, for a progress line: ``"title" (owner OWNER, STATUS)``."""
    return f"{clip.title or '(untitled)'!r} (owner {clip.owner_id or '?'}, {plain(clip.status)})"


def plural(count: int, noun: str) -> str:
    """``"1 clip"``, ``"3 clips"``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
