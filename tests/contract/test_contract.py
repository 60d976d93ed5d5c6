"""Schemathesis drives ``spec/master.json`` against the mock with every check: 0 failures.

The settings shared with ``make contract`` live in ``schemathesis.toml``; the custom checks and
the ``map_case`` hook in :mod:`tests.contract.zoom_checks`, which this module imports (that
registers them) and points at each server in turn. Three passes: the in-process app and a mock
over loopback HTTP with ``accountId`` pinned to the master account (whose data has listings of
several pages), and an unpinned pass where schemathesis generates ``accountId`` freely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from zoom_clips.mock import MockClock, MockConfig, create_app, serve

from tests.contract import zoom_checks
from tests.contract.zoom_target import SyncASGITransport, Target, fetch_token

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = ROOT / "spec" / "master.json"
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
# Enough clips that a month of the master account's (about 140) spans several pages of 30.
CLIPS = 20_000


def _schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(
        SPEC, config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
    )


APP = create_app(MockConfig(seed=7, clips=CLIPS, clock=MockClock(NOW)))
APP_TOKEN = fetch_token("http://testserver/oauth/token", transport=SyncASGITransport(APP))
IN_PROCESS = _schema()
IN_PROCESS.app = APP
IN_PROCESS.config.update(
    base_url="http://testserver/v2",  # the spec's server lacks /v2; the mock serves under it
    headers={"Authorization": f"Bearer {APP_TOKEN}"},
)
OVER_HTTP = _schema()
UNPINNED = _schema()
UNPINNED.app = APP
UNPINNED.config.update(base_url="http://testserver/v2", headers=IN_PROCESS.config.headers)


@pytest.fixture(scope="module")
def in_process() -> Iterator[Target]:
    """The checks and hooks pointed at the in-process app, ``accountId`` pinned."""
    target = Target(base_url="http://testserver/v2", token=APP_TOKEN, now=NOW, app=APP)
    with zoom_checks.use_target(target):
        yield target


@pytest.fixture(scope="module")
def unpinned() -> Iterator[Target]:
    """The checks and hooks pointed at the in-process app, ``accountId`` left to schemathesis."""
    target = Target(
        base_url="http://testserver/v2", token=APP_TOKEN, now=NOW, app=APP, pin_account=False
    )
    with zoom_checks.use_target(target):
        yield target


@pytest.fixture(scope="module")
def over_http() -> Iterator[Target]:
    """A mock served on loopback, with the checks and hooks pointed at it."""
    with serve(MockConfig(seed=3, clips=CLIPS, clock=MockClock(NOW))) as server:
        token = fetch_token(server.token_url)
        target = Target(base_url=server.base_url, token=token, now=NOW)
        with zoom_checks.use_target(target):
            yield target


@IN_PROCESS.parametrize()
def test_in_process_app_conforms_to_the_spec(case: schemathesis.Case, in_process: Target) -> None:
    """Every generated request to the in-process app passes every check, Zoom's included."""
    zoom_checks.steer_unhooked(case).call_and_validate()


@OVER_HTTP.parametrize()
def test_served_mock_conforms_to_the_spec_over_http(
    case: schemathesis.Case, over_http: Target
) -> None:
    """Every generated request over real loopback HTTP passes every check, Zoom's included."""
    zoom_checks.steer_unhooked(case).call_and_validate(
        base_url=over_http.base_url, headers=over_http.headers
    )


@UNPINNED.parametrize()
def test_any_account_id_gets_a_status_the_spec_declares(
    case: schemathesis.Case, unpinned: Target
) -> None:
    """With ``accountId`` generated freely, every answer is still one the spec declares, as JSON."""
    zoom_checks.steer_unhooked(case).call_and_validate()
