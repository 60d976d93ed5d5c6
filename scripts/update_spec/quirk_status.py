"""What a new spec means for each quirk of the wrapper's registry (``quirks.py``, beside this)."""

from __future__ import annotations

from collections.abc import Mapping

from scripts.update_spec.nodes import Json
from scripts.update_spec.quirks import QUIRKS, Quirk


def quirk_status(quirk: Quirk, old: Mapping[str, Json], new: Mapping[str, Json]) -> str:
    """What the new spec means for one quirk of the wrapper's registry."""
    before, now = _present(quirk, old), _present(quirk, new)
    if now:
        return "still present" if before else "present (new in this spec)"
    if before:
        where = f"the workaround in {quirk.module}" if quirk.module else "its workaround"
        return f"fixed upstream: {where} can go once verified"
    return "absent from both specs"


def _present(quirk: Quirk, spec: Mapping[str, Json]) -> bool:
    # The registry promises its checks never raise; if one does, the quirk is reported as still
    # present, the answer that keeps its workaround in place.
    try:
        return bool(quirk.present_in(spec))
    except Exception:
        return True


def render_quirks(old: Mapping[str, Json], new: Mapping[str, Json], spec: str = "master") -> str:
    """The quirks section: one line per quirk registered for ``spec``, and how to verify a fix."""
    quirks = [q for q in QUIRKS if spec in q.specs]
    width = max((len(q.name) for q in quirks), default=0)
    lines = [f"Quirks of {spec}.json (scripts/update_spec/quirks.py)"]
    for quirk in quirks:
        status = quirk_status(quirk, old, new)
        lines.append(f"  {quirk.name:<{width}}  {status}")
        if status.startswith("fixed upstream"):
            test = quirk.test or "none linked yet: check the workaround by hand"
            lines.append(f"  {'':<{width}}  (its regression test: {test})")
    return "\n".join(lines)
