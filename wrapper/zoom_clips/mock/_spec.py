"""The vendored specs as the mock reads them: every operation, its parameters, body and answer.

The specs are read at run time, not copied into the mock: by default each generated package's
own copy (``importlib.resources.files("zoom_clips_endpoints_api") / "openapi.json"``, and the
same for ``zoom_clips_api``, which ``scripts/generate.py`` writes byte for byte as
``SPEC_COPY``), so an installed wheel serves its specs and a spec vendored by ``make
update-spec`` is served as soon as it is regenerated. ``MockConfig(specs={"endpoints": path})``
(``python -m zoom_clips.mock --spec endpoints=PATH``) serves another file instead. ``$ref``s
(local ones, ``#/...``) are resolved. Reading is lazy (the router reads on its first API
request) and cached per file, so neither the mock's start-up nor a second mock pays for it.

An :class:`Operation` knows what the mock answers from the spec alone (``_routes_spec``):
the success status it declares (the lowest 2xx), and that response's body, the spec's example
where it has one that its schema accepts, else a value synthesised from the schema, seeded
(``_schema.synthesise``).
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import json
import random
import re
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from zoom_clips.mock._schema import RECURSIVE, problem, synthesise

__all__ = ["PACKAGES", "Operation", "load_operations", "read_spec", "spec_sources"]

#: Each vendored spec (by the name ``make update-spec NAME=`` uses) and its generated package.
PACKAGES = {"master": "zoom_clips_api", "endpoints": "zoom_clips_endpoints_api"}
#: The file each generated package ships its spec as (``scripts/generate.py``'s ``SPEC_COPY``).
SPEC_COPY = "openapi.json"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
#: The description's "Rate Limit Label", as ``scripts/generate.py`` reads it for ``rate_limits``.
_LABEL = re.compile(r"\*\*\[Rate Limit Label\]\([^)]*\):\*\*\s*`(?P<label>[A-Z_]+)`")
_JSON = re.compile(r"^application/(?:[\w.+-]+\+)?json", re.IGNORECASE)


@attrs.frozen
class Operation:
    """One operation of a spec, its ``$ref``s resolved: what to check and what to answer."""

    method: str
    template: str
    operation_id: str
    #: The declared parameters by location (``path``, ``query``, ``header``): name -> object.
    parameters: Mapping[str, Mapping[str, Mapping[str, Any]]]
    #: The JSON request body's schema (None: no JSON body), and whether a body is required.
    body_schema: Mapping[str, Any] | None
    body_required: bool
    status: int
    #: The success answer's media type (None: no content) and its body.
    media_type: str | None
    body: Any
    #: The description's "Rate Limit Label" (None: it states none).
    label: str | None


def spec_sources(specs: Mapping[str, Path] | None = None) -> tuple[tuple[str, str], ...]:
    """``(name, where)`` of each spec to serve: ``specs``' file, else the package's copy."""
    chosen = dict(specs or {})
    return tuple((name, str(chosen.get(name, f"package:{PACKAGES[name]}"))) for name in PACKAGES)


def read_spec(where: str) -> dict[str, Any]:
    """The spec at ``where`` (a file path, or ``package:NAME`` for a generated package's copy)."""
    if where.startswith("package:"):
        text = (importlib.resources.files(where.removeprefix("package:")) / SPEC_COPY).read_text(
            encoding="utf-8"
        )
    else:
        text = Path(where).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def load_operations(sources: tuple[tuple[str, str], ...], seed: int) -> tuple[Operation, ...]:
    """Every operation of the specs at ``sources`` (see :func:`spec_sources`), in spec order.

    Cached per file and its last change, so a file rewritten since is read again.
    """
    return _load(tuple((where, _stamp(where)) for _name, where in sources), seed)


def _stamp(where: str) -> tuple[int, int]:
    """A file's size and modification time (a package's copy too, when it is a file: a
    regenerated package is read again; one inside a zip never changes)."""
    if where.startswith("package:"):
        copy_of_spec = importlib.resources.files(where.removeprefix("package:")) / SPEC_COPY
        if not isinstance(copy_of_spec, Path):
            return (0, 0)
        where = str(copy_of_spec)
    status = Path(where).stat()
    return status.st_size, status.st_mtime_ns


@functools.lru_cache(maxsize=8)
def _load(sources: tuple[tuple[str, tuple[int, int]], ...], seed: int) -> tuple[Operation, ...]:
    operations: list[Operation] = []
    for where, _stamp_of_file in sources:
        document = read_spec(where)
        resolved = _resolve(document, document, ())
        for template, item in resolved.get("paths", {}).items():
            shared = item.get("parameters", [])
            for method in _METHODS:
                if isinstance(item.get(method), Mapping):
                    operations.append(_operation(method, template, item[method], shared, seed))
    return tuple(operations)


def _resolve(node: Any, document: Mapping[str, Any], seen: tuple[str, ...]) -> Any:
    """``node`` with every local ``$ref`` replaced by a copy of its target (a ``$ref`` inside its
    own target: a schema marked :data:`~zoom_clips.mock._schema.RECURSIVE`)."""
    if isinstance(node, list):
        return [_resolve(item, document, seen) for item in node]
    if not isinstance(node, Mapping):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        if ref in seen:  # a recursive schema: deeper levels accept anything, and are left out
            return {RECURSIVE: ref}
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return _resolve(target, document, (*seen, ref))
    return {key: _resolve(value, document, seen) for key, value in node.items()}


def _operation(
    method: str,
    template: str,
    spec: Mapping[str, Any],
    shared: Sequence[Mapping[str, Any]],
    seed: int,
) -> Operation:
    parameters: dict[str, dict[str, Mapping[str, Any]]] = {}
    for parameter in [*shared, *spec.get("parameters", [])]:  # the operation's own win
        parameters.setdefault(parameter.get("in", "query"), {})[parameter["name"]] = parameter
    content: Mapping[str, Any] = (spec.get("requestBody") or {}).get("content", {})
    json_media = next((media for media in content if _JSON.match(media)), None)
    body_schema = (content[json_media] or {}).get("schema", {}) if json_media else None
    status, media_type, body = _answer(method, template, spec.get("responses", {}), seed)
    label = _LABEL.search(spec.get("description", ""))
    return Operation(
        method=method.upper(),
        template=template,
        operation_id=str(spec.get("operationId", f"{method} {template}")),
        parameters=parameters,
        body_schema=body_schema,
        body_required=bool((spec.get("requestBody") or {}).get("required")),
        status=status,
        media_type=media_type,
        body=body,
        label=label.group("label") if label else None,
    )


def _answer(
    method: str, template: str, responses: Mapping[str, Any], seed: int
) -> tuple[int, str | None, Any]:
    """The declared success status, its media type and body (204 and no content: no body)."""
    declared = sorted(int(code) for code in responses if str(code).isdigit())
    successes = [code for code in declared if 200 <= code < 300]
    status = successes[0] if successes else 200
    response: Mapping[str, Any] = responses.get(str(status)) or {}
    content: Mapping[str, Any] = response.get("content") or {}
    if status == 204 or not content:
        return status, None, None
    media_type = next((media for media in content if _JSON.match(media)), next(iter(content)))
    media: Mapping[str, Any] = content[media_type] or {}
    schema: Mapping[str, Any] = media.get("schema") or {}
    rng = random.Random(zlib.crc32(f"{seed}:{method.upper()} {template}".encode()))  # noqa: S311 -- seeded test data
    if not _JSON.match(media_type):
        return status, media_type, b""
    for example in _examples(media):
        if problem(schema, example) is None:
            return status, media_type, copy.deepcopy(example)
    return status, media_type, synthesise(schema, rng) if schema else {}


def _examples(media: Mapping[str, Any]) -> list[Any]:
    """The media type's ``example``, then each of its ``examples``' values."""
    found = [media["example"]] if "example" in media else []
    examples: Mapping[str, Any] = media.get("examples") or {}
    found.extend(e["value"] for e in examples.values() if isinstance(e, Mapping) and "value" in e)
    return found
