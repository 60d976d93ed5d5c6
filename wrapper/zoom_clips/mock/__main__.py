"""``python -m zoom_clips.mock``: serve a mock of Zoom's Clips API on loopback until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import threading
from collections.abc import Sequence

from zoom_clips.mock._config import MockClock, MockConfig
from zoom_clips.mock._server import serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m zoom_clips.mock",
        description="Serve a faithful mock of Zoom's Clips API (and its OAuth token endpoint).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data set and fault dice")
    parser.add_argument("--clips", type=int, default=3000, help="number of clips (default 3000)")
    parser.add_argument("--qps", type=int, default=None, help="per-second limit per account")
    parser.add_argument("--daily-limit", type=int, default=None, help="daily limit per account")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of faulted requests")
    parser.add_argument("--latency-ms", type=float, default=0, help="latency added to API calls")
    parser.add_argument("--token-ttl", type=int, default=3600, help="access token lifetime (s)")
    parser.add_argument(
        "--now",
        type=_instant,
        default=None,
        help="freeze the mock's clock at this ISO date-time (default: follow the wall clock)",
    )
    return parser


def _instant(text: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r}") from None
    return instant if instant.utcoffset() is not None else instant.replace(tzinfo=dt.UTC)


def main(argv: Sequence[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """Parse the arguments, serve, print where, and block until Ctrl-C (or ``stop`` is set)."""
    args = _parser().parse_args(argv)
    try:
        config = MockConfig(
            seed=args.seed,
            clips=args.clips,
            qps=args.qps,
            daily_limit=args.daily_limit,
            fault_rate=args.fault_rate,
            latency_ms=args.latency_ms,
            token_ttl=args.token_ttl,
            clock=MockClock(args.now) if args.now else None,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = stop if stop is not None else threading.Event()
    with serve(config, host=args.host, port=args.port) as server:
        print(f"base URL:      {server.base_url}")
        print(f"token URL:     {server.token_url}")
        print(f"account id:    {server.account_id}")
        print(f"client id:     {server.client_id}")
        print(f"client secret: {server.client_secret}  (demo credential, not a secret)")
        print(f"sub accounts:  {', '.join(a.id for a in server.dataset.sub_accounts)}")
        print("Ctrl-C to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
