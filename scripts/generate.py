"""Regenerate the client packages under ``generated/`` from Zoom's specs, or check they are current.

Each spec gets its own package (the two specs share operation ids such as ``GetUserClips`` and
schema names, which one package could not hold without renaming Zoom's operations):

    spec/master.json     -> generated/zoom_clips_api            (the master-account API)
    spec/endpoints.json  -> generated/zoom_clips_endpoints_api  (the Clips API under /clips)

    python scripts/generate.py           # rewrite both packages (``make generate``)
    python scripts/generate.py --check   # regenerate into a temp dir, diff, exit 1 on drift
                                         # (``make regen-check``)

The generator always runs in a temporary directory outside the repository, with ruff isolated
from this project's settings, so the output depends only on the spec, the generator config and the
pinned versions of openapi-python-client and ruff. Every file gets a header naming its source.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = "openapi-python-client"
#: zoom-clips' own templates, over the generator's: open enums (``str_enum``/``int_enum``) and
#: every operation as a method of one class per spec (``api_init``: ``client.operations``).
TEMPLATES = ROOT / "scripts" / "templates"
#: The vendored spec as shipped inside its package, for the mock server (spec/ is not installed).
SPEC_COPY = "openapi.json"


@dataclass(frozen=True)
class Target:
    """One vendored spec and the package generated from it."""

    name: str
    spec: Path
    provenance: Path
    config: Path
    package: str

    @property
    def output(self) -> Path:
        return ROOT / "generated" / self.package


MASTER = Target(
    name="master",
    spec=ROOT / "spec" / "master.json",
    provenance=ROOT / "spec" / "PROVENANCE.json",
    config=ROOT / "scripts" / "openapi-python-client.yaml",
    package="zoom_clips_api",
)
ENDPOINTS = Target(
    name="endpoints",
    spec=ROOT / "spec" / "endpoints.json",
    provenance=ROOT / "spec" / "PROVENANCE.endpoints.json",
    config=ROOT / "scripts" / "openapi-python-client.endpoints.yaml",
    package="zoom_clips_endpoints_api",
)
TARGETS = (MASTER, ENDPOINTS)
# The master package's names, kept for the callers that predate the second spec.
SPEC, PROVENANCE, CONFIG, PACKAGE, OUTPUT = (
    MASTER.spec,
    MASTER.provenance,
    MASTER.config,
    MASTER.package,
    MASTER.output,
)


class GenerationError(Exception):
    """Generation cannot run or its inputs are inconsistent."""


def spec_sha256(spec: Path = SPEC) -> str:
    """The sha256 of the vendored spec file's bytes."""
    return hashlib.sha256(spec.read_bytes()).hexdigest()


def verify_provenance(spec: Path = SPEC, provenance: Path = PROVENANCE) -> str:
    """Check that ``spec/PROVENANCE.json`` records the spec's current sha256, and return it."""
    recorded = json.loads(provenance.read_text(encoding="utf-8"))
    actual = spec_sha256(spec)
    if recorded.get("sha256") != actual:
        raise GenerationError(
            f"{spec.name} has sha256 {actual}, but {provenance.name} "
            f"records {recorded.get('sha256')}: the spec was changed without updating its "
            "provenance (use `make update-spec`)."
        )
    return actual


def pinned_generator_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The exact openapi-python-client version that pyproject.toml pins in the dev extra."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    for requirement in data["project"]["optional-dependencies"]["dev"]:
        match = re.fullmatch(rf"{GENERATOR}\s*==\s*([\w.]+)", requirement)
        if match:
            return match.group(1)
    raise GenerationError(f"pyproject.toml does not pin {GENERATOR}==<version> in the dev extra")


def header(sha256: str, version: str, spec: Path = SPEC, config: Path = CONFIG) -> str:
    """The comment every generated file starts with."""
    return (
        f"# Generated from spec/{spec.name} (sha256 {sha256[:12]}) by {GENERATOR} {version}\n"
        "# via `make generate`. Do not edit by hand: change the spec or\n"
        f"# scripts/{config.name} and regenerate.\n"
    )


def _run_generator(workdir: Path, target: Target) -> Path:
    bindir = Path(sys.executable).parent
    out = workdir / target.package
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bindir / GENERATOR),
            "generate",
            "--path",
            str(target.spec),
            "--config",
            str(target.config),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--fail-on-warning",
            "--custom-template-path",
            str(TEMPLATES),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise GenerationError(f"{GENERATOR} failed:\n{result.stdout}{result.stderr}")
    return out


