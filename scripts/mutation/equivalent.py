"""Survivors judged equivalent: mutants no test can kill because behaviour does not change.

Each entry is (target, function, the mutated line's source text, mutant description) and why.
An entry that no longer matches a survivor is reported by ``make mutation``, so the list cannot
go stale silently.
"""

from __future__ import annotations

__all__ = ["EQUIVALENT"]

_TOKEN_LENGTH = (
    "an opaque random token one byte longer is as unguessable and as opaque; nothing (the spec, "
    "Zoom's documents, a client) depends on its length, only on its being at most 100 characters"
)
_TOKEN_GUARD = (
    "the length guard only spares a dictionary lookup: every stored token is 32 characters, so "
    "a token of 100 or 101 characters is unknown either way and gets the same 400"
)

EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    (
        "mock/_app",
        "_list_clips",
        "cursor = state.cursor_for(token) if len(token) <= 100 else None",
        "<= -> <",
    ): _TOKEN_GUARD,
    (
        "mock/_app",
        "_list_clips",
        "cursor = state.cursor_for(token) if len(token) <= 100 else None",
        "100 -> 101",
    ): _TOKEN_GUARD,
    (
        "mock/_state",
        "MockState.issue_token",
        "token = secrets.token_urlsafe(32)",
        "32 -> 33",
    ): _TOKEN_LENGTH,
    (
        "mock/_state",
        "MockState.save_cursor",
        "token = secrets.token_urlsafe(24)",
        "24 -> 25",
    ): _TOKEN_LENGTH,
    (
        "mock/_state",
        "MockState.rotate_refresh_token",
        "new = secrets.token_urlsafe(32)",
        "32 -> 33",
    ): _TOKEN_LENGTH,
}
