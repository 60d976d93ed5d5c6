"""The seed page the tests read is a pinned copy kept in tests/, so no test needs ../shared."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "seeds"
SHARED = ROOT.parent / "shared" / "seeds"
PAGES = ("clips-master-api-page.md", "clips-user-api-page.md")


@pytest.mark.parametrize("name", PAGES)
def test_the_seed_copy_has_the_sha256_its_readme_pins(name: str) -> None:
    """Each tests/seeds page is exactly the document its README section says it copies."""
    readme = (SEEDS / "README.md").read_text("utf-8")
    section = readme.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
    pinned = re.search(r"^sha256: ([0-9a-f]{64})$", section, re.M)
    assert pinned, f"tests/seeds/README.md pins no sha256 for {name}"
    page = (SEEDS / name).read_bytes()
    assert hashlib.sha256(page).hexdigest() == pinned.group(1)
    if (SHARED / name).exists():  # beside the shared reference material: still the same bytes
        assert (SHARED / name).read_bytes() == page


def test_no_test_reads_files_from_beside_the_checkout() -> None:
    """No test module points at ../shared, where a fresh clone or the sdist has nothing."""
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.name != Path(__file__).name
        and re.search(r"""parent\s*/\s*["']shared["']|\.\./shared""", path.read_text("utf-8"))
    ]
    assert not offenders
