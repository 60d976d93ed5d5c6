"""``zoom-clips api METHOD PATH``: any request to Zoom's API, as ``gh api`` sends one to GitHub's.

For what no command covers (or no vendored spec has yet). The request goes through the SDK's
``client.request``, so it gets what every operation gets: auth, retries, rate limits and typed
errors. Fields (``-F key=value`` typed, ``-f key=value`` raw) are the query of a GET, DELETE,
HEAD or OPTIONS and the JSON body of a POST, PATCH or PUT, unless ``--input`` gives the body:
then they are the query. Zoom's answer is printed as pretty JSON on stdout (nothing for an empty
one); ``-i`` prints the status line and headers first.

Everything the user typed is checked before a connection is made (exit 2), and PATH must be
relative to the API's base URL: the token goes nowhere else. A status >= 400 from Zoom is one
``error:`` line with its code, message and tracking id, and exit 1 (as ``gh api``), so a script
can tell Zoom's refusal from a command that never ran; anything else fails as in every command.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

import attrs
import httpx
import typer

from zoom_clips import APIStatusError, AsyncZoomClips

from ._admin import converse
from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, _status_parts, reported, say

__all__ = ["EXIT_ZOOM_ERROR", "ApiRequest", "api", "build_request", "render_response"]

#: Zoom answered with an error status (its line is on stderr); 2 stays for everything else.
EXIT_ZOOM_ERROR = 1

_BODY_METHODS = frozenset({"POST", "PATCH", "PUT"})
_METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS")
# KEY, KEY[sub][sub] for objects, a trailing [] for a list; the value is everything after `=`.
_FIELD = re.compile(
    r"(?P<name>[^\[\]=]+)(?P<keys>(?:\[[^\[\]=]+\])*)(?P<append>\[\])?=(?P<value>.*)", re.DOTALL
)
_INTEGER = re.compile(r"0|-?[1-9][0-9]*")  # "007" and "-0" stay strings: nothing is lost
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110's token
_OWN_HEADERS = frozenset({"authorization", "host"})  # the client sets these itself
_FIELD_FORMS = "like -F title=Q3, -F 'tags[]=sales' or -F 'settings[public]=false'"


@attrs.frozen
class _Field:
    """One ``-F``/``-f``: where its value goes (``name``, then ``keys`` down), and the value."""

    given: str  # as typed, with its option: what an error quotes
    name: str
    keys: tuple[str, ...]
    append: bool
    value: Any


@attrs.frozen
class ApiRequest:
    """What ``zoom-clips api`` sends, every part checked: the arguments of ``client.request``."""

    method: str
    path: str
    params: dict[str, Any]
    json: Any
    headers: dict[str, str]


def _typed(text: str) -> Any:
    """``gh api``'s typed value: true, false, null and integers as JSON literals, else the text."""
    literals: dict[str, Any] = {"true": True, "false": False, "null": None}
    if text in literals:
        return literals[text]
    return int(text) if _INTEGER.fullmatch(text) else text


def _field(text: str, *, typed: bool) -> _Field:
    option = "-F" if typed else "-f"
    found = _FIELD.fullmatch(text)
    if found is None or not found["name"].strip():
        raise CliError(f"{option} {text!r} is not KEY=VALUE ({_FIELD_FORMS})")
    keys = tuple(key[1:-1] for key in re.findall(r"\[[^\[\]]+\]", found["keys"]))
    value = _typed(found["value"]) if typed else found["value"]
    return _Field(f"{option} {text!r}", found["name"], keys, bool(found["append"]), value)


def _body(fields: list[_Field]) -> dict[str, Any]:
    """The fields as one JSON object: ``a[b]=1`` nests, ``a[]=1`` appends to a list."""
    body: dict[str, Any] = {}
    for field in fields:
        where = body
        *parents, last = (field.name, *field.keys)
        for key in parents:
            where = where.setdefault(key, {})
            if not isinstance(where, dict):
                raise CliError(f"{field.given}: {key} is already a value, not an object")
        if field.append:
            items = where.setdefault(last, [])
            if not isinstance(items, list):
                raise CliError(f"{field.given}: {last} is already given, not as a list")
            items.append(field.value)
        elif last in where:
            raise CliError(f"{field.given}: {last} is given twice (use {last}[]=... for a list)")
        else:
            where[last] = field.value
    return body


