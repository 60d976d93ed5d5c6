"""Every operation of the specs that no stateful route models, answered from the spec itself.

So an operation Zoom adds is served the day its spec is vendored, with no code here. Each such
operation (see ``_spec.Operation``) goes through what every route goes through
(``_http.endpoint``: the bearer token, its category's rate limit; ``_faults``: injected
faults and latency), then, in this order:

- a ``{clipId}`` path parameter must name a clip the token reaches, by the stateful routes' own
  rule (``_http.visible_clip``: 404 code 2000 for an id that never existed, a soft-deleted clip
  still exists, 403 code 1003 for another account's clip);
- every path, query and header parameter must match its schema (strings read as the schema's
  type; an array from the parameter repeated) and a required one must be there; a
  JSON request body must parse and match its schema, and be there if required: else 400 code
  300, as the stateful routes refuse bad input;
- the answer is the declared success status (the lowest 2xx) with its body: the spec's example
  where it has one its schema accepts, else one synthesised from the schema, seeded by the
  mock's ``seed`` and the operation (the same on every call and run); a 204, or a success
  declared without content, has no body.

Nothing is stored: a ``PATCH`` answers as the spec says and the clip stays as it was.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zoom_clips.mock._data import InvalidQueryError
from zoom_clips.mock._http import visible_clip
from zoom_clips.mock._router import ApiRoute
from zoom_clips.mock._schema import problem
from zoom_clips.mock._spec import Operation, load_operations, spec_sources
from zoom_clips.mock._state import Grant, MockState

__all__ = ["SpecAnswer", "spec_routes"]

_INTEGER = re.compile(r"[+-]?[0-9]{1,1000}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class SpecAnswer:
    """The route logic of one operation answered from the spec (see the module docstring)."""

    def __init__(self, operation: Operation) -> None:
        self.operation = operation

    def __call__(self, state: MockState, grant: Grant, request: Request, body: bytes) -> Response:
        operation = self.operation
        path_values: Mapping[str, str] = request.path_params
        if "clipId" in path_values:
            visible_clip(state, grant, path_values["clipId"])
        for name, parameter in operation.parameters.get("path", {}).items():
            if name in path_values:
                _check(parameter, [path_values[name]], name)
        for location, values in (("query", request.query_params), ("header", request.headers)):
            for name, parameter in operation.parameters.get(location, {}).items():
                given = values.getlist(name)
                if not given:
                    if parameter.get("required"):
                        raise InvalidQueryError(f"Invalid field: {name!r} is required")
                    continue
                _check(parameter, given, name)
        if operation.body_schema is not None:
            _check_body(operation.body_schema, body, required=operation.body_required)
        if operation.media_type is None:
            return Response(status_code=operation.status)
        if isinstance(operation.body, bytes):
            return Response(operation.body, operation.status, media_type=operation.media_type)
        return JSONResponse(
            copy.deepcopy(operation.body), operation.status, media_type=operation.media_type
        )

    def __repr__(self) -> str:
        return f"SpecAnswer({self.operation.method} {self.operation.template})"


def _check(parameter: Mapping[str, Any], given: list[str], name: str) -> None:
    """400 code 300 unless the parameter's text matches its schema (read as the schema's type)."""
    schema: Mapping[str, Any] = parameter.get("schema") or {}
    if schema.get("type") == "array":
        value: Any = [_typed(schema.get("items") or {}, text) for text in given]
    elif len(given) > 1:
        raise InvalidQueryError(f"Invalid field: {name!r} was given more than once")
    else:
        value = _typed(schema, given[0])
    why = problem(schema, value, name)
    if why:
        raise InvalidQueryError(f"Invalid field: {why}")


def _typed(schema: Mapping[str, Any], text: str) -> Any:
    """``text`` as the schema's type when it reads as one (else the text, which then fails)."""
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.fullmatch(text.strip()):
        return int(text)
    if kind == "number" and _NUMBER.fullmatch(text.strip()):
        return float(text)
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def _check_body(schema: Mapping[str, Any], body: bytes, *, required: bool) -> None:
    if not body.strip():
        if required:
            raise InvalidQueryError("Invalid request body: a JSON body is required")
        return
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidQueryError("Invalid request body: the body is not JSON") from None
    why = problem(schema, value)
    if why:
        raise InvalidQueryError(f"Invalid request body: {why}")


def spec_routes(
    specs: Mapping[str, Path] | None,
    seed: int,
    served: Sequence[ApiRoute],
) -> tuple[ApiRoute, ...]:
    """A route per path of the specs with the operations none of ``served`` has, in spec order."""
    taken = {(method, route.template) for route in served for method in route.handlers}
    handlers: dict[str, dict[str, SpecAnswer]] = {}
    labels: dict[str, dict[str, str]] = {}
    for operation in load_operations(spec_sources(specs), seed):
        key = (operation.method, operation.template)
        if key in taken:
            continue
        taken.add(key)  # the first spec that has it answers it
        handlers.setdefault(operation.template, {})[operation.method] = SpecAnswer(operation)
        if operation.label:
            labels.setdefault(operation.template, {})[operation.method] = operation.label
    return tuple(
        ApiRoute(template, methods, labels=labels.get(template, {}))
        for template, methods in handlers.items()
    )
