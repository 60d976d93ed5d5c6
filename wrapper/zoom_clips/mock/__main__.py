"""``python -m zoom_clips.mock``: serve a mock of Zoom's Clips API on loopback until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from zoom_clips.mock._config import PLANS, SPEC_NAMES, MockClock, MockConfig
from zoom_clips.mock._data import Dataset
from zoom_clips.mock._server import MockServer, serve

#: Where ``--webhook-url`` reads the app's secret token: never a flag, whose value ``ps`` shows.
SECRET_TOKEN_VARIABLE = "ZOOM_WEBHOOK_SECRET_TOKEN"  # noqa: S105 -- a variable's name


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m zoom_clips.mock",
        description="Serve a faithful mock of Zoom's Clips API (and its OAuth token endpoint).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8765, help="port (default 8765; 0: any free)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data set and fault dice")
    parser.add_argument("--clips", type=int, default=3000, help="number of clips (default 3000)")
    parser.add_argument("--qps", type=int, default=None, help="per-second limit per account")
    parser.add_argument("--daily-limit", type=int, default=None, help="daily limit per account")
    parser.add_argument(
        "--plan",
        choices=sorted(PLANS),
        default=None,
        help="Zoom's per-category budgets of this plan (LIGHT, MEDIUM, UPLOAD)",
    )
    parser.add_argument(
        "--upload-daily-limit",
        type=int,
        default=None,
        help="upload requests per user per UTC day (Zoom's: 50; default: none)",
    )
    parser.add_argument(
        "--transfer-seconds",
        type=float,
        default=5.0,
        help="how long a transfer task stays IN_PROCESS (default 5)",
    )
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of faulted requests")
    parser.add_argument("--latency-ms", type=float, default=0, help="latency added to API calls")
    parser.add_argument("--token-ttl", type=int, default=3600, help="access token lifetime (s)")
    parser.add_argument(
        "--spec",
        type=_spec_file,
        action="append",
        default=[],
        metavar="[NAME=]PATH",
        help=(
            "serve this spec instead of the packaged one (NAME: master or endpoints; without "
            "it, the file's name says which); operations the mock does not model are answered "
            "from it"
        ),
    )
    parser.add_argument(
        "--webhook-url",
        default=None,
        metavar="URL",
        help=(
            "validate URL as Zoom does, then send it signed clip.started and clip.completed "
            f"events; the secret token is read from the environment variable "
            f"{SECRET_TOKEN_VARIABLE}"
        ),
    )
    parser.add_argument(
        "--now",
        type=_instant,
        default=None,
        help="start the mock's clock at this ISO date-time; it then runs on (default: now)",
    )
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0..65535, got {port}")
    return port


def _spec_file(text: str) -> tuple[str, Path]:
    name, equals, where = text.partition("=")
    if not equals:
        name, where = Path(text).stem, text
        if name not in SPEC_NAMES:
            raise argparse.ArgumentTypeError(
                f"say which spec {text!r} is: --spec endpoints={text} or --spec master={text}"
            )
    if name not in SPEC_NAMES:
        raise argparse.ArgumentTypeError(
            f"no spec is named {name!r}; the names are {', '.join(SPEC_NAMES)}"
        )
    return name, Path(where)


def _instant(text: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r}") from None
    return instant if instant.utcoffset() is not None else instant.replace(tzinfo=dt.UTC)


def config_from_args(
    args: argparse.Namespace,
    *,
    monotonic: Callable[[], float] = time.monotonic,
    environ: Mapping[str, str] | None = None,
) -> MockConfig:
    """The configuration the parsed command line asks for (``ValueError`` if it is invalid).

    ``--now`` sets where the clock starts; it then runs with ``monotonic`` (the wall clock,
    injectable for tests), so rate limits refill and page tokens expire as they would.
    ``--webhook-url`` takes the secret token from ``environ`` (default ``os.environ``).
    """
    secret = None
    if args.webhook_url is not None:
        secret = (os.environ if environ is None else environ).get(SECRET_TOKEN_VARIABLE) or None
        if secret is None:
            raise ValueError(
                f"--webhook-url needs the app's secret token in the environment variable "
                f"{SECRET_TOKEN_VARIABLE} (not on the command line, where ps shows it)"
            )
    return MockConfig(
        webhook_url=args.webhook_url,
        webhook_secret_token=secret,
        seed=args.seed,
        clips=args.clips,
        qps=args.qps,
        daily_limit=args.daily_limit,
        plan=args.plan,
        transfer_seconds=args.transfer_seconds,
        upload_daily_limit=args.upload_daily_limit,
        fault_rate=args.fault_rate,
        latency_ms=args.latency_ms,
        token_ttl=args.token_ttl,
        specs=dict(args.spec),
        clock=MockClock.running_from(args.now, monotonic=monotonic) if args.now else None,
    )


def main(argv: Sequence[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """Parse the arguments, serve, print where, and block until Ctrl-C (or ``stop`` is set)."""
    args = _parser().parse_args(argv)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = stop if stop is not None else threading.Event()
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(serve(config, host=args.host, port=args.port))
        except OSError as exc:
            print(f"error: {_listen_error(exc, args.host, args.port)}", file=sys.stderr)
            return 2
        _print_banner(server)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


def _listen_error(exc: OSError, host: str, port: int) -> str:
    """One line saying why the mock could not listen on ``host:port``."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another mock still running?); "
            "choose another with --port, or --port 0 for any free port"
        )
    if exc.errno == errno.EACCES:
        return f"no permission to listen on port {port} on {host}; use a port above 1023"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: not an address of this machine (try 127.0.0.1)"
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


def _print_banner(server: MockServer) -> None:
    print(f"base URL:      {server.base_url}")
    print(f"file API URL:  {server.file_base_url}  (the uploads)")
    print(f"token URL:     {server.token_url}")
    print(f"account id:    {server.account_id}")
    print(f"client id:     {server.client_id}")
    print(f"client secret: {server.client_secret}  (demo credential, not a secret)")
    print(f"sub accounts:  {', '.join(a.id for a in server.dataset.sub_accounts)}")
    print(f"clip dates:    {_date_range(server.dataset)}")
    print(f"mock clock:    {server.clock.now().strftime('%Y-%m-%dT%H:%M:%SZ')}")
    if server.webhooks.url is not None:
        refusal = server.webhooks.refusal
        verdict = "validated" if refusal is None else f"REFUSED, no events sent: {refusal}"
        print(f"webhooks:      {server.webhooks.url}  ({verdict})")
    print("Ctrl-C to stop.", flush=True)


def _date_range(dataset: Dataset) -> str:
    """The first and last date (UTC) of the data set's clips, created or modified."""
    dates = [
        dt.datetime.fromisoformat(clip[field]).astimezone(dt.UTC).date()
        for clip in dataset.clips
        for field in ("created_date", "modified_date")
    ]
    if not dates:
        return "none (the data set has no clips)"
    first, last = min(dates), max(dates)
    return f"{first} to {last} (UTC; pick --from/--to in this range)"


if __name__ == "__main__":
    sys.exit(main())
