"""What ``ZoomClips`` and ``AsyncZoomClips`` share but I/O (as openai-python's ``_base_client``):
the default URLs and where each spec path goes, the checks of the constructors' arguments, the
``ZOOM_*`` environment variables, and the token rule of a redirected request."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Self

import attrs
import httpx
from zoom_clips_api.rate_limits import FILE_API as MASTER_FILE_API
from zoom_clips_endpoints_api.rate_limits import FILE_API as ENDPOINTS_FILE_API

from ._auth import (
    DEFAULT_TOKEN_URL,
    BearerToken,
    ServerToServerOAuth,
    UserOAuth,
    require_secure_url,
)
from ._redirects import Hop, is_zoom_host, keeps_authorization, token_may_go
from ._resources._upload_plan import check_part_size, check_threshold
from ._retry import RetryPolicy

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_FILE_BASE_URL",
    "FILE_API_PATHS",
    "Auth",
    "BaseZoomClips",
    "file_base_url_for",
    "follows",
]

# Quirk server-url-lacks-v2: the spec's server is https://api.zoom.us/ and its path lacks /v2.
DEFAULT_BASE_URL = "https://api.zoom.us/v2"
# Quirk upload-base-url-in-prose: the upload operations go to Zoom's file API, which the spec
# names only in their descriptions (its ``servers`` has the API host alone); generation reads
# those descriptions into each package's ``rate_limits.FILE_API``.
DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2"
#: Where a server that is not Zoom (the mock) serves the file API, below its ``base_url``'s origin.
OTHER_FILE_API_PATH = "/file/v2"
#: The spec paths (templates) of the operations sent to ``file_base_url`` rather than ``base_url``.
FILE_API_PATHS = frozenset(path for _, path in MASTER_FILE_API | ENDPOINTS_FILE_API)
_FILE_API_TEMPLATES = tuple(
    tuple(part if not part.startswith("{") else None for part in path.strip("/").split("/"))
    for path in sorted(FILE_API_PATHS)
)


def on_file_api(path: str) -> bool:
    """Whether the (formatted) spec path ``path`` is an operation of Zoom's file API."""
    if path in FILE_API_PATHS:
        return True
    parts = path.strip("/").split("/")
    return any(
        len(parts) == len(template)
        and all(want is None or want == part for part, want in zip(parts, template, strict=True))
        for template in _FILE_API_TEMPLATES
    )


Auth = ServerToServerOAuth | UserOAuth | BearerToken


def file_base_url_for(base_url: str) -> str:
    """The file API's URL when none is given: Zoom's for a Zoom ``base_url``, else
    ``{origin}/file/v2`` of ``base_url`` (where the mock serves it).

    >>> file_base_url_for("http://127.0.0.1:8000/v2")
    'http://127.0.0.1:8000/file/v2'
    >>> file_base_url_for("https://api.zoom.us/v2")
    'https://fileapi.zoom.us/v2'
    """
    url = httpx.URL(base_url)
    if is_zoom_host(url):
        return DEFAULT_FILE_BASE_URL
    return str(url.copy_with(path=OTHER_FILE_API_PATH, query=None, fragment=None))


def _check_token_reach(auth: Auth, urls: Mapping[str, str]) -> None:
    """Refuse a configuration that would send a token where its issuer's token may not go
    (``_redirects.token_may_go``, the rule every request is held to as well)."""
    if isinstance(auth, BearerToken):  # who issued it is unknown
        return
    issuer = httpx.URL(auth.token_url)
    for what, url in urls.items():
        if token_may_go(issuer, httpx.URL(url)):
            continue
        if is_zoom_host(issuer):
            why = (
                f"is not Zoom's, and the token comes from Zoom's token URL {auth.token_url}: "
                "a Zoom token goes only to Zoom's hosts (give the auth that server's token_url)"
            )
        else:
            why = (
                f"is Zoom's, and the token comes from {auth.token_url}: a token another "
                "server issued never goes to Zoom"
            )
        raise ValueError(f"{what} {url!r} {why}")


