"""``make mutation``'s machinery: mutants apply, a planted bug is caught, the copy goes away."""

from __future__ import annotations

import ast

import pytest

from scripts.mutation.operators import apply_mutant, find_mutants
from scripts.mutation.planted import PLANTED, PatchError, PlantedBug
from scripts.mutation.sandbox import ROOT, Sandbox
from scripts.mutation.targets import TARGETS, Target

ALLOW_TEST = "tests/mock/test_query.py::test_undeclared_methods_get_405_with_allow"


def test_a_planted_bug_is_killed_in_a_copy_that_is_then_discarded() -> None:
    """405 without Allow, planted in a sandbox, fails its test; the checkout never changes."""
    bug = next(b for b in PLANTED if b.name == "405 without Allow")
    original = (ROOT / bug.module).read_text(encoding="utf-8")
    with Sandbox() as box:
        assert box.imported_from().is_relative_to(box.root)
        with box.changed(bug.module, bug.apply(original)):
            planted = box.pytest([ALLOW_TEST], timeout=300)
        assert box.source(bug.module) == original
        copy = box.root
    assert not planted.passed
    assert "KeyError: 'allow'" in planted.output  # failed for the planted reason
    assert not copy.exists()
    assert (ROOT / bug.module).read_text(encoding="utf-8") == original


@pytest.mark.parametrize("bug", PLANTED, ids=lambda b: b.name)
def test_every_planted_bug_still_applies_to_the_mock(bug: PlantedBug) -> None:
    """Each named bug's text is in the mock exactly once, so none is silently skipped."""
    source = (ROOT / bug.module).read_text(encoding="utf-8")
    planted = bug.apply(source)
    assert planted != source
    ast.parse(planted)


def test_a_planted_bug_whose_text_is_gone_is_an_error() -> None:
    """A patch that no longer matches the source raises instead of planting nothing."""
    bug = PlantedBug("gone", "x.py", "no such text", "")
    with pytest.raises(PatchError, match="occurs 0 times"):
        bug.apply("print('hello')\n")


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_every_target_function_exists_and_every_mutant_parses(target: Target) -> None:
    """Each target names functions its module has, and its mutants are valid, changed Python."""
    source = target.path.read_text(encoding="utf-8")
    assert target.missing_functions(source) == []
    mutants = find_mutants(source, target.chosen_functions(source))
    assert len(mutants) > 20
    baseline = ast.dump(ast.parse(source))
    for mutant in mutants[::25]:  # a sample: applying each is the runner's job, and slow
        assert ast.dump(ast.parse(apply_mutant(source, mutant))) != baseline, mutant


def test_operators_cover_comparisons_booleans_arithmetic_constants_and_statements() -> None:
    """A small function gets each standard kind of mutant, and each one changes what it does."""
    source = (
        "def f(a, b):\n"
        "    if a < b and not a:\n"
        "        log(a)\n"
        "        return a + 1\n"
        "    return True\n"
    )
    described = {m.description for m in find_mutants(source, ["f"])}
    assert described >= {
        "< -> <=",
        "and -> or",
        "not x -> x",
        "+ -> -",
        "1 -> 2",
        "True -> False",
        "removed If",
        "removed Expr",
        "return value -> None",
    }
    namespace: dict[str, object] = {"log": lambda _: None}
    exec(compile(source, "f", "exec"), namespace)  # noqa: S102 -- our own fixed snippet
    assert namespace["f"](1, 2) is True  # type: ignore[operator]
