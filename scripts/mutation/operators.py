"""Mutation operators: where a module's chosen functions can be changed, and each changed module.

A mutant is one small change to one node of the module's syntax tree: a comparison, boolean or
arithmetic operator swapped, a number or boolean constant changed, a ``not`` dropped, a statement
removed or a returned value replaced by ``None``. Strings are left alone (they are messages and
keys whose mutants mostly say nothing about the tests). The mutated module is written with
``ast.unparse``: comments and layout are lost in the copy, which only the tests ever read.

>>> source = "def f(a, b):\\n    return a < b\\n"
>>> [m.description for m in find_mutants(source, ["f"])]
['return value -> None', '< -> <=']
>>> print(apply_mutant(source, find_mutants(source, ["f"])[1]).strip())
def f(a, b):
    return a <= b
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator, Sequence
from typing import cast

import attrs

__all__ = ["Mutant", "apply_mutant", "find_mutants", "function_lines"]

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
}
_SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.And: "and",
    ast.Or: "or",
}


@attrs.frozen
class Mutant:
    """One change: the function it is in, its line, what it does, and where in the walk it is."""

    function: str
    line: int
    description: str
    node_index: int  # position of the node in the walk of its function
    variant: int  # which of that node's changes


def _symbol(op: ast.AST) -> str:
    return _SYMBOLS.get(type(op), type(op).__name__)


def _is_docstring(node: ast.AST, parent_body: Sequence[ast.stmt]) -> bool:
    first = parent_body[0] if parent_body else None
    return (
        node is first
        and isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _changes(node: ast.AST) -> list[tuple[str, Callable[[ast.AST], ast.AST | None]]]:
    """The changes one node allows: (description, a function that edits a copy of the node)."""
    found: list[tuple[str, Callable[[ast.AST], ast.AST | None]]] = []
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is not None:

                def compare(n: ast.AST, i: int = position, s: type[ast.cmpop] = swap) -> ast.AST:
                    cast(ast.Compare, n).ops[i] = s()
                    return n

                found.append((f"{_symbol(op)} -> {_symbol(swap())}", compare))
    elif isinstance(node, ast.BoolOp):
        other: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And

        def boolean(n: ast.AST, o: type[ast.boolop] = other) -> ast.AST:
            cast(ast.BoolOp, n).op = o()
            return n

        found.append((f"{_symbol(node.op)} -> {_symbol(other())}", boolean))
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOP_SWAPS:
        swap_op = _BINOP_SWAPS[type(node.op)]

        def arithmetic(n: ast.AST, s: type[ast.operator] = swap_op) -> ast.AST:
            cast(ast.BinOp, n).op = s()
            return n

        found.append((f"{_symbol(node.op)} -> {_symbol(swap_op())}", arithmetic))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(("not x -> x", lambda n: n.operand if isinstance(n, ast.UnaryOp) else n))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool | int | float):
        value = node.value
        new: bool | int | float = (not value) if isinstance(value, bool) else value + 1

        def constant(n: ast.AST, v: bool | int | float = new) -> ast.AST:
            return ast.Constant(v)

        found.append((f"{value!r} -> {new!r}", constant))
    elif isinstance(node, ast.Return) and node.value is not None:
        is_none = isinstance(node.value, ast.Constant) and node.value.value is None
        if not is_none:
            found.append(("return value -> None", lambda n: ast.Return(ast.Constant(None))))
    return found


def _removable(node: ast.stmt) -> bool:
    """Statements whose removal is a meaningful mutant (not a guaranteed NameError)."""
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Call | ast.Await)
    return isinstance(node, ast.AugAssign | ast.If | ast.Raise | ast.Assign) and not (
        isinstance(node, ast.Assign) and not isinstance(node.targets[0], ast.Subscript)
    )


def _function_nodes(tree: ast.Module, names: Sequence[str]) -> Iterator[tuple[str, ast.AST]]:
    """The chosen functions, by name or ``Class.method``, in source order."""
    wanted = set(names)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in wanted:
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                qualified = f"{node.name}.{getattr(member, 'name', '')}"
                is_function = isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
                if is_function and (qualified in wanted or f"{node.name}.*" in wanted):
                    yield qualified, member


def function_lines(tree: ast.Module, function: str) -> range:
    """The lines of a function's body (empty if the module has no such function)."""
    for name, node in _function_nodes(tree, [function]):
        if name == function:
            definition = cast(ast.FunctionDef, node)
            end = definition.end_lineno or definition.lineno
            return range(definition.body[0].lineno, end + 1)
    return range(0)


def _walk_targets(tree: ast.Module, names: Sequence[str]) -> Iterator[tuple[str, ast.AST, bool]]:
    """(function, node, removable) for every node in the chosen functions, in a fixed order."""
    for name, function in _function_nodes(tree, names):
        for parent in ast.walk(function):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(parent, field, None)
                if parent is function and isinstance(body, list):
                    body = [s for s in body if not _is_docstring(s, body)]
                if isinstance(body, list):
                    for statement in body:
                        if isinstance(statement, ast.stmt) and _removable(statement):
                            yield name, statement, True
        annotations = _annotation_nodes(function)
        for node in ast.walk(function):
            if node is function or isinstance(node, ast.arguments) or id(node) in annotations:
                continue
            yield name, node, False


def _annotation_nodes(function: ast.AST) -> set[int]:
    """Ids of the nodes inside the function's annotations (types are not behaviour)."""
    roots: list[ast.AST] = []
    for node in ast.walk(function):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(inner) for root in roots for inner in ast.walk(root)}


def find_mutants(source: str, functions: Sequence[str]) -> list[Mutant]:
    """Every mutant of the named functions (``name`` or ``Class.method``) of a module's source."""
    tree = ast.parse(source)
    mutants: list[Mutant] = []
    for function, _ in _function_nodes(tree, functions):
        for index, (_, node, removable) in enumerate(_walk_targets(tree, [function])):
            line = getattr(node, "lineno", 0)
            if removable:
                mutants.append(Mutant(function, line, f"removed {type(node).__name__}", index, -1))
                continue
            for variant, (description, _) in enumerate(_changes(node)):
                mutants.append(Mutant(function, line, description, index, variant))
    return mutants


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST | None) -> None:
        self.target = target
        self.replacement = replacement

    def visit(self, node: ast.AST) -> ast.AST | None:
        if node is self.target:
            return self.replacement
        return self.generic_visit(node)


def apply_mutant(source: str, mutant: Mutant) -> str:
    """The module's source with this one mutant applied."""
    tree = ast.parse(source)
    _, node, removable = list(_walk_targets(tree, [mutant.function]))[mutant.node_index]
    if removable:
        replacement: ast.AST | None = ast.Pass()
    else:
        _, change = _changes(node)[mutant.variant]
        replacement = change(copy.deepcopy(node))
    new_tree = cast(ast.Module, _Replace(node, replacement).visit(tree))
    ast.fix_missing_locations(new_tree)
    return ast.unparse(new_tree) + "\n"
