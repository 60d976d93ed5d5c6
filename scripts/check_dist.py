"""``make dist``: build the sdist and wheel, check them, and use them as a new user would.

    python scripts/check_dist.py                    # everything below (``make dist``)
    python scripts/check_dist.py --skip-sdist-test  # all but the sdist's own `make test`

1. ``python -m build`` writes the sdist to ``dist/`` and builds the wheel from that sdist (so a
   file the sdist lacks breaks the wheel too); ``twine check --strict`` checks their metadata.
2. A fresh virtualenv in a temporary directory outside the repository gets the wheel alone: the
   ``zoom-clips`` script and ``python -m zoom_clips.mock`` must each print one line naming their
   extra and exit 2. Then it gets the wheel with ``[cli,mock]`` and pytest: the packages import
   from that venv, ``zoom-clips demo`` runs in an empty temporary directory and writes its CSV,
   and the README's pytest-fixture example passes.
3. The sdist is unpacked in another temporary directory (no ``../shared`` beside it, no git) and
   its own ``make test`` must pass, skipping nothing but the opt-in live tests.

Every step prints how long it took; the first failure stops the run with exit 1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"].replace("-", "_")
VERSION = PROJECT["version"]
# `make dist` runs us: the sdist's own make must not inherit our make's flags or level.
MAKE_VARIABLES = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}


class DistCheckFailed(Exception):
    """A step of the check failed; the message says which and why."""


def _run(
    argv: Sequence[str | Path],
    *,
    cwd: Path,
    expect: int = 0,
    env: dict[str, str] | None = None,
    capture: bool = True,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(arg) for arg in argv],
        cwd=cwd,
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if done.returncode != expect:
        output = (done.stdout or "") + (done.stderr or "")
        raise DistCheckFailed(
            f"`{' '.join(map(str, argv))}` in {cwd} exited {done.returncode}, "
            f"expected {expect}:\n{output[-4000:]}"
        )
    return done


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES | {"VIRTUAL_ENV"}}


def build() -> tuple[Path, Path]:
    """Build the sdist, then the wheel from it, into dist/; check both with twine."""
    for old in DIST.glob(f"{NAME}-*"):
        old.unlink()
    _run([sys.executable, "-m", "build", "--outdir", DIST, ROOT], cwd=ROOT)
    sdist = DIST / f"{NAME}-{VERSION}.tar.gz"
    wheel = DIST / f"{NAME}-{VERSION}-py3-none-any.whl"
    missing = [path.name for path in (sdist, wheel) if not path.is_file()]
    if missing:
        raise DistCheckFailed(f"python -m build wrote no {', '.join(missing)}")
    _run([sys.executable, "-m", "twine", "check", "--strict", sdist, wheel], cwd=ROOT)
    return sdist, wheel


def _one_line_naming(done: subprocess.CompletedProcess[str], extra: str, what: str) -> None:
    hint = f"pip install 'zoom-clips[{extra}]'"
    if done.stderr.count("\n") != 1 or hint not in done.stderr:
        raise DistCheckFailed(f"{what} without [{extra}] did not say {hint} in one line:\n{done}")


def smoke_test_wheel(wheel: Path, work: Path) -> None:
    """Install the wheel in a fresh venv outside the tree and use it as the README says."""
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=work)
    python, bindir = venv / "bin" / "python", venv / "bin"
    pip: list[str | Path] = [python, "-m", "pip", "install", "--quiet"]
    env = _clean_env()

    _run([*pip, wheel], cwd=work, env=env)
    done = _run([bindir / "zoom-clips", "--help"], cwd=work, expect=2, env=env)
    _one_line_naming(done, "cli", "zoom-clips")
    done = _run([python, "-m", "zoom_clips.mock", "--help"], cwd=work, expect=2, env=env)
    _one_line_naming(done, "mock", "python -m zoom_clips.mock")

    _run([*pip, f"{wheel}[cli,mock]", "pytest"], cwd=work, env=env)
    code = (
        "import zoom_clips, zoom_clips_api, zoom_clips.mock\n"
        "print(zoom_clips.__version__, zoom_clips.__file__, zoom_clips_api.__file__)\n"
    )
    version, *files = _run([python, "-c", code], cwd=work, env=env).stdout.split()
    if version != VERSION or not all(Path(f).is_relative_to(venv) for f in files):
        raise DistCheckFailed(f"imported {version} from {files}, not {VERSION} from {venv}")

    demo = work / "demo"
    demo.mkdir()
    _run([bindir / "zoom-clips", "demo", "--output", "clips.csv"], cwd=demo, env=env)
    rows = (demo / "clips.csv").read_text(encoding="utf-8").count("\n") - 1
    if rows < 1:
        raise DistCheckFailed("zoom-clips demo wrote no clips to clips.csv")
    print(f"  zoom-clips demo wrote {rows} clips")

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    examples = [block for block in blocks if "def test_" in block]
    if not examples:
        raise DistCheckFailed("README.md has no pytest example (```python with a def test_)")
    app = work / "app"
    app.mkdir()
    for number, example in enumerate(examples):
        (app / f"test_readme_example_{number}.py").write_text(example, encoding="utf-8")
    done = _run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=app, env=env)
    if f"{len(examples)} passed" not in done.stdout:
        raise DistCheckFailed(f"the README's pytest examples did not all pass:\n{done.stdout}")
    print(f"  the README's pytest example{'s' * (len(examples) > 1)} passed")


def skips_beyond_live(pytest_output: str) -> list[str]:
    """The ``SKIPPED`` lines of pytest's ``-ra`` summary for tests outside ``tests/live/``."""
    return [
        line
        for line in pytest_output.splitlines()
        if line.startswith("SKIPPED ") and not re.match(r"SKIPPED \[\d+\] tests/live/", line)
    ]