class BaseZoomClips:
    """What both clients share but I/O: their arguments, ``from_env``'s reading, where a spec
    path goes, and whether a redirected request keeps the token."""

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str,
        file_base_url: str | None,
        max_retries: int,
        policy: RetryPolicy | None,
        multipart_threshold: int | None,
        part_size: int | None,
    ) -> None:
        if not isinstance(auth, ServerToServerOAuth | UserOAuth | BearerToken):
            raise TypeError(
                "auth must be a ServerToServerOAuth, UserOAuth or BearerToken, "
                f"not {type(auth).__name__}"
            )
        require_secure_url(base_url, what="base_url")
        if file_base_url is None:
            file_base_url = file_base_url_for(base_url)
        require_secure_url(file_base_url, what="file_base_url")
        if not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be an int >= 0, not {max_retries!r}")
        self._auth = auth
        self.base_url = base_url.rstrip("/")
        #: Where the upload operations go: Zoom's ``https://fileapi.zoom.us/v2``, or by default
        #: ``{origin}/file/v2`` of a ``base_url`` that is not Zoom's (``file_base_url_for``).
        self.file_base_url = file_base_url.rstrip("/")
        _check_token_reach(auth, {"base_url": self.base_url, "file_base_url": self.file_base_url})
        self._policy = policy if policy is not None else RetryPolicy(max_retries=max_retries)
        #: The defaults of ``clips.upload`` (as boto3's ``TransferConfig``), in bytes; ``None``:
        #: Zoom's 2 GB single-upload limit, and a part size grown with the file.
        self.multipart_threshold = check_threshold(multipart_threshold)
        self.part_size = check_part_size(part_size)
        self._request_options = {}

    #: Whether ``close`` closes the ``httpx`` client (not one the caller brought, nor a copy's).
    _owns_http: bool
    #: ``httpx`` arguments of every request (``with_options(timeout=...)``).
    _request_options: dict[str, Any]

    def _bind_resources(self) -> None:
        """Attach ``clips`` and ``operations`` to this client (each client's own classes)."""
        raise NotImplementedError

    @property
    def retry_policy(self) -> RetryPolicy:
        """Every bound on this client's loops: retries, resumes, waits, deadline, stall floor,
        JSON size (``RetryPolicy``). No loop sends more than ``1 + max_retries + max_resumes``
        requests."""
        return self._policy

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> Self:
        """A client sharing this one's connections, token and rate limiters, other settings.

        The copy never closes the shared connections: the original does. ``max_retries``
        overrides the one of ``retry_policy`` (or of this client's policy).

        >>> client.with_options(timeout=5, max_retries=0).clips.get("abc")  # doctest: +SKIP
        """
        if max_retries is not None and (
            not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0
        ):
            raise ValueError(f"max_retries must be an int >= 0, not {max_retries!r}")
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, int | float | httpx.Timeout)
        ):
            raise TypeError(f"timeout must be seconds or an httpx.Timeout, not {timeout!r}")
        if retry_policy is not None and not isinstance(retry_policy, RetryPolicy):
            raise TypeError(f"retry_policy must be a RetryPolicy, not {retry_policy!r}")
        clone = copy.copy(self)
        clone._owns_http = False
        if retry_policy is not None:
            clone._policy = retry_policy
        if max_retries is not None:
            clone._policy = attrs.evolve(clone._policy, max_retries=max_retries)
        if timeout is not None:
            clone._request_options = {**self._request_options, "timeout": timeout}
        clone._bind_resources()
        return clone

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(auth={self._auth!r}, base_url={self.base_url!r}, "
            f"file_base_url={self.file_base_url!r})"
        )

    @classmethod
    def _auth_from_env(cls, env: Mapping[str, str]) -> tuple[Auth, dict[str, str]]:
        """The auth and the URLs (``base_url``, ``file_base_url``) the ``ZOOM_*`` variables name."""
        urls = {
            "base_url": env.get("ZOOM_API_BASE_URL") or DEFAULT_BASE_URL,
        }
        if env.get("ZOOM_FILE_API_BASE_URL"):  # else derived from the base URL
            urls["file_base_url"] = env["ZOOM_FILE_API_BASE_URL"]
        token_url = env.get("ZOOM_OAUTH_TOKEN_URL") or DEFAULT_TOKEN_URL
        names = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")
        if all(env.get(name) for name in names):
            auth: Auth = ServerToServerOAuth(
                account_id=env["ZOOM_ACCOUNT_ID"],
                client_id=env["ZOOM_CLIENT_ID"],
                client_secret=env["ZOOM_CLIENT_SECRET"],
                token_url=token_url,
            )
        elif env.get("ZOOM_ACCESS_TOKEN"):
            auth = BearerToken(env["ZOOM_ACCESS_TOKEN"])
        else:
            raise ValueError(
                "set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET "
                "(Server-to-Server OAuth), or ZOOM_ACCESS_TOKEN"
            )
        return auth, urls

    def _url_for(self, path: str) -> str:
        """The absolute URL of a spec path: under ``file_base_url`` for the uploads, else
        under ``base_url``."""
        root = self.file_base_url if on_file_api(path) else self.base_url
        return root + path

    def _prepare(self, kwargs: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
        """Method, absolute URL and the other ``httpx`` arguments of a generated ``_get_kwargs``."""
        extra = {key: kwargs[key] for key in ("params", "json", "headers") if key in kwargs}
        return kwargs["method"].upper(), self._url_for(kwargs["url"]), extra

    def _hop_auth(self, first: str, hop: Hop, auth: httpx.Auth) -> httpx.Auth | None:
        """``auth`` where a (redirected) request may carry the Zoom token, else none."""
        if hop.url is first:  # the request itself, not a redirect: nothing to decide (and no
            return auth  # URL parsing on every call's hot path)
        return auth if keeps_authorization(httpx.URL(first), httpx.URL(hop.url)) else None


def follows(follow_redirects: bool, http: httpx.Client | httpx.AsyncClient) -> bool:
    """Whether the request path follows an answer's redirects: where the operation asks
    (uploads), and where the ``httpx`` client the caller brought follows them, as it always did.

    httpx itself never follows: its following would apply to the auth flow's token request as
    well, and carry a refresh token in a form to wherever the token endpoint redirected.
    """
    return follow_redirects or http.follow_redirects
