"""``zoom-clips sync`` killed with SIGKILL at seeded random points, then run to the end."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import sqlalchemy as sa
from zoom_clips.inventory import open_database

from tests.inventory.conftest import table_rows

KILLS = 20
# A small data set over four months (16 windows), paced at 25 requests/s: about a second a run.
COMMAND = [
    sys.executable,
    "-m",
    "zoom_clips._cli",
    "sync",
    "--mock",
    "--mock-now",
    "2025-06-15T12:00:00Z",
    "--mock-seed",
    "5",
    "--mock-clips",
    "400",
    "--since",
    "2025-02-15",
    "--mock-qps",
    "25",
    "--rate-limit",
    "25",
]
_ENV = {k: v for k, v in os.environ.items() if not k.startswith("ZOOM_")}


def _sync(db_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMAND, "--db", db_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_ENV,
    )


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait for ``process``: its exit status and stderr (closing its pipe)."""
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode(errors="replace")


def _contents(db_url: str) -> dict[str, object]:
    """What must match: every clip field but last_seen, the history, the accounts' rows.

    ``last_seen`` and the watermark move with every run after the first one that finished (each
    run ends a second after the previous), so they are the only columns left out.
    """
    engine = open_database(db_url)
    try:
        return {
            "clips": table_rows(engine, "clips", without=("last_seen",)),
            "history": table_rows(engine, "exposure_history", without=("id", "run_id")),
            "accounts": table_rows(engine, "accounts", without=("watermark",)),
        }
    finally:
        engine.dispose()


def test_sigkilled_runs_end_equal_to_one_clean_run(new_database: Callable[[], str]) -> None:
    """Twenty SIGKILLs mid-run (seeded), then one run to the end: the clean run's database."""
    clean_url = new_database()
    code, err = _finish(_sync(clean_url))
    assert code == 0, err
    expected = _contents(clean_url)
    assert len(expected["clips"]) > 100  # type: ignore[arg-type]

    killed_url = new_database()
    rng = random.Random(20251215)  # noqa: S311 -- seeded kill points, not security
    kills = attempts = 0
    while kills < KILLS:
        attempts += 1
        assert attempts < 3 * KILLS, "the runs keep finishing before the kill"
        process = _sync(killed_url)
        time.sleep(rng.uniform(0.5, 1.5))  # start-up (imports) takes about 0.7 s
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        code, err = _finish(process)
        assert code in (0, -signal.SIGKILL), err  # a killed run's lock never blocks the next
    code, err = _finish(_sync(killed_url))
    assert code == 0, err
    assert _contents(killed_url) == expected
    engine = open_database(killed_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.text("SELECT outcome FROM runs ORDER BY run_id"))
            outcomes = [row.outcome for row in found]
    finally:
        engine.dispose()
    # The first run, killed again and again, was resumed to its end rather than started over.
    assert outcomes[0] == outcomes[-1] == "ok"
    assert set(outcomes) <= {"ok"}
