"""The reference docs cannot fall behind the code: every code, command, option and field is documented.

docs/errors.md   — a `### \\`code\\`` section with an example for every code in diagnostics.CODES;
docs/cli.md      — a `## \\`casebuilder COMMAND\\`` section for every command of the parser, naming
                   each of its options, positionals and choices;
docs/case-format.md — a `... — Model` section for every model of casebuilder/models/case.py, with a
                   table row (and an example) for each of its fields.
"""
from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest
from clirun import REPO

import casebuilder.models.case as case_models
from casebuilder.cli import build_parser
from casebuilder.diagnostics import CODES
from casebuilder.models.common import Model

DOCS = REPO / "docs"
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")


def sections(path: Path) -> dict[str, str]:
    """Heading text -> the text under it, up to the next heading of any level."""
    out: dict[str, str] = {}
    title, lines, fenced = None, [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else HEADING.match(line)
        if m:
            if title is not None:
                out[title] = "\n".join(lines)
            title, lines = m.group(2), []
        else:
            lines.append(line)
    if title is not None:
        out[title] = "\n".join(lines)
    return out


# ------------------------------------------------------------------ errors.md
ERRORS = sections(DOCS / "errors.md")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_diagnostic_code_is_explained_with_an_example(code: str) -> None:
    body = ERRORS.get(f"`{code}`")
    assert body is not None, f"docs/errors.md needs a section '### `{code}`'"
    prose = body.split("```")[0].strip()
    assert len(prose) > 40, f"explain {code} in a sentence or two"
    examples = body.split("```")[1::2]
    assert any(f"[{code}]: " in ex for ex in examples), f"give an example message of {code}"


def test_errors_md_documents_no_code_that_does_not_exist() -> None:
    documented = {m.group(1) for t in ERRORS if (m := re.fullmatch(r"`([a-z0-9-]+)`", t))}
    assert documented - set(CODES) == set()


# ------------------------------------------------------------------ cli.md
CLI = sections(DOCS / "cli.md")
PARSER = build_parser()
SUBPARSERS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction)).choices
COMMON = "Options of every command"


def _documented(text: str, token: str) -> bool:
    return re.search(rf"`{re.escape(token)}[` ]", text) is not None


def test_options_shared_by_every_command_are_documented_once() -> None:
    shared = set.intersection(*({s for a in p._actions for s in a.option_strings} for p in SUBPARSERS.values()))
    shared |= {s for a in PARSER._actions for s in a.option_strings}
    assert {"--frameworks-dir", "--help", "--version"} <= shared
    for opt in shared:
        assert _documented(CLI[COMMON], opt), f"docs/cli.md, '{COMMON}': document {opt}"


@pytest.mark.parametrize("command", sorted(SUBPARSERS))
def test_every_command_and_option_is_documented(command: str) -> None:
    body = CLI.get(f"`casebuilder {command}`")
    assert body is not None, f"docs/cli.md needs a section '## `casebuilder {command}`'"
    shared = CLI[COMMON]
    for action in SUBPARSERS[command]._actions:
        if not action.option_strings:  # a positional: documented by its metavar
            token = action.metavar or action.dest
            assert _documented(body, token), f"{command}: document the argument {token}"
        for opt in action.option_strings:
            assert _documented(body, opt) or _documented(shared, opt), f"{command}: document {opt}"
        for choice in action.choices or ():
            assert re.search(rf"\b{re.escape(str(choice))}\b", body), f"{command} {action.dest}: document {choice}"


def test_cli_md_documents_no_command_that_does_not_exist() -> None:
    documented = {m.group(1) for t in CLI if (m := re.fullmatch(r"`casebuilder ([a-z-]+)`", t))}
    assert documented == set(SUBPARSERS)


# ------------------------------------------------------------------ case-format.md
FORMAT = sections(DOCS / "case-format.md")
MODELS = sorted((cls for cls in vars(case_models).values()
                 if inspect.isclass(cls) and issubclass(cls, Model) and cls.__module__ == case_models.__name__),
                key=lambda c: c.__name__)
ROW = re.compile(r"^\| `([a-z0-9_]+)` \|(.*)\|\s*$", re.M)


def _model_section(cls) -> str | None:
    return next((body for title, body in FORMAT.items() if title.endswith(f" \u2014 {cls.__name__}")), None)


@pytest.mark.parametrize("model", MODELS, ids=lambda c: c.__name__)
def test_every_field_of_the_case_format_is_documented_with_an_example(model) -> None:
    body = _model_section(model)
    assert body is not None, f"docs/case-format.md needs a section '## `key` \u2014 {model.__name__}'"
    rows = {m.group(1): [c.strip() for c in m.group(2).split(" | ")] for m in ROW.finditer(body)}
    keys = [f.alias or name for name, f in model.model_fields.items()]  # as written in YAML (`from`, `to`)
    for field in keys:
        assert field in rows, f"{model.__name__}: document `{field}` in a table row"
        example = rows[field][-1]
        assert "`" in example, f"{model.__name__}.{field}: give an example"
    assert set(rows) <= set(keys), f"{model.__name__}: rows for fields that do not exist"


def test_the_docs_link_to_files_that_exist() -> None:
    for name in ("case-format.md", "errors.md", "cli.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", (DOCS / name).read_text(encoding="utf-8")):
            assert (DOCS / target).exists(), f"docs/{name} links to {target}, which does not exist"
