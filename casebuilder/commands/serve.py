"""casebuilder serve CASE: the reviewer's workspace, served locally (docs/workspace.md)."""
from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

from ..errors import UsageError, UserError
from ._common import add_audience_arg, add_case_arg

HELP = "open a reviewer's workspace in the browser: the gap matrix, evidence chains and review notes, served locally"
DESCRIPTION = (HELP + ". Listens on 127.0.0.1 unless --host says otherwise; the audience is fixed at start and nothing "
               "above it reaches the browser. Edits to the case show up in open pages. See docs/workspace.md.")


def configure(p) -> None:
    add_case_arg(p)
    add_audience_arg(p)
    p.add_argument("--port", type=int, default=8023, metavar="N", help="port to listen on (default 8023; 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", metavar="H",
                   help="address to listen on (default 127.0.0.1, this machine only); anything else exposes the "
                        "case to the network and prints a warning")


def _allowed_hosts(host: str) -> list[str]:
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"]
    if host not in hosts:
        hosts.append(host)
    return hosts


def run(args) -> int:
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - a declared dependency
        raise UsageError("casebuilder serve needs uvicorn and starlette: pip install -e .")
    from ..serve import Workspace, create_app

    if not Path(args.case).is_dir():
        raise UsageError(f"{args.case}: no such case folder")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = args.host == "localhost"
    if not loopback:
        print(f"casebuilder serve: warning: listening on {args.host}: anyone who can reach this address can read the "
              "workspace at this audience and write review notes", file=sys.stderr)
    ws = Workspace(args.case, args.audience, args.frameworks_dir)
    snap = ws.snapshot
    for line in snap.errors:
        print(line, file=sys.stderr)
    app = create_app(args.case, workspace=ws, allowed_hosts=_allowed_hosts(args.host))
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                            server_header=False, date_header=False, limit_concurrency=64, h11_max_incomplete_event_size=16 * 1024)
    server = uvicorn.Server(config)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as e:
        sock.close()
        raise UserError(f"casebuilder serve: cannot listen on {args.host}:{args.port}: {e.strerror or e}")
    port = sock.getsockname()[1]  # the real one, also for --port 0
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"casebuilder serve: {snap.checked.case.info.title if snap.ok else args.case} for audience "
          f"{ws.audience or '(the case default, once it has no errors)'}: http://{shown}:{port}/ (Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    server.run(sockets=[sock])
    return 0
