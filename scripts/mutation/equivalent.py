"""Survivors judged equivalent: mutants no test can kill because behaviour does not change.

Each entry is (target, function, the mutated line's source text, mutant description) and why.
An entry that no longer matches a survivor is reported by ``make mutation``, so the list cannot
go stale silently.
"""

from __future__ import annotations

__all__ = ["EQUIVALENT"]

_OPAQUE_LENGTH = (
    "an opaque random token one byte longer is as unguessable and as opaque; nothing (the spec, "
    "Zoom's documents, a client) depends on its length, only on its being at most 100 characters"
)
_LOOKUP_GUARD = (
    "the length guard only spares a dictionary lookup: every stored token is 32 characters, so "
    "a token of 100 or 101 characters is unknown either way and gets the same 400"
)

_QUOTED_LENGTH = (
    "how many characters of a bad value an error message quotes is wording: the status, the "
    "code and the field the message names are tested; no client or spec reads the quote's length"
)

_PURGE = (
    "the purge only forgets page tokens that have already expired, which every lookup refuses "
    "anyway; when it runs (never, always, at 10,000 or 10,001 tokens) changes memory, not answers"
)

EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    (
        "mock/_social",
        "Social.remove_collaborator",
        'return ""',
        "return value -> None",
    ): "the only caller tests the reason with `if why:`, and None is as falsy as the empty string",
    (
        "mock/_social",
        "Social.delete_comment",
        "return False",
        "return value -> None",
    ): "None is as falsy as False, and the only caller tests it with `if not`",
    (
        "mock/_social",
        "Social.page",
        "saved = self._tokens.get(token) if len(token) <= 100 else None",
        "<= -> <",
    ): _LOOKUP_GUARD,
    (
        "mock/_social",
        "Social.page",
        "saved = self._tokens.get(token) if len(token) <= 100 else None",
        "100 -> 101",
    ): _LOOKUP_GUARD,
    (
        "mock/_social",
        "Social.page",
        "self._tokens = {t: p for t, p in self._tokens.items() if p.expires_at > now}",
        "> -> >=",
    ): _PURGE,
    (
        "mock/_transfers",
        "TransferBook.start",
        'digest = hashlib.blake2b(f"{self._seed}:{number}".encode(), digest_size=12)',
        "12 -> 13",
    ): "a task id one byte longer is as opaque: it is derived from the seed and the task's number "
    "only to be stable across runs, and nothing (the spec, a client) depends on its length",
    (
        "mock/_social",
        "Social.page",
        "new = secrets.token_urlsafe(24)",
        "24 -> 25",
    ): _OPAQUE_LENGTH,
    (
        "mock/_social",
        "Social.page",
        "if len(self._tokens) > 10_000:  # forget expired tokens now and then",
        "removed If",
    ): _PURGE,
    (
        "mock/_social",
        "Social.page",
        "if len(self._tokens) > 10_000:  # forget expired tokens now and then",
        "> -> >=",
    ): _PURGE,
    (
        "mock/_social",
        "Social.page",
        "if len(self._tokens) > 10_000:  # forget expired tokens now and then",
        "10000 -> 10001",
    ): _PURGE,
    (
        "mock/_routes_clips",
        "delete_comment",
        'raise Refusal(404, 2005, f"Comment does not exist: {comment_id[:80]}.")',
        "80 -> 81",
    ): _QUOTED_LENGTH,
    (
        "mock/_routes_transfers",
        "_user",
        'raise _invalid(f"no active user {user_id[:60]!r} in this account.")',
        "60 -> 61",
    ): _QUOTED_LENGTH,
    (
        "mock/_router",
        "ApiRouter.__call__",
        'message = f"The API path {path[:80]!r} does not exist."',
        "80 -> 81",
    ): _QUOTED_LENGTH,
    (
        "mock/_data",
        "_parse_bound",
        "f\"Invalid field: {name!r} must be yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ss'Z', "
        'got {text[:40]!r}"',
        "40 -> 41",
    ): _QUOTED_LENGTH,
    (
        "mock/_router",
        "ApiRouter.__call__",
        'segments = raw.split(b"?", 1)[0].split(b"/")[2:]',
        "1 -> 2",
    ): "only the part before the first '?' is used, and it is the same for any maxsplit >= 1",
    (
        "_pagination",
        "WindowPager.restart_after",
        "return False",
        "return value -> None",
    ): "None is as falsy as False, and the only callers test it with `if`",
    (
        "mock/_routes_list",
        "_list_clips",
        "cursor = state.cursor_for(token) if len(token) <= 100 else None",
        "<= -> <",
    ): _LOOKUP_GUARD,
    (
        "mock/_routes_list",
        "_list_clips",
        "cursor = state.cursor_for(token) if len(token) <= 100 else None",
        "100 -> 101",
    ): _LOOKUP_GUARD,
    (
        "mock/_state",
        "MockState.issue_token",
        "token = secrets.token_urlsafe(32)",
        "32 -> 33",
    ): _OPAQUE_LENGTH,
    (
        "mock/_state",
        "MockState.save_cursor",
        "token = secrets.token_urlsafe(24)",
        "24 -> 25",
    ): _OPAQUE_LENGTH,
    (
        "mock/_state",
        "MockState.rotate_refresh_token",
        "new = secrets.token_urlsafe(32)",
        "32 -> 33",
    ): _OPAQUE_LENGTH,
    (
        "_auth",
        "_CachedTokenAuth.__init__",
        "self._expires_at = 0.0",
        "0.0 -> 1.0",
    ): "without a token (None until the first fetch) the expiry is never read",
    (
        "_auth",
        "_CachedTokenAuth._token_form",
        "raise NotImplementedError",
        "removed Raise",
    ): "an abstract hook: both subclasses override it, so the base body never runs",
    (
        "_auth",
        "_CachedTokenAuth._basic_credentials",
        "raise NotImplementedError",
        "removed Raise",
    ): "an abstract hook: both subclasses override it, so the base body never runs",
    (
        "_pagination",
        "each_id_once",
        "return False",
        "return value -> None",
    ): "None is as falsy as False, and the pager only uses the rule as a filter",
    (
        "_retry",
        "parse_retry_after",
        "if not text:",
        "removed If",
    ): "a blank value then fails float() and both timestamp parsers, which also returns None",
    (
        "_retry",
        "backoff_delay",
        "delay = min(policy.max_delay, policy.initial_delay * 2.0 ** min(attempt, 32))",
        "32 -> 33",
    ): (
        "the cap only keeps 2**attempt finite; both 2**32 and 2**33 times initial_delay exceed "
        "max_delay unless initial_delay < max_delay / 2**32 (under 2 ns for the defaults)"
    ),
    (
        "_retry",
        "log_decision",
        "if not logger.isEnabledFor(logging.DEBUG):",
        "removed If",
    ): "a shortcut that skips formatting when DEBUG is off; logger.debug drops the record anyway",
    (
        "_auth",
        "_CachedTokenAuth.sync_auth_flow",
        "for attempt in range(2):",
        "2 -> 3",
    ): "the second attempt always returns (`if attempt == 1: return`), so a third never starts",
    (
        "_auth",
        "_CachedTokenAuth.async_auth_flow",
        "for attempt in range(2):",
        "2 -> 3",
    ): "the second attempt always returns (`if attempt == 1: return`), so a third never starts",
}
