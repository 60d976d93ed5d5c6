"""Each sync/async twin reads the same once ``async``, ``await`` and ``a``/``Async`` prefixes go.

The clients, the resources and their bases, the operations, the window and token-list loops, the
capped body readers and the auth flows each exist twice, adjacent and identical but for the
awaits (STYLE.md, "Sync and async share every decision"). ``twins_support.unasync`` turns each
async twin's syntax tree into the sync one it should equal (httpcore's ``unasync --check`` is the
model), and each member must then match its sync twin's, except those listed below with a reason:
what only the async client has (concurrency), and what truly differs.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from .twins_support import SUBS, differing_members, find, unasync

PACKAGE = Path(__file__).resolve().parents[2] / "wrapper" / "zoom_clips"

#: (module under ``zoom_clips/``, sync twin, async twin); ``Class.method`` for two methods of
#: one class.
TWINS = (
    ("_client.py", "ZoomClips", "AsyncZoomClips"),
    ("_resource.py", "SyncAPIResource", "AsyncAPIResource"),
    ("_clips.py", "ClipListing", "AsyncClipListing"),
    ("_operations.py", "_Sender", "_AsyncSender"),
    ("_operations.py", "Operations", "AsyncOperations"),
    ("_resources/clips.py", "Clips", "AsyncClips"),
    ("_resources/collaborators.py", "Collaborators", "AsyncCollaborators"),
    ("_resources/comments.py", "Comments", "AsyncComments"),
    ("_resources/download.py", "DownloadMethods", "AsyncDownloadMethods"),
    ("_resources/transfers.py", "TransferMethods", "AsyncTransferMethods"),
    ("_resources/upload.py", "UploadMethods", "AsyncUploadMethods"),
    ("_pagination.py", "iter_window", "aiter_window"),
    ("_pagination.py", "iter_window_pages", "aiter_window_pages"),
    ("_resources/_paging.py", "iter_items", "aiter_items"),
    ("_small_bodies.py", "read_small", "aread_small"),
    ("_bodies.py", "read_capped", "aread_capped"),
    ("_auth.py", "_CachedTokenAuth.sync_auth_flow", "_CachedTokenAuth.async_auth_flow"),
    ("_ratelimit.py", "RateLimitedAuth.sync_auth_flow", "RateLimitedAuth.async_auth_flow"),
    (
        "_resources/_download_requests.py",
        "StreamingAuth.sync_auth_flow",
        "StreamingAuth.async_auth_flow",
    ),
)

#: Members only the async twin has (by their sync names): the concurrency of the async client.
ASYNC_ONLY = {
    ("SyncAPIResource", "_max_concurrency"): "the fan-outs' bound, the async client's option",
    ("ClipListing", "jobs"): "a listing as (account, window) jobs for the concurrent fan-out",
    ("ClipListing", "fan_out"): "the windows paged concurrently",
    ("ClipListing", "policy"): "the async inventory pages the fan-out's windows itself",
    ("Clips", "list_accounts"): "many accounts listed at once, concurrently",
}

#: Members only the sync twin has.
SYNC_ONLY = {
    ("ClipListing", "iterate"): "the sync listing pages its windows one after the other",
    ("ClipListing", "_iterate"): "the generator of that sequential listing",
}

#: Members both have that truly differ, and why.
DIFFER: dict[tuple[str, str], str] = {
    ("ZoomClips", "__init__"): "the async client alone takes max_concurrency and rate_limit",
    ("Clips", "list"): "the async listing fans the windows out concurrently",
    ("_CachedTokenAuth.sync_auth_flow", "_CachedTokenAuth.sync_auth_flow"): (
        "one token fetch at a time: a threading.Lock, or an asyncio.Lock of the running loop"
    ),
    ("RateLimitedAuth.sync_auth_flow", "RateLimitedAuth.sync_auth_flow"): (
        "the rate limiter paces the async client only; the sync flow refuses to run"
    ),
}


def _parts(twin: tuple[str, str, str]) -> tuple[set[str], set[str], set[str]]:
    module, sync_name, async_name = twin
    source = (PACKAGE / module).read_text(encoding="utf-8")
    return differing_members(source, source, sync_name, async_name)


def _expected(table: dict[tuple[str, str], str], sync_name: str) -> set[str]:
    return {member for (owner, member) in table if owner == sync_name}


@pytest.mark.parametrize("twin", TWINS, ids=lambda twin: f"{twin[0]}:{twin[1]}")
def test_the_async_twin_is_the_sync_one_but_for_await(twin: tuple[str, str, str]) -> None:
    """Unasynced, each member of the async twin equals the sync twin's, but for those listed."""
    differ, sync_only, async_only = _parts(twin)
    owner = twin[1]
    assert differ == _expected(DIFFER, owner), "these members drifted apart"
    assert sync_only == _expected(SYNC_ONLY, owner), "only the sync twin has these"
    assert async_only == _expected(ASYNC_ONLY, owner), "only the async twin has these"


def test_every_listed_exception_names_a_twin() -> None:
    """No exception outlives its twin: each names the sync side of a pair checked above."""
    owners = {sync_name for _, sync_name, _ in TWINS}
    for table in (ASYNC_ONLY, SYNC_ONLY, DIFFER):
        assert {owner for owner, _ in table} <= owners


def test_every_substitution_is_used() -> None:
    """Each identifier rule of ``SUBS`` renames something in the twins (none is dead weight)."""
    used: set[int] = set()
    for module, _, async_name in TWINS:
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        unasync(find(tree, async_name), used)
    assert sorted(used) == list(range(len(SUBS)))


_TWINS_SOURCE = '''
class Reader:
    def read(self, n: int) -> Iterator[bytes]:
        """Sync."""
        with self._open() as stream:
            for chunk in stream.iter_bytes():
                yield from self._split(chunk, n)
        self._sleep(1.0)

class AsyncReader:
    async def read(self, n: int) -> AsyncIterator[bytes]:
        """Async: docstrings may differ."""
        async with self._open() as stream:
            async for chunk in stream.aiter_bytes():
                for part in self._split(chunk, n):
                    yield part
        await self._sleep(1.0)
'''


def test_twins_in_step_pass_and_a_drifted_one_is_caught() -> None:
    """The checker passes twins that differ only by async, and names the member that drifted
    (a changed constant) and the one added to one side only."""
    source = textwrap.dedent(_TWINS_SOURCE)
    assert differing_members(source, source, "Reader", "AsyncReader") == (set(), set(), set())

    drifted = source.replace("await self._sleep(1.0)", "await self._sleep(2.0)")
    assert differing_members(source, drifted, "Reader", "AsyncReader") == ({"read"}, set(), set())

    grown = drifted + "\n    async def aclose(self) -> None:\n        pass\n"
    assert differing_members(source, grown, "Reader", "AsyncReader") == (
        {"read"},
        set(),
        {"close"},
    )
