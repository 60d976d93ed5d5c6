"""Hypothesis settings for the fuzz suite: bounded and seeded in ``make test``, large at night.

``HYPOTHESIS_PROFILE=nightly`` (``make fuzz-nightly``) selects the big, randomized run; anything
else runs the ``fuzz-ci`` profile, derandomized so every CI run draws the same examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz-ci",
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "nightly",
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
FUZZ = settings.get_profile(PROFILE)
"""The settings every fuzz test runs under (a decorator)."""
