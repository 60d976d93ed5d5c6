"""The pytest plugin (entry point ``pytest11``): a ``zoom_clips_mock`` fixture for app tests.

The fixture yields a running :class:`zoom_clips.mock.MockServer` on a free loopback port and
stops it after the test. Configure it with a marker, whose keyword arguments are those of
:class:`zoom_clips.mock.MockConfig`, or with an indirect parameter (a ``MockConfig`` or a dict)::

    @pytest.mark.zoom_clips_mock(clips=200, qps=5)
    def test_my_app_backs_off(zoom_clips_mock):
        app = MyApp(base_url=zoom_clips_mock.base_url, token_url=zoom_clips_mock.token_url, ...)

    @pytest.mark.parametrize("zoom_clips_mock", [{"fault_rate": 0.2}], indirect=True)
    def test_my_app_survives_faults(zoom_clips_mock): ...

To test a webhook handler, subscribe its URL on the running mock: ``subscribe_webhooks`` validates
the URL as Zoom does and returns (``WebhookSubscriptionError`` if it does not pass); each upload
then sends signed ``clip.started`` and ``clip.completed``, and ``webhooks.flush()`` waits for
their delivery::

    def test_my_handler_hears_of_uploads(zoom_clips_mock, my_app_url):
        zoom_clips_mock.subscribe_webhooks(my_app_url, "the-apps-secret-token")
        ...  # upload a clip to zoom_clips_mock.file_base_url
        zoom_clips_mock.webhooks.flush()

(or configure it: ``@pytest.mark.zoom_clips_mock(webhook_url=..., webhook_secret_token=...)``).

Starlette and uvicorn are imported inside the fixture, so projects without the ``mock`` extra can
still run pytest with this plugin installed; only tests that use the fixture need the extra, and
without it each such test errors (not skips) with one line naming it. (The
module lives outside ``zoom_clips.mock`` because importing anything in that package runs its
``__init__``, which needs the extra.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from zoom_clips._extras import extra_providing, install_hint

if TYPE_CHECKING:
    from zoom_clips.mock import MockServer

__all__ = ["pytest_configure", "zoom_clips_mock"]


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker, so ``--strict-markers`` accepts it."""
    config.addinivalue_line(
        "markers",
        "zoom_clips_mock(**config): configure the zoom_clips_mock fixture (MockConfig fields)",
    )


@pytest.fixture
def zoom_clips_mock(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """A running mock of Zoom's Clips API, stopped after the test."""
    try:
        from zoom_clips.mock import MockConfig, serve  # noqa: PLC0415 -- needs the mock extra
    except ModuleNotFoundError as exc:
        if extra_providing(exc) != "mock":
            raise
        # An error, not a skip: a suite whose mock tests silently skip would stay green in CI.
        pytest.fail(install_hint("the zoom_clips_mock fixture", "mock", exc), pytrace=False)
    options: dict[str, Any] = {}
    marker = request.node.get_closest_marker("zoom_clips_mock")
    if marker is not None:
        if marker.args:
            raise pytest.UsageError("@pytest.mark.zoom_clips_mock takes keyword arguments only")
        options.update(marker.kwargs)
    param = getattr(request, "param", None)
    if isinstance(param, MockConfig):
        config = param
    elif isinstance(param, dict) or param is None:
        options.update(param or {})
        config = MockConfig(**options)
    else:
        raise pytest.UsageError(
            "zoom_clips_mock's parameter must be a MockConfig or a dict, "
            f"got {type(param).__name__}"
        )
    with serve(config) as server:
        yield server
