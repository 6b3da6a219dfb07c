"""Running the command line from tests, as users do: in-process for speed, or in a subprocess.

In-process runs call :func:`casebuilder.cli.main` with stdout and stderr captured; a subprocess
(``python -m casebuilder``) is for inputs that might crash or hang the interpreter, so that a
regression fails one test instead of killing the whole run.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from casebuilder.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FRAMEWORKS = FIXTURES / "frameworks"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"

DIAGNOSTIC_KEYS = {"path", "line", "column", "severity", "code", "message"}


@dataclass
class Result:
    code: int
    out: str
    err: str

    def diagnostics(self) -> list[dict]:
        """The diagnostics printed by ``check --format json`` (a JSON list on stdout)."""
        data = json.loads(self.out)
        assert isinstance(data, list), self.out
        return data


def run(*args: str | os.PathLike) -> Result:
    """``casebuilder ARGS`` in this process; returns the exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Result(code, out.getvalue(), err.getvalue())


def run_subprocess(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 20) -> Result:
    """``python -m casebuilder ARGS`` in a child process (raises TimeoutExpired if it hangs)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    p = subprocess.run([sys.executable, "-m", "casebuilder", *map(str, args)], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=timeout)
    return Result(p.returncode, p.stdout, p.stderr)
