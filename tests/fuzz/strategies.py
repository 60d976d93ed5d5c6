"""Hypothesis strategies for 200 bodies of the clips endpoint: from the spec, with quirks, broken.

``spec_bodies()`` is derived from ``spec/master.json``'s 200 response schema by ``from_schema``, a
small JSON-schema-to-strategy walk covering exactly the keywords that schema uses (``SUPPORTED``;
a test fails if the spec starts using another). hypothesis-jsonschema would be the usual tool, but
its latest release (0.23.1) crashes on every object schema under the Hypothesis this project
installs (``AttributeError: 'many' object has no attribute 'more'``).

The spec types ``created_date``/``modified_date`` as plain strings; ``spec_bodies`` draws them
as ISO-8601 date-times (both of Zoom's forms, any offset, any year), because Zoom sends dates.
``quirky_bodies()`` then bends spec bodies the ways Zoom and the network do, and ``raw_bodies()``
adds bytes that are not JSON objects at all.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
CLIPS_PATH = "/accounts/{accountId}/clips"
SPEC = json.loads((ROOT / "spec" / "master.json").read_text(encoding="utf-8"))
PAGE_SCHEMA: dict[str, Any] = SPEC["paths"][CLIPS_PATH]["get"]["responses"]["200"]["content"][
    "application/json"
]["schema"]
ITEM_PROPERTIES: dict[str, Any] = PAGE_SCHEMA["properties"]["data"]["items"]["properties"]
DATE_FIELDS = ("created_date", "modified_date")

# The keywords from_schema understands; documentation-only ones are ignored.
SUPPORTED = frozenset({"type", "properties", "items", "enum", "maxLength", "maximum"})
IGNORED = frozenset({"description", "example", "default"})

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def keywords(schema: dict[str, Any]) -> set[str]:
    """Every keyword used anywhere in ``schema`` (to check ``from_schema`` covers them)."""
    found = set(schema)
    for sub in schema.get("properties", {}).values():
        found |= keywords(sub)
    if "items" in schema:
        found |= keywords(schema["items"])
    return found


def iso_datetimes() -> st.SearchStrategy[str]:
    """ISO-8601 date-times as Zoom writes them and as other servers might: any offset and year."""
    offsets = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]) | st.builds(
        timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23))
    )
    # The first and last representable days are where converting to UTC overflows; naive on
    # purpose (DTZ901), since the offset is attached below.
    naive = st.datetimes() | st.sampled_from([datetime.min, datetime.max])  # noqa: DTZ901
    aware = st.builds(
        lambda naive, tz, millis: naive.replace(tzinfo=tz).isoformat(
            timespec="milliseconds" if millis else "auto"
        ),
        naive,
        offsets,
        st.booleans(),
    )
    zulu = naive.map(lambda d: d.isoformat(timespec="seconds") + "Z")
    return aware | zulu


def from_schema(  # noqa: PLR0911 -- one return per JSON type reads clearest
    schema: dict[str, Any], *, dates: bool = True
) -> st.SearchStrategy[Any]:
    """Values valid under ``schema``: every property optional (the spec requires none)."""
    unknown = set(schema) - SUPPORTED - IGNORED
    if unknown:
        raise ValueError(f"from_schema does not support {sorted(unknown)}")
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = {
            name: iso_datetimes() if dates and name in DATE_FIELDS else from_schema(sub)
            for name, sub in schema.get("properties", {}).items()
        }
        return st.fixed_dictionaries({}, optional=properties)
    if kind == "array":
        return st.lists(from_schema(schema["items"]), max_size=4)
    if kind == "string":
        return st.text(max_size=schema.get("maxLength", 40))
    if kind == "integer":
        return st.integers(max_value=schema.get("maximum"))
    if kind == "number":  # JSON numbers have no range: include integers no float can hold
        huge = st.nothing() if "maximum" in schema else st.sampled_from([10**400, -(10**400)])
        return (
            st.integers(max_value=schema.get("maximum"))
            | st.floats(max_value=schema.get("maximum"), allow_nan=False, allow_infinity=False)
            | huge
        )
    if kind == "boolean":
        return st.booleans()
    raise ValueError(f"from_schema does not support type {kind!r}")


def spec_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """Bodies valid under the spec's 200 schema, with date-time dates."""
    return from_schema(PAGE_SCHEMA)


