"""The seed page the tests read is a pinned copy kept in tests/, so no test needs ../shared."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "seeds"
SHARED_COPY = ROOT.parent / "shared" / "seeds" / "clips-master-api-page.md"


def test_the_seed_copy_has_the_sha256_its_readme_pins() -> None:
    """tests/seeds/clips-master-api-page.md is exactly the document its README says it copies."""
    pinned = re.search(r"^sha256: ([0-9a-f]{64})$", (SEEDS / "README.md").read_text("utf-8"), re.M)
    assert pinned, "tests/seeds/README.md pins no sha256"
    page = (SEEDS / "clips-master-api-page.md").read_bytes()
    assert hashlib.sha256(page).hexdigest() == pinned.group(1)
    if SHARED_COPY.exists():  # beside the shared reference material: still the same bytes
        assert SHARED_COPY.read_bytes() == page


def test_no_test_reads_files_from_beside_the_checkout() -> None:
    """No test module points at ../shared, where a fresh clone or the sdist has nothing."""
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.name != Path(__file__).name
        and re.search(r"""parent\s*/\s*["']shared["']|\.\./shared""", path.read_text("utf-8"))
    ]
    assert not offenders
