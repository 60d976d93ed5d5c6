"""``make update-spec``: vendor a new Zoom spec (master.json or endpoints.json) after a report.

One module per concern, in the order the command uses them (usage: :mod:`.cli`):

    targets       the two specs, and telling which one a document is
    load          read, fetch, parse and normalise the input; validate it
    nodes         what a spec is made of for comparison; the schema walk
    flatten       a whole spec as those nodes
    diff          every change between two specs, classified
    quirk_status  what the new spec means for each registered quirk
    calls         the call that reaches each operation (client.operations.<spec>.<method>)
    report        the report the maintainer reads
    apply         vendoring, provenance, regeneration and tests
    cli           the command line: ``python -m scripts.update_spec``
"""

from scripts.update_spec.apply import new_provenance
from scripts.update_spec.cli import main, run
from scripts.update_spec.diff import Change, compare_fact, diff
from scripts.update_spec.load import RefusedInput, Source, load, parse_source
from scripts.update_spec.nodes import Kind, Section, Side
from scripts.update_spec.quirk_status import quirk_status, render_quirks
from scripts.update_spec.report import render_changes, render_report, summary_line
from scripts.update_spec.targets import ENDPOINTS, MASTER, TARGETS, SpecTarget, detected

__all__ = [
    "ENDPOINTS",
    "MASTER",
    "TARGETS",
    "Change",
    "Kind",
    "RefusedInput",
    "Section",
    "Side",
    "Source",
    "SpecTarget",
    "compare_fact",
    "detected",
    "diff",
    "load",
    "main",
    "new_provenance",
    "parse_source",
    "quirk_status",
    "render_changes",
    "render_quirks",
    "render_report",
    "run",
    "summary_line",
]
