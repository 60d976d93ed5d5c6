"""Unasync, over the syntax tree: what an async twin reads as once its awaits and prefixes go.

httpcore keeps its sync code generated from the async one and checks it with ``unasync --check``
(a list of line substitutions, each of which must be used). Here both twins are hand-written,
side by side, so the check compares them instead: ``unasync`` turns the async twin's tree into
the sync one it should equal (``async def``/``async for``/``async with`` become plain,
``await x`` becomes ``x``, and every identifier goes through ``SUBS``), and ``member_bodies``
splits a class or a function into the members compared one by one. Docstrings are prose, not
code: they are left out of the comparison.
"""

from __future__ import annotations

import ast
import re

__all__ = ["SUBS", "differing_members", "find", "member_bodies", "unasync"]

#: Identifier substitutions, async name to sync name, tried in order (the first that matches the
#: whole identifier wins). Each must be used by some twin, as in httpcore's ``unasync.py``.
SUBS: tuple[tuple[str, str], ...] = (
    # The resource bases are named for what they are, not only by the missing prefix.
    (r"AsyncAPIResource", "SyncAPIResource"),
    (r"async_auth_flow", "sync_auth_flow"),
    # httpx's and the standard library's async spellings of the same call.
    (r"__aenter__", "__enter__"),
    (r"__aexit__", "__exit__"),
    (r"anext", "next"),
    (r"asend", "send"),
    (r"StopAsyncIteration", "StopIteration"),
    (r"a(iter|read|close|sleep|body)(_\w+)?", r"\1\2"),
    # Class and type prefixes: AsyncZoomClips, _AsyncSender, AsyncIterator, httpx.AsyncClient.
    (r"(_?)Async([A-Z]\w*)", r"\1\2"),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in SUBS)


def _sub(name: str, used: set[int]) -> str:
    for index, (pattern, replacement) in enumerate(_COMPILED):
        match = pattern.fullmatch(name)
        if match is not None:
            used.add(index)
            return match.expand(replacement)
    return name


class _Unasync(ast.NodeTransformer):
    def __init__(self, used: set[int]) -> None:
        self.used = used

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        plain = ast.FunctionDef(**{field: getattr(node, field) for field in node._fields})
        return self.visit_FunctionDef(ast.copy_location(plain, node))

    def visit_AsyncFor(self, node: ast.AsyncFor) -> ast.AST:
        plain = ast.For(**{field: getattr(node, field) for field in node._fields})
        return self.visit_For(ast.copy_location(plain, node))

    def visit_For(self, node: ast.For) -> ast.AST:
        # An async generator cannot ``yield from``: ``for x in xs: yield x`` is its spelling.
        self.generic_visit(node)
        match node:
            case ast.For(
                target=ast.Name(id=name),
                body=[ast.Expr(value=ast.Yield(value=ast.Name(id=yielded)))],
                orelse=[],
            ) if name == yielded:
                return ast.copy_location(ast.Expr(ast.YieldFrom(node.iter)), node)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        # ``Awaitable[X]`` is what a sync ``X`` is once awaited; ``AsyncGenerator[Y, S]`` has no
        # return type, the sync ``Generator[Y, S, None]`` spells it.
        name = node.value.id if isinstance(node.value, ast.Name) else None
        if name == "AsyncGenerator" and isinstance(node.slice, ast.Tuple):
            node.slice.elts.append(ast.Constant(None))
        self.generic_visit(node)
        if name == "Awaitable":
            return node.slice
        return node

    def visit_alias(self, node: ast.alias) -> ast.AST:
        node.name = _sub(node.name, self.used)
        return node

    def visit_AsyncWith(self, node: ast.AsyncWith) -> ast.AST:
        plain = ast.With(**{field: getattr(node, field) for field in node._fields})
        return self.generic_visit(ast.copy_location(plain, node))

    def visit_Await(self, node: ast.Await) -> ast.AST:
        return self.visit(node.value)

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        node.is_async = 0
        return self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.name = _sub(node.name, self.used)
        return self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        node.name = _sub(node.name, self.used)
        return self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = _sub(node.id, self.used)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        node.attr = _sub(node.attr, self.used)
        return self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = _sub(node.arg, self.used)
        return self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        if node.arg is not None:
            node.arg = _sub(node.arg, self.used)
        return self.generic_visit(node)


def unasync(node: ast.AST, used: set[int] | None = None) -> ast.AST:
    """The sync twin ``node`` (an async class or function, parsed fresh) should equal; the
    indexes of the ``SUBS`` it applied are added to ``used``."""
    return _Unasync(set() if used is None else used).visit(node)


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    match first:
        case ast.Expr(value=ast.Constant(value=str())):
            return body[1:]
    return body


def member_bodies(node: ast.AST) -> dict[str, str]:
    """A class's members (each method, its bases and decorators, its other statements together)
    or a function's whole definition, as comparable dumps without docstrings."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        node.body = _without_docstring(node.body)
        return {node.name: ast.dump(node)}
    assert isinstance(node, ast.ClassDef), type(node)
    members = {"(bases)": ast.dump(ast.Tuple([*node.bases, *node.decorator_list], ast.Load()))}
    rest: list[ast.stmt] = []
    for statement in _without_docstring(node.body):
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            members.update(member_bodies(statement))
        else:
            rest.append(statement)
    members["(class body)"] = ast.dump(ast.Module(rest, []))
    return members


def find(tree: ast.Module, name: str) -> ast.AST:
    """The top-level class or function ``name`` of ``tree``, or a method as ``Class.method``."""
    nodes: list[ast.stmt] = tree.body
    *owners, last = name.split(".")
    for owner in owners:
        nodes = next(n for n in nodes if isinstance(n, ast.ClassDef) and n.name == owner).body
    for node in nodes:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name == last
        ):
            return node
    raise LookupError(f"no {name!r}")


def differing_members(
    sync_source: str, async_source: str, sync_name: str, async_name: str
) -> tuple[set[str], set[str], set[str]]:
    """Compare the twin ``sync_name`` of one source with ``async_name`` of another (or the same):
    the members whose bodies differ once unasynced, those only the sync twin has, and those
    only the async twin has (by their sync names)."""
    sync = member_bodies(find(ast.parse(sync_source), sync_name))
    async_ = member_bodies(unasync(find(ast.parse(async_source), async_name)))
    if "(bases)" not in sync:  # a function pair: one member each, named as the sync one is
        sync = {sync_name: next(iter(sync.values()))}
        async_ = {sync_name: next(iter(async_.values()))}
    differ = {name for name in sync.keys() & async_.keys() if sync[name] != async_[name]}
    return differ, set(sync) - set(async_), set(async_) - set(sync)
