"""zoom_clips.mock: a faithful, stateful mock of Zoom's Clips API, for tests and demos.

Needs the ``mock`` extra (``pip install 'zoom-clips[mock]'``: Starlette and uvicorn).

It serves, on loopback only:

- ``GET /v2/accounts/{accountId}/clips`` with every query parameter of Zoom's spec;
- from ``endpoints.json``, every operation: ``GET /v2/clips``, ``GET``/``DELETE
  /v2/clips/{clipId}``, ``GET``/``DELETE /v2/clips/{clipId}/collaborators``, ``GET
  /v2/clips/{clipId}/comments``, ``DELETE /v2/clips/{clipId}/comments/{commentId}``, ``POST
  /v2/clips/transfers``, ``GET /v2/clips/transfers/{taskId}`` and ``GET
  /v2/clips/{clipId}/download`` (the rules of each are in its module: ``_routes_list``,
  ``_routes_clips``, ``_routes_transfers``, ``_social``, ``_transfers``, ``_routes_files``);
  and the three uploads under the file API's root ``/file/v2`` only (``MockServer.file_base_url``,
  as Zoom serves them from ``fileapi.zoom.us``): ``POST /file/v2/clips/files``, ``POST
  /file/v2/clips/files/multipart/upload_events`` and ``POST /file/v2/clips/files/multipart``
  (``_routes_uploads``, ``_uploads``);
- every other operation of the vendored specs (``spec/master.json``, ``spec/endpoints.json``),
  answered from the spec (``_routes_spec``, ``_spec``, ``_schema``): the specs are read at the
  first API request from the generated packages (``importlib.resources.files(
  "zoom_clips_endpoints_api") / "openapi.json"``, likewise ``zoom_clips_api``), so an operation
  is served the day ``make update-spec`` vendors it, or from ``MockConfig(specs={"endpoints":
  path})`` (``--spec endpoints=PATH``);
- ``GET``/``HEAD /_files/{clipId}``: the file host a download redirects to (``_routes_files``,
  ``_files``);
- ``POST /oauth/token``: Server-to-Server OAuth (``grant_type=account_credentials``) and user
  OAuth (``grant_type=refresh_token``, rotating refresh tokens);
- ``GET /_mock/stats``, ``GET /_mock/accounts``, ``GET /_mock/webhooks``, ``POST /_mock/reset``
  for tests and demos.

Start it with ``python -m zoom_clips.mock --port 8765``, with :func:`serve` (a background thread
on a free port), in-process with :func:`create_app` and ``httpx.ASGITransport``, or through the
pytest fixture ``zoom_clips_mock`` (see ``zoom_clips._mock_plugin``). Demo credentials: account
id ``mock-master-account``, client id ``mock-client-id``, client secret ``mock-client-secret``;
for user OAuth, the refresh token ``mock-refresh-token`` (first user of the first sub account).

Semantics (what Zoom does, as far as known; see ``ZOOM-FACTS.md``):

- ``from``/``to`` take ``yyyy-MM-dd`` or a date-time with an offset (``...Z``, ``...+00:00``,
  with or without milliseconds), as Zoom may; the wrapper sends only the spec's documented
  ``yyyy-MM-dd'T'HH:mm:ss'Z'``. Both ends are inclusive: a bare ``from`` date is the start of
  that day (UTC), a bare ``to`` date its end; a date-time is that instant. Omitted, ``from`` is
  today and ``to`` tomorrow, by the mock's clock. ``to`` may be at most one calendar month
  (``relativedelta(months=1)``) after ``from``, a bare ``to`` counting from the start of its day:
  ``from=2025-01-01&to=2025-02-01`` is allowed, ``to=2025-02-02`` is not; ``to`` before ``from`` is
  rejected. The date compared is ``modified_date`` or ``created_date`` per ``date_filter_type``.
- ``user_id`` is an owner id or email (case-insensitive); an unknown owner matches no clips.
  ``me`` is the token's user: for a user-OAuth token that user (and such a token can only list
  its own clips: anything else is 403 code 1003); for a Server-to-Server token the master
  account's admin, whose clips live in the master account. ``search_key`` is a case-insensitive
  substring of the title.
- Results come newest first by the filtered date, ties broken by ``clip_id``; pages never skip
  or repeat. ``next_page_token`` is ``""`` on the last page. Tokens are opaque (32 characters),
  bound to the account and every other query parameter of the request that produced them
  (reused with other parameters: 400 code 300), reusable, and expire after 15 minutes of the
  mock's clock. ``total_records`` counts the matches of the whole query.
- Bad input of any kind is 400 ``{"code": 300, "message": ...}``, never 500: unknown enum
  values (``status=`` too), ``page_size`` outside 30..300 or not an integer, unparsable dates,
  ranges over a month, a repeated parameter, bad or expired page tokens. Unknown parameters are
  ignored. Methods other than GET on the clips path get 405 with ``Allow: GET``.
- One data set serves both APIs. ``DELETE /clips/{id}`` is a soft delete: the clip lists as
  ``RECORD_DELETE`` in both listings and in ``GET /clips/{id}``, its ``modified_date`` now; only
  an id that never existed is 404 code 2000. A transfer task moves ``owner_id`` when it
  completes on the mock's clock (``transfer_seconds``); collaborators and comments are seeded
  from ``seed`` and the clip id, paged with ``next_page_token`` and deletable. Requests settle
  the due tasks first; ``MockState.settle()`` does it for a test reading the data directly.
  ``POST /_mock/reset`` restores the seeded data too.
- Scopes: a Server-to-Server token (``account_credentials``) carries admin scope: ``GET
  /clips`` lists every clip of its account (``user_id`` filters by owner id or email, ``me`` is
  the admin), ``/clips/{id}`` routes reach its account's and, for the master account, every
  sub account's clips, and transfers are allowed. A user-OAuth token (``refresh_token``)
  carries user scope: only its user's own clips (``user_id`` only ``me`` or the user), and
  transfers are 403 code 1003.
- Auth: no token is 401 code 1002; an unknown or expired token 401 code 124 ("Invalid access
  token."); an account the token may not read (not the master account or one it owns; for a
  user token, not the user's own account) 403 code 1003.
- Rate limits (off by default) count per token account and per category (LIGHT, MEDIUM: each
  route's category comes from the generated ``rate_limits`` tables, so ``POST /clips/transfers``
  never spends the listing's budget): a QPS limit per clock second and a daily limit per UTC
  day, from ``plan`` (Zoom's free/pro/business budgets) or ``qps``/``daily_limit``. A QPS 429
  carries ``Retry-After: 1`` on a seeded share of answers (``qps_retry_after_rate``) and none
  on the rest; a daily 429 carries ``Retry-After`` as an ISO
  timestamp (next UTC midnight). 429s carry ``X-RateLimit-Category``/``-Type``/``-Limit``/
  ``-Remaining``; other answers carry the category and, when a limit is set, limit and remaining
  (of the daily limit if set, else of the QPS limit). Every response has ``x-zm-trackingid``.
- Faults (off by default) hit API requests only (``/v2`` and ``/file/v2``, not the file host),
  decided by dice seeded from ``seed`` (so a run replays exactly), before any processing: a
  faulted request neither consumes a page nor counts against a rate limit. Kinds: 500 (JSON),
  502 (a proxy's HTML page), 503 (plain text), 504 (HTML), ``drop`` (the response promises a
  Content-Length, sends half the body, and the server closes the connection; over HTTP httpx
  raises ``httpx.RemoteProtocolError``; in-process ``httpx.ASGITransport`` raises
  ``AssertionError`` instead, as the app ends without finishing its response, so tests wanting
  the real error wrap the transport, as ``tests/chaos`` does) and ``truncate`` (a complete 200
  whose JSON is cut in half). Latency is ``latency_ms`` plus up to ``latency_jitter_ms``, waited
  on the mock's clock: a frozen clock just moves forward, the wall clock really waits.
- Operations answered from the spec (those no stateful route models) go through the same
  token check, rate limit (the category of the generated ``rate_limits`` tables, else the
  served spec's "Rate Limit Label", else LIGHT) and faults. A ``{clipId}`` must name a clip the
  token reaches, by the rule of ``GET /clips/{id}`` (404 code 2000 if it never existed; a
  soft-deleted clip exists; 403 code 1003 for another account's); a path or query parameter
  off its schema, a required query parameter missing, or a JSON body that is missing though
  required, not JSON or off its schema is 400 code 300. The answer is the declared success
  status (the lowest 2xx; 204 or no content: no body) with the spec's example where its schema
  accepts it, else a body synthesised from the schema (each property's example where valid),
  seeded by ``seed`` and the operation. Nothing is stored. A path with a literal segment where
  a stateful route has a parameter (``/clips/shared``, not ``/clips/{clipId}``) goes to the
  spec's operation; a spec's new method on a stateful path (``PATCH /clips/{clipId}``) joins
  that path's ``Allow``.
- Clip files. The download is LIGHT and reaches the clips ``GET /clips/{clipId}`` reaches: 302
  to ``{origin}/_files/{clipId}?expires=..&signature=..``, pre-signed for one hour of the mock's
  clock (unknown or deleted clip: 404 code 10002; ``file_size`` 0: 400 code 50002 "clip mp4 is
  not ready"). The file host takes no Zoom token and no Zoom rate limit or injected fault: any
  ``Authorization`` header is 400 (S3's XML error), a bad signature or expired URL 403; else
  200 with ``Content-Length``, ``Content-Type: video/mp4``, ``Accept-Ranges``, ``ETag``,
  ``Content-Disposition: attachment; filename="<title>.mp4"``; one ``Range`` (``a-b``, ``a-``,
  ``-n``) 206 with ``Content-Range``, unsatisfiable 416, several ranges or bad syntax ignored
  (200), ``If-Range`` with another ETag the whole file. A seeded clip's file is ``file_size``
  bytes generated per 1 MiB block from ``seed`` and the clip id with the block index stamped
  every 4 KiB (never stored; every byte depends on its position); an uploaded clip's file is its
  stored bytes. Hooks: ``state.files.cut_next(*offsets)`` drops each of the next file bodies at
  an absolute byte offset, ``state.files.accept_ranges = False`` (``file_ranges=False``) ignores
  ``Range``, ``state.files.requests`` lists what was served.
- Uploads (category UPLOAD: 20/s in each ``plan``; with ``upload_daily_limit`` also that many
  requests per user per UTC day, the 51st of Zoom's 50 a daily 429): parts numbered 1..100, each
  answering its md5 in hex as the etag (the same number again replaces it); at Complete every
  listed part but the last 5 MiB..100,000,000 bytes, the last at most 100,000,000, each etag its
  part's; a single upload at most 2,000,000,000 bytes; all refusals 400 code 300. A context is
  the creator's and expires 7 days (mock clock) after Create ("upload context expired"). Bodies
  stream into a temporary directory of the mock's (never whole in memory), removed when
  ``serve()`` stops and on ``reset()``, which also forgets the uploaded clips. A completed upload
  is a ``RECORD_SUCCESS`` clip of the token's user (a Server-to-Server token: the master
  account's admin) titled with the file name. Hooks: ``state.uploads.fail_next(n, status)``
  (or ``"drop"``) fails part ``n``'s next upload once; ``state.uploads.received`` lists every
  part that arrived, with ``acknowledged`` False for those failed.
- Webhooks (``_webhooks``): with a URL and the app's secret token (``MockConfig(webhook_url,
  webhook_secret_token)``, ``--webhook-url`` with ``ZOOM_WEBHOOK_SECRET_TOKEN``, or
  ``MockServer.subscribe_webhooks``) the mock validates the URL as Zoom does (a signed
  ``endpoint.url_validation`` whose seeded ``plainToken`` must come back with its HMAC as
  ``encryptedToken`` within 3 s; otherwise refused, nothing sent), then sends signed
  ``clip.started`` when an upload begins and ``clip.completed`` when it completes, in order,
  from a background thread, retrying a failed delivery after each of ``webhook_retry_delays``
  on the mock's clock. ``MockServer.webhooks.flush()`` waits for them; ``.deliveries`` and
  ``GET /_mock/webhooks`` record each with its attempts.
- The data set is determined by ``seed`` and the clock's "now" when the mock starts: a master
  account with several sub accounts and users, and ``clips`` clips over the 12 months before
  now, in every status and share scope (``SAME_ORGANIZATON`` misspelt as Zoom sends it unless
  ``fix_share_scope_spelling``), with and without passcodes and tags, dates in both of Zoom's
  wire forms, ``modified_date >= created_date``.

>>> with serve(MockConfig(seed=1, clips=500)) as server:  # doctest: +SKIP
...     server.base_url, server.token_url, server.dataset.sub_accounts[0].id
"""

# Starlette and uvicorn come with the mock extra: without them, say so in one line (see _extras).
try:
    from zoom_clips.mock._app import create_app
    from zoom_clips.mock._config import FAULT_KINDS, MockClock, MockConfig
    from zoom_clips.mock._data import Account, Dataset, User
    from zoom_clips.mock._server import MockServer, serve
    from zoom_clips.mock._state import (
        DEMO_ACCOUNT_ID,
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        DEMO_REFRESH_TOKEN,
        MockState,
    )
    from zoom_clips.mock._webhooks import (
        WebhookAttempt,
        WebhookDelivery,
        WebhookSender,
        WebhookSubscriptionError,
    )
except ModuleNotFoundError as _missing:
    from zoom_clips._toolkit import reraise_naming_extra

    reraise_naming_extra("mock", "zoom_clips.mock", _missing)


__all__ = [
    "DEMO_ACCOUNT_ID",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_REFRESH_TOKEN",
    "FAULT_KINDS",
    "Account",
    "Dataset",
    "MockClock",
    "MockConfig",
    "MockServer",
    "MockState",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSender",
    "WebhookSubscriptionError",
    "create_app",
    "serve",
]
