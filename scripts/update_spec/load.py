"""Reading the SPEC argument: fetch or read it, parse it, tell which spec it is, validate it.

A raw JSON input is vendored byte for byte, except that a UTF-8 byte-order mark is dropped
(``json.loads`` and the generator reject it), a missing final newline is added (the repository's
text files end with one), and a minified file (all on one line) is re-indented with two spaces,
keeping Zoom's key order and ASCII escapes, so that future diffs of the spec stay readable. A
docs-page snapshot vendors its ``### master.json`` or ``### endpoints.json`` block plus a final
newline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import attrs
import httpx
from openapi_spec_validator import validate
from openapi_spec_validator.exceptions import OpenAPIError
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from scripts.update_spec.nodes import Json
from scripts.update_spec.targets import MASTER, NAMES, TARGETS, SpecTarget, by_name, detected

MAX_INPUT_BYTES = 10_000_000


class RefusedInput(Exception):
    """The input is not a spec this command will vendor; nothing was changed."""


# --- Reading the input -------------------------------------------------------------------------


@attrs.frozen
class Source:
    """A spec as read from the maintainer's input, before any comparison."""

    spec: Mapping[str, Json]
    vendored_text: str = attrs.field(repr=False)
    origin: str
    page_source_url: str | None = None
    page_download_url: str | None = None
    page_snapshot_date: str | None = None
    target: SpecTarget = MASTER
    """Which of Zoom's specs this is (set by :func:`load` once the document is identified)."""

    @property
    def is_docs_page(self) -> bool:
        """Whether the spec came out of a docs-page snapshot rather than a raw JSON file."""
        return self.page_snapshot_date is not None or self.page_source_url is not None


def is_url(source: str) -> bool:
    """Whether the SPEC argument names an http(s) URL rather than a local path."""
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, transport: httpx.BaseTransport | None = None) -> bytes:
    """Download ``url`` (following redirects); any failure is a :class:`RefusedInput`."""
    try:
        with httpx.Client(transport=transport, follow_redirects=True, timeout=30.0) as client:
            response = client.get(url)
            response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise RefusedInput(
            f"{url} answered HTTP {exc.response.status_code}; nothing was changed"
        ) from exc
    except httpx.HTTPError as exc:
        raise RefusedInput(f"could not fetch {url}: {exc}; nothing was changed") from exc
    if len(response.content) > MAX_INPUT_BYTES:
        raise RefusedInput(f"{url} is larger than {MAX_INPUT_BYTES} bytes: not a spec")
    return response.content


def read_bytes(path: Path) -> bytes:
    """The bytes of a local input file, refused clearly if it cannot be a spec."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise RefusedInput(f"{path} is larger than {MAX_INPUT_BYTES} bytes: not a spec")
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise RefusedInput(f"{path} is a directory, not a spec file") from exc
    except OSError as exc:
        raise RefusedInput(f"cannot read {path}: {exc.strerror or exc}") from exc


def decode(data: bytes, origin: str) -> str:
    """Input bytes as text: UTF-8, with a byte-order mark dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RefusedInput(f"{origin} is not UTF-8 text (byte {exc.start}): not a spec") from exc
    return text.removeprefix("\ufeff")


def _page_block(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"^###[ \t]+{re.escape(name)}\.json[ \t]*\n(?:[ \t]*\n)*```json[ \t]*\n"
        r"(?P<json>.*?)\n```[ \t]*$",
        re.MULTILINE | re.DOTALL,
    )


_PAGE_BLOCKS = {name: _page_block(name) for name in NAMES}
_PAGE_HEADING = re.compile(r"^###[ \t]+(?P<name>master|endpoints)\.json", re.MULTILINE)
_PAGE_SOURCE_URL = re.compile(r"^- Source URL:[ \t]*(?P<url>https?://\S+)[ \t]*$", re.MULTILINE)
_PAGE_GENERATED = re.compile(
    r"^- Generated \(UTC\):[ \t]*(?P<date>\d{4}-\d{2}-\d{2})T", re.MULTILINE
)
_PAGE_DOWNLOAD_PATH = re.compile(r'"downloadPath":[ \t]*"(?P<path>/[^"]+)"')
_BLOCKS_WANTED = " or ".join(f"`### {name}.json`" for name in NAMES)


