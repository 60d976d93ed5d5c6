"""Survivors judged equivalent: mutants no test can kill because behaviour does not change.

Each entry is (target, function, the mutated line's source text, mutant description) and why.
An entry that no longer matches a survivor is reported by ``make mutation``, so the list cannot
go stale silently.
"""

from __future__ import annotations

__all__ = ["EQUIVALENT"]

EQUIVALENT: dict[tuple[str, str, str, str], str] = {}
