"""A fork server for pytest runs: the heavy imports once, then one forked child per mutant.

Started by :class:`scripts.mutation.sandbox.Sandbox` with ``PYTHONPATH`` on its copy, it imports
pytest and the third-party packages the tests use, but never ``zoom_clips``, so each forked
child imports the copy's current (mutated) text afresh. mutmut 3 runs its mutants the same way.
It reads one JSON request a line on stdin (``{"args": [...], "timeout": s, "log": path}``) and
answers one JSON line on stdout (``{"code": int, "timed_out": bool, "seconds": float}``).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback

_PRELOAD = (
    "pytest",
    "hypothesis",
    "schemathesis",
    "httpx",
    "starlette.applications",
    "uvicorn",
    "anyio",
    "attrs",
    "dateutil.relativedelta",
    "aiolimiter",
    "zoom_clips_api",
)


def _child(args: list[str], log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    import pytest  # noqa: PLC0415 -- already imported by the parent; here for the name

    code = 1
    try:
        code = int(pytest.main(args))
    except BaseException:  # the child must never return into the server's loop
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return -9, True
        time.sleep(0.02)


def main() -> None:
    for name in _PRELOAD:
        __import__(name)
    if "zoom_clips" in sys.modules:
        raise SystemExit("the fork server must not import zoom_clips before forking")
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request["args"], request["log"])
        code, timed_out = _wait(pid, request["timeout"])
        answer = {"code": code, "timed_out": timed_out, "seconds": time.monotonic() - start}
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
