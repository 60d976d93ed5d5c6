"""Replace spec/master.json with a new spec from Zoom, after a report of what changed.

    python scripts/update_spec.py SPEC                    # report; stop on breaking changes; else
                                                          # vendor, regenerate and run the tests
    python scripts/update_spec.py --check SPEC            # report only; change nothing
    python scripts/update_spec.py --accept-breaking SPEC  # vendor even if something breaks
    make update-spec SPEC=<path or URL> [ARGS=--check]

SPEC is a raw OpenAPI JSON file, a snapshot of Zoom's docs page (the ```json block under its
``### master.json`` heading is the spec, as in ``shared/seeds/clips-master-api-page.md``), or an
http(s) URL of either, fetched with httpx: the only place the project touches the internet.

Exit status: 0 done, or nothing to do; 1 breaking changes stopped the update (with ``--check``:
would stop it); 2 the input was refused and nothing changed; 3 the spec was vendored but
generation or the tests failed (after a failed generation the old spec is put back).

How a change is classified, from the point of view of code written against the current spec:

* Request side (parameters, request body): whatever callers send today must still be accepted.
  A removed parameter or enum value, a parameter made required, a tightened constraint, a new
  type, format or default is BREAKING; a new optional parameter or enum value, or a loosened
  constraint, is additive.
* Response side (fields): whatever callers read today must still arrive in the same shape. A
  removed or retyped field, a field that may now be absent, a loosened constraint is BREAKING; a
  new field or enum value is additive (the wrapper keeps enum values it does not know); a
  narrowing (an enum value Zoom no longer sends, a tightened constraint) is compatible.
* Operations and security: a removal or a new required scope is BREAKING, an addition additive.
* Descriptions, examples, summaries, ``x-`` extensions and servers are compatible.
* Anything this script does not understand is BREAKING until a human has looked at it.

Vendoring: a raw JSON input is vendored byte for byte, except that a UTF-8 byte-order mark is
dropped (``json.loads`` and the generator reject it), a missing final newline is added (the
repository's text files end with one), and a minified file (all on one line) is re-indented with
two spaces, keeping Zoom's key order and ASCII escapes, so that future diffs of the spec stay
readable. A docs-page snapshot vendors its ``### master.json`` block plus a final newline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import httpx
from openapi_spec_validator import validate
from openapi_spec_validator.exceptions import OpenAPIError
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from zoom_clips._quirks import CLIPS_PATH, QUIRKS, Quirk, list_clips_operation

ROOT = Path(__file__).resolve().parent.parent
SPEC_FILE = Path("spec") / "master.json"
PROVENANCE_FILE = Path("spec") / "PROVENANCE.json"
MAX_INPUT_BYTES = 10_000_000
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Json = Any
"""A value parsed from JSON: dict, list, str, int, float, bool or None."""


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


_PAGE_BLOCK = re.compile(
    r"^###[ \t]+master\.json[ \t]*\n(?:[ \t]*\n)*```json[ \t]*\n(?P<json>.*?)\n```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_PAGE_SOURCE_URL = re.compile(r"^- Source URL:[ \t]*(?P<url>https?://\S+)[ \t]*$", re.MULTILINE)
_PAGE_GENERATED = re.compile(
    r"^- Generated \(UTC\):[ \t]*(?P<date>\d{4}-\d{2}-\d{2})T", re.MULTILINE
)
_PAGE_DOWNLOAD_PATH = re.compile(r'"downloadPath":[ \t]*"(?P<path>/[^"]+)"')


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
    """The text to write to spec/master.json for a raw JSON input (see the module docstring)."""
    if _minified(text):
        return json.dumps(parsed, indent=2) + "\n"
    return text if text.endswith("\n") else text + "\n"


def parse_source(text: str, origin: str) -> Source:
    """Turn input text (raw JSON or a docs-page snapshot) into a :class:`Source`.

    Only the shape of the input is checked here; :func:`check_spec` decides whether it is a spec.
    """
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        parsed = parse_json(text, origin)
        return Source(
            spec=_as_document(parsed, origin),
            vendored_text=vendored_form(text, parsed),
            origin=origin,
        )
    block = _PAGE_BLOCK.search(text)
    if block is None:
        if stripped.startswith("<"):
            raise RefusedInput(
                f"{origin} looks like HTML, not a spec: give the master.json download itself, "
                "or a docs-page snapshot with a `### master.json` block"
            )
        if re.search(r"^###[ \t]+master\.json", text, re.MULTILINE):
            raise RefusedInput(
                f"{origin} has a `### master.json` heading but no ```json block right under it"
            )
        raise RefusedInput(
            f"{origin} is neither JSON nor a Zoom docs-page snapshot with a `### master.json` block"
        )
    what = f"the `### master.json` block of {origin}"
    parsed = parse_json(block.group("json"), what)
    source_url = _PAGE_SOURCE_URL.search(text)
    generated = _PAGE_GENERATED.search(text)
    download = _PAGE_DOWNLOAD_PATH.search(text)
    page_url = source_url.group("url") if source_url else None
    download_url = None
    if page_url and download:
        origin_url = httpx.URL(page_url)
        download_url = str(origin_url.copy_with(path=download.group("path"), query=None))
    return Source(
        spec=_as_document(parsed, what),
        vendored_text=block.group("json") + "\n",
        origin=origin,
        page_source_url=page_url,
        page_download_url=download_url,
        page_snapshot_date=generated.group("date") if generated else None,
    )


def _as_document(parsed: Json, what: str) -> Mapping[str, Json]:
    if not isinstance(parsed, dict):
        raise RefusedInput(
            f"{what} is JSON but not an OpenAPI document: its top level is "
            f"{type(parsed).__name__}, not an object"
        )
    return parsed


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_spec(spec: Mapping[str, Json], what: str) -> None:
    """Refuse a document that is not a valid OpenAPI 3 spec with the list-clips operation."""
    version = spec.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        found = "no `openapi` field" if version is None else f"`openapi: {version!r}`"
        raise RefusedInput(f"{what} is not an OpenAPI 3 document ({found})")
    try:
        validate(dict(spec))
    except OpenAPIValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(top level)"
        raise RefusedInput(
            f"{what} is not a valid OpenAPI document: at {where}: {_shorten(exc.message)}"
        ) from exc
    # The validator is third-party code run on untrusted input: whatever else it raises
    # (unresolvable $ref, recursion, its own detection errors) means "refuse", never a crash.
    except (OpenAPIError, RecursionError, ValueError, LookupError, TypeError) as exc:
        raise RefusedInput(
            f"{what} is not a valid OpenAPI document: {type(exc).__name__}: "
            f"{_shorten(str(exc)) or 'no detail'}"
        ) from exc
    if not list_clips_operation(spec):
        raise RefusedInput(f"{what} has no `GET {CLIPS_PATH}` operation (List all clips)")


def load(source: str, *, transport: httpx.BaseTransport | None = None) -> Source:
    """Read, parse and validate the SPEC argument; refuse anything that is not a usable spec."""
    data = fetch(source, transport=transport) if is_url(source) else read_bytes(Path(source))
    parsed = parse_source(decode(data, source), source)
    check_spec(parsed.spec, source)
    return parsed


# --- The parts of a spec the report compares ---------------------------------------------------


class Kind(enum.StrEnum):
    """How a change affects code written against the current spec."""

    BREAKING = "BREAKING"
    ADDITIVE = "additive"
    COMPATIBLE = "compatible"


class Section(enum.StrEnum):
    """The report's sections, in the order it prints them."""

    OPERATIONS = "Operations"
    PARAMETERS = "Parameters"
    RESPONSE_FIELDS = "Response fields"
    ENUM_VALUES = "Enum values"
    SECURITY = "Security schemes"
    OTHER = "Other"


