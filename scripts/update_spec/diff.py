"""Comparing two specs: every change, classified from the point of view of existing callers."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import attrs

from scripts.update_spec.flatten import flatten
from scripts.update_spec.load import shorten
from scripts.update_spec.nodes import DOC_KEYS, Json, Kind, Node, NodeKind, Section, Side


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
    return shorten(json.dumps(value, default=list, ensure_ascii=False), 60)


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
    if last_word in DOC_KEYS:
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
    documentation = attr.rsplit(" ", 1)[-1] in DOC_KEYS or attr.rsplit(" ", 1)[-1][:2] == "x-"
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
