"""The call that reaches each operation of a spec: ``client.operations.<spec>.<method>(...)``.

The method is the module openapi-python-client generates for the operation (the snake_case
Python identifier of its operationId), and the arguments are its generated ones: path parameters
by their generated names, ``body=`` when it takes a body, required query, header and cookie
parameters as keywords (optional ones are left out). Both come from openapi-python-client's own
parser, run with the spec's generator config, so the names are the ones ``make generate`` writes
into the package's ``api.OPERATIONS``; nothing here re-implements its naming::

    calls = operation_calls(spec, ENDPOINTS, root)
    calls["PATCH", "/clips/{clipId}"]
    # 'client.operations.endpoints.update_clip_by_id(clip_id, body=...)'
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.strings import PythonIdentifier

from scripts.update_spec.flatten import HTTP_METHODS
from scripts.update_spec.load import shorten
from scripts.update_spec.nodes import Json
from scripts.update_spec.targets import SpecTarget

Operation = tuple[str, str]
"""``(METHOD, path as the spec writes it)``: ``("PATCH", "/clips/{clipId}")``."""

_TEMPLATE = re.compile(r"\{[^}]*\}")


def _shape(path: str) -> str:
    """A path with its parameter names blanked: the generator renames them (``{clip_id}``)."""
    return _TEMPLATE.sub("{}", path)


def operations_of(spec: Mapping[str, Json]) -> list[Operation]:
    """Every operation of ``spec``, in the spec's order."""
    paths = spec.get("paths")
    return [
        (method.upper(), str(path))
        for path, item in (paths.items() if isinstance(paths, Mapping) else ())
        if isinstance(item, Mapping)
        for method in HTTP_METHODS
        if isinstance(item.get(method), Mapping)
    ]


def added_operations(old: Mapping[str, Json], new: Mapping[str, Json]) -> list[Operation]:
    """The operations of ``new`` that ``old`` lacks, in ``new``'s order."""
    before = {(method, _shape(path)) for method, path in operations_of(old)}
    return [(m, p) for m, p in operations_of(new) if (m, _shape(p)) not in before]


def _call(spec_name: str, config: Config, endpoint: Endpoint) -> str:
    arguments = [str(p.python_name) for p in endpoint.path_parameters]
    if endpoint.bodies:
        arguments.append("body=...")
    keywords = (
        *endpoint.query_parameters,
        *endpoint.header_parameters,
        *endpoint.cookie_parameters,
    )
    arguments.extend(f"{p.python_name}=..." for p in keywords if p.required)
    method = PythonIdentifier(endpoint.name, config.field_prefix)
    return f"client.operations.{spec_name}.{method}({', '.join(arguments)})"


def _endpoints(data: GeneratorData) -> Iterator[Endpoint]:
    for collection in data.endpoint_collections_by_tag.values():
        yield from collection.endpoints


def operation_calls(
    spec: Mapping[str, Json], target: SpecTarget, root: Path
) -> dict[Operation, str] | str:
    """``(METHOD, path) -> the call`` for each operation the generator makes a method of.

    ``root`` is the checkout whose generator config (``target.config``) names things. An
    operation the generator skips (it warns about it when generating) has no entry; a spec it
    cannot read at all, or a checkout without the config, gives a one-line reason instead.
    """
    if not (root / target.config).is_file():
        return f"no generator config at {target.config.as_posix()}"
    config = Config.from_sources(
        ConfigFile.load_from_path(root / target.config),
        MetaType.NONE,
        root / target.file,
        "utf-8",
        overwrite=False,
        output_path=None,
    )
    data = GeneratorData.from_dict(copy.deepcopy(dict(spec)), config=config)
    if not isinstance(data, GeneratorData):
        reason = " ".join(f"{data.header} {data.detail or ''}".split())
        return f"openapi-python-client cannot read the spec: {shorten(reason, 200)}"
    by_shape = {
        (e.method.upper(), _shape(e.path.get_untrusted_value())): _call(target.name, config, e)
        for e in _endpoints(data)
    }
    return {
        (method, path): by_shape[method, _shape(path)]
        for method, path in operations_of(spec)
        if (method, _shape(path)) in by_shape
    }


def render_calls(
    operations: list[Operation], spec: Mapping[str, Json], target: SpecTarget, root: Path
) -> str:
    """One line per operation: ``+ METHOD path  operationId -> the call that reaches it``."""
    calls = operation_calls(spec, target, root)
    paths = spec.get("paths")
    lines: list[str] = []
    for method, path in operations:
        item = paths.get(path) if isinstance(paths, Mapping) else None
        operation = item.get(method.lower()) if isinstance(item, Mapping) else None
        operation_id = operation.get("operationId") if isinstance(operation, Mapping) else None
        if isinstance(calls, str):
            reach = f"(no call: {calls})"
        else:
            reach = calls.get((method, path), "(no call: the generator skips it, see its warnings)")
        lines.append(f"  + {method} {path}  {operation_id or '(no operationId)'} -> {reach}")
    return "\n".join(lines)
