"""Every linked quirk points at a module that imports and a test that exists."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from scripts.update_spec.quirks import QUIRKS, Quirk

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("quirk", [q for q in QUIRKS if q.linked], ids=lambda q: q.name)
def test_quirk_module_imports_and_regression_test_exists(quirk: Quirk) -> None:
    """The fix's module imports, and the named test node is a test function in that file."""
    importlib.import_module(quirk.module)
    path, _, name = quirk.test.partition("::")
    assert (ROOT / path).is_file(), quirk.test
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    assert callable(getattr(module, name, None)), quirk.test
    assert name.startswith("test_")


@pytest.mark.parametrize("quirk", QUIRKS, ids=lambda q: q.name)
def test_a_quirk_names_both_module_and_test_or_neither(quirk: Quirk) -> None:
    """Half a link (a module without its test, or the reverse) is a typo, not a pending quirk."""
    assert bool(quirk.module) == bool(quirk.test)
