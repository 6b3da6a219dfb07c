"""The CLI contract: exit codes, help, diagnostics on stderr like a compiler, JSON for tools, bug reports."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from clirun import BAD, DIAGNOSTIC_KEYS, FRAMEWORKS, GOOD, REPO, run, run_subprocess

import casebuilder.api
from casebuilder.cli import build_parser

MINIMAL = GOOD / "minimal"
BROKEN = BAD / "unknown-reference" / "source" / "case"  # one error: evidence.yaml:32:13
REAL_FRAMEWORKS = REPO / "frameworks"


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


# ------------------------------------------------------------------ exit codes
def test_clean_case_exits_0_and_says_ok() -> None:
    res = run("check", MINIMAL, "--frameworks-dir", FRAMEWORKS)
    assert (res.code, res.out) == (0, "")
    assert re.fullmatch(r"ok: [1-9]\d* files?, [1-9]\d* items?, 0 errors, 0 warnings\n", res.err), res.err


def test_problems_exit_1() -> None:
    assert run("check", BROKEN, "--frameworks-dir", FRAMEWORKS).code == 1


@pytest.mark.parametrize("args", [
    [],                                                    # no command
    ["nonsense"],                                          # unknown command
    ["check"],                                             # missing CASE
    ["check", "no/such/folder"],                           # missing folder
    ["check", str(MINIMAL), "--bogus"],                    # unknown option
    ["check", str(MINIMAL), "--format", "xml"],            # value outside the choices
    ["check", str(MINIMAL), "--frameworks-dir", "no/such/folder"],
    ["new", str(MINIMAL)],                                 # refuses to overwrite a case
])
def test_usage_errors_exit_2_with_a_one_line_reason(args: list[str]) -> None:
    res = run(*args)
    assert res.code == 2, res.err
    assert "error" in res.err.splitlines()[-1]
    assert "Traceback" not in res.err


# ------------------------------------------------------------------ help
def test_there_are_commands() -> None:
    assert {"check", "schema", "new", "frameworks"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command: str) -> None:
    res = run(command, "--help")
    assert res.code == 0
    assert res.out.startswith(f"usage: casebuilder {command}")
    assert "--frameworks-dir" in res.out


def test_top_level_help_and_version() -> None:
    res = run("--help")
    assert res.code == 0
    for command in _commands():
        assert command in res.out
    version = run("--version")
    assert version.code == 0 and re.fullmatch(r"casebuilder \d+\.\d+\.\d+\S*\n", version.out)


def test_python_dash_m_entry_point() -> None:
    res = run_subprocess("check", MINIMAL, "--frameworks-dir", FRAMEWORKS)
    assert res.code == 0 and res.err.startswith("ok: "), res.err


# ------------------------------------------------------------------ new → check
def test_new_case_passes_check_against_the_test_frameworks(tmp_path: Path) -> None:
    res = run("new", tmp_path / "x")
    assert res.code == 0 and "casebuilder check" in res.out
    assert run("check", tmp_path / "x", "--strict", "--frameworks-dir", FRAMEWORKS).code == 0


@pytest.mark.skipif(not (REAL_FRAMEWORKS / "rome-statute" / "article-7.yaml").exists(),
                    reason="the bundled frameworks/ are not there")
def test_new_case_passes_check_against_the_bundled_frameworks(tmp_path: Path) -> None:
    assert run("new", tmp_path / "x").code == 0
    res = run("check", tmp_path / "x", "--strict")
    assert res.code == 0, res.err


# ------------------------------------------------------------------ output formats
def test_json_format_is_a_list_of_diagnostics_on_stdout() -> None:
    res = run("check", BROKEN, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    diags = res.diagnostics()
    assert res.err == ""
    assert len(diags) == 1 and DIAGNOSTIC_KEYS <= set(diags[0])
    d = diags[0]
    assert d["path"].endswith("evidence.yaml") and (d["line"], d["column"]) == (32, 13)
    assert (d["severity"], d["code"]) == ("error", "unknown-reference")
    assert isinstance(d["message"], str) and d["message"]


def test_json_format_of_a_clean_case_is_an_empty_list() -> None:
    res = run("check", MINIMAL, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert (res.code, res.diagnostics()) == (0, [])


def test_text_format_is_like_a_compiler() -> None:
    """path:line:col: error[CODE]: message, the context, the source line and a caret under the column."""
    res = run("check", BROKEN, "--frameworks-dir", FRAMEWORKS)
    assert res.out == ""
    lines = res.err.splitlines()
    head = re.fullmatch(r"(?P<path>\S+):32:13: error\[unknown-reference\]: (?P<msg>.+)", lines[0])
    assert head and head["path"].endswith("evidence.yaml")
    assert "did you mean 'src-state'?" in head["msg"]
    assert lines[1] == "  = in evidence ev-denial"
    source, caret = lines[2], lines[3]
    assert source.endswith("|     source: src-stat")
    gutter = source.index("| ") + 2
    assert caret == " " * (gutter + 13 - 1) + "^"
    assert source[caret.index("^"):].startswith("src-stat")
    assert lines[-1] == "1 error, 0 warnings"


def test_related_places_are_shown_as_notes() -> None:
    res = run("check", BAD / "duplicate-id" / "across-files" / "case", "--frameworks-dir", FRAMEWORKS)
    note = res.err.splitlines()[3]
    assert re.fullmatch(r"\S+evidence\.yaml:16:9: note: first defined here", note)


# ------------------------------------------------------------------ bugs
def test_an_internal_error_is_a_one_line_bug_report_exit_3(monkeypatch) -> None:
    def broken_stage(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(casebuilder.api, "resolve", broken_stage)
    res = run("check", MINIMAL, "--frameworks-dir", FRAMEWORKS)
    assert res.code == 3
    assert res.out == ""
    assert len(res.err.splitlines()) == 1
    assert "internal error (RuntimeError: boom)" in res.err and "bug" in res.err and "report" in res.err


def test_an_unknown_person_reference_in_the_case_summary_is_reported_once(tmp_path: Path) -> None:
    """The summary's texts are checked like every other text: with no domestic proceedings recorded
    (they were once checked only inside the proceedings' loop, once per proceeding)."""
    import shutil
    case = tmp_path / "case"
    shutil.copytree(MINIMAL, case)
    yml = case / "case.yaml"
    text = yml.read_text(encoding="utf-8")
    assert "proceedings" not in text
    yml.write_text(text.replace("  prepared_by: Example NGO\n",
                                "  prepared_by: Example NGO\n  summary:\n    what_happened: Told by [[p-nobody]].\n", 1),
                   encoding="utf-8")
    res = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    found = [d for d in res.diagnostics() if d["code"] == "unknown-reference"]
    assert res.code == 1 and len(found) == 1, res.out
    assert found[0]["path"].endswith("case.yaml") and "p-nobody" in found[0]["message"]
