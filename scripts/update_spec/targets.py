"""The two specs this command vendors, and how to tell which one a document is."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs


@attrs.frozen
class SpecTarget:
    """One of Zoom's Clips specs: where it is vendored and the operation that identifies it."""

    name: str
    list_path: str
    list_summary: str

    @property
    def file(self) -> Path:
        """The vendored spec, relative to the checkout."""
        return Path("spec") / f"{self.name}.json"

    @property
    def provenance(self) -> Path:
        """Its provenance record, relative to the checkout."""
        suffix = "" if self is MASTER else f".{self.name}"
        return Path("spec") / f"PROVENANCE{suffix}.json"

    @property
    def config(self) -> Path:
        """Its openapi-python-client config (generate.py's), relative to the checkout."""
        suffix = "" if self is MASTER else f".{self.name}"
        return Path("scripts") / f"openapi-python-client{suffix}.yaml"

    @property
    def heading(self) -> str:
        """The heading of its block in a docs-page snapshot's ``## Downloads`` section."""
        return f"### {self.name}.json"

    def has_list_operation(self, spec: Mapping[str, Any]) -> bool:
        """Whether ``spec`` has this spec's list-clips operation (``GET`` on its list path)."""
        paths = spec.get("paths")
        item = paths.get(self.list_path) if isinstance(paths, Mapping) else None
        return isinstance(item, Mapping) and isinstance(item.get("get"), Mapping)


MASTER = SpecTarget(
    name="master",
    list_path="/accounts/{accountId}/clips",
    list_summary="List all clips of a sub account",
)
ENDPOINTS = SpecTarget(name="endpoints", list_path="/clips", list_summary="List all clips")
TARGETS = (MASTER, ENDPOINTS)
NAMES = tuple(t.name for t in TARGETS)


def by_name(name: str) -> SpecTarget:
    """The target called ``name`` (``master`` or ``endpoints``)."""
    for target in TARGETS:
        if target.name == name:
            return target
    raise ValueError(f"unknown spec name {name!r}: expected one of {', '.join(NAMES)}")


def detected(spec: Mapping[str, Any]) -> list[SpecTarget]:
    """The targets whose list-clips operation ``spec`` has: one for a Clips spec."""
    return [t for t in TARGETS if t.has_list_operation(spec)]
