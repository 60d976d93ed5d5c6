"""The mock's mutable state: tokens, page cursors, rate-limit counters, fault dice and stats.

Everything here is plain Python with no web framework, so it is shared by the ASGI app and
readable from tests (``app.state.mock``, ``MockServer.state``).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import threading
from collections import Counter, deque
from typing import Any

import attrs

from zoom_clips.mock._config import MockClock, MockConfig
from zoom_clips.mock._data import Dataset, Window
from zoom_clips.mock._files import ClipFile, FileHost, SeededFile
from zoom_clips.mock._seed import build_dataset
from zoom_clips.mock._social import Social
from zoom_clips.mock._transfers import TransferBook
from zoom_clips.mock._uploads import UploadBook
from zoom_clips.mock._webhooks import WebhookSender

__all__ = [
    "DEMO_ACCOUNT_ID",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_REFRESH_TOKEN",
    "PAGE_TOKEN_TTL",
    "Cursor",
    "Grant",
    "MockState",
    "RateDecision",
]

DEMO_ACCOUNT_ID = "mock-master-account"
DEMO_CLIENT_ID = "mock-client-id"
DEMO_CLIENT_SECRET = "mock-client-secret"  # noqa: S105 -- the documented demo credential
#: The initial refresh token of the user-OAuth rehearsal. It belongs to the first user of the
#: first sub account; each refresh rotates it, and ``reset()`` restores it.
DEMO_REFRESH_TOKEN = "mock-refresh-token"  # noqa: S105 -- the documented demo credential
PAGE_TOKEN_TTL = dt.timedelta(minutes=15)
#: A Server-to-Server token speaks for its account with admin scope (every clip of the account
#: and of its sub accounts, transfers); a user-OAuth token for its user with user scope.
ACCOUNT_SCOPES = (
    "clips:read:master clips:read:list_user_clips:master clips:read:admin clips:write:admin"
)
USER_SCOPES = "clips:read:list_user_clips clips:read clips:write"


@attrs.frozen
class Grant:
    """Who an access token speaks for: a whole master account, or one user (user OAuth)."""

    account_id: str
    user_id: str | None
    expires_at: dt.datetime


@attrs.frozen
class Cursor:
    """What a next-page token stands for: a query, the position in it, and when it expires."""

    binding: tuple[Any, ...]
    account_id: str
    window: Window
    date_filter_type: str
    status: str | None
    user_id: str | None
    search_key: str | None
    offset: int
    expires_at: dt.datetime


@attrs.frozen
class RateDecision:
    """The rate limiter's answer: allowed or which 429, and the headers to send either way."""

    limited: str | None  # None, "QPS" or "Daily-limit"
    headers: dict[str, str]


