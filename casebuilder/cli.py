"""The command line: a thin shell over :mod:`casebuilder.api`.

Domain errors become CLI errors here and only here: problems in the user's input exit 1, usage
errors exit 2, and anything unexpected is a bug reported in one line with exit 3.
"""
from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from . import __version__
from .errors import UserError

# Each command lives in casebuilder/commands/<name>.py with HELP, configure(parser) and run(args).
COMMANDS = ["check", "gaps", "build", "verify", "hash", "audit", "frameworks", "schema", "new", "export", "import"]

BUG_REPORT = ("casebuilder: internal error ({kind}: {msg}). This is a bug in casebuilder, not in your case; "
              "please report it with the command you ran.")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with a one-line reason
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casebuilder", description="Documented human-rights incidents → legal analysis and briefs.")
    parser.add_argument("--version", action="version", version=f"casebuilder {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as e:
            if e.name and e.name.endswith(f"commands.{name}"):
                continue  # command not built yet
            raise
        p = sub.add_parser(name, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP))
        p.add_argument("--frameworks-dir", metavar="DIR", default=None,
                       help="use legal frameworks from DIR instead of the bundled frameworks/")
        mod.configure(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = int(args._run(args) or 0)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit as a traceback
        return code
    except UserError as e:
        if str(e):
            print(f"casebuilder: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("casebuilder: interrupted", file=sys.stderr)
        return 130
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except OSError as e:
        if e.errno not in _OUTPUT_ERRORS or not _is_stream_error(e):
            return _bug(e)
        _silence_stdout()
        print(f"casebuilder: error: cannot write the output: {_OUTPUT_ERRORS[e.errno]}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - the one place a bug becomes a report
        return _bug(e)


# Failures of the standard output that are the user's situation, not a bug: `gaps > /dev/full`,
# `gaps | head -1`.  Files named with -o report their own (casebuilder.write).
_OUTPUT_ERRORS = {errno.EPIPE: "the reader closed the pipe (broken pipe)", errno.ENOSPC: "no space left on the device",
                  errno.EDQUOT: "disk quota exceeded", errno.EIO: "input/output error", errno.EROFS: "read-only file system"}


def _is_stream_error(e: OSError) -> bool:
    """Raised by writing to stdout/stderr (no file name attached), not by opening a named file."""
    return getattr(e, "filename", None) is None


def _silence_stdout() -> None:
    """Point stdout at nothing so that the interpreter's flush at exit cannot fail again and print
    a traceback (the recipe of Python's documentation for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests capture it): nothing will be flushed at exit


def _bug(e: BaseException) -> int:
    msg = str(e).splitlines()[0][:200] if str(e) else ""
    print(BUG_REPORT.format(kind=type(e).__name__, msg=msg), file=sys.stderr)
    return 3
