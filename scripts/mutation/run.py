"""Run mutants and planted bugs: each in a sandbox copy, against the tests that can see it."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import attrs

from scripts.mutation.covered import CleanRun, RunnerBrokenError, clean_run
from scripts.mutation.operators import Mutant, apply_mutant, find_mutants
from scripts.mutation.planted import PlantedBug
from scripts.mutation.sandbox import ROOT, Sandbox, TestRun
from scripts.mutation.targets import MOCK_TESTS, Target, existing

__all__ = ["Outcome", "RunnerBrokenError", "run_mutants", "run_planted"]

#: A mutant's tests may take this many times their clean run (and this much more) before it
#: counts as killed by a timeout (an infinite loop is a kill, as in mutmut).
_TIMEOUT_FACTOR = 4.0
_TIMEOUT_SLACK = 60.0
_NO_TESTS = TestRun(passed=True, timed_out=False, seconds=0.0, output="no test runs this code")


@attrs.frozen
class Outcome:
    """One mutant or planted bug, the number of tests it was run against, and what they did."""

    target: str
    function: str
    line: int
    description: str
    tests: int
    run: TestRun

    @property
    def killed(self) -> bool:
        return not self.run.passed

    @property
    def verdict(self) -> str:
        if self.run.timed_out:
            return "killed (timeout)"
        if self.tests == 0:
            return "SURVIVED (no test)"
        return "killed" if self.killed else "SURVIVED"


@contextmanager
def _pool(jobs: int) -> Iterator[queue.Queue[Sandbox]]:
    boxes: queue.Queue[Sandbox] = queue.Queue()
    made = [Sandbox() for _ in range(jobs)]
    for box in made:
        box.start_fork_server()
        boxes.put(box)
    try:
        yield boxes
    finally:
        for box in made:
            box.close()


def _check_forked(box: Sandbox, clean: CleanRun) -> None:
    """The unmutated tests pass when forked too (a broken fork server would 'kill' everything)."""
    tests = sorted({t for ts in clean.tests_by_function.values() for t in ts})
    if tests:
        run = box.pytest(tests, timeout=_timeout(clean.seconds))
        if not run.passed:
            raise RunnerBrokenError(
                f"the clean tests fail in the fork server:\n{run.output[-3000:]}"
            )


def _two_passes(box: Sandbox, clean: CleanRun, tests: list[str]) -> TestRun:
    """The tests of the cheapest test file first; the rest only if the mutant survives those.

    Most mutants die in the first file, so most runs never collect the slow modules.
    """
    by_file: dict[str, list[str]] = {}
    for test in tests:
        by_file.setdefault(test.split("::", 1)[0], []).append(test)
    files = sorted(by_file, key=lambda f: clean.seconds_for(by_file[f]))
    first = by_file[files[0]]
    rest = [t for f in files[1:] for t in by_file[f]]
    run = box.pytest(first, timeout=_timeout(clean.seconds_for(first)))
    if not run.passed or not rest:
        return run
    second = box.pytest(rest, timeout=_timeout(clean.seconds_for(rest)))
    return attrs.evolve(second, seconds=run.seconds + second.seconds)


def _timeout(seconds: float) -> float:
    return seconds * _TIMEOUT_FACTOR + _TIMEOUT_SLACK


def run_mutants(
    targets: Iterable[Target],
    *,
    jobs: int,
    report: Callable[[Outcome], None],
    limit: int | None = None,
) -> list[Outcome]:
    """Every mutant of every target, each run against the tests that run its function."""
    outcomes: list[Outcome] = []
    with _pool(jobs) as boxes, ThreadPoolExecutor(max_workers=jobs) as executor:
        for target in targets:
            source = target.path.read_text(encoding="utf-8")
            mutants = find_mutants(source, target.chosen_functions(source))[:limit]
            functions = sorted({m.function for m in mutants})
            box = boxes.get()
            try:
                clean = clean_run(box, target.module, functions, existing(target.tests))
                _check_forked(box, clean)
            finally:
                boxes.put(box)

            def one(
                mutant: Mutant,
                target: Target = target,
                source: str = source,
                clean: CleanRun = clean,
            ) -> Outcome:
                tests = clean.tests_for(mutant.function)
                run = _NO_TESTS
                if tests:
                    box = boxes.get()
                    try:
                        with box.changed(target.module, apply_mutant(source, mutant)):
                            run = _two_passes(box, clean, tests)
                    finally:
                        boxes.put(box)
                return Outcome(
                    target.name, mutant.function, mutant.line, mutant.description, len(tests), run
                )

            for outcome in executor.map(one, mutants):
                report(outcome)
                outcomes.append(outcome)
    return outcomes


def run_planted(
    bugs: Iterable[PlantedBug],
    *,
    jobs: int,
    report: Callable[[Outcome], None],
    tests: Sequence[str] | None = None,
) -> list[Outcome]:
    """Every planted bug, each run against the whole of the mock and contract tests."""
    chosen = list(tests) if tests is not None else existing(MOCK_TESTS)
    bugs = list(bugs)
    planted = {bug.name: bug.apply((ROOT / bug.module).read_text(encoding="utf-8")) for bug in bugs}
    outcomes: list[Outcome] = []
    with _pool(jobs) as boxes, ThreadPoolExecutor(max_workers=jobs) as executor:
        box = boxes.get()
        try:
            where = box.imported_from()
            if box.root not in where.parents:
                raise RunnerBrokenError(f"tests import zoom_clips from {where}, not the sandbox")
            clean = box.pytest(chosen, timeout=3600)
        finally:
            boxes.put(box)
        if not clean.passed:
            raise RunnerBrokenError(f"the clean tests fail:\n{clean.output[-3000:]}")

        def one(bug: PlantedBug) -> Outcome:
            box = boxes.get()
            try:
                with box.changed(bug.module, planted[bug.name]):
                    run = box.pytest(chosen, timeout=_timeout(clean.seconds))
            finally:
                boxes.put(box)
            return Outcome("planted", bug.name, 0, bug.module, len(chosen), run)

        for outcome in executor.map(one, bugs):
            report(outcome)
            outcomes.append(outcome)
    return outcomes
