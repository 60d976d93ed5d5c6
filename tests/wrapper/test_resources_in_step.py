"""The sync and async resources stay in step: the same methods with the same parameters."""

from __future__ import annotations

import inspect

import pytest
from zoom_clips._resources import (
    AsyncClips,
    AsyncCollaborators,
    AsyncComments,
    Clips,
    Collaborators,
    Comments,
)

# What only the async client has: concurrent listing of many accounts at once.
ASYNC_ONLY = {"list_accounts"}


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


@pytest.mark.parametrize(
    ("sync", "async_"),
    [(Clips, AsyncClips), (Collaborators, AsyncCollaborators), (Comments, AsyncComments)],
)
def test_sync_and_async_resources_have_the_same_methods(sync: type, async_: type) -> None:
    """Every method of a sync resource exists on its async twin with identical parameters."""
    mine, theirs = public_methods(sync), public_methods(async_)
    assert set(theirs) - ASYNC_ONLY == set(mine)
    for name, signature in mine.items():
        assert list(signature.parameters.values()) == list(theirs[name].parameters.values()), name


def test_clips_has_every_operation_of_the_issue() -> None:
    """client.clips offers every name the public surface promises."""
    assert {
        "list",
        "list_page",
        "get",
        "delete",
        "transfer",
        "transfer_status",
        "wait_for_transfer",
    } <= set(public_methods(Clips))
    assert {"list", "remove"} <= set(public_methods(Collaborators))
    assert {"list", "delete"} <= set(public_methods(Comments))
