"""Only the resource base knows the clients' insides: read from the source with ``ast``.

The import graph of ``wrapper/zoom_clips`` counts every import of a module, wherever it is
written (module level, ``if TYPE_CHECKING:``, inside a function), and importing ``a.b.c`` from
outside the package ``a.b`` counts as importing ``a.b`` too (its ``__init__`` runs first).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from zoom_clips._resource import AsyncAPIResource, SyncAPIResource

SOURCE = Path(__file__).resolve().parents[2] / "wrapper"
PACKAGE = "zoom_clips"
CLIENT = "zoom_clips._client"
BASE = "zoom_clips._resource"
#: The client itself: its two halves may use their own private attributes.
CLIENT_MODULES = {CLIENT, "zoom_clips._base_client"}
#: Built on the client and never imported by it (asserted below): besides the public surface
#: (``zoom_clips/__init__``), the CLI and the inventory, which construct clients and use only
#: their public surface.
APPLICATION_PACKAGES = (f"{PACKAGE}._cli", f"{PACKAGE}.sync")
#: The one type-only back edge left, not a client's: the error tree's ``upload_state`` names
#: ``UploadState``, whose checks raise ``UploadError``. Breaking it is a typing decision in
#: ``_errors.py`` (what ``ZoomClipsError.upload_state`` is declared as), not the resources'.
KNOWN_BACK_EDGES = {("zoom_clips._errors", "zoom_clips._resources._upload_state")}
#: What a client object is called where it is used (``client._x``, ``self._client._x``).
CLIENT_NAMES = {"client", "aclient", "zoom_client", "sync_client", "async_client"}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted((SOURCE / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted names an import statement may load (a ``from x import y`` may load ``x.y``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    yield target
    yield from (f"{target}.{alias.name}" for alias in node.names)


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module -> the package modules it imports (every import, type-only ones included)."""
    modules = _modules()
    graph = {}
    for module, (path, is_package) in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _targets(module, is_package, node):
                parts = target.split(".")
                for end in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:end])
                    # A package that encloses the importer is already importing: not an edge.
                    if prefix in modules and not f"{module}.".startswith(f"{prefix}."):
                        edges.add(prefix)
        graph[module] = frozenset(edges)
    return graph


def _reachable(graph: dict[str, frozenset[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def _cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return components


def _without_base(graph: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The graph without the resource base and the known back edge (and the package edge the
    latter implies)."""
    dropped = {(source, target) for source, target in KNOWN_BACK_EDGES}
    dropped |= {(source, target.rsplit(".", 1)[0]) for source, target in KNOWN_BACK_EDGES}
    return {
        module: frozenset(t for t in targets if t != BASE and (module, t) not in dropped)
        for module, targets in graph.items()
        if module != BASE
    }


def _is_application(module: str) -> bool:
    return module == PACKAGE or any(
        module == package or module.startswith(f"{package}.") for package in APPLICATION_PACKAGES
    )


def test_the_graph_sees_the_client_and_its_resources() -> None:
    """The graph is read from the source: the client imports the resources, the base the client."""
    graph = import_graph()
    assert "zoom_clips._resources" in graph[CLIENT]
    assert CLIENT in graph[BASE]
    assert BASE in graph["zoom_clips._resources.comments"]


def test_only_the_resource_base_imports_the_client() -> None:
    """Below the client, only ``_resource`` imports ``_client`` (even for types); above it, only
    the public surface, the CLI and the inventory do."""
    graph = import_graph()
    importers = {module for module, targets in graph.items() if CLIENT in targets}
    assert {m for m in importers - {BASE, CLIENT} if not _is_application(m)} == set()
    below = _reachable(graph, CLIENT)
    assert {m for m in importers if _is_application(m)} & below == set()


def test_no_import_cycle_but_through_the_resource_base() -> None:
    """Every import cycle of the package, type-only ones included, passes through ``_resource``."""
    assert _cycles(_without_base(import_graph())) == []


def _private_client_uses(tree: ast.AST) -> Iterator[ast.Attribute]:
    """``client._x``, ``aclient._x``, ``self._client._x``, ... (dunders aside)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
            continue
        if node.attr.startswith("__") and node.attr.endswith("__"):
            continue
        owner = node.value
        if (isinstance(owner, ast.Name) and owner.id in CLIENT_NAMES) or (
            isinstance(owner, ast.Attribute) and owner.attr == "_client"
        ):
            yield node


def test_no_module_but_the_base_reaches_into_a_client() -> None:
    """No ``client._x``/``self._client._x`` outside the client's own modules and ``_resource``."""
    uses = [
        f"{path.relative_to(SOURCE)}:{node.lineno}: {ast.unparse(node)}"
        for module, (path, _) in _modules().items()
        if module not in CLIENT_MODULES | {BASE}
        for node in _private_client_uses(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert uses == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("client._send(kwargs, parse)", ["client._send"]),
        ("self._client._policy.now()", ["self._client._policy"]),
        ("aclient._http.request('GET', url)", ["aclient._http"]),
        ("client.clips.list()", []),
        ("self._client.max_concurrency", []),
        ("client.__class__", []),
    ],
)
def test_the_private_use_check_flags_a_clients_private_attributes(
    source: str, expected: list[str]
) -> None:
    """The name-based check flags a client's private attribute, and only that."""
    assert [ast.unparse(node) for node in _private_client_uses(ast.parse(source))] == expected


def test_the_cycle_check_finds_a_cycle_and_the_base_breaks_it() -> None:
    """A cycle through a type-only import is found; the same cycle through the base is allowed."""
    graph = {
        "a": frozenset({"b"}),
        "b": frozenset({"a"}),
        BASE: frozenset({"c"}),
        "c": frozenset({BASE}),
    }
    assert sorted(_cycles(graph)) == [["a", "b"], ["c", BASE]]
    assert _cycles(_without_base(graph)) == [["a", "b"]]


def test_the_sync_and_async_bases_offer_the_same_entry_points() -> None:
    """Resources reach a sync and an async client the same ways (the async one can fan out)."""

    def entry_points(cls: type) -> set[str]:
        return {name for name in vars(cls) if not name.startswith("__")}

    assert entry_points(AsyncAPIResource) - {"_max_concurrency"} == entry_points(SyncAPIResource)