_LABEL = re.compile(r"\*\*\[Rate Limit Label\]\([^)]*\):\*\*\s*`(?P<label>[A-Z_]+)`")
_OWN_LIMIT = re.compile(r"rate limit (?:of this API )?is \d+ requests per second", re.IGNORECASE)
#: The category of an operation whose description states no label (quirk
#: ``rate-limit-label-missing``): Zoom's most common one, as for ``GET /clips/{clipId}``.
DEFAULT_CATEGORY = "LIGHT"
#: The category of the upload operations, which state their own limit in prose instead of a label.
UPLOAD_CATEGORY = "UPLOAD"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def rate_limit_categories(spec: Mapping[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """``(METHOD, path) -> (category, how it was found)`` for every operation of ``spec``.

    How: ``"label"`` (the description's "Rate Limit Label"), ``"own"`` (a limit stated in prose,
    the upload operations') or ``"default"`` (no label: :data:`DEFAULT_CATEGORY`).
    """
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not isinstance(operation, dict):
                continue
            description = str(operation.get("description", ""))
            label = _LABEL.search(description)
            if label:
                table[method.upper(), path] = (label.group("label"), "label")
            elif _OWN_LIMIT.search(description):
                table[method.upper(), path] = (UPLOAD_CATEGORY, "own")
            else:
                table[method.upper(), path] = (DEFAULT_CATEGORY, "default")
    return table


# "The base URL for this API is `https://fileapi.zoom.us/v2/`" or "Base URL: `https://fileapi...`".
_FILE_API = re.compile(r"base URL[^`\n]{0,20}`?https://fileapi\.zoom\.us", re.IGNORECASE)


def file_api_operations(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(METHOD, path)`` of each operation whose description says its base URL is Zoom's file
    API (quirk ``upload-base-url-in-prose``: the spec's ``servers`` does not say so)."""
    found: list[tuple[str, str]] = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and _FILE_API.search(
                str(operation.get("description", ""))
            ):
                found.append((method.upper(), path))
    return sorted(found)


def rate_limits_module(spec: Mapping[str, Any], spec_name: str) -> str:
    """The ``rate_limits.py`` written into each generated package (see :func:`generate`)."""
    table = sorted(rate_limit_categories(spec).items())
    categories = "".join(f'    ("{m}", "{p}"): "{c}",\n' for (m, p), (c, _) in table)
    unlabelled = "".join(
        f'        ("{m}", "{p}"),\n' for (m, p), (_, how) in table if how != "label"
    )
    unlabelled_set = f"frozenset(\n    {{\n{unlabelled}    }}\n)" if unlabelled else "frozenset()"
    on_file_api = "".join(f'        ("{m}", "{p}"),\n' for m, p in file_api_operations(spec))
    file_api_set = f"frozenset(\n    {{\n{on_file_api}    }}\n)" if on_file_api else "frozenset()"
    return (
        f'"""Each operation\'s rate-limit category, read from spec/{spec_name} when generating.\n'
        "\n"
        "Written by scripts/generate.py, not by openapi-python-client. A category is the\n"
        'operation\'s "Rate Limit Label"; the upload operations, which state their own limit in\n'
        f"prose, get ``{UPLOAD_CATEGORY}``; an operation with neither gets\n"
        f"``{DEFAULT_CATEGORY}`` and is listed in ``UNLABELLED``\n"
        "(quirk ``rate-limit-label-missing``).\n"
        '"""\n'
        "\n"
        "from typing import Final\n"
        "\n"
        "#: ``(METHOD, path as in the spec) -> category``.\n"
        f"CATEGORIES: Final[dict[tuple[str, str], str]] = {{\n{categories}}}\n"
        '#: The operations whose description states no "Rate Limit Label".\n'
        f"UNLABELLED: Final[frozenset[tuple[str, str]]] = {unlabelled_set}\n"
        "#: The operations whose description names Zoom's file API (fileapi.zoom.us) as their\n"
        "#: base URL (quirk ``upload-base-url-in-prose``).\n"
        f"FILE_API: Final[frozenset[tuple[str, str]]] = {file_api_set}\n"
    )


def generate(dest: Path, target: Target = MASTER) -> None:
    """Generate ``target``'s client package into ``dest``, replacing whatever was there."""
    sha256 = verify_provenance(target.spec, target.provenance)
    version = pinned_generator_version()
    installed = metadata.version(GENERATOR)
    if installed != version:
        raise GenerationError(
            f"{GENERATOR} {installed} is installed but pyproject.toml pins {version}: "
            "run `make install`."
        )
    with tempfile.TemporaryDirectory(prefix="zoom-clips-gen-") as tmp:
        out = _run_generator(Path(tmp), target)
        # PEP 561: the package is typed. With ``--meta none`` the generator writes no py.typed,
        # so generation adds it (it gets the header below like every other file).
        (out / "py.typed").write_text("", encoding="utf-8")
        spec = json.loads(target.spec.read_text(encoding="utf-8"))
        (out / "rate_limits.py").write_text(
            rate_limits_module(spec, target.spec.name), encoding="utf-8"
        )
        text = header(sha256, version, target.spec, target.config)
        for path in sorted(out.rglob("*")):
            if path.is_file():
                path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
        # Byte for byte as vendored (no header: it stays JSON), so the mock can answer every
        # operation of the spec from an installed wheel too.
        shutil.copyfile(target.spec, out / SPEC_COPY)
        if dest.exists():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, dest)


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def drift(expected: Path, actual: Path, package: str = PACKAGE) -> str:
    """A unified diff from what the generator writes (``expected``) to what is in the repo."""
    want, have = _files(expected), _files(actual)
    chunks: list[str] = []
    for name in sorted(want.keys() | have.keys()):
        old, new = want.get(name), have.get(name)
        if old == new:
            continue
        label = f"generated/{package}/{name}"
        chunks.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"{label} (as `make generate` writes it)"
                if old is not None
                else "/dev/null (make generate writes no such file)",
                tofile=f"{label} (in the repository)"
                if new is not None
                else "/dev/null (missing from the repository)",
            )
        )
    return "".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary directory and fail with a diff if generated/ differs",
    )
    args = parser.parse_args(argv)
    try:
        if not args.check:
            for target in TARGETS:
                generate(target.output, target)
                print(f"wrote {target.output.relative_to(ROOT)} from spec/{target.spec.name}")
            return 0
        diff = ""
        with tempfile.TemporaryDirectory(prefix="zoom-clips-regen-") as tmp:
            for target in TARGETS:
                fresh = Path(tmp) / target.package
                generate(fresh, target)
                diff += drift(fresh, target.output, target.package)
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if diff:
        sys.stdout.write(diff)
        print(
            "\nerror: generated/ differs from what `make generate` writes (diff above). "
            "Never edit generated/ by hand: run `make generate` and commit the result.",
            file=sys.stderr,
        )
        return 1
    print("generated/ is up to date with " + " and ".join(f"spec/{t.spec.name}" for t in TARGETS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