class Side(enum.Enum):
    """Whether callers send a value (request) or read it (response)."""

    REQUEST = "request"
    RESPONSE = "response"
    NEITHER = "neither"


class NodeKind(enum.Enum):
    """What a node of the flattened spec is; decides its section and its added/removed rules."""

    DOCUMENT = Section.OTHER
    COMPONENT = Section.OTHER
    OPERATION = Section.OPERATIONS
    PARAMETER = Section.PARAMETERS
    BODY_FIELD = Section.PARAMETERS
    RESPONSE = Section.RESPONSE_FIELDS
    RESPONSE_FIELD = Section.RESPONSE_FIELDS
    SCHEME = Section.SECURITY
    FLOW = Section.SECURITY


Key = tuple[str, str, str]
"""(section, group, label): where a node is reported, and what identifies it."""


@attrs.frozen
class Node:
    """One comparable part of a spec: an operation, a parameter, a response field, a scheme...

    ``attrs`` holds the node's own facts (type, enum, constraints, docs, ...); sub-parts such as
    the properties of an object are nodes of their own, pointing at their ``parent``.
    """

    kind: NodeKind
    group: str
    label: str
    side: Side
    facts: Mapping[str, Json]
    summary: str = ""
    parent: Key | None = None

    @property
    def key(self) -> Key:
        """Where the node is reported and what identifies it across two specs."""
        return (self.kind.value.value, self.group, self.label)


class _Refs:
    """Resolves local ``$ref`` pointers and remembers which components were reached."""

    def __init__(self, spec: Mapping[str, Json]) -> None:
        self.spec = spec
        self.reached: set[str] = set()

    def resolve(
        self, node: Json, seen: frozenset[str] = frozenset()
    ) -> tuple[Json, frozenset[str]]:
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                return {"$ref": ref}, seen
            seen = seen | {ref}
            self.reached.add(ref)
            target: Json = self.spec
            for escaped in ref[2:].split("/"):
                part = escaped.replace("~1", "/").replace("~0", "~")
                target = target.get(part) if isinstance(target, Mapping) else None
            node = target
        return node, seen


_DOC_KEYS = frozenset(
    {
        "description",
        "summary",
        "example",
        "examples",
        "title",
        "externalDocs",
        "termsOfService",
        "contact",
        "license",
    }
)
_SCHEMA_CHILD_KEYS = frozenset({"properties", "items", "required", "allOf", "nullable", "type"})
_MAX_DEPTH = 40


def _type_of(schema: Mapping[str, Json]) -> tuple[str, ...]:
    """The schema's types as a sorted tuple (``()`` is any type); ``nullable`` adds ``null``."""
    declared = schema.get("type")
    types = {str(t) for t in declared} if isinstance(declared, list) else set()
    if isinstance(declared, str):
        types.add(declared)
    if types and schema.get("nullable") is True:
        types.add("null")
    return tuple(sorted(types))


