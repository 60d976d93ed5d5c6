"""A throwaway PostgreSQL server from the machine's ``initdb``/``pg_ctl``, for tests and benchmarks.

``initdb`` refuses to run as root, so as root both run as the ``postgres`` user, in a temporary
directory it owns; the server listens on a free loopback port only, without fsync (the data is
thrown away), and is stopped (``-m immediate``) and deleted when the block ends.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["pg_binary", "temporary_postgres"]


def pg_binary(name: str) -> str | None:
    """Where PostgreSQL's ``name`` is: on PATH, or Debian's ``/usr/lib/postgresql/*/bin``."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def temporary_postgres() -> Iterator[str]:
    """Start a server; yield ``postgresql://postgres@127.0.0.1:PORT`` (trust auth); remove it after.

    ``RuntimeError`` if ``initdb``/``pg_ctl`` are not installed.
    """
    initdb, pg_ctl = pg_binary("initdb"), pg_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed")
    home = Path(tempfile.mkdtemp(prefix="zoom-clips-pg-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(home, "postgres", "postgres")
        data, port = home / "data", _free_port()
        subprocess.run(
            _as_owner([initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off"
        )
        log = home / "server.log"
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            capture_output=True,
        )
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}"
        finally:
            subprocess.run(
                _as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                check=False,
                capture_output=True,
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)