def run_sdist_tests(sdist: Path, work: Path) -> None:
    """Unpack the sdist and run its own `make test`; only the live tests may skip."""
    with tarfile.open(sdist) as archive:
        archive.extractall(work, filter="data")
    tree = work / f"{NAME}-{VERSION}"
    make = shutil.which("make")
    if make is None:
        raise DistCheckFailed("make is not on PATH")
    log = work / "make-test.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [make, "--no-print-directory", "test", f"PYTHON={sys.executable}"],
            cwd=tree,
            env=_clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    text = log.read_text(encoding="utf-8")
    if done.returncode != 0:
        raise DistCheckFailed(f"the unpacked sdist's `make test` failed:\n{text[-6000:]}")
    unexpected = skips_beyond_live(text)
    if unexpected:
        raise DistCheckFailed(
            "the sdist's `make test` skipped more than the live tests:\n" + "\n".join(unexpected)
        )
    summary = [line for line in text.splitlines() if re.match(r"=+ .*(passed|failed).* =+$", line)]
    print(f"  sdist make test: {summary[-1] if summary else '(no pytest summary)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-sdist-test", action="store_true", help="do not run step 3")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="zoom-clips-dist-"))
    if work.is_relative_to(ROOT):
        print(f"error: the temporary directory {work} is inside the repository", file=sys.stderr)
        return 2
    started = time.monotonic()

    def step(label: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {label}", flush=True)

    try:
        step("building the sdist and the wheel from it (python -m build), twine check --strict")
        sdist, wheel = build()
        step(f"installing {wheel.name} in a fresh venv in {work}; smoke test")
        (work / "wheel").mkdir()
        smoke_test_wheel(wheel, work / "wheel")
        if not args.skip_sdist_test:
            step(f"unpacking {sdist.name} in {work / 'sdist'}; its make test")
            (work / "sdist").mkdir()
            run_sdist_tests(sdist, work / "sdist")
    except DistCheckFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    step(f"done: {sdist.relative_to(ROOT)} and {wheel.relative_to(ROOT)} are good")
    return 0


if __name__ == "__main__":
    sys.exit(main())