# -- quirks: what Zoom (and whatever sits between it and us) really sends -------------------------

UNKNOWN_ENUM = st.sampled_from(["RECORD_PROCESSING", "TEAM", "", "record_success", "ANYONE "])
WRONG_TYPES = st.sampled_from([0, 1.5, True, "7", [], {}, ["x"], {"a": 1}])
HUGE_NUMBERS = st.sampled_from([10**400, -(10**400), 1e308, -1e308, 2**63, 2**64 + 0.5, 1e-320])
ODD_DATES = st.sampled_from(
    [
        "2024-10-11T01:51:50.631+00:00",
        "2020-03-31T12:02:00Z",
        "2020-03-31",
        "2020-03-31T12:02:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
        "2020-02-30T00:00:00Z",
        "2020-03-31T24:00:00Z",
        "2020-03-31T12:02:60Z",
        "2020-03-31T12:02:00+24:00",
        "20200331T120200Z",
        "2020-W14-2",
        "yesterday",
        "",
        "\ud800",
    ]
)


@st.composite
def _bent_item(draw: st.DrawFn, item: dict[str, Any]) -> dict[str, Any]:
    item = dict(item)
    fields = [*sorted(ITEM_PROPERTIES), "tags"]
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(fields))
        how = draw(st.sampled_from(["null", "wrong", "huge", "date", "enum", "drop"]))
        if how == "null":
            item[name] = None
        elif how == "wrong":
            item[name] = draw(WRONG_TYPES)
        elif how == "huge":
            item[name] = draw(HUGE_NUMBERS)
        elif how == "date":
            item[name] = draw(ODD_DATES)
        elif how == "enum":
            item[name] = draw(UNKNOWN_ENUM)
        else:
            item.pop(name, None)
    if draw(st.booleans()):
        item["tags"] = draw(st.lists(st.text(max_size=10), max_size=4))
    if draw(st.booleans()):
        settings = item.get("share_link_settings")
        if isinstance(settings, dict):
            spellings = st.sampled_from(["SAME_ORGANIZATION", "SAME_ORGANIZATON"])
            scope = draw(spellings | UNKNOWN_ENUM)
            item["share_link_settings"] = {**settings, "share_scope": scope}
    extra = draw(st.dictionaries(st.text(max_size=12), JSON_VALUES, max_size=3))
    return {**extra, **item} if draw(st.booleans()) else {**item, **extra}


@st.composite
def quirky_bodies(draw: st.DrawFn) -> Any:
    """Spec bodies with Zoom's quirks and the wrong shapes a broken server could send."""
    body = dict(draw(spec_bodies()))
    data = body.get("data", [])
    body["data"] = [draw(_bent_item(item)) for item in data]
    if draw(st.integers(0, 9)) == 0:  # a non-clip among the clips
        body["data"].append(draw(JSON_VALUES))
    for name in draw(st.lists(st.sampled_from(sorted(PAGE_SCHEMA["properties"])), max_size=2)):
        body[name] = draw(st.none() | WRONG_TYPES | HUGE_NUMBERS | JSON_VALUES)
    return body


def _encode(body: Any) -> bytes:
    # surrogatepass: a lone surrogate in a drawn string still becomes bytes (invalid UTF-8).
    return json.dumps(body).encode("utf-8", "surrogatepass")


@st.composite
def truncated(draw: st.DrawFn, bodies: st.SearchStrategy[Any]) -> bytes:
    """An encoded body cut short, as a dropped connection leaves it."""
    raw = _encode(draw(bodies))
    return raw[: draw(st.integers(0, max(len(raw) - 1, 0)))]


def raw_bodies() -> st.SearchStrategy[bytes]:
    """Response bytes of every kind: spec, quirky, truncated, non-object JSON, not JSON at all."""
    return st.one_of(
        spec_bodies().map(_encode),
        quirky_bodies().map(_encode),
        truncated(quirky_bodies()),
        JSON_VALUES.map(_encode),
        st.sampled_from(
            [
                b"",
                b"null",
                b"NaN",
                b'{"data": [], "total_records": NaN}',
                b'{"data": [{"duration": Infinity}]}',
                b'{"data": [{"file_size": 1e999}]}',
                b"\xff\xfe{}",
                b'{"data": "\xc3\x28"}',
                b"<html><title>502 Bad Gateway</title></html>",
            ]
        ),
        st.binary(max_size=64),
    )
