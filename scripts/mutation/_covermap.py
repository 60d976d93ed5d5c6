"""A pytest plugin (``-p scripts.mutation._covermap``): which test runs which line, and how long.

Loaded only by the mutation runner's clean run. It measures the modules named in
``MUTATION_COVERAGE_INCLUDE`` (``os.pathsep``-separated paths) with coverage.py, switching the
dynamic context to each test's node id at its setup, so lines that server threads or fixtures
run for a test are that test's too. Data goes to ``MUTATION_COVERAGE_FILE``; each test's
duration (setup, call and teardown) to the same path plus ``.durations.json``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import coverage
import pytest

_state: dict[str, Any] = {}


def pytest_configure(config: pytest.Config) -> None:
    data_file = os.environ["MUTATION_COVERAGE_FILE"]
    include = os.environ["MUTATION_COVERAGE_INCLUDE"].split(os.pathsep)
    cov = coverage.Coverage(data_file=data_file, include=include, config_file=False)
    cov.start()
    _state.update(cov=cov, durations={}, data_file=data_file)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    cov: coverage.Coverage = _state["cov"]
    cov.switch_context(item.nodeid)
    start = time.perf_counter()
    try:
        return (yield)
    finally:
        _state["durations"][item.nodeid] = time.perf_counter() - start


def pytest_unconfigure(config: pytest.Config) -> None:
    cov: coverage.Coverage | None = _state.pop("cov", None)
    if cov is None:
        return
    cov.stop()
    cov.save()
    durations = Path(_state["data_file"] + ".durations.json")
    durations.write_text(json.dumps(_state["durations"]), encoding="utf-8")