def _merged_all_of(
    refs: _Refs, schema: Mapping[str, Json], seen: frozenset[str]
) -> dict[str, Json]:
    """``allOf`` parts folded into one schema, so their properties compare as one object's."""
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return merged
    properties = dict(merged.get("properties") or {})
    required = list(merged.get("required") or [])
    for part in parts:
        resolved, _ = refs.resolve(part, seen)
        if not isinstance(resolved, Mapping):
            continue
        resolved = _merged_all_of(refs, resolved, seen)
        properties.update(resolved.get("properties") or {})
        required.extend(resolved.get("required") or [])
        for key, value in resolved.items():
            merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _type_summary(schema: Mapping[str, Json], refs: _Refs, seen: frozenset[str]) -> str:
    types = _type_of(schema)
    text = "|".join(types) if types else "any type"
    if "array" in types:
        items, _ = refs.resolve(schema.get("items"), seen)
        if isinstance(items, Mapping):
            text = text.replace("array", f"array of {_type_summary(items, refs, seen)}")
    fmt = schema.get("format")
    return f"{text} ({fmt})" if isinstance(fmt, str) else text


def _schema_nodes(
    refs: _Refs,
    raw: Json,
    *,
    kind: NodeKind,
    group: str,
    prefix: str,
    path: str,
    side: Side,
    parent: Key | None,
    required: bool | None,
    extra: Mapping[str, Json] | None = None,
    seen: frozenset[str] = frozenset(),
    depth: int = 0,
) -> Iterator[Node]:
    """The node for a schema at ``path`` and, recursively, for its properties and items.

    The node's label is ``prefix`` (a parameter's location, a response's status) and ``path``
    (``data[].share_link_settings``); an empty ``path`` is the body itself.
    """
    schema, seen = refs.resolve(raw, seen)
    if not isinstance(schema, Mapping):
        schema = {}
    schema = _merged_all_of(refs, schema, seen)
    facts: dict[str, Json] = {k: v for k, v in schema.items() if k not in _SCHEMA_CHILD_KEYS}
    facts["type"] = _type_of(schema)
    if isinstance(facts.get("enum"), list):
        facts["enum"] = tuple(facts["enum"])
    if required is not None:
        facts["required"] = required
    facts.update(extra or {})
    summary = _type_summary(schema, refs, seen)
    if required is not None:
        summary += ", required" if required else ", optional"
    node = Node(kind, group, f"{prefix}{path or '(body)'}", side, facts, summary, parent)
    yield node
    if depth >= _MAX_DEPTH:
        return
    properties = schema.get("properties")
    required_names = schema.get("required")
    required_set = set(required_names) if isinstance(required_names, list) else set()
    if isinstance(properties, Mapping):
        for name, sub in properties.items():
            yield from _schema_nodes(
                refs,
                sub,
                kind=kind,
                group=group,
                prefix=prefix,
                path=f"{path}.{name}" if path else str(name),
                side=side,
                parent=node.key,
                required=name in required_set,
                seen=seen,
                depth=depth + 1,
            )
    if "items" in schema:
        yield from _schema_nodes(
            refs,
            schema["items"],
            kind=kind,
            group=group,
            prefix=prefix,
            path=f"{path}[]",
            side=side,
            parent=node.key,
            required=None,
            seen=seen,
            depth=depth + 1,
        )


def _parameter_nodes(refs: _Refs, group: str, parent: Key, params: list[Json]) -> Iterator[Node]:
    for raw in params:
        param, seen = refs.resolve(raw)
        if not isinstance(param, Mapping):
            continue
        where, name = str(param.get("in", "?")), str(param.get("name", "?"))
        own = {k: v for k, v in param.items() if k not in {"name", "in", "schema", "required"}}
        schema, _ = refs.resolve(param.get("schema", {}), seen)
        schema_docs = {
            f"schema {k}": v
            for k, v in (schema if isinstance(schema, Mapping) else {}).items()
            if k in _DOC_KEYS
        }
        schema = (
            {k: v for k, v in schema.items() if k not in _DOC_KEYS}
            if isinstance(schema, Mapping)
            else {}
        )
        yield from _schema_nodes(
            refs,
            schema,
            kind=NodeKind.PARAMETER,
            group=group,
            prefix="",
            path=f"{where} {name}",
            side=Side.REQUEST,
            parent=parent,
            required=param.get("required") is True,
            extra={**schema_docs, **own},
            seen=seen,
        )


def _json_media(content: Json) -> Iterator[tuple[str, Json]]:
    if isinstance(content, Mapping):
        for media, body in content.items():
            if isinstance(body, Mapping) and "json" in str(media):
                prefix = "" if media == "application/json" else f"{media} "
                yield prefix, body.get("schema", {})


