"""``geo serve``: serve the built site on localhost for a quick look."""

from __future__ import annotations

import argparse
import functools
import http.server

HELP = "serve the built site on http://127.0.0.1:PORT/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geo serve``."""
    parser.add_argument("--dir", default="maps", help="folder to serve (default: maps)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"geo serve: http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("geo serve: stopped")
    return 0
