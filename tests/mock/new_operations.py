"""A copy of the packaged endpoints.json plus three operations the project has never seen.

Used by the mock's spec-answer tests and by the contract suite's run over such a spec: the
three operations appear nowhere but here. ``openapi_validator`` checks a value against an
OpenAPI 3.0 schema with ``jsonschema`` (Draft 4, ``nullable`` read as OpenAPI does, and the
formats it knows checked, as schemathesis checks them), a validator independent of the mock's.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema

__all__ = [
    "COPY_EXAMPLE",
    "COPY_PATH",
    "SETTINGS_PATH",
    "STATS_PATH",
    "openapi_validator",
    "packaged_spec",
    "write_spec_with_new_operations",
]

SETTINGS_PATH = "/clips/{clipId}/probe_lock_settings"
STATS_PATH = "/clips/probe_weekly_stats"
COPY_PATH = "/clips/{clipId}/probe_duplicates"
COPY_EXAMPLE = {"copy_id": "probe-copy-0001", "title": "A probe's copy", "pages": 3}
_ERRORS = {
    "400": {"description": "**Error Code:** `300` Invalid request."},
    "401": {"description": "**Error Code:** `124` Invalid access token."},
    "404": {"description": "**Error Code:** `2000` Clip does not exist."},
    "429": {"description": "Too many requests."},
}
_CLIP_ID = {"name": "clipId", "in": "path", "required": True, "schema": {"type": "string"}}
_SECURITY = [{"openapi_oauth": ["clips:write:admin"]}]


_RATE_LIMITS = "https://developers.zoom.us/docs/api/rest/rate-limits/"


def _label(category: str) -> str:
    return f"**[Rate Limit Label]({_RATE_LIMITS}):** `{category}`"


NEW_PATHS: dict[str, Any] = {
    SETTINGS_PATH: {
        "patch": {
            "tags": ["Clips"],
            "summary": "Lock a clip for probing",
            "description": f"Lock or unlock a clip.\n\n{_label('MEDIUM')}",
            "operationId": "UpdateProbeLockSettings",
            "parameters": [_CLIP_ID],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ProbeLock"}}
                },
            },
            "responses": {"204": {"description": "Updated."}, **_ERRORS},
            "security": _SECURITY,
        }
    },
    STATS_PATH: {
        "get": {
            "tags": ["Clips"],
            "summary": "Probe statistics",
            "description": f"Statistics of the probes.\n\n{_label('LIGHT')}",
            "operationId": "GetProbeWeeklyStats",
            "parameters": [
                {
                    "name": "period",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "enum": ["week", "month"]},
                },
                {
                    "name": "top",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 10},
                },
            ],
            "responses": {
                "200": {
                    "description": "The statistics.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ProbeStats"}}
                    },
                },
                **_ERRORS,
            },
            "security": _SECURITY,
        }
    },
    COPY_PATH: {
        "post": {
            "tags": ["Clips"],
            "summary": "Duplicate a clip for probing",
            "description": f"Duplicate a clip.\n\n{_label('MEDIUM')}",
            "operationId": "CreateProbeDuplicate",
            "parameters": [_CLIP_ID],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"title": {"type": "string", "maxLength": 30}},
                        }
                    }
                }
            },
            "responses": {
                "201": {
                    "description": "The copy.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["copy_id"],
                                "properties": {
                                    "copy_id": {"type": "string"},
                                    "title": {"type": "string"},
                                    "pages": {"type": "integer"},
                                },
                            },
                            "example": COPY_EXAMPLE,
                        }
                    },
                },
                **_ERRORS,
            },
            "security": _SECURITY,
        }
    },
}
NEW_SCHEMAS: dict[str, Any] = {
    "ProbeLock": {
        "type": "object",
        "required": ["locked"],
        "properties": {
            "locked": {"type": "boolean"},
            "reason": {"type": "string", "maxLength": 40},
        },
    },
    "ProbeStats": {
        "type": "object",
        "required": ["period", "counts"],
        "properties": {
            "period": {"type": "string", "enum": ["week", "month"]},
            "counts": {
                "type": "array",
                "maxItems": 10,
                "items": {"$ref": "#/components/schemas/ProbeCount"},
            },
            "updated_at": {"type": "string", "format": "date-time"},
            "note": {"type": "string", "nullable": True},
        },
    },
    "ProbeCount": {
        "type": "object",
        "required": ["clip_id", "views"],
        "properties": {
            "clip_id": {"type": "string", "example": "probe-clip"},
            "views": {"type": "integer", "minimum": 0, "maximum": 1000},
            "ratio": {"type": "number", "minimum": 0, "maximum": 1},
        },
    },
}


def packaged_spec(name: str) -> dict[str, Any]:
    """The spec a generated package ships (``endpoints`` or ``master``)."""
    package = {"endpoints": "zoom_clips_endpoints_api", "master": "zoom_clips_api"}[name]
    text = (importlib.resources.files(package) / "openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def spec_with_new_operations() -> dict[str, Any]:
    """The packaged endpoints.json with :data:`NEW_PATHS` and their schemas added."""
    spec = copy.deepcopy(packaged_spec("endpoints"))
    spec["paths"].update(copy.deepcopy(NEW_PATHS))
    spec.setdefault("components", {}).setdefault("schemas", {}).update(copy.deepcopy(NEW_SCHEMAS))
    return spec


def write_spec_with_new_operations(directory: Path) -> Path:
    """Write :func:`spec_with_new_operations` as ``directory/endpoints.json``; its path."""
    path = directory / "endpoints.json"
    path.write_text(json.dumps(spec_with_new_operations(), indent=1), encoding="utf-8")
    return path


def _as_json_schema(schema: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema draft 4: ``nullable: true`` also allows null."""
    if isinstance(schema, list):
        return [_as_json_schema(item) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    converted = {key: _as_json_schema(value) for key, value in schema.items()}
    if converted.pop("nullable", False) is True:
        converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def openapi_validator(schema: Mapping[str, Any], spec: Mapping[str, Any]) -> Any:
    """A ``jsonschema`` validator of ``schema``, whose ``$ref``s point into ``spec``."""
    document = _as_json_schema({**spec, "x-checked": schema})
    return jsonschema.Draft4Validator(
        {"$ref": "#/x-checked", **document}, format_checker=jsonschema.FormatChecker()
    )
