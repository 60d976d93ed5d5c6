"""The SDK's tools (command line, mock, inventory) reach the core only through its public API.

Each module of ``zoom_clips._cli``, ``zoom_clips.mock`` and ``zoom_clips.inventory`` may import
from ``zoom_clips`` the names of its ``__all__``, the public submodules (the tools themselves, and
the core's ``zoom_clips.webhooks``, by the names of its ``__all__``), and the one internal module
the core offers its tools, ``zoom_clips._toolkit`` (only the names of its ``__all__``). Any other
private module or name of the core is a violation, named in the failure.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import zoom_clips
from zoom_clips import _toolkit, webhooks

PACKAGE_DIR = Path(zoom_clips.__file__).parent
TOOLS = ("_cli", "mock", "inventory")
TOOLKIT = "zoom_clips._toolkit"
#: The core's public submodules, each by the names of its own ``__all__``.
PUBLIC_SUBMODULES = {"zoom_clips.webhooks": webhooks.__all__}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, source: str) -> Iterator[tuple[int, str, str | None]]:
    """Every import in ``source``, the file at ``path`` (nested ones too): line, module, name."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                yield node.lineno, base, alias.name


def _is_tool(module: str) -> bool:
    return any(
        module == f"zoom_clips.{tool}" or module.startswith(f"zoom_clips.{tool}.") for tool in TOOLS
    )


def violations(path: Path, source: str | None = None) -> list[str]:
    """What ``path`` (or ``source`` as if it were ``path``) imports of the core beyond its public
    API and the toolkit, one line each."""
    found = []
    where = path.relative_to(PACKAGE_DIR.parent)
    text = path.read_text(encoding="utf-8") if source is None else source
    for line, module, name in _imports(path, text):
        if module != "zoom_clips" and not module.startswith("zoom_clips."):
            continue  # the standard library or a third-party package
        if _is_tool(module):
            continue  # the tools may use each other's modules
        if module == TOOLKIT:
            if name is not None and name not in _toolkit.__all__:
                found.append(f"{where}:{line}: {TOOLKIT}.{name} is not in the toolkit's __all__")
            continue
        if module in PUBLIC_SUBMODULES:
            if name is not None and name not in PUBLIC_SUBMODULES[module]:
                found.append(f"{where}:{line}: {module}.{name} is not in its __all__")
            continue
        if module == "zoom_clips":
            if name is None or name in zoom_clips.__all__ or _is_tool(f"zoom_clips.{name}"):
                continue
            if f"zoom_clips.{name}" in PUBLIC_SUBMODULES:
                continue
            if name == TOOLKIT.rpartition(".")[2]:
                continue
            found.append(f"{where}:{line}: zoom_clips.{name} is private to the core")
            continue
        found.append(f"{where}:{line}: {module} is private to the core")
    return found


@pytest.mark.parametrize("tool", TOOLS)
def test_tools_import_only_the_public_api_and_the_toolkit(tool: str) -> None:
    """No module of the tool imports a private module or name of the core but the toolkit."""
    files = sorted((PACKAGE_DIR / tool).rglob("*.py"))
    assert files
    assert [v for path in files for v in violations(path)] == []


def test_the_walk_finds_a_private_import() -> None:
    """The check names relative and absolute reaches into the core, and lets the public ones by."""
    source = (
        "from .._models import Clip\n"
        "from zoom_clips import _errors, ZoomClips, mock\n"
        "from zoom_clips._toolkit import not_offered\n"
        "from zoom_clips import webhooks\n"
        "from zoom_clips.webhooks import unwrap, _verify\n"
        "from zoom_clips.webhooks._verify import signature\n"
        "def lazy():\n"
        "    import zoom_clips._client\n"
        "    from ..inventory import _db\n"
        "    from .. import _toolkit\n"
    )
    # As though the probe sat in zoom_clips/_cli; nothing is written into the package.
    where = "zoom_clips/_cli/_probe.py"
    assert violations(PACKAGE_DIR / "_cli" / "_probe.py", source) == [
        f"{where}:1: zoom_clips._models is private to the core",
        f"{where}:2: zoom_clips._errors is private to the core",
        f"{where}:3: zoom_clips._toolkit.not_offered is not in the toolkit's __all__",
        f"{where}:5: zoom_clips.webhooks._verify is not in its __all__",
        f"{where}:6: zoom_clips.webhooks._verify is private to the core",
        f"{where}:8: zoom_clips._client is private to the core",
    ]
