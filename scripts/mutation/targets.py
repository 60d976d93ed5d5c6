"""What ``make mutation`` mutates, and which tests each target runs against its mutants.

The mock's targets are its query, paging, auth, routing and error code (issue 11 §3), the
rules of its clip, collaborator, comment and transfer routes (issue 14) and its clip files:
download, file host, uploads and their form reader (issue 15); its fault
injection, latency, stats endpoints, rate limiter and seeded data generator are not mutated
(they are other concerns, with mostly equivalent mutants: a different random draw is still a
valid data set). The wrapper's ``_pagination`` (and ``_dedup``, its de-duplication), ``_retry``
and ``_auth`` are mutated whole.
Only the tests that cover a target run, fastest files first, so a killed mutant costs little.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs

from scripts.mutation.sandbox import ROOT

__all__ = ["MOCK_TESTS", "TARGETS", "Target", "existing"]

#: The mock and contract tests of ``make test``.
MOCK_TESTS = ("tests/mock", "tests/contract")
_WRAPPER_TESTS = ("tests/wrapper",)
_PAGINATION_TESTS = ("tests/wrapper", "tests/e2e")


def existing(tests: tuple[str, ...]) -> list[str]:
    """The test paths that exist, each once, in order (a file named first runs first)."""
    seen: list[str] = []
    for test in tests:
        if (ROOT / test).exists() and test not in seen:
            seen.append(test)
    return seen


@attrs.frozen
class Target:
    """A module, the functions of it to mutate (None: all), and the tests to kill them with."""

    name: str
    module: str
    functions: tuple[str, ...] | None
    tests: tuple[str, ...]

    def chosen_functions(self, source: str) -> list[str]:
        """The functions to mutate, as ``name`` or ``Class.*``, that the module really has."""
        tree = ast.parse(source)
        present: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                present.append(node.name)
            elif isinstance(node, ast.ClassDef):
                present.append(f"{node.name}.*")
                present.extend(
                    f"{node.name}.{member.name}"
                    for member in node.body
                    if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
                )
        if self.functions is None:
            return [name for name in present if name.endswith(".*") or "." not in name]
        return [name for name in self.functions if name in present]

    def missing_functions(self, source: str) -> list[str]:
        """Functions this target names that the module no longer has (renamed by someone)."""
        chosen = set(self.chosen_functions(source))
        return [name for name in self.functions or () if name not in chosen]

    @property
    def path(self) -> Path:
        return ROOT / self.module


TARGETS = (
    Target(
        "mock/_app",
        "wrapper/zoom_clips/mock/_app.py",
        ("_oauth_error", "_client_credentials", "_token"),
        MOCK_TESTS,
    ),
    Target(
        "mock/_http",
        "wrapper/zoom_clips/mock/_http.py",
        (
            "zoom_error",
            "authenticate",
            "single_values",
            "visible_clip",
            "refuse_user_tokens",
            "endpoint",
        ),
        MOCK_TESTS,
    ),
    Target("mock/_router", "wrapper/zoom_clips/mock/_router.py", None, MOCK_TESTS),
    Target("mock/_routes_list", "wrapper/zoom_clips/mock/_routes_list.py", None, MOCK_TESTS),
    Target("mock/_routes_clips", "wrapper/zoom_clips/mock/_routes_clips.py", None, MOCK_TESTS),
    Target(
        "mock/_routes_transfers", "wrapper/zoom_clips/mock/_routes_transfers.py", None, MOCK_TESTS
    ),
    # The collaborators' and comments' rules and paging; not the seeded draws (a different draw
    # is still a valid data set).
    Target(
        "mock/_social",
        "wrapper/zoom_clips/mock/_social.py",
        (
            "_owner_entry",
            "_names",
            "Social.collaborators",
            "Social.remove_collaborator",
            "Social.comments",
            "Social.delete_comment",
            "Social.page",
        ),
        MOCK_TESTS,
    ),
    Target("mock/_transfers", "wrapper/zoom_clips/mock/_transfers.py", None, MOCK_TESTS),
    # Clip files (issue 15): the download and file host, ranges, the uploads' rules and form reader.
    Target("mock/_files", "wrapper/zoom_clips/mock/_files.py", None, MOCK_TESTS),
    Target("mock/_routes_files", "wrapper/zoom_clips/mock/_routes_files.py", None, MOCK_TESTS),
    Target("mock/_uploads", "wrapper/zoom_clips/mock/_uploads.py", None, MOCK_TESTS),
    Target("mock/_routes_uploads", "wrapper/zoom_clips/mock/_routes_uploads.py", None, MOCK_TESTS),
    Target("mock/_multipart", "wrapper/zoom_clips/mock/_multipart.py", None, MOCK_TESTS),
    Target(
        "mock/_state",
        "wrapper/zoom_clips/mock/_state.py",
        (
            "MockState.issue_token",
            "MockState.grant_for",
            "MockState.rotate_refresh_token",
            "MockState.save_cursor",
            "MockState.cursor_for",
            "MockState.settle",
        ),
        MOCK_TESTS,
    ),
    Target(
        "mock/_data",
        "wrapper/zoom_clips/mock/_data.py",
        (
            "_parse_bound",
            "parse_window",
            "_window",
            "Dataset.account",
            "Dataset.find_user",
            "Dataset.matching",
            "Dataset.clip",
            "Dataset.owned_by",
            "Dataset.update",
            "Dataset.restore",
            "_order_key",
            "copy_wire",
        ),
        MOCK_TESTS,
    ),
    Target("_pagination", "wrapper/zoom_clips/_pagination.py", None, _PAGINATION_TESTS),
    Target("_windows", "wrapper/zoom_clips/_windows.py", None, _PAGINATION_TESTS),
    # The cross-window de-duplication rule, split out of _pagination (issue 11 §2).
    Target("_dedup", "wrapper/zoom_clips/_dedup.py", None, _PAGINATION_TESTS),
    Target("_retry", "wrapper/zoom_clips/_retry/__init__.py", None, _WRAPPER_TESTS),
    Target("_auth", "wrapper/zoom_clips/_auth.py", None, _WRAPPER_TESTS),
)
