"""The mock's schema reading: synthesised values pass ``jsonschema``, and its checks agree with it.

The keywords are those OpenAPI 3.0 keeps from JSON Schema; ``jsonschema`` (Draft 4, as OpenAPI
3.0's bounds are) is the independent judge.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from zoom_clips.mock._schema import problem, synthesise
from zoom_clips.mock._spec import load_operations, spec_sources

from tests.mock.new_operations import openapi_validator

SCHEMAS: dict[str, dict[str, Any]] = {
    "bounded string": {"type": "string", "minLength": 30, "maxLength": 31},
    "short string": {"type": "string", "maxLength": 3},
    "formats": {
        "type": "object",
        "required": ["at", "on", "mail"],
        "properties": {
            "at": {"type": "string", "format": "date-time"},
            "on": {"type": "string", "format": "date"},
            "mail": {"type": "string", "format": "email"},
        },
    },
    "exclusive bounds": {
        "type": "integer",
        "minimum": 5,
        "maximum": 7,
        "exclusiveMinimum": True,
        "exclusiveMaximum": True,
    },
    "multiple": {"type": "integer", "minimum": 7, "multipleOf": 5},
    "negative number": {"type": "number", "maximum": -10},
    "array": {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "boolean"}},
    "enum": {"type": "string", "enum": ["A", "B"]},
    "nullable": {"type": "string", "nullable": True, "enum": ["x"]},
    "allOf": {
        "allOf": [
            {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
            {"type": "object", "required": ["b"], "properties": {"b": {"type": "string"}}},
        ]
    },
    "anyOf": {"anyOf": [{"type": "integer", "minimum": 3}, {"type": "string"}]},
    "closed object": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"only": {"type": "string", "example": "this"}},
    },
    "bad example": {"type": "integer", "example": "not an integer"},
}


@pytest.mark.parametrize("name", SCHEMAS)
def test_a_synthesised_value_passes_jsonschema(name: str) -> None:
    """Each keyword's synthesised value is valid by ``jsonschema``, and by the mock's check."""
    schema = SCHEMAS[name]
    for seed in range(5):
        value = synthesise(schema, random.Random(seed))  # noqa: S311 -- seeded test data
        errors = [e.message for e in openapi_validator(schema, {}).iter_errors(value)]
        assert errors == [], (value, errors)
        assert problem(schema, value) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("bounded string", "x" * 29),
        ("short string", "four"),
        ("exclusive bounds", 5),
        ("exclusive bounds", 7),
        ("multiple", 11),
        ("negative number", -9.5),
        ("array", [True]),
        ("array", [True, "no"]),
        ("enum", "C"),
        ("allOf", {"a": 1}),
        ("anyOf", 2),
        ("anyOf", None),
        ("closed object", {"other": "x"}),
        ("formats", {"at": "x", "on": "y"}),
        ("bad example", True),
    ],
)
def test_the_mocks_check_refuses_what_jsonschema_refuses(name: str, value: Any) -> None:
    """A value ``jsonschema`` refuses, the mock refuses too, saying why."""
    schema = SCHEMAS[name]
    assert list(openapi_validator(schema, {}).iter_errors(value))
    assert problem(schema, value)


def test_an_example_is_used_only_if_its_schema_accepts_it() -> None:
    """A property's valid example is the value; an invalid one is replaced by a built one."""
    rng = random.Random(0)  # noqa: S311 -- seeded test data
    assert synthesise(SCHEMAS["closed object"], rng) == {"only": "this"}
    assert isinstance(synthesise(SCHEMAS["bad example"], rng), int)


def test_a_recursive_schema_is_resolved_and_synthesised(tmp_path: Path) -> None:
    """A ``$ref`` cycle (a node whose children are nodes) resolves, and its answer is finite."""
    node = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    spec = {
        "openapi": "3.0.0",
        "paths": {
            "/clips/tree": {
                "get": {
                    "operationId": "GetTree",
                    "responses": {
                        "200": {
                            "description": "A tree.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Node"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Node": node}},
    }
    path = tmp_path / "endpoints.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    (operation,) = load_operations(spec_sources({"endpoints": path})[1:], seed=0)
    assert operation.status == 200
    errors = openapi_validator(node, spec).iter_errors(operation.body)
    assert [e.message for e in errors] == []
    assert operation.body["children"] == []  # the node's own kind is where it stops
