"""A temporary copy of the package that pytest imports instead of the editable install.

The editable install puts ``wrapper/`` on ``sys.path`` through a ``.pth`` file; ``PYTHONPATH``
comes before site-packages, so pointing it at a copy of ``wrapper/`` makes every test process
(and every server thread it starts) import the copy. A mutant is written into the copy, the
tests run, and the original text is put back; the copy is deleted when the sandbox closes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import attrs

__all__ = ["ROOT", "Sandbox", "TestRun"]

ROOT = Path(__file__).resolve().parent.parent.parent
_PACKAGE = Path("wrapper") / "zoom_clips"


@attrs.frozen
class TestRun:
    """What one pytest run of a (possibly mutated) copy did."""

    __test__ = False  # not a pytest test class

    passed: bool
    timed_out: bool
    seconds: float
    output: str


class Sandbox:
    """A copy of ``wrapper/zoom_clips`` in a temporary directory, with a pytest runner over it.

    >>> app = "wrapper/zoom_clips/mock/_app.py"
    >>> with Sandbox() as box:
    ...     box.source(app) == (ROOT / app).read_text()
    True
    """

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="zoom-clips-mutation-")
        self.root = Path(self._tmp.name)
        self._server: subprocess.Popen[str] | None = None
        shutil.copytree(
            ROOT / _PACKAGE,
            self.root / _PACKAGE,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the fork server and delete the copy."""
        if self._server is not None:
            self._server.stdin.close()  # type: ignore[union-attr]
            self._server.wait(timeout=30)
            self._server = None
        self._tmp.cleanup()

    def start_fork_server(self) -> None:
        """Run later :meth:`pytest` calls as forks of one process that did the heavy imports."""
        self._server = subprocess.Popen(
            [sys.executable, "-m", "scripts.mutation._forkserver"],
            env=self.environment(),
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._server.stdout.readline()  # type: ignore[union-attr]
        if not ready.strip():
            raise RuntimeError("the mutation fork server did not start")

    def _forked_pytest(self, args: list[str], timeout: float) -> TestRun:
        assert self._server is not None  # noqa: S101 -- only called when the server runs
        log = self.root / "pytest.log"
        request = {"args": args, "timeout": timeout, "log": str(log)}
        self._server.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
        self._server.stdin.flush()  # type: ignore[union-attr]
        answer = json.loads(self._server.stdout.readline())  # type: ignore[union-attr]
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        passed = answer["code"] == 0
        return TestRun(passed, bool(answer["timed_out"]), float(answer["seconds"]), output)

    def source(self, module: str) -> str:
        """The copy's current text of ``module`` (a path like ``wrapper/zoom_clips/_auth.py``)."""
        return (self.root / module).read_text(encoding="utf-8")

    @contextmanager
    def changed(self, module: str, text: str) -> Iterator[None]:
        """``module`` of the copy reads ``text`` inside the block, and its original text after."""
        path = self.root / module
        original = path.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        try:
            yield
        finally:
            path.write_text(original, encoding="utf-8")

    def environment(self) -> dict[str, str]:
        """The environment a test process needs to import the copy (and write no bytecode)."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(self.root / "wrapper"), *filter(None, [env.get("PYTHONPATH")])]
        )
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # a stale .pyc must never stand in for a mutant
        return env

    def imported_from(self) -> Path:
        """Where a test process imports ``zoom_clips`` from (the copy, or the runner is broken)."""
        done = subprocess.run(
            [sys.executable, "-c", "import zoom_clips; print(zoom_clips.__file__)"],
            env=self.environment(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return Path(done.stdout.strip())

    def pytest(
        self, tests: Sequence[str], *, timeout: float, env: dict[str, str] | None = None
    ) -> TestRun:
        """Run pytest on ``tests`` (stopping at the first failure) against the copy."""
        options = ["-x", "-q", "--no-header", "-p", "no:cacheprovider", *tests]
        if self._server is not None and env is None:
            # The server imported pytest's plugins (anyio, hypothesis...) before pytest could
            # rewrite their asserts; filterwarnings = error would make that warning a failure.
            quiet = ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
            return self._forked_pytest([*quiet, *options], timeout)
        environment = self.environment() | (env or {})
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "--no-header",
            "-p",
            "no:cacheprovider",
            *tests,
        ]
        start = time.monotonic()
        try:
            done = subprocess.run(
                command,
                env=environment,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            output = exc.stdout if isinstance(exc.stdout, str) else ""
            return TestRun(False, True, time.monotonic() - start, output)
        return TestRun(done.returncode == 0, False, time.monotonic() - start, done.stdout)
