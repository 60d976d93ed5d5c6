"""``python -m scripts.mutation [--only TARGET ...] [--jobs N]``: run and print the mutants."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections import defaultdict

from scripts.mutation.equivalent import EQUIVALENT
from scripts.mutation.planted import PLANTED
from scripts.mutation.run import Outcome, run_mutants, run_planted
from scripts.mutation.targets import TARGETS

_TARGET_SCORE = 90.0
_ROW = "{:<13} {:<28} {:>5}  {:<34} {:<17} {:>6}"


def _line_text(outcome: Outcome) -> str:
    target = next((t for t in TARGETS if t.name == outcome.target), None)
    if target is None:
        return ""
    lines = target.path.read_text(encoding="utf-8").splitlines()
    return lines[outcome.line - 1].strip() if 0 < outcome.line <= len(lines) else ""


def _key(outcome: Outcome) -> tuple[str, str, str, str]:
    return (outcome.target, outcome.function, _line_text(outcome), outcome.description)


def _print_row(outcome: Outcome) -> None:
    verdict = outcome.verdict
    if not outcome.killed and _key(outcome) in EQUIVALENT:
        verdict = "survived (equiv.)"
    line = str(outcome.line) if outcome.line else ""
    print(
        _ROW.format(
            outcome.target,
            outcome.function[:28],
            line,
            outcome.description[:34],
            verdict,
            f"{outcome.run.seconds:.1f}s",
        ),
        flush=True,
    )


def _scores(outcomes: list[Outcome]) -> bool:
    """Print the score per target; True if every target reaches the target score."""
    by_target: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_target[outcome.target].append(outcome)
    print("\nScores (killed / mutants not judged equivalent):")
    ok = True
    for name, group in by_target.items():
        killed = sum(o.killed for o in group)
        equivalent = sum(not o.killed and _key(o) in EQUIVALENT for o in group)
        counted = len(group) - equivalent
        score = 100.0 * killed / counted if counted else 100.0
        ok = ok and score >= _TARGET_SCORE
        print(
            f"  {name:<13} {killed:>4} killed / {counted:>4} = {score:5.1f}%"
            f"  ({len(group)} mutants, {equivalent} equivalent,"
            f" {counted - killed} survived)"
        )
    return ok


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so the sandboxes and their fork servers are cleaned up


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(prog="make mutation", description=__doc__)
    names = [t.name for t in TARGETS]
    parser.add_argument("--only", action="append", choices=[*names, "planted"], default=None)
    parser.add_argument("--jobs", type=int, default=2, help="sandboxes run in parallel")
    parser.add_argument("--limit", type=int, default=None, help="at most N mutants per target")
    args = parser.parse_args(argv)
    chosen = args.only or [*names, "planted"]
    start = time.monotonic()
    print(_ROW.format("target", "function", "line", "mutant", "result", "time"))
    outcomes = run_mutants(
        [t for t in TARGETS if t.name in chosen],
        jobs=args.jobs,
        report=_print_row,
        limit=args.limit,
    )
    planted = run_planted(PLANTED, jobs=args.jobs, report=_print_row) if "planted" in chosen else []
    survivors = [o for o in outcomes if not o.killed and _key(o) not in EQUIVALENT]
    if survivors:
        print("\nSurvivors not judged equivalent:")
        for o in survivors:
            print(f"  {o.target} {o.function} line {o.line}: {o.description}  | {_line_text(o)}")
    seen = {_key(o) for o in outcomes if not o.killed}
    stale = [k for k in EQUIVALENT if k[0] in chosen and k not in seen]
    for key in stale:
        print(f"note: equivalent entry no longer a survivor: {key}")
    ok = _scores(outcomes) if outcomes else True
    escaped = [o for o in planted if not o.killed]
    if planted:
        print(f"\nPlanted bugs: {len(planted) - len(escaped)} of {len(planted)} killed")
    for o in escaped:
        print(f"  NOT KILLED: {o.function}")
    print(f"\nFull run: {time.monotonic() - start:.0f} s with {args.jobs} sandboxes")
    return 0 if ok and not escaped else 1


if __name__ == "__main__":
    sys.exit(main())
