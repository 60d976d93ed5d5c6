"""What importing the SDK loads: a sync-only app pays for neither asyncio nor the transfer code."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import json, sys
from zoom_clips import BearerToken, ZoomClips
with ZoomClips(auth=BearerToken("t"), base_url="http://127.0.0.1:9/v2"):
    pass
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_sync_client() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout))


def test_sync_client_never_imports_asyncio() -> None:
    """A fresh interpreter that imports and builds a ``ZoomClips`` has not loaded asyncio."""
    loaded = _modules_after_sync_client()
    assert "zoom_clips" in loaded
    assert "asyncio" not in loaded


def test_sync_client_defers_downloads_and_fan_out() -> None:
    """Building a ``ZoomClips`` loads neither the download machinery nor the async fan-out."""
    loaded = _modules_after_sync_client()
    assert "zoom_clips._resources.download" in loaded  # the mixin itself, so the probe is real
    deferred = {
        "zoom_clips._fanout",
        "zoom_clips._resources._download_names",
        "zoom_clips._resources._download_requests",
        "zoom_clips._resources._download_state",
        "zoom_clips._resources._download_threads",
    }
    assert not deferred & loaded


def test_the_sdk_never_imports_the_tools_libraries() -> None:
    """Neither Jinja2 (the report's) nor python-multipart (the mock's) loads with the SDK."""
    loaded = {name.partition(".")[0] for name in _modules_after_sync_client()}
    assert not {"jinja2", "markupsafe", "python_multipart", "multipart"} & loaded


_TOOLS = ("zoom_clips._cli", "zoom_clips.mock", "zoom_clips.inventory")


def _importtime_modules(code: str) -> set[str]:
    """The modules ``python -X importtime -c code`` reports importing, in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    # Each line: "import time: <self us> | <cumulative us> | <indented module name>".
    lines = (line for line in done.stderr.splitlines() if line.startswith("import time:"))
    return {line.rsplit("|", 1)[-1].strip() for line in lines} - {"imported package"}


def _is_a_tool(name: str) -> bool:
    return any(name == tool or name.startswith(f"{tool}.") for tool in _TOOLS)


def test_import_zoom_clips_loads_none_of_its_tools() -> None:
    """``-X importtime`` of ``import zoom_clips`` lists no module of the CLI, mock or inventory."""
    loaded = _importtime_modules("import zoom_clips")
    assert "zoom_clips._client" in loaded  # the probe sees the SDK's own modules
    tools = sorted(name for name in loaded if _is_a_tool(name))
    assert tools == []


def test_the_importtime_probe_sees_a_tool() -> None:
    """The same probe does list a tool once something imports it, so the check above is real."""
    loaded = _importtime_modules("import zoom_clips.mock")
    assert any(_is_a_tool(name) for name in loaded)
