"""Benchmark 10: the memory and throughput of a 1 GB multipart upload to the mock.

The mock runs in a child process (``_mock_process``); the upload runs in a fresh interpreter
(``python -m scripts.bench.bench_10_upload --child ...``), which reports its RSS just before the
upload and its peak RSS after it (``VmRSS``/``VmHWM``), so nothing of the parent's or of the
file's creation counts. Target (issue 15): the growth stays within one part + 16 MB. The parts
are streamed from disk in httpx's 64 KiB chunks, so the growth is expected to be far below that.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zoom_clips import ServerToServerOAuth, ZoomClips
from zoom_clips._resources._upload_plan import MIB, default_part_size
from zoom_clips.mock import DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

from scripts.bench._mock_process import mock_process
from scripts.bench._report import Measurement, Ratio, Report

ROOT = Path(__file__).resolve().parents[2]
SLACK_MB = 16.0


def _write_file(path: Path, size: int) -> str:
    """``size`` deterministic bytes at ``path`` (1 MiB blocks, each distinct); their sha256."""
    digest = hashlib.sha256()
    with path.open("wb") as file:
        for block in range(0, size, MIB):
            seed = hashlib.sha256(block.to_bytes(8, "big")).digest()
            data = (seed * (MIB // 32))[: min(MIB, size - block)]
            digest.update(data)
            file.write(data)
    return digest.hexdigest()


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def upload(path: Path, origin: str) -> dict[str, object]:
    """The child: upload ``path`` to the mock at ``origin``; RSS before, peak RSS, seconds."""
    auth = ServerToServerOAuth(
        account_id=DEMO_ACCOUNT_ID,
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        token_url=f"{origin}/oauth/token",
    )
    with ZoomClips(auth=auth, base_url=f"{origin}/v2", file_base_url=f"{origin}/file/v2") as zc:
        zc.clips.get  # noqa: B018 -- the resource built, its modules imported, before measuring
        before = _status_kib("VmRSS")
        with contextlib.suppress(OSError):  # reset the high-water mark where the kernel allows
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
        start = time.perf_counter()
        clip_id = zc.clips.upload(path, multipart_threshold=MIB)
        seconds = time.perf_counter() - start
        peak = _status_kib("VmHWM")
    return {"clip_id": clip_id, "before_kib": before, "peak_kib": peak, "seconds": seconds}


def run(*, quick: bool) -> Report:
    """Upload a 1 GB file (64 MiB quick) in parts; RSS growth against one part + 16 MB."""
    size = 64 * MIB if quick else 1_000_000_000
    part_mb = default_part_size(size) / 1e6
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as folder:
        path = Path(folder) / "bench.mp4"
        _write_file(path, size)
        with mock_process(("--seed", "10", "--clips", "10")) as (origin, _pid):
            command = [sys.executable, "-m", "scripts.bench.bench_10_upload", str(path), origin]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    growth = (result["peak_kib"] - result["before_kib"]) / 1024
    budget = part_mb + SLACK_MB
    throughput = size / 1e6 / result["seconds"]
    return Report(
        title="10. upload, 1 GB multipart" if not quick else "10. upload, 64 MiB multipart",
        measurements=(
            Measurement("RSS growth", growth, "MB"),
            Measurement("part size", part_mb, "MB"),
            Measurement("throughput", throughput, "MB/s"),
        ),
        ratios=(
            Ratio(
                f"growth / (one part + {SLACK_MB:g} MB)",
                growth / budget,
                "<= 1.0",
                growth <= budget,
            ),
        ),
        notes=(
            f"{size:,} bytes in {result['seconds']:.1f} s to the mock in a child process over "
            "loopback (it stores the parts on disk); the upload in a fresh interpreter, RSS "
            "from /proc/self/status (VmHWM minus VmRSS just before)",
        ),
    )


def main() -> None:
    """The child: ``FILE ORIGIN`` uploads FILE to the mock and prints the result as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("origin")
    args = parser.parse_args()
    print(json.dumps(upload(args.file, args.origin)))


if __name__ == "__main__":
    main()
