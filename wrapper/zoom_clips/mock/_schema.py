"""OpenAPI 3.0 schemas as the mock needs them: check a value against one, and make a value of one.

Pure functions over the spec's JSON (``$ref`` already resolved, see ``_spec``), with no
validation library: the mock extra stays Starlette and uvicorn. :func:`problem` understands the
keywords of JSON Schema's validation vocabulary that OpenAPI 3.0 keeps (``type`` and
``nullable``, ``enum``, ``properties``/``required``/``additionalProperties``, ``items``, the
bounds of numbers, strings, arrays and objects, ``pattern``, ``allOf``/``anyOf``/``oneOf``/``not``);
``format``, ``example`` and the annotations are not checked, as Zoom does not check them either.
:func:`synthesise` makes a value that passes :func:`problem`: the schema's own ``example`` where it
passes, else one built from the schema, drawn from a seeded ``random.Random`` (same seed, same
value). A schema no value passes gets a value of its first ``oneOf``/``anyOf`` alternative.

>>> import random
>>> number = {"type": "integer", "minimum": 3}
>>> schema = {"type": "object", "required": ["n"], "properties": {"n": number}}
>>> synthesise(schema, random.Random(0))["n"] >= 3
True
>>> problem(schema, {"n": "x"})
"'n' must be of type integer"
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["RECURSIVE", "problem", "synthesise"]

Schema = Mapping[str, Any]

#: The key marking where a schema refers to itself (``_spec`` resolves ``$ref``s): any value
#: passes there, and a synthesised value leaves it out (an optional property, an array's items).
RECURSIVE = "x-mock-recursive"

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
#: How many levels deep a synthesised value goes before it stops adding optional content.
_DEPTH = 6
_FORMATS = {
    "date-time": "2025-06-15T12:00:00Z",
    "date": "2025-06-15",
    "time": "12:00:00",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "binary": "",
    "byte": "",
}


def _is(value: Any, type_name: str) -> bool:
    if isinstance(value, bool) and type_name in ("integer", "number"):
        return False
    if type_name == "integer" and isinstance(value, float):
        return value.is_integer()
    if type_name == "null":
        return value is None
    return isinstance(value, _TYPES.get(type_name, (object,)))


def _named(where: str) -> str:
    return f"{where!r}" if where else "the value"


def problem(schema: Schema, value: Any, where: str = "") -> str | None:  # noqa: PLR0911, PLR0912 -- one return per keyword
    """The first way ``value`` breaks ``schema`` (a sentence naming where), or None if none."""
    if value is None and (schema.get("nullable") or schema.get("type") == "null"):
        return None
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            why = _combined(key, schema[key], value, where)
            if why:
                return why
    if "not" in schema and problem(schema["not"], value, where) is None:
        return f"{_named(where)} must not match its 'not' schema"
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is(value, name) for name in names):
            return f"{_named(where)} must be of type {' or '.join(names)}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{_named(where)} must be one of {schema['enum']!r}"
    if "const" in schema and value != schema["const"]:
        return f"{_named(where)} must be {schema['const']!r}"
    if isinstance(value, dict):
        return _object_problem(schema, value, where)
    if isinstance(value, list):
        return _array_problem(schema, value, where)
    if isinstance(value, str):
        return _string_problem(schema, value, where)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_problem(schema, value, where)
    return None


def _combined(key: str, alternatives: list[Schema], value: Any, where: str) -> str | None:
    matches = [problem(alternative, value, where) for alternative in alternatives]
    passed = sum(why is None for why in matches)
    if key == "allOf":
        return next((why for why in matches if why), None)
    if key == "anyOf" and passed == 0:
        return f"{_named(where)} matches none of its anyOf schemas ({matches[0]})"
    if key == "oneOf" and passed != 1:
        return f"{_named(where)} must match exactly one of its oneOf schemas, matches {passed}"
    return None


def _object_problem(schema: Schema, value: dict[str, Any], where: str) -> str | None:
    for name in schema.get("required", ()):
        if name not in value:
            return f"{_named(_join(where, name))} is required"
    properties: Mapping[str, Schema] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            why = problem(properties[name], item, _join(where, name))
        elif extra is False:
            why = f"{_named(where)} has a property the schema does not allow: {name[:40]!r}"
        elif isinstance(extra, Mapping):
            why = problem(extra, item, _join(where, name))
        else:
            why = None
        if why:
            return why
    if len(value) < schema.get("minProperties", 0):
        return f"{_named(where)} must have at least {schema['minProperties']} properties"
    if len(value) > schema.get("maxProperties", math.inf):
        return f"{_named(where)} must have at most {schema['maxProperties']} properties"
    return None


def _array_problem(schema: Schema, value: list[Any], where: str) -> str | None:
    if len(value) < schema.get("minItems", 0):
        return f"{_named(where)} must have at least {schema['minItems']} items"
    if len(value) > schema.get("maxItems", math.inf):
        return f"{_named(where)} must have at most {schema['maxItems']} items"
    if schema.get("uniqueItems") and len({repr(item) for item in value}) != len(value):
        return f"{_named(where)} must not repeat an item"
    items = schema.get("items")
    if isinstance(items, Mapping):
        for index, item in enumerate(value):
            why = problem(items, item, f"{where}[{index}]")
            if why:
                return why
    return None


def _string_problem(schema: Schema, value: str, where: str) -> str | None:
    if len(value) < schema.get("minLength", 0):
        return f"{_named(where)} must be at least {schema['minLength']} characters"
    if len(value) > schema.get("maxLength", math.inf):
        return f"{_named(where)} must be at most {schema['maxLength']} characters"
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and re.search(pattern, value) is None:
        return f"{_named(where)} must match {pattern!r}"
    return None


def _number_problem(schema: Schema, value: float, where: str) -> str | None:
    low, high = schema.get("minimum"), schema.get("maximum")
    # OpenAPI 3.0 (JSON Schema draft 4): exclusiveMinimum/Maximum are booleans on the bound.
    if low is not None and (
        value < low or (schema.get("exclusiveMinimum") is True and value == low)
    ):
        return f"{_named(where)} must be at least {low}"
    if high is not None and (
        value > high or (schema.get("exclusiveMaximum") is True and value == high)
    ):
        return f"{_named(where)} must be at most {high}"
    step = schema.get("multipleOf")
    if step and not math.isclose(value / step, round(value / step)):
        return f"{_named(where)} must be a multiple of {step}"
    return None


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


# --- synthesis ----------------------------------------------------------------------------------


def synthesise(schema: Schema, rng: random.Random, depth: int = 0) -> Any:  # noqa: PLR0911 -- one return per kind of schema
    """A value of ``schema``: its ``example`` if that passes :func:`problem`, else one built."""
    if RECURSIVE in schema:
        return {}
    example = schema.get("example")
    if example is not None and problem(schema, example) is None:
        return example
    if schema.get("enum"):
        return rng.choice(list(schema["enum"]))
    if "const" in schema:
        return schema["const"]
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            values = [synthesise(alternative, rng, depth) for alternative in schema[key]]
            # No value may pass (a oneOf of alternatives that all accept the same objects, as
            # quirk upload-events-oneof-ambiguous): then the first alternative's, as Zoom sends.
            return next((v for v in values if problem(schema, v) is None), values[0])
    if schema.get("allOf"):
        return _all_of(schema, rng, depth)
    return _built(schema, _type_of(schema), rng, depth)


def _type_of(schema: Schema) -> str:
    types = schema.get("type")
    if isinstance(types, list):
        types = next((name for name in types if name != "null"), "null")
    if isinstance(types, str):
        return types
    if "properties" in schema or "required" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return "string"


def _all_of(schema: Schema, rng: random.Random, depth: int) -> Any:
    merged: dict[str, Any] = {}
    for part in schema["allOf"]:
        value = synthesise(part, rng, depth)
        if not isinstance(value, dict):
            return value
        merged |= value
    return merged


def _built(schema: Schema, type_name: str, rng: random.Random, depth: int) -> Any:  # noqa: PLR0911 -- one return per type
    if type_name == "object":
        properties: Mapping[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return {
            name: synthesise(item, rng, depth + 1)
            for name, item in properties.items()
            if name in required or (depth < _DEPTH and RECURSIVE not in item)
        }
    if type_name == "array":
        items = schema.get("items")
        low = schema.get("minItems", 0)
        deeper = depth < _DEPTH and not (isinstance(items, Mapping) and RECURSIVE in items)
        count = max(low, min(1, schema.get("maxItems", 1))) if deeper else low
        if not isinstance(items, Mapping):
            return [""] * count
        values = [synthesise(items, rng, depth + 1) for _ in range(count)]
        if schema.get("uniqueItems") and len({repr(v) for v in values}) != len(values):
            return values[: min(1, count)] if low <= 1 else values
        return values
    if type_name == "integer":
        return _number(schema, rng, integer=True)
    if type_name == "number":
        return _number(schema, rng, integer=False)
    if type_name == "boolean":
        return rng.random() < 0.5
    if type_name == "null":
        return None
    return _string(schema, rng)


def _number(schema: Schema, rng: random.Random, *, integer: bool) -> float:
    low = schema.get("minimum", 0 if schema.get("maximum", 1) >= 0 else schema["maximum"] - 100)
    high = schema.get("maximum", low + 100)
    if schema.get("exclusiveMinimum") is True:
        low += 1 if integer else 0.5
    if schema.get("exclusiveMaximum") is True:
        high -= 1 if integer else 0.5
    step = schema.get("multipleOf")
    if integer:
        value: float = rng.randint(math.ceil(low), max(math.ceil(low), math.floor(high)))
    else:
        value = round(rng.uniform(low, high), 2)
    if step:
        value = math.ceil(low / step) * step
        value = int(value) if integer else value
    return value


def _string(schema: Schema, rng: random.Random) -> str:
    low, high = schema.get("minLength", 0), schema.get("maxLength", math.inf)
    known = _FORMATS.get(str(schema.get("format", "")))
    if known is not None and low <= len(known) <= high:
        return known
    length = int(max(low, min(high, 12)))
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(length))
