"""The parts of a spec the report compares: nodes (an operation, a parameter, a field...) and
the kinds a change can be, with the schema walk that turns a schema into nodes."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

Json = Any
"""A value parsed from JSON: dict, list, str, int, float, bool or None."""


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


class Refs:
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


DOC_KEYS = frozenset(
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


def _merged_all_of(refs: Refs, schema: Mapping[str, Json], seen: frozenset[str]) -> dict[str, Json]:
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


def _type_summary(schema: Mapping[str, Json], refs: Refs, seen: frozenset[str]) -> str:
    types = _type_of(schema)
    text = "|".join(types) if types else "any type"
    if "array" in types:
        items, _ = refs.resolve(schema.get("items"), seen)
        if isinstance(items, Mapping):
            text = text.replace("array", f"array of {_type_summary(items, refs, seen)}")
    fmt = schema.get("format")
    return f"{text} ({fmt})" if isinstance(fmt, str) else text


def schema_nodes(
    refs: Refs,
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
            yield from schema_nodes(
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
        yield from schema_nodes(
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
