"""The ``/v2`` router: every API path of both specs, matched on the raw path, Zoom's JSON always.

Starlette's path patterns do not match a decoded newline (``/v2/accounts/abc%0Adef/clips`` was
a plain-text 404), so paths under ``/v2`` are split here from the raw, still-encoded path and
each segment decoded on its own: any id reaches its endpoint (which answers 403 or 404 for one
it does not know), an ``accountId`` with a raw slash spans segments (as Starlette's
``{accountId:path}`` allowed), any method on a known path that the path does not serve is 405
with ``Allow``, and any other path under ``/v2`` is a 404 with Zoom's ``{"code", "message"}``
body. Everything else goes on to the Starlette routes (``/oauth/token``, ``/_mock/*``).

Each operation's rate-limit category comes from the generated packages' ``rate_limits`` tables,
which ``scripts/generate.py`` reads from the specs' "Rate Limit Label".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from urllib.parse import unquote

import attrs
from starlette.routing import request_response
from starlette.types import ASGIApp, Receive, Scope, Send
from zoom_clips_api.rate_limits import CATEGORIES as MASTER_CATEGORIES
from zoom_clips_endpoints_api.rate_limits import CATEGORIES as ENDPOINTS_CATEGORIES

from zoom_clips.mock._http import Handler, Streaming, endpoint, zoom_error

__all__ = ["ApiRoute", "ApiRouter", "category_of"]

#: The one path parameter that may span several raw segments.
_SPANNING = "{accountId}"


def category_of(method: str, template: str, label: str | None = None) -> str:
    """The rate-limit category of an operation of either spec (LIGHT where none is known).

    The generated tables come first; ``label`` (the served spec's "Rate Limit Label") counts
    for an operation they lack, one of a spec served with ``--spec`` and not yet regenerated.
    """
    key = (method, template)
    return MASTER_CATEGORIES.get(key) or ENDPOINTS_CATEGORIES.get(key) or label or "LIGHT"


@attrs.frozen
class ApiRoute:
    """One spec path (``/clips/{clipId}``, without ``/v2``) and its handler per method."""

    template: str
    handlers: Mapping[str, Handler | Streaming]
    #: The spec's "Rate Limit Label" per method, for an operation the generated tables lack.
    labels: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    parts: tuple[str, ...] = attrs.field(init=False)
    apps: Mapping[str, ASGIApp] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(self.template.strip("/").split("/")))
        apps = {
            method: request_response(
                endpoint(category_of(method, self.template, self.labels.get(method)), handler)
            )
            for method, handler in self.handlers.items()
        }
        object.__setattr__(self, "apps", apps)

    @property
    def shape(self) -> tuple[bool, ...]:
        """Which parts are literal: of two paths matching a request, the one literal first wins
        (``/clips/shared`` over ``/clips/{clipId}``), as Zoom's router is taken to do."""
        return tuple(not part.startswith("{") for part in self.parts)

    def match(self, segments: Sequence[bytes]) -> dict[str, str] | None:
        """The decoded path parameters if the raw ``segments`` (after ``/v2``) are this path."""
        parts = self.parts
        if _SPANNING in parts:
            at = parts.index(_SPANNING)
            tail = len(parts) - at - 1
            if len(segments) < len(parts):
                return None
            end = len(segments) - tail
            head = zip(parts[:at], segments[:at], strict=True)
            pairs = [*head, *zip(parts[at + 1 :], segments[end:], strict=True)]
            spanned = {"accountId": _decode(b"/".join(segments[at:end]))}
        elif len(segments) == len(parts):
            pairs, spanned = list(zip(parts, segments, strict=True)), {}
        else:
            return None
        params: dict[str, str] = {}
        for part, segment in pairs:
            if part.startswith("{"):
                if not segment:
                    return None
                params[part[1:-1]] = _decode(segment)
            elif segment != part.encode():
                return None
        return params | spanned


def _decode(segment: bytes) -> str:
    return unquote(segment.decode("latin-1"), encoding="utf-8", errors="replace")


class ApiRouter:
    """Pure ASGI middleware routing one API root (``/v2``) itself (see the module docstring).

    ``prefix`` is the root (the file API's is ``/file/v2``); ``elsewhere`` maps paths (templates
    without the prefix) that are served under another root to the message of their 404.

    ``spec_routes``, called once at the first request under the root (so the specs are read
    lazily), gives the routes of the operations answered from the spec (``_routes_spec``). A
    request goes to the first of ``routes`` that matches it, as ever, unless a spec route with
    a literal part where that one has a parameter matches too; the methods of a path are those
    of every route of its shape (a spec's ``PATCH /clips/{clipId}`` joins the stateful ``GET``).
    """

    def __init__(
        self,
        app: ASGIApp,
        routes: Sequence[ApiRoute],
        prefix: str = "/v2",
        elsewhere: Mapping[str, str] | None = None,
        spec_routes: Callable[[], Sequence[ApiRoute]] | None = None,
    ) -> None:
        self.app = app
        self.routes = tuple(routes)
        self.prefix = prefix
        self._skip = len(prefix.split("/"))
        self.elsewhere = dict(elsewhere or {})
        self._spec_routes = spec_routes
        self._from_spec: tuple[ApiRoute, ...] | None = None

    def from_spec(self) -> tuple[ApiRoute, ...]:
        """The spec-answered routes, read on first use."""
        if self._from_spec is None:
            self._from_spec = tuple(self._spec_routes()) if self._spec_routes else ()
        return self._from_spec

    def _candidates(self, segments: Sequence[bytes]) -> list[tuple[ApiRoute, dict[str, str]]]:
        """The routes of the most literal shape matching ``segments``: the stateful one first."""
        matches = ((route, route.match(segments)) for route in self.routes)
        stateful = next(((route, params) for route, params in matches if params is not None), None)
        found = [] if stateful is None else [stateful]
        for route in self.from_spec():
            params = route.match(segments)
            if params is not None:
                found.append((route, params))
        if not found:
            return []
        best = max(route.shape for route, _ in found)
        return [(route, params) for route, params in found if route.shape == best]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        prefix = self.prefix
        if scope["type"] != "http" or not (path == prefix or path.startswith(f"{prefix}/")):
            await self.app(scope, receive, send)
            return
        raw: bytes = scope.get("raw_path") or path.encode("utf-8")
        segments = raw.split(b"?", 1)[0].split(b"/")[self._skip :]
        moved = self.elsewhere.get("/" + b"/".join(segments).decode("latin-1"))
        if moved is not None:
            await zoom_error(404, 404, moved)(scope, receive, send)
            return
        candidates = self._candidates(segments)
        for route, params in candidates:
            app = route.apps.get(scope["method"])
            if app is not None:
                scope["path_params"] = params
                await app(scope, receive, send)
                return
        if candidates:
            allow = ", ".join(dict.fromkeys(m for route, _ in candidates for m in route.apps))
            message = f"Method {scope['method']} is not allowed here."
            await zoom_error(405, 405, message, {"Allow": allow})(scope, receive, send)
            return
        message = f"The API path {path[:80]!r} does not exist."
        await zoom_error(404, 404, message)(scope, receive, send)
