"""The clean run of a target's tests: which tests run each function of it, and how long each takes.

mutmut 3 picks the tests of a mutant the same way (the tests that call the mutated function);
here coverage.py's line contexts stand in for mutmut's trampolines, so the modules run as they
are, and lines run by the mock's server threads count for the test that made the request.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from pathlib import Path

import attrs
import coverage

from scripts.mutation.operators import function_lines
from scripts.mutation.sandbox import Sandbox

__all__ = ["CleanRun", "RunnerBrokenError", "clean_run"]


class RunnerBrokenError(RuntimeError):
    """The tests do not import the sandbox, or its clean tests fail: no result can be trusted."""


@attrs.frozen
class CleanRun:
    """The clean tests of one target: each test's seconds, and the tests of each function."""

    seconds: float
    durations: dict[str, float]
    tests_by_function: dict[str, list[str]]

    def tests_for(self, function: str) -> list[str]:
        """The tests that run ``function``, fastest first."""
        return self.tests_by_function.get(function, [])

    def seconds_for(self, tests: Sequence[str]) -> float:
        return sum(self.durations.get(test, 0.0) for test in tests)


def clean_run(
    box: Sandbox, module: str, functions: Sequence[str], tests: Sequence[str]
) -> CleanRun:
    """Run ``tests`` once, unmutated, measuring ``module``; raise if the runner is not sound."""
    where = box.imported_from()
    if box.root not in where.parents:
        raise RunnerBrokenError(f"tests import zoom_clips from {where}, not the sandbox copy")
    data_file = box.root / ".coverage-clean"
    measured = box.root / module
    env = {
        "MUTATION_COVERAGE_FILE": str(data_file),
        "MUTATION_COVERAGE_INCLUDE": str(measured),
    }
    run = box.pytest([*tests, "-p", "scripts.mutation._covermap"], timeout=3600, env=env)
    if not run.passed:
        raise RunnerBrokenError(f"the clean tests fail:\n{run.output[-3000:]}")
    durations: dict[str, float] = json.loads(
        Path(f"{data_file}.durations.json").read_text(encoding="utf-8")
    )
    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    by_line = data.contexts_by_lineno(str(measured))
    tree = ast.parse(measured.read_text(encoding="utf-8"))
    tests_by_function: dict[str, list[str]] = {}
    for function in functions:
        lines = function_lines(tree, function)
        found = {test for line in lines for test in by_line.get(line, []) if test in durations}
        tests_by_function[function] = sorted(found, key=lambda t: (durations[t], t))
    return CleanRun(run.seconds, durations, tests_by_function)