def _operation_nodes(
    refs: _Refs,
    *,
    path: str,
    method: str,
    operation: Mapping[str, Json],
    path_params: list[Json],
    global_security: Json,
) -> Iterator[Node]:
    group = f"{method.upper()} {path}"
    facts: dict[str, Json] = {
        k: v
        for k, v in operation.items()
        if k not in {"parameters", "responses", "requestBody", "security"}
    }
    if isinstance(facts.get("tags"), list):
        facts["tags"] = tuple(facts["tags"])
    facts["security"] = _requirements(operation.get("security", global_security))
    params = _merge_parameters(refs, path_params, operation.get("parameters"))
    facts["path parameter order"] = tuple(
        p.get("name")
        for p in (refs.resolve(r)[0] for r in params)
        if isinstance(p, Mapping) and p.get("in") == "path"
    )
    summary = f"operationId {operation.get('operationId', '(none)')}"
    op = Node(NodeKind.OPERATION, group, "operation", Side.NEITHER, facts, summary)
    yield op
    yield from _parameter_nodes(refs, group, op.key, params)
    body, seen = refs.resolve(operation.get("requestBody"))
    if isinstance(body, Mapping):
        for prefix, schema in _json_media(body.get("content")):
            yield from _schema_nodes(
                refs,
                schema,
                kind=NodeKind.BODY_FIELD,
                group=group,
                prefix=f"body {prefix}",
                path="",
                side=Side.REQUEST,
                parent=op.key,
                required=body.get("required") is True,
                seen=seen,
            )
    responses = operation.get("responses")
    for status, raw in responses.items() if isinstance(responses, Mapping) else ():
        response, seen = refs.resolve(raw)
        if not isinstance(response, Mapping):
            continue
        facts = {k: v for k, v in response.items() if k != "content"}
        node = Node(NodeKind.RESPONSE, group, f"{status}", Side.RESPONSE, facts, "", op.key)
        yield node
        for prefix, schema in _json_media(response.get("content")):
            yield from _schema_nodes(
                refs,
                schema,
                kind=NodeKind.RESPONSE_FIELD,
                group=group,
                prefix=f"{status} {prefix}",
                path="",
                side=Side.RESPONSE,
                parent=node.key,
                required=None,
                seen=seen,
            )


def _merge_parameters(refs: _Refs, path_level: list[Json], op_level: Json) -> list[Json]:
    """Path-level parameters, overridden by operation-level ones of the same ``in`` and name."""
    merged: dict[tuple[str, str], Json] = {}
    for raw in [*path_level, *(op_level if isinstance(op_level, list) else [])]:
        param, _ = refs.resolve(raw)
        if isinstance(param, Mapping):
            merged[(str(param.get("in")), str(param.get("name")))] = raw
    return list(merged.values())


def _requirements(security: Json) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
    """Security requirements as sorted tuples: alternatives of (scheme, scopes) sets."""
    if not isinstance(security, list):
        return ()
    alternatives = set()
    for requirement in security:
        if isinstance(requirement, Mapping):
            alternatives.add(
                tuple(
                    sorted(
                        (str(name), tuple(sorted(str(s) for s in scopes or ())))
                        for name, scopes in requirement.items()
                    )
                )
            )
    return tuple(sorted(alternatives))


def _security_nodes(spec: Mapping[str, Json]) -> Iterator[Node]:
    schemes = (spec.get("components") or {}).get("securitySchemes")
    if not isinstance(schemes, Mapping):
        return
    for name, scheme in schemes.items():
        if not isinstance(scheme, Mapping):
            continue
        facts = {k: v for k, v in scheme.items() if k not in {"flows", "type"}}
        facts["scheme type"] = scheme.get("type")
        node = Node(NodeKind.SCHEME, "", str(name), Side.NEITHER, facts, str(scheme.get("type")))
        yield node
        flows = scheme.get("flows")
        for flow_name, flow in flows.items() if isinstance(flows, Mapping) else ():
            if isinstance(flow, Mapping):
                flow_facts = dict(flow)
                if isinstance(flow_facts.get("scopes"), Mapping):
                    flow_facts["scopes"] = tuple(sorted(flow_facts["scopes"]))
                yield Node(
                    NodeKind.FLOW,
                    "",
                    f"{name} {flow_name} flow",
                    Side.NEITHER,
                    flow_facts,
                    "",
                    node.key,
                )


def _document_node(spec: Mapping[str, Json]) -> Node:
    facts: dict[str, Json] = {
        k: v
        for k, v in spec.items()
        if k not in {"paths", "components", "info", "security", "tags"}
    }
    if "tags" in spec:
        facts["tag descriptions"] = spec["tags"]
    info = spec.get("info")
    for key, value in info.items() if isinstance(info, Mapping) else ():
        facts[f"info {key}"] = value
    return Node(NodeKind.DOCUMENT, "", "document", Side.NEITHER, facts)


def flatten(spec: Mapping[str, Json]) -> dict[Key, Node]:
    """Every comparable part of ``spec``, keyed by where the report shows it."""
    refs = _Refs(spec)
    nodes: list[Node] = [_document_node(spec)]
    paths = spec.get("paths")
    for path, raw_item in paths.items() if isinstance(paths, Mapping) else ():
        item, _ = refs.resolve(raw_item)
        if not isinstance(item, Mapping):
            continue
        path_params = item.get("parameters")
        for method in HTTP_METHODS:
            operation, _ = refs.resolve(item.get(method))
            if isinstance(operation, Mapping):
                nodes.extend(
                    _operation_nodes(
                        refs,
                        path=str(path),
                        method=method,
                        operation=operation,
                        path_params=path_params if isinstance(path_params, list) else [],
                        global_security=spec.get("security"),
                    )
                )
    nodes.extend(_security_nodes(spec))
    components = spec.get("components")
    for section, entries in components.items() if isinstance(components, Mapping) else ():
        if section == "securitySchemes" or not isinstance(entries, Mapping):
            continue
        for name, value in entries.items():
            if f"#/components/{section}/{name}" not in refs.reached:
                label = f"components/{section}/{name}"
                nodes.append(
                    Node(NodeKind.COMPONENT, "", label, Side.NEITHER, {"definition": value})
                )
    return {node.key: node for node in nodes}