class MockState:
    """All the state of one mock; methods are thread-safe (tests read it from another thread)."""

    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.clock = config.clock if config.clock is not None else MockClock()
        self.dataset: Dataset = build_dataset(
            seed=config.seed,
            clips=config.clips,
            now=self.clock.now(),
            fix_spelling=config.fix_share_scope_spelling,
        )
        refresh_user = self.dataset.sub_accounts[0] if self.dataset.sub_accounts else None
        self.refresh_account_id = refresh_user.id if refresh_user else DEMO_ACCOUNT_ID
        self.refresh_user_id = (refresh_user or self.dataset.accounts[0]).users[0].id
        self._lock = threading.Lock()
        self.webhooks = WebhookSender(
            seed=config.seed, clock=self.clock, retry_delays=config.webhook_retry_delays
        )
        if config.webhook_url is not None and config.webhook_secret_token is not None:
            self.webhooks.configure(config.webhook_url, config.webhook_secret_token)
        self.reset()

    def reset(self) -> None:
        """Forget every token, cursor, counter and stat, re-seed the fault dice, restore the data.

        The data set's clips, collaborators and comments return to their seeded state; transfer
        tasks, uploads (and their bytes on disk), the file host's hooks and the record of webhook
        deliveries are forgotten (the webhook subscription stays).
        """
        self.restore_data()
        self.webhooks.forget()
        with self._lock:
            self._grants: dict[str, Grant] = {}
            self._refresh: dict[str, tuple[str, str]] = {
                DEMO_REFRESH_TOKEN: (self.refresh_account_id, self.refresh_user_id)
            }
            self._cursors: dict[str, Cursor] = {}
            # Tokens in the order they were saved, with their expiry: the oldest is purged first.
            self._cursor_expiries: deque[tuple[dt.datetime, str]] = deque()
            self._qps_second: int | None = None
            self._qps_counts: Counter[tuple[str, str]] = Counter()
            self._daily_counts: Counter[tuple[tuple[str, str], dt.date]] = Counter()
            self._rng = random.Random(self.config.seed)  # noqa: S311 -- seeded fault dice, not security
            self._by_status: Counter[str] = Counter()
            self._rate_limited: Counter[str] = Counter()
            self._faults: Counter[str] = Counter()
            self._tokens_issued = 0
        self.files = FileHost(self.config.seed, accept_ranges=self.config.file_ranges)

    def restore_data(self) -> None:
        """Bring back the seeded clips, collaborators and comments; forget transfers and uploads.

        Tokens, page tokens and counters stay (``reset()`` forgets them too).
        """
        self.dataset.restore()
        config = self.config
        self.social = Social(config.seed, {a.id: a.users for a in self.dataset.accounts})
        self.transfers = TransferBook(
            seed=config.seed, seconds=config.transfer_seconds, fail=config.fail_transfers
        )
        # Uploaded clips left the data set: their bytes on disk go too.
        previous: UploadBook | None = getattr(self, "uploads", None)
        if previous is not None:
            previous.close()
        self.uploads = UploadBook(config.seed)

    def close(self) -> None:
        """Remove the uploaded bytes and their directory, stop the webhook worker (``serve()``
        does it when it stops)."""
        self.webhooks.close()
        self.uploads.close()

    def file_of(self, clip_id: str) -> ClipFile | None:
        """The file of a clip the file host serves, or None (no such clip, or no file yet)."""
        stored = self.uploads.stored(clip_id)
        if stored is not None:
            return stored
        clip = self.dataset.clip(clip_id)
        if clip is None or not clip.wire["file_size"]:
            return None
        return SeededFile(self.config.seed, clip_id, int(clip.wire["file_size"]))

    def settle(self) -> None:
        """Complete the transfer tasks due by the mock's clock (every API request does this)."""
        self.transfers.settle(self.clock.now(), self.dataset)

    # --- tokens -------------------------------------------------------------------------------

    def issue_token(self, account_id: str, user_id: str | None) -> tuple[str, int]:
        """A new access token for this principal and its lifetime in seconds."""
        token = secrets.token_urlsafe(32)
        ttl = self.config.token_ttl
        with self._lock:
            if self.config.invalidate_previous_tokens:
                self._grants = {
                    t: g
                    for t, g in self._grants.items()
                    if (g.account_id, g.user_id) != (account_id, user_id)
                }
            self._grants[token] = Grant(
                account_id, user_id, self.clock.now() + dt.timedelta(seconds=ttl)
            )
            self._tokens_issued += 1
        return token, ttl

    def grant_for(self, token: str) -> Grant | None:
        """The grant behind a live access token, or None if unknown or expired."""
        with self._lock:
            grant = self._grants.get(token)
        if grant is None or grant.expires_at <= self.clock.now():
            return None
        return grant

    def rotate_refresh_token(self, refresh_token: str) -> tuple[str, str, str] | None:
        """Spend a refresh token: (account id, user id, the new refresh token), or None."""
        with self._lock:
            principal = self._refresh.pop(refresh_token, None)
            if principal is None:
                return None
            new = secrets.token_urlsafe(32)
            self._refresh[new] = principal
        return principal[0], principal[1], new

    # --- pagination ---------------------------------------------------------------------------

    def save_cursor(self, cursor: Cursor) -> str:
        """Store a cursor under a new opaque token (at most 100 characters, as the spec says).

        Costs O(1) amortised: every token enters the expiry queue once and leaves it once, when
        a later save finds it expired at the front. Cursors are saved with ``now + 15 minutes``
        on a clock that moves forward, so the queue is in expiry order and the purge stops at
        the first live token. Should the wall clock step back, a token saved after it may sit
        behind a later-expiring one until that one expires too (``cursor_for`` still refuses
        it): memory stays bounded by the tokens of the last TTL plus the length of the step.
        """
        token = secrets.token_urlsafe(24)
        now = self.clock.now()
        with self._lock:
            expiries = self._cursor_expiries
            while expiries and expiries[0][0] <= now:
                self._cursors.pop(expiries.popleft()[1], None)
            self._cursors[token] = cursor
            expiries.append((cursor.expires_at, token))
        return token

    def cursors_held(self) -> int:
        """How many page tokens the mock holds (live ones, plus expired ones not yet purged)."""
        with self._lock:
            return len(self._cursors)

    def cursor_for(self, token: str) -> Cursor | None:
        """The cursor behind a live page token, or None if unknown or expired."""
        with self._lock:
            cursor = self._cursors.get(token)
        if cursor is None or cursor.expires_at <= self.clock.now():
            return None
        return cursor

    # --- rate limits --------------------------------------------------------------------------

    def rate_check(
        self, account_id: str, category: str = "LIGHT", *, user_id: str | None = None
    ) -> RateDecision:
        """Count one API request of ``category`` for ``account_id``, or refuse it with a 429.

        Each category (LIGHT, MEDIUM, UPLOAD) has its own budget and counters
        (``MockConfig.budget``). With ``upload_daily_limit`` set, the UPLOAD daily limit is that,
        counted per user (``user_id``; None: the account's admin, a Server-to-Server token).
        """
        qps, daily_limit = self.config.budget(category)
        daily_key = (account_id, category)
        if category == "UPLOAD" and self.config.upload_daily_limit is not None:
            daily_limit = self.config.upload_daily_limit
            daily_key = (f"{account_id}/{user_id or ''}", category)
        headers = {"X-RateLimit-Category": category.title()}
        now = self.clock.now()
        second, day = int(now.timestamp()), now.date()
        key = (account_id, category)
        with self._lock:
            if self._qps_second != second:
                self._qps_second, self._qps_counts = second, Counter()
            daily_used = self._daily_counts[(daily_key, day)]
            qps_used = self._qps_counts[key]
            if daily_limit is not None and daily_used >= daily_limit:
                reset_at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
                headers |= {
                    "X-RateLimit-Type": "Daily-limit",
                    "X-RateLimit-Limit": str(daily_limit),
                    "X-RateLimit-Remaining": "0",
                    "Retry-After": reset_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
                self._rate_limited["Daily-limit"] += 1
                return RateDecision("Daily-limit", headers)
            if qps is not None and qps_used >= qps:
                headers |= {
                    "X-RateLimit-Type": "QPS",
                    "X-RateLimit-Limit": str(qps),
                    "X-RateLimit-Remaining": "0",
                }
                if self._rng.random() < self.config.qps_retry_after_rate:
                    headers["Retry-After"] = "1"
                self._rate_limited["QPS"] += 1
                return RateDecision("QPS", headers)
            self._daily_counts[(daily_key, day)] += 1
            self._qps_counts[key] += 1
        if daily_limit is not None:
            headers["X-RateLimit-Limit"] = str(daily_limit)
            headers["X-RateLimit-Remaining"] = str(daily_limit - daily_used - 1)
        elif qps is not None:
            headers["X-RateLimit-Limit"] = str(qps)
            headers["X-RateLimit-Remaining"] = str(qps - qps_used - 1)
        return RateDecision(None, headers)

    # --- faults and latency -------------------------------------------------------------------

    def draw_fault(self) -> tuple[str | None, float]:
        """Roll the seeded dice for one API request: (fault kind or None, latency in seconds)."""
        config = self.config
        with self._lock:
            fault = None
            if config.fault_rate and self._rng.random() < config.fault_rate:
                fault = self._rng.choice(config.faults)
                self._faults[fault] += 1
            jitter = (
                self._rng.random() * config.latency_jitter_ms if config.latency_jitter_ms else 0
            )
        return fault, (config.latency_ms + jitter) / 1000

    # --- stats --------------------------------------------------------------------------------

    def count_status(self, status: int) -> None:
        """Record the status of one response."""
        with self._lock:
            self._by_status[str(status)] += 1

    def stats(self) -> dict[str, Any]:
        """Requests by status, 429s by kind, faults by kind and tokens issued, as JSON."""
        with self._lock:
            return {
                "requests": sum(self._by_status.values()),
                "requests_by_status": dict(sorted(self._by_status.items())),
                "rate_limited": sum(self._rate_limited.values()),
                "rate_limited_by_type": dict(sorted(self._rate_limited.items())),
                "faults": dict(sorted(self._faults.items())),
                "tokens_issued": self._tokens_issued,
            }
