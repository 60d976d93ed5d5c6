"""Replace spec/master.json or spec/endpoints.json with a new spec from Zoom, after a report.

    python -m scripts.update_spec SPEC                    # report; stop on breaking changes; else
                                                          # vendor, regenerate and run the tests
    python -m scripts.update_spec --check SPEC            # report only; change nothing
    python -m scripts.update_spec --accept-breaking SPEC  # vendor even if something breaks
    python -m scripts.update_spec --name endpoints SPEC   # SPEC must be endpoints.json
    make update-spec SPEC=<path or URL> [NAME=master|endpoints] [ARGS=--check]

SPEC is a raw OpenAPI JSON file, a snapshot of Zoom's docs page (the ```json block under its
``### master.json`` or ``### endpoints.json`` heading is the spec, as in
``tests/seeds/clips-master-api-page.md`` and ``tests/seeds/clips-user-api-page.md``), or an
http(s) URL of either, fetched with httpx: the only place the project touches the internet.

Which spec it is comes from its operations: ``GET /accounts/{accountId}/clips`` is master.json
(the master-account API), ``GET /clips`` is endpoints.json (the Clips API). A document with both
or neither is refused, and ``--name`` must agree with what the operations say. The report
compares the new spec with the vendored one of the same name, the quirk section lists the quirks
registered for that spec, each added operation is listed with the call that reaches it once
vendored (``client.operations.endpoints.update_clip_by_id(clip_id, body=...)``, named as
generation names it), and vendoring writes that spec and its own provenance
(spec/PROVENANCE.json or spec/PROVENANCE.endpoints.json), then regenerates both packages. A spec
the checkout does not have yet is vendored without a comparison (its quirks are still reported).

Exit status: 0 done, or nothing to do; 1 breaking changes stopped the update (with ``--check``:
would stop it); 2 the input was refused and nothing changed; 3 the spec was vendored but
generation or the tests failed (after a failed generation the old spec is put back).

How a change is classified, from the point of view of code written against the current spec:

* Request side (parameters, request body): whatever callers send today must still be accepted.
  A removed parameter or enum value, a parameter made required, a tightened constraint, a new
  type, format or default is BREAKING; a new optional parameter or enum value, or a loosened
  constraint, is additive.
* Response side (fields): whatever callers read today must still arrive in the same shape. A
  removed or retyped field, a field that may now be absent, a loosened constraint is BREAKING; a
  new field or enum value is additive (the wrapper keeps enum values it does not know); a
  narrowing (an enum value Zoom no longer sends, a tightened constraint) is compatible.
* Operations and security: a removal or a new required scope is BREAKING, an addition additive.
* Descriptions, examples, summaries, ``x-`` extensions and servers are compatible.
* Anything this script does not understand is BREAKING until a human has looked at it.

How raw JSON and docs pages are vendored: see :mod:`scripts.update_spec.load`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx

from scripts.update_spec.apply import regenerate_and_test, vendor
from scripts.update_spec.diff import diff
from scripts.update_spec.load import RefusedInput, Source, load
from scripts.update_spec.nodes import Kind
from scripts.update_spec.report import render_first_vendoring, render_report
from scripts.update_spec.targets import NAMES

ROOT = Path(__file__).resolve().parents[2]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.update_spec",
        description=(__doc__ or "").splitlines()[0],
        epilog="Exit status: 0 done or nothing to do, 1 stopped by breaking changes, "
        "2 input refused, 3 generation or tests failed after vendoring.",
    )
    parser.add_argument(
        "spec",
        metavar="SPEC",
        help="a master.json or endpoints.json file, a docs-page snapshot, or an http(s) URL "
        "of either",
    )
    parser.add_argument(
        "--name",
        choices=NAMES,
        help="which spec SPEC is (default: told by its operations); make update-spec NAME=...",
    )
    parser.add_argument("--check", action="store_true", help="print the report and change nothing")
    parser.add_argument(
        "--accept-breaking",
        action="store_true",
        help="vendor the spec even though the report finds breaking changes",
    )
    parser.add_argument(
        "--no-test", action="store_true", help="regenerate but skip mypy and pytest afterwards"
    )
    return parser


def run(
    argv: Sequence[str] | None = None,
    *,
    root: Path = ROOT,
    today: dt.date | None = None,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """The command: parse arguments, report, and vendor unless told not to; returns the status."""
    args = _parser().parse_args(argv)
    try:
        source = load(args.spec, name=args.name, transport=transport)
    except RefusedInput as exc:
        print(f"error: {exc}. Nothing was changed.", file=sys.stderr)
        return 2
    if not (root / source.target.file).exists():
        # Nothing to compare with: every part would read as "added", required parameters as
        # breaking. Report the quirks and vendor.
        print(render_first_vendoring(source, root), end="")
    elif (status := _report_changes(root, source, args)) is not None:
        return status
    if args.check:
        print("\n--check: nothing was written.")
        return 0
    return _vendor_and_regenerate(root, source, today, run_tests=not args.no_test)


def _report_changes(root: Path, source: Source, args: argparse.Namespace) -> int | None:
    """Print the report against the vendored spec; the exit status if the command stops here."""
    vendored_bytes = (root / source.target.file).read_bytes()
    vendored = json.loads(vendored_bytes)
    changes = diff(vendored, source.spec)
    sha256 = hashlib.sha256(vendored_bytes).hexdigest()
    print(render_report(vendored, source, changes, sha256, root=root), end="")
    breaking = sum(1 for c in changes if c.kind is Kind.BREAKING)
    if not changes:
        print("\nNothing to do: spec/ and generated/ are left as they are.")
        return 0
    if breaking and not args.accept_breaking:
        verb = "would stop" if args.check else "Stopped"
        print(
            f"\n{verb.capitalize()}: {breaking} breaking change(s), marked BREAKING above. "
            "Nothing was written. Re-run with --accept-breaking "
            "(make update-spec ARGS=--accept-breaking) once the wrapper is ready for them.",
            file=sys.stderr,
        )
        return 1
    return None


def _vendor_and_regenerate(
    root: Path, source: Source, today: dt.date | None, *, run_tests: bool
) -> int:
    target = source.target
    old = vendor(root, source, today or dt.datetime.now(dt.UTC).date())
    written = f"{target.file.as_posix()} and {target.provenance.as_posix()}"
    print(f"\nWrote {written}; regenerating both packages.")
    status = regenerate_and_test(root, target, old, run_tests=run_tests)
    if status == 0:
        print(
            "\nDone. Review `git diff`, add a CHANGELOG entry for the new spec, and retire the "
            "workarounds of quirks fixed upstream once Zoom's responses confirm the fix."
        )
    return status


def main() -> int:
    """Entry point of ``python -m scripts.update_spec``."""
    return run()
