"""A spec flattened into the nodes the report compares, keyed by where the report shows them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from scripts.update_spec.nodes import DOC_KEYS, Json, Key, Node, NodeKind, Refs, Side, schema_nodes

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _parameter_nodes(refs: Refs, group: str, parent: Key, params: list[Json]) -> Iterator[Node]:
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
            if k in DOC_KEYS
        }
        schema = (
            {k: v for k, v in schema.items() if k not in DOC_KEYS}
            if isinstance(schema, Mapping)
            else {}
        )
        yield from schema_nodes(
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
    refs: Refs,
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
            yield from schema_nodes(
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
            yield from schema_nodes(
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


def _merge_parameters(refs: Refs, path_level: list[Json], op_level: Json) -> list[Json]:
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
    refs = Refs(spec)
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