def parse_json(text: str, what: str) -> Json:
    """Parse JSON text, turning every way it can fail into a :class:`RefusedInput`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RefusedInput(
            f"{what} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise RefusedInput(f"{what} is nested too deeply to be a spec") from exc


def _minified(text: str) -> bool:
    return "\n" not in text.strip()


def vendored_form(text: str, parsed: Json) -> str:
    """The text to vendor for a raw JSON input (see the module docstring)."""
    if _minified(text):
        return json.dumps(parsed, indent=2) + "\n"
    return text if text.endswith("\n") else text + "\n"


def _choose_block(text: str, origin: str, name: str | None) -> tuple[str, re.Match[str]]:
    """The name and match of the page's spec block: ``name``'s, or the only one the page has."""
    found = {n: m for n, pattern in _PAGE_BLOCKS.items() if (m := pattern.search(text))}
    if name is not None:
        if name in found:
            return name, found[name]
        if re.search(rf"^###[ \t]+{name}\.json", text, re.MULTILINE):
            raise RefusedInput(
                f"{origin} has a `### {name}.json` heading but no ```json block right under it"
            )
        others = ", ".join(f"`### {n}.json`" for n in found) or "no spec block"
        raise RefusedInput(
            f"{origin} has no `### {name}.json` block (NAME={name}); it has {others}"
        )
    if len(found) > 1:
        raise RefusedInput(
            f"{origin} has both a `### master.json` and a `### endpoints.json` block: say which "
            "with NAME=master|endpoints"
        )
    if found:
        ((only, match),) = found.items()
        return only, match
    heading = _PAGE_HEADING.search(text)
    if heading:
        raise RefusedInput(
            f"{origin} has a `### {heading.group('name')}.json` heading but no ```json block "
            "right under it"
        )
    if text.lstrip().startswith("<"):
        raise RefusedInput(
            f"{origin} looks like HTML, not a spec: give the master.json or endpoints.json "
            f"download itself, or a docs-page snapshot with a {_BLOCKS_WANTED} block"
        )
    raise RefusedInput(
        f"{origin} is neither JSON nor a Zoom docs-page snapshot with a {_BLOCKS_WANTED} block"
    )


def parse_source(text: str, origin: str, name: str | None = None) -> Source:
    """Turn input text (raw JSON or a docs-page snapshot) into a :class:`Source`.

    ``name`` (``master`` or ``endpoints``) picks a docs page's block when it has both. Only the
    shape of the input is checked here; :func:`check_spec` decides whether it is a spec.
    """
    if text.lstrip().startswith(("{", "[")):
        parsed = parse_json(text, origin)
        return Source(
            spec=_as_document(parsed, origin),
            vendored_text=vendored_form(text, parsed),
            origin=origin,
        )
    block_name, block = _choose_block(text, origin, name)
    what = f"the `### {block_name}.json` block of {origin}"
    parsed = parse_json(block.group("json"), what)
    source_url = _PAGE_SOURCE_URL.search(text)
    generated = _PAGE_GENERATED.search(text)
    downloads = [m.group("path") for m in _PAGE_DOWNLOAD_PATH.finditer(text)]
    download = next((d for d in downloads if d.endswith(f"/{block_name}.json")), None)
    page_url = source_url.group("url") if source_url else None
    download_url = None
    if page_url and download:
        origin_url = httpx.URL(page_url)
        download_url = str(origin_url.copy_with(path=download, query=None))
    return Source(
        spec=_as_document(parsed, what),
        vendored_text=block.group("json") + "\n",
        origin=origin,
        page_source_url=page_url,
        page_download_url=download_url,
        page_snapshot_date=generated.group("date") if generated else None,
        target=by_name(block_name),
    )


def _as_document(parsed: Json, what: str) -> Mapping[str, Json]:
    if not isinstance(parsed, dict):
        raise RefusedInput(
            f"{what} is JSON but not an OpenAPI document: its top level is "
            f"{type(parsed).__name__}, not an object"
        )
    return parsed


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validate(spec: Mapping[str, Json], what: str) -> None:
    version = spec.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        found = "no `openapi` field" if version is None else f"`openapi: {version!r}`"
        raise RefusedInput(f"{what} is not an OpenAPI 3 document ({found})")
    try:
        validate(dict(spec))
    except OpenAPIValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(top level)"
        raise RefusedInput(
            f"{what} is not a valid OpenAPI document: at {where}: {shorten(exc.message)}"
        ) from exc
    # The validator is third-party code run on untrusted input: whatever else it raises
    # (unresolvable $ref, recursion, its own detection errors) means "refuse", never a crash.
    except (OpenAPIError, RecursionError, ValueError, LookupError, TypeError) as exc:
        raise RefusedInput(
            f"{what} is not a valid OpenAPI document: {type(exc).__name__}: "
            f"{shorten(str(exc)) or 'no detail'}"
        ) from exc


def identify(spec: Mapping[str, Json], what: str, name: str | None = None) -> SpecTarget:
    """Which of Zoom's specs ``spec`` is, by its list-clips operation; ``name`` must agree."""
    found = detected(spec)
    if name is not None:
        wanted = by_name(name)
        if wanted in found:
            return wanted
        if found:
            (other,) = found
            raise RefusedInput(
                f"{what} is {other.name}.json (it has `GET {other.list_path}`), not "
                f"{name}.json: give NAME={other.name}, or leave NAME out"
            )
        raise RefusedInput(
            f"{what} has no `GET {wanted.list_path}` operation ({wanted.list_summary})"
        )
    if len(found) == 1:
        return found[0]
    if found:
        raise RefusedInput(
            f"{what} has both `GET {MASTER.list_path}` and `GET /clips`: cannot tell "
            "master.json from endpoints.json; give NAME=master|endpoints"
        )
    listed = " and no ".join(f"`GET {t.list_path}` ({t.name}.json)" for t in TARGETS)
    raise RefusedInput(f"{what} is not a Clips spec: it has no {listed}")


def check_spec(spec: Mapping[str, Json], what: str, name: str | None = None) -> SpecTarget:
    """Refuse a document that is not a valid OpenAPI 3 spec with its spec's list operation.

    Returns which spec it is: ``name``'s, or the one its operations identify.
    """
    _validate(spec, what)
    return identify(spec, what, name)


def load(
    source: str, *, name: str | None = None, transport: httpx.BaseTransport | None = None
) -> Source:
    """Read, parse and validate the SPEC argument; refuse anything that is not a usable spec.

    ``name`` (``master`` or ``endpoints``) says which spec it must be; without it, the
    document's operations tell.
    """
    data = fetch(source, transport=transport) if is_url(source) else read_bytes(Path(source))
    parsed = parse_source(decode(data, source), source, name)
    block = parsed.target.name if parsed.is_docs_page else None
    target = check_spec(parsed.spec, source, name or block)
    return attrs.evolve(parsed, target=target)