def _query(pairs: list[tuple[str, str]], fields: list[_Field]) -> dict[str, Any]:
    """The query: PATH's own, then the fields; a key given twice (or ``key[]``) repeats."""
    values: dict[str, list[Any]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    for field in fields:
        if field.keys:
            raise CliError(
                f"{field.given}: a query parameter cannot nest (give a body with --input)"
            )
        values.setdefault(field.name, []).append(field.value)
    return {key: each[0] if len(each) == 1 else each for key, each in values.items()}


def _method(text: str) -> str:
    method = text.strip().upper()
    if method not in _METHODS:
        raise CliError(f"METHOD {text!r} is not one of {', '.join(_METHODS)}")
    return method


def _path(text: str) -> tuple[str, list[tuple[str, str]]]:
    """PATH under the base URL, and its query (``clips?page_size=50``); never another URL."""
    try:
        url = httpx.URL(text.strip())
    except httpx.InvalidURL as exc:
        raise CliError(f"PATH {text!r} is not a path: {exc}") from None
    if url.scheme or url.host or text.strip().startswith("//"):
        raise CliError(
            f"PATH {text!r} is a URL: give a path under the API's base URL (like /clips/ID); "
            "the token is sent nowhere else"
        )
    segments = url.path.strip("/").split("/")
    if not url.path.strip("/") or {".", ".."} & set(segments):
        raise CliError(f"PATH {text!r} is not a path under the API's base URL (like /clips/ID)")
    if url.fragment:
        raise CliError(f"PATH {text!r} has a fragment (#...), which is never sent")
    query = parse_qsl(url.query.decode("ascii"), keep_blank_values=True)
    sent = url.raw_path.decode("ascii").partition("?")[0]  # as typed: an id's %2F stays one
    return "/" + sent.lstrip("/"), query


def _headers(values: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for text in values:
        name, colon, value = text.partition(":")
        name, value = name.strip(), value.strip()
        if not colon or not _HEADER_NAME.fullmatch(name) or re.search(r"[\r\n\0]", value):
            raise CliError(f"-H {text!r} is not a header (like -H 'Accept-Language: en')")
        if name.lower() in _OWN_HEADERS:
            raise CliError(f"-H {text!r}: the client sets {name} itself")
        headers[name] = value
    return headers


def _read_input(name: str) -> Any:
    """The JSON document in ``--input`` (``-``: stdin)."""
    where = "stdin" if name == "-" else name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read --input {where}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CliError(f"--input {where} is not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"--input {where} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if document is None:
        raise CliError(f"--input {where} holds null: there is no body to send")
    return document


def build_request(
    method: str,
    path: str,
    *,
    fields: list[str],
    raw_fields: list[str],
    input_name: str | None,
    headers: list[str],
) -> ApiRequest:
    """The request the command's arguments describe, or a ``CliError`` naming what is wrong."""
    verb = _method(method)
    where, query = _path(path)
    given = [_field(text, typed=True) for text in fields]
    given += [_field(text, typed=False) for text in raw_fields]
    body: Any = None
    if input_name is not None:
        body = _read_input(input_name)
    elif verb in _BODY_METHODS:
        body = _body(given) or None
        given = []
    return ApiRequest(
        method=verb, path=where, params=_query(query, given), json=body, headers=_headers(headers)
    )


def _shown(text: str) -> str:
    """``text`` with what a terminal would act on (escapes, controls) written as escapes."""
    return "".join(
        ch if ch.isprintable() or ch in "\n\t" else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def render_response(response: httpx.Response, *, include: bool) -> str:
    """What stdout gets: the status and headers with ``include``, then the body, pretty."""
    lines: list[str] = []
    if include:
        lines.append(f"{response.http_version} {response.status_code} {response.reason_phrase}")
        lines += [
            _shown(f"{name.decode('latin-1')}: {value.decode('latin-1')}")
            for name, value in response.headers.raw
        ]
        lines.append("")
    if response.content:
        try:
            # ASCII escapes as in `get -f json`: no character of Zoom's reaches a terminal raw.
            lines.append(json.dumps(response.json(), indent=2))
        except ValueError:  # not JSON (or not UTF-8): the text, with its controls escaped
            lines.append(_shown(response.text))
    return "".join(line + "\n" for line in lines)


def _answers(response: httpx.Response, client: AsyncZoomClips) -> bool:
    """Whether ``response`` is the API's (not the token endpoint's, refusing the credentials)."""
    url = str(response.request.url)
    return url.startswith((client.base_url + "/", client.file_base_url + "/"))


def _error_line(request: ApiRequest, exc: APIStatusError) -> str:
    return _shown(f"{request.method} {request.path} failed: " + "; ".join(_status_parts(exc)))


@app.command("api")
@reported
@connected
def api(
    method: Annotated[
        str,
        typer.Argument(
            metavar="METHOD", help="GET, POST, PATCH, PUT or DELETE (or HEAD, OPTIONS), any case."
        ),
    ],
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="Under the API's base URL: /clips/ID or clips/ID, with a query if you like "
            "(clips?page_size=50). A URL is refused: the token is sent nowhere else.",
        ),
    ],
    *,
    fields: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-F",
            metavar="KEY=VALUE",
            help="A field, typed: true, false, null and integers are JSON literals. The query "
            "of a GET or DELETE, the JSON body of a POST, PATCH or PUT (the query with "
            "--input). KEY[]=VALUE adds to a list, KEY[SUB]=VALUE nests. Repeat for several.",
        ),
    ] = None,
    raw_fields: Annotated[
        list[str] | None,
        typer.Option(
            "--raw-field",
            "-f",
            metavar="KEY=VALUE",
            help="A field whose value is always a string (-f passcode=0123).",
        ),
    ] = None,
    input_name: Annotated[
        str | None,
        typer.Option("--input", metavar="FILE", help="The JSON body, from FILE (- for stdin)."),
    ] = None,
    headers: Annotated[
        list[str] | None,
        typer.Option("--header", "-H", metavar="'NAME: VALUE'", help="An extra request header."),
    ] = None,
    include: Annotated[
        bool,
        typer.Option("--include", "-i", help="Print the status line and headers before the body."),
    ] = False,
    connection: Connection,
) -> None:
    """Send any request to Zoom's API and print the JSON answer (as gh api).

    For an operation no other command covers: auth, retries and rate limits apply as
    everywhere. An empty answer (204) prints nothing. When Zoom answers an error status,
    one line gives its code, message and tracking id, and the exit status is 1; a bad
    argument exits 2 before anything is sent.

    Examples:

        zoom-clips api GET /clips -F page_size=30

        zoom-clips api PATCH /clips/CLIP_ID -F title=Q3 -F 'tags[]=sales'

        zoom-clips api POST /clips/transfers --input transfer.json

        zoom-clips api GET /clips/CLIP_ID -i
    """
    request = build_request(
        method,
        path,
        fields=fields or [],
        raw_fields=raw_fields or [],
        input_name=input_name,
        headers=headers or [],
    )
    run = connection.run()

    async def work(client: AsyncZoomClips) -> tuple[httpx.Response, APIStatusError | None]:
        try:
            response = await client.request(
                request.method,
                request.path,
                params=request.params or None,
                json=request.json,
                headers=request.headers or None,
            )
        except APIStatusError as exc:
            if not _answers(exc.response, client):
                raise  # the token endpoint refused the credentials: as in every command
            return exc.response, exc
        return response, None

    response, refused = converse(run, work)
    if include or refused is None:
        sys.stdout.write(render_response(response, include=include))
        sys.stdout.flush()
    if refused is not None:
        say(f"error: {_error_line(request, refused)}")
        raise typer.Exit(EXIT_ZOOM_ERROR)
