"""``python -m scripts.bench [--quick] [NAME ...]``: run the benchmarks and print one table.

Runs every ``scripts/bench/bench_<n>_<name>.py`` (or those named: ``parse``, ``latency``,
``ratelimit``, ``memory``, ``import``, ``pagination``, ``categories``), in the issue's order, in
this one process, so their ratios are measured side by side. ``--quick`` shrinks the work (for a
smoke test). Exits 1 if any target was missed, after printing everything.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from scripts.bench._report import Report, render


def _modules(names: list[str]) -> list[str]:
    found = sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    if not names:
        return found

    def wanted(module: str, name: str) -> bool:  # "parse", "1_parse" or "bench_1_parse"
        return module in (name, f"bench_{name}") or module.split("_", 2)[-1] == name

    unknown = [n for n in names if not any(wanted(m, n) for m in found)]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; have {found}")
    return [m for m in found if any(wanted(m, n) for n in names)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)
    reports: list[Report] = []
    for name in _modules(args.names):
        module = importlib.import_module(f"scripts.bench.{name}")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        reports.append(module.run(quick=args.quick))
    print(render(reports))
    return 0 if all(report.met for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
