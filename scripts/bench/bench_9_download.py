"""Benchmark 9: ``clips.download`` of a 1 GB clip against ``curl`` on the same pre-signed URL,
and the RSS a 1 GB download adds.

The mock runs in a child process (``_mock_process``), one clip's ``file_size`` set to 1 GB
(``--quick``: 64 MiB). Rounds alternate: the SDK's whole download (the API request, the 302,
the streamed body written to a ``.part``, hashed, fsynced and renamed) and ``curl -s -o FILE``
of the pre-signed location the API gave; the medians are compared. The memory is measured in a
fresh interpreter (``--child``): its RSS just before the download, and its peak RSS (VmHWM,
reset just before where Linux allows) after it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import httpx
from zoom_clips import ServerToServerOAuth, ZoomClips
from zoom_clips.mock import DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

from scripts.bench._mock_process import mock_process
from scripts.bench._report import Measurement, Ratio, Report, timed

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-01-10T12:00:00Z"
FULL_SIZE = 1_000_000_000
QUICK_SIZE = 64 * 1024 * 1024
RSS_BUDGET_MB = 16.0
SPEED_TARGET = 0.8


def _client(origin: str) -> ZoomClips:
    auth = ServerToServerOAuth(
        account_id=DEMO_ACCOUNT_ID,
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        token_url=f"{origin}/oauth/token",
    )
    return ZoomClips(auth=auth, base_url=f"{origin}/v2", timeout=120.0)


def _prepare(origin: str, size: int) -> tuple[str, str]:
    """A finished clip made ``size`` bytes, and its pre-signed location (for curl)."""
    with _client(origin) as client:
        clip = next(
            c
            for c in client.clips.list(from_=date(2025, 12, 11), to=date(2026, 1, 10))
            if c.file_size and str(c.status) == "RECORD_SUCCESS"
        )
        clip_id = clip.clip_id
        answer = httpx.post(f"{origin}/_mock/clips/{clip_id}", json={"file_size": size})
        answer.raise_for_status()
        token = client._auth  # the client's own flow fetches the token for the API request
        http = httpx.Client(auth=token)
        located = http.get(f"{origin}/v2/clips/{clip_id}/download")
        http.close()
    if located.status_code != 302:
        raise RuntimeError(f"the mock answered {located.status_code} to the download")
    return str(clip_id), located.headers["location"]


def _sdk_round(origin: str, clip_id: str, target: Path, size: int, *, manifest: bool) -> float:
    """One ``clips.download`` (``manifest``: the CLI's ``_download_file``, hashed and fsynced)."""
    with _client(origin) as client:
        clip = client.clips.get(clip_id)

        def work() -> None:
            if manifest:
                got = client.clips._download_file(clip, target).size
            else:
                got = client.clips.download(clip, target).stat().st_size
            if got != size:
                raise RuntimeError(f"downloaded {got} of {size} bytes")

        seconds = timed(work)
    target.unlink()
    return seconds


def _curl_round(url: str, target: Path, size: int) -> float:
    seconds = timed(
        lambda: subprocess.run(["curl", "-s", "-o", str(target), url], check=True)  # noqa: S607
    )
    if target.stat().st_size != size:
        raise RuntimeError("curl fetched the wrong number of bytes")
    target.unlink()
    return seconds


def _rss_growth_mb(origin: str, clip_id: str, directory: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "scripts.bench.bench_9_download", "--child", origin, clip_id]
    command.append(str(directory / "child.mp4"))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    (directory / "child.mp4").unlink()
    return result["before_kib"] / 1024, result["peak_kib"] / 1024


def run(*, quick: bool) -> Report:
    """Alternating SDK and curl rounds (medians), then the RSS growth in a fresh process."""
    if shutil.which("curl") is None:
        raise RuntimeError("benchmark 9 compares against curl, which is not installed")
    size = QUICK_SIZE if quick else FULL_SIZE
    rounds = 5
    args = ["--seed", "9", "--clips", "200", "--now", NOW]
    with mock_process(args) as (origin, _pid), tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        clip_id, url = _prepare(origin, size)
        sdk: list[float] = []
        hashed: list[float] = []
        curl: list[float] = []
        for _ in range(rounds):
            sdk.append(_sdk_round(origin, clip_id, directory / "sdk.mp4", size, manifest=False))
            curl.append(_curl_round(url, directory / "curl.mp4", size))
            hashed.append(_sdk_round(origin, clip_id, directory / "cli.mp4", size, manifest=True))
        before, peak = _rss_growth_mb(origin, clip_id, directory)
    sdk_speed = size / statistics.median(sdk) / 1e6
    curl_speed = size / statistics.median(curl) / 1e6
    hashed_speed = size / statistics.median(hashed) / 1e6
    growth = peak - before
    label = "1 GB" if not quick else "64 MiB"
    return Report(
        title="9. download",
        measurements=(
            Measurement(f"SDK download, {label}", sdk_speed, "MB/s"),
            Measurement(f"curl -o, {label}", curl_speed, "MB/s"),
            Measurement(f"CLI's download (sha256, fsync), {label}", hashed_speed, "MB/s"),
            Measurement(f"RSS growth of a {label} download", growth, "MB"),
        ),
        ratios=(
            Ratio(
                "SDK / curl throughput",
                sdk_speed / curl_speed,
                f">= {SPEED_TARGET}",
                sdk_speed / curl_speed >= SPEED_TARGET,
            ),
            Ratio("CLI's download / curl", hashed_speed / curl_speed, "(info)", True),
            Ratio(
                f"RSS growth / {RSS_BUDGET_MB:g} MB budget",
                growth / RSS_BUDGET_MB,
                "<= 1.0",
                growth <= RSS_BUDGET_MB,
            ),
        ),
        notes=(
            f"the mock in a child process, {rounds} alternating rounds, medians; the SDK's time "
            "(clips.download) includes its API request, the 302 and the rename, curl's only the "
            "body to disk; the CLI's download also hashes (sha256, for its manifest) and fsyncs; "
            f"RSS: a fresh interpreter, {before:.1f} MB just before the download, "
            f"{peak:.1f} MB at its peak (VmHWM)",
        ),
    )


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def _child(origin: str, clip_id: str, target: Path) -> dict[str, int]:
    """One download in this fresh process: RSS just before it and the peak during it (KiB)."""
    with _client(origin) as client:
        clip = client.clips.get(clip_id)
        with contextlib.suppress(OSError):  # reset VmHWM to the current RSS (Linux >= 4.0)
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
        before = _status_kib("VmRSS")
        result = client.clips._download_file(clip, target)  # the most memory: hashing too
        peak = _status_kib("VmHWM")
    return {"before_kib": before, "peak_kib": peak, "size": result.size}


def main() -> None:
    """The child: ``--child ORIGIN CLIP_ID TARGET`` downloads once and prints JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=3, metavar=("ORIGIN", "CLIP_ID", "TARGET"), required=True)
    origin, clip_id, target = parser.parse_args().child
    print(json.dumps(_child(origin, clip_id, Path(target))))


if __name__ == "__main__":
    main()
