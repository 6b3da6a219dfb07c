"""Running the command line from tests, as users do: in-process for speed, or in a subprocess.

In-process runs call :func:`casebuilder.cli.main` with stdout and stderr captured; a subprocess
(``python -m casebuilder``) is for inputs that might crash or hang the interpreter, so that a
regression fails one test instead of killing the whole run. :func:`load_yaml` reads case files as
an editor's YAML plug-in would, to compare casebuilder with other tools.
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

import yaml

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


class _DatesAsText(yaml.SafeLoader):
    """PyYAML's safe loader with unquoted dates kept as text (as casebuilder keeps them)."""


_DatesAsText.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str):
    """Plain data from YAML text, read by PyYAML (not casebuilder's loader), dates as text."""
    return yaml.load(text, Loader=_DatesAsText)