# --- Comparing two specs -----------------------------------------------------------------------


@attrs.frozen
class Change:
    """One difference between the vendored spec and the new one, and what it means."""

    section: Section
    group: str
    label: str
    what: str
    kind: Kind


Verdict = tuple[Kind, str]
"""A classified description of one change to one fact: (kind, what)."""


def _render(value: Json) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return "|".join(value) if value else "any type"
    return _shorten(json.dumps(value, default=list, ensure_ascii=False), 60)


def _by_side(side: Side, *, widened: bool) -> Kind:
    """Widening what callers may send is additive; widening what they receive breaks them."""
    if side is Side.RESPONSE:
        return Kind.BREAKING if widened else Kind.COMPATIBLE
    return Kind.ADDITIVE if widened else Kind.BREAKING


def _is_subtype(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    if not outer:
        return True
    if not inner:
        return False
    return all(t in outer or (t == "integer" and "number" in outer) for t in inner)


def _type_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    text = f"type {_render(old)} -> {_render(new)}"
    if side is Side.RESPONSE and _is_subtype(new, old):
        return [(Kind.COMPATIBLE, f"{text} (narrowed)")]
    if side is Side.REQUEST and _is_subtype(old, new):
        return [(Kind.ADDITIVE, f"{text} (widened)")]
    return [(Kind.BREAKING, f"{text} (retyped)")]


def _enum_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    if old is None or new is None:
        closed = old is None
        what = f"now limited to {_render(new)}" if closed else "enum dropped: any value"
        return [(_by_side(side, widened=not closed), what)]
    old_values, new_values = list(old), list(new)
    verdicts: list[Verdict] = []
    for value in new_values:
        if value not in old_values:
            verdicts.append((Kind.ADDITIVE, f"value added {_render(value)}"))
    for value in old_values:
        if value not in new_values:
            note = " (narrows what callers receive)" if side is Side.RESPONSE else ""
            verdicts.append(
                (_by_side(side, widened=False), f"value removed {_render(value)}{note}")
            )
    if not verdicts and old_values != new_values:
        verdicts.append((Kind.COMPATIBLE, "values reordered"))
    return verdicts


def _number(value: Json) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _bound_rule(attr: str, *, lower: bool) -> Callable[[Side, Json, Json], list[Verdict]]:
    """A minimum-like (``lower``) or maximum-like bound: moving it inwards tightens."""

    def rule(side: Side, old: Json, new: Json) -> list[Verdict]:
        text = f"{attr} {_render(old)} -> {_render(new)}"
        if isinstance(old, bool) or isinstance(new, bool):  # OpenAPI 3.0 exclusiveMinimum: bool
            tightened = new is True or old is None
        elif old is None or new is None:
            tightened = old is None
        else:
            old_n, new_n = _number(old), _number(new)
            if old_n is None or new_n is None:
                return [(Kind.BREAKING, f"{text} (not a number: review by hand)")]
            tightened = new_n > old_n if lower else new_n < old_n
        word = "tightened" if tightened else "loosened"
        return [(_by_side(side, widened=not tightened), f"{text} ({word})")]

    return rule


def _tightening_rule(attr: str) -> Callable[[Side, Json, Json], list[Verdict]]:
    """A constraint (pattern, multipleOf, uniqueItems) whose any new value may reject more."""

    def rule(side: Side, old: Json, new: Json) -> list[Verdict]:
        loosened = new is None or new is False
        word = "loosened" if loosened else "tightened"
        return [
            (_by_side(side, widened=loosened), f"{attr} {_render(old)} -> {_render(new)} ({word})")
        ]

    return rule


def _required_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    if side is Side.RESPONSE:
        if new:
            return [(Kind.COMPATIBLE, "now always present")]
        return [(Kind.BREAKING, "no longer required: may now be absent")]
    if new:
        return [(Kind.BREAKING, "now required: existing calls without it are rejected")]
    return [(Kind.ADDITIVE, "now optional")]


def _default_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    text = f"default {_render(old)} -> {_render(new)}"
    if side is Side.REQUEST:
        return [(Kind.BREAKING, f"{text} (calls that omit it now mean something else)")]
    return [(Kind.COMPATIBLE, text)]


def _format_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    return [(Kind.BREAKING, f"format {_render(old)} -> {_render(new)} (retyped)")]


def _fixed(kind: Kind, note: str) -> Callable[[str], Callable[[Side, Json, Json], list[Verdict]]]:
    def for_attr(attr: str) -> Callable[[Side, Json, Json], list[Verdict]]:
        def rule(side: Side, old: Json, new: Json) -> list[Verdict]:
            return [(kind, f"{attr} {_render(old)} -> {_render(new)}{note}")]

        return rule

    return for_attr


def _security_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    text = f"security requirements {_render(old)} -> {_render(new)}"
    if set(old) <= set(new):
        return [(Kind.ADDITIVE, f"{text} (new alternatives)")]
    return [(Kind.BREAKING, f"{text} (apps may lack what is now required)")]


def _scopes_rule(side: Side, old: Json, new: Json) -> list[Verdict]:
    verdicts: list[Verdict] = [
        (Kind.ADDITIVE, f"scope added {value}") for value in new if value not in old
    ]
    verdicts += [(Kind.BREAKING, f"scope removed {value}") for value in old if value not in new]
    return verdicts


_RULES: dict[str, Callable[[Side, Json, Json], list[Verdict]]] = {
    "type": _type_rule,
    "format": _format_rule,
    "enum": _enum_rule,
    "required": _required_rule,
    "default": _default_rule,
    "security": _security_rule,
    "scopes": _scopes_rule,
    **{
        a: _bound_rule(a, lower=True)
        for a in ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
    },
    **{
        a: _bound_rule(a, lower=False)
        for a in ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
    },
    **{a: _tightening_rule(a) for a in ("pattern", "multipleOf", "uniqueItems")},
    **{
        a: _fixed(Kind.COMPATIBLE, "")(a)
        for a in ("deprecated", "info version", "openapi", "headers", "tag descriptions")
    },
    **{
        a: _fixed(Kind.COMPATIBLE, " (the wrapper sets its own)")(a)
        for a in ("servers", "authorizationUrl", "tokenUrl", "refreshUrl")
    },
    "operationId": _fixed(Kind.BREAKING, " (the generated function is renamed)")("operationId"),
    "tags": _fixed(Kind.BREAKING, " (the generated module moves)")("tags"),
    "path parameter order": _fixed(
        Kind.BREAKING, " (the generated function's positional arguments move)"
    )("path parameter order"),
    **{
        a: _fixed(Kind.BREAKING, " (callers authenticate differently)")(a)
        for a in ("scheme type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl")
    },
    "definition": _fixed(Kind.COMPATIBLE, " (not referenced by any operation)")("definition"),
}

_SECTION_OF_ATTR = {"enum": Section.ENUM_VALUES, "security": Section.SECURITY}


def compare_fact(attr: str, side: Side, old: Json, new: Json) -> list[Verdict]:
    """Classify the change of one fact of a node (``old`` or ``new`` is None when absent)."""
    if old == new:
        return []
    last_word = attr.rsplit(" ", 1)[-1]
    if last_word in _DOC_KEYS:
        return [(Kind.COMPATIBLE, f"{attr} changed")]
    if last_word.startswith("x-"):
        return [(Kind.COMPATIBLE, f"extension {attr} changed")]
    rule = _RULES.get(attr)
    if rule is None:
        return [
            (
                Kind.BREAKING,
                f"{attr} {_render(old)} -> {_render(new)} "
                "(not classified by this tool: review by hand)",
            )
        ]
    return rule(side, old, new)


def _added(node: Node) -> Verdict:
    required = node.facts.get("required") is True
    summary = f" ({node.summary})" if node.summary else ""
    if node.kind in {NodeKind.PARAMETER, NodeKind.BODY_FIELD} and required:
        return Kind.BREAKING, f"added{summary}: existing calls lack it"
    if node.kind is NodeKind.COMPONENT:
        return Kind.ADDITIVE, "added (not referenced by any operation)"
    return Kind.ADDITIVE, f"added{summary}"


def _removed(node: Node) -> Verdict:
    if node.kind is NodeKind.COMPONENT:
        return Kind.COMPATIBLE, "removed (was not referenced by any operation)"
    if node.kind is NodeKind.RESPONSE and not node.label.startswith("2"):
        return Kind.COMPATIBLE, "removed"
    if node.kind is NodeKind.RESPONSE_FIELD:
        return Kind.BREAKING, "removed: callers reading it get nothing"
    return Kind.BREAKING, "removed"


def _fact_order(attr: str) -> tuple[int, str]:
    documentation = attr.rsplit(" ", 1)[-1] in _DOC_KEYS or attr.rsplit(" ", 1)[-1][:2] == "x-"
    return (1 if documentation else 0, attr)


def diff(old: Mapping[str, Json], new: Mapping[str, Json]) -> list[Change]:
    """Every change from ``old`` to ``new``, classified, in the order the report prints them."""
    before, after = flatten(old), flatten(new)
    changes: list[Change] = []

    def add(node: Node, section: Section, verdict: Verdict) -> None:
        changes.append(Change(section, node.group, node.label, verdict[1], verdict[0]))

    for key in after.keys() - before.keys():
        node = after[key]
        if node.parent not in after.keys() - before.keys():
            add(node, node.kind.value, _added(node))
    for key in before.keys() - after.keys():
        node = before[key]
        if node.parent not in before.keys() - after.keys():
            add(node, node.kind.value, _removed(node))
    for key in before.keys() & after.keys():
        was, now = before[key], after[key]
        for attr in sorted(was.facts.keys() | now.facts.keys(), key=_fact_order):
            section = _SECTION_OF_ATTR.get(attr, now.kind.value)
            for verdict in compare_fact(attr, now.side, was.facts.get(attr), now.facts.get(attr)):
                add(now, section, verdict)
    if not changes and _canonical(old) != _canonical(new):
        where = ", ".join(_differing_pointers(old, new)[:5])
        changes.append(
            Change(
                Section.OTHER,
                "",
                "document",
                f"differs where this tool does not look: {where} (review by hand)",
                Kind.BREAKING,
            )
        )
    order = list(Section)
    return sorted(changes, key=lambda c: (order.index(c.section), c.group, c.label))


def _canonical(value: Json, key: str = "") -> Json:
    """``value`` with the lists whose order means nothing (required, parameters) sorted."""
    if isinstance(value, Mapping):
        return {k: _canonical(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        if key in {"required", "parameters"}:
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return items
    return value


def _differing_pointers(old: Json, new: Json, pointer: str = "") -> list[str]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        found: list[str] = []
        for key in sorted(old.keys() | new.keys(), key=str):
            child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            found += _differing_pointers(old.get(key), new.get(key), child)
        return found
    return [] if old == new else [pointer or "/"]


# --- The report --------------------------------------------------------------------------------


def quirk_status(quirk: Quirk, old: Mapping[str, Json], new: Mapping[str, Json]) -> str:
    """What the new spec means for one quirk of the wrapper's registry."""
    before, now = _present(quirk, old), _present(quirk, new)
    if now:
        return "still present" if before else "present (new in this spec)"
    if before:
        return f"fixed upstream: the workaround in {quirk.module} can go once verified"
    return "absent from both specs"


def _present(quirk: Quirk, spec: Mapping[str, Json]) -> bool:
    # The registry promises its checks never raise; if one does, the quirk is reported as still
    # present, the answer that keeps its workaround in place.
    try:
        return bool(quirk.present_in(spec))
    except Exception:
        return True


def render_changes(changes: Sequence[Change]) -> str:
    """The changes as report sections: a title, then per group the classified lines."""
    blocks: list[str] = []
    for section in Section:
        in_section = [c for c in changes if c.section is section]
        if not in_section:
            continue
        lines = [section.value]
        group = None
        for change in in_section:
            if change.group != group:
                group = change.group
                if group:
                    lines.append(f"  {group}")
            indent = "    " if change.group else "  "
            lines.append(f"{indent}{change.kind.value:<10}  {change.label}: {change.what}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_quirks(old: Mapping[str, Json], new: Mapping[str, Json]) -> str:
    """The quirks section: one line per registered quirk, plus how to verify a fixed one."""
    width = max((len(q.name) for q in QUIRKS), default=0)
    lines = ["Quirks (wrapper/zoom_clips/_quirks.py)"]
    for quirk in QUIRKS:
        status = quirk_status(quirk, old, new)
        lines.append(f"  {quirk.name:<{width}}  {status}")
        if status.startswith("fixed upstream"):
            lines.append(f"  {'':<{width}}  (its regression test: {quirk.test})")
    return "\n".join(lines)


def summary_line(changes: Sequence[Change]) -> str:
    """One line counting the changes by kind."""
    if not changes:
        return "No changes: the new spec says what the vendored one says."
    counts = {kind: sum(1 for c in changes if c.kind is kind) for kind in Kind}
    noun = "change" if len(changes) == 1 else "changes"
    return (
        f"{len(changes)} {noun}: {counts[Kind.BREAKING]} breaking, "
        f"{counts[Kind.ADDITIVE]} additive, {counts[Kind.COMPATIBLE]} compatible."
    )


def render_report(
    old: Mapping[str, Json], new: Source, changes: Sequence[Change], vendored_sha256: str
) -> str:
    """The whole report, as the maintainer reads it in a terminal."""
    new_sha = hashlib.sha256(new.vendored_text.encode("utf-8")).hexdigest()
    parts = [
        "\n".join(
            [
                f"Spec update report: {SPEC_FILE.as_posix()} -> {new.origin}",
                f"  vendored  sha256 {vendored_sha256[:12]}",
                f"  new       sha256 {new_sha[:12]}",
                "",
                summary_line(changes),
            ]
        ),
    ]
    if changes:
        parts.append(render_changes(changes))
    parts.append(render_quirks(old, new.spec))
    return "\n\n".join(parts) + "\n"


# --- Vendoring, regenerating, testing ----------------------------------------------------------


def display_path(source: str, root: Path) -> str:
    """How provenance names a local input: relative to the checkout's parent when inside it."""
    if is_url(source):
        return source
    path = Path(source).resolve()
    return path.relative_to(root.parent).as_posix() if path.is_relative_to(root.parent) else source


def new_provenance(
    previous: Mapping[str, Json], source: Source, sha256: str, today: dt.date, root: Path
) -> dict[str, Json]:
    """spec/PROVENANCE.json for the new spec, in the key order of the current one.

    ``source_url`` stays where Zoom publishes the file unless the input says otherwise (a URL
    fetched, or a docs page naming its download); ``extracted_from`` says what was actually read.
    """
    where = display_path(source.origin, root)
    if source.is_docs_page:
        extracted = f"{where}, section '## Downloads' / '### master.json'"
    else:
        extracted = where
    record: dict[str, Json] = dict(previous)
    record.update(
        {
            "file": SPEC_FILE.name,
            "source_url": source.origin
            if is_url(source.origin) and not source.is_docs_page
            else source.page_download_url or previous.get("source_url"),
            "docs_page": source.page_source_url or previous.get("docs_page"),
            "snapshot_date": source.page_snapshot_date or today.isoformat(),
            "extracted_from": extracted,
            "sha256": sha256,
        }
    )
    return record


def _write_atomically(path: Path, text: str) -> None:
    staged = path.with_name(f".{path.name}.new")
    staged.write_text(text, encoding="utf-8", newline="\n")
    staged.replace(path)


def _run(root: Path, argv: list[str]) -> bool:
    """Run one of our own tools in ``root``; its output goes straight to the maintainer."""
    # PYTHONPATH puts this checkout's packages first, so a copy of the repository tests itself
    # rather than whatever checkout the virtualenv has installed in editable mode.
    paths = [str(root / "wrapper"), str(root / "generated"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    print(f"$ {' '.join(argv)}", flush=True)
    return subprocess.run(argv, cwd=root, env=env, check=False).returncode == 0


def vendor(root: Path, source: Source, today: dt.date) -> tuple[bytes, bytes]:
    """Write the new spec and its provenance; return the old bytes of both, to restore them."""
    spec_path, provenance_path = root / SPEC_FILE, root / PROVENANCE_FILE
    old_spec, old_provenance = spec_path.read_bytes(), provenance_path.read_bytes()
    sha256 = hashlib.sha256(source.vendored_text.encode("utf-8")).hexdigest()
    record = new_provenance(json.loads(old_provenance), source, sha256, today, root)
    _write_atomically(spec_path, source.vendored_text)
    _write_atomically(provenance_path, json.dumps(record, indent=2) + "\n")
    return old_spec, old_provenance


def _restore(root: Path, old_spec: bytes, old_provenance: bytes) -> None:
    (root / SPEC_FILE).write_bytes(old_spec)
    (root / PROVENANCE_FILE).write_bytes(old_provenance)


def regenerate_and_test(root: Path, old: tuple[bytes, bytes], *, run_tests: bool) -> int:
    """``make generate``, then the checks a new spec can break: mypy and the whole pytest suite.

    A failed generation puts the old spec back (generate.py only replaces generated/ once it has
    succeeded), so the tree is as it was. Lint and regen-check are left out of the tests: no
    hand-written file changed and generation just ran; mypy stays in because the wrapper is
    typed against the generated models.
    """
    python = sys.executable
    if not _run(root, [python, str(root / "scripts" / "generate.py")]):
        _restore(root, *old)
        print(
            "error: generation failed (above); spec/ is put back and generated/ is untouched.",
            file=sys.stderr,
        )
        return 3
    if run_tests and not (
        _run(root, [python, "-m", "mypy"]) and _run(root, [python, "-m", "pytest", "-q"])
    ):
        print(
            "error: the tests fail against the new spec. spec/ and generated/ are updated: fix "
            "the wrapper, or undo with `git checkout -- spec generated`.",
            file=sys.stderr,
        )
        return 3
    return 0


def run(
    argv: Sequence[str] | None = None,
    *,
    root: Path = ROOT,
    today: dt.date | None = None,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """The command: parse arguments, report, and vendor unless told not to; returns the status."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        epilog="Exit status: 0 done or nothing to do, 1 stopped by breaking changes, "
        "2 input refused, 3 generation or tests failed after vendoring.",
    )
    parser.add_argument(
        "spec",
        metavar="SPEC",
        help="a master.json file, a docs-page snapshot, or an http(s) URL of either",
    )
    parser.add_argument("--check", action="store_true", help="print the report and change nothing")
    parser.add_argument(
        "--accept-breaking",
        action="store_true",
        help="vendor the spec even though the report finds breaking changes",
    )
    parser.add_argument(
        "--no-test", action="store_true", help="regenerate but skip mypy and pytest afterwards"
    )
    args = parser.parse_args(argv)

    try:
        source = load(args.spec, transport=transport)
    except RefusedInput as exc:
        print(f"error: {exc}. Nothing was changed.", file=sys.stderr)
        return 2
    vendored_bytes = (root / SPEC_FILE).read_bytes()
    vendored = json.loads(vendored_bytes)
    changes = diff(vendored, source.spec)
    sha256 = hashlib.sha256(vendored_bytes).hexdigest()
    print(render_report(vendored, source, changes, sha256), end="")

    breaking = sum(1 for c in changes if c.kind is Kind.BREAKING)
    if not changes:
        print("\nNothing to do: spec/ and generated/ are left as they are.")
        return 0
    if breaking and not args.accept_breaking:
        verb = "would stop" if args.check else "Stopped"
        print(
            f"\n{verb.capitalize()}: {breaking} breaking change(s), marked BREAKING above. "
            "Nothing was written. Re-run with --accept-breaking "
            "(make update-spec ARGS=--accept-breaking) once the wrapper is ready for them.",
            file=sys.stderr,
        )
        return 1
    if args.check:
        print("\n--check: nothing was written.")
        return 0
    old = vendor(root, source, today or dt.datetime.now(dt.UTC).date())
    print(f"\nWrote {SPEC_FILE.as_posix()} and {PROVENANCE_FILE.as_posix()}; regenerating.")
    status = regenerate_and_test(root, old, run_tests=not args.no_test)
    if status == 0:
        print(
            "\nDone. Review `git diff`, add a CHANGELOG entry for the new spec, and retire the "
            "workarounds of quirks fixed upstream once Zoom's responses confirm the fix."
        )
    return status


def main() -> int:
    """Entry point when run as a script."""
    return run()


if __name__ == "__main__":
    sys.exit(main())
