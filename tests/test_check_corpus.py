"""The corpus of broken cases: every mistake `check` can report, at its exact place.

Each folder ``tests/fixtures/bad/<CODE>/<variant>/`` holds ``case/`` (a copy of
``tests/fixtures/good/minimal`` with one mistake) and ``expected.yaml``::

    description: what is wrong, in one line
    prepare: symlink-exhibit-outside   # optional: a step run at test time (see PREPARE)
    subprocess: true                   # optional: run in a child process (inputs that could crash)
    frameworks: own                    # optional: the fixture has its own frameworks/ folder
    diagnostics:                       # every diagnostic, in the order check prints them
      - {path: case/evidence.yaml, line: 30, column: 13, code: unknown-reference,
         contains: "did you mean 'src-state'?",              # optional: part of the message
         related: [{path: case/parties.yaml, line: 14, column: 9}]}   # the other place, if any
      - {..., severity: warning}       # default: error

The case is checked with ``check case --format json --frameworks-dir frameworks`` from a copy of
the fixture in a temporary folder, against the tiny frameworks in ``tests/fixtures/frameworks``
(or the fixture's own). Things that cannot or should not be committed (symlinks, huge files) are
made by the ``prepare`` step.
"""
from __future__ import annotations

import ast
import inspect
import os
import shutil
from pathlib import Path

import pytest
import yaml
from clirun import BAD, FRAMEWORKS, GOOD, run, run_subprocess

import casebuilder.api
import casebuilder.load
import casebuilder.resolve
import casebuilder.suspects
import casebuilder.validation
import casebuilder.yamlsrc
from casebuilder.diagnostics import CODES
from casebuilder.yamlsrc import MAX_FILE_BYTES, MAX_VALUE_CHARS

FIXTURE_DIRS = sorted(p.parent for p in BAD.glob("*/*/expected.yaml"))

# The modules `check` runs through; every diagnostic code they can emit needs a broken case here.
CHECK_MODULES = [casebuilder.yamlsrc, casebuilder.load, casebuilder.validation, casebuilder.resolve,
                 casebuilder.suspects, casebuilder.api]


# ------------------------------------------------------------------ steps run at test time
def _symlink_exhibit_outside(work: Path) -> None:
    """exhibits/link -> a folder outside the case; the evidence records link/secret.txt."""
    (work / "outside").mkdir()
    (work / "outside" / "secret.txt").write_text("not part of the case\n")
    (work / "case" / "exhibits").mkdir()
    os.symlink("../../outside", work / "case" / "exhibits" / "link")


def _symlinked_yaml_file(work: Path) -> None:
    (work / "outside.yaml").write_text("persons:\n  - id: p-outside\n    role: other\n")
    os.symlink("../outside.yaml", work / "case" / "extra.yaml")


def _symlinked_folder(work: Path) -> None:
    (work / "outside-dir").mkdir()
    (work / "outside-dir" / "persons.yaml").write_text("persons:\n  - id: p-outside\n    role: other\n")
    os.symlink("../outside-dir", work / "case" / "more")


def _huge_file(work: Path) -> None:
    """One byte over the file limit; sparse, so it costs no disk and is never read."""
    with open(work / "case" / "huge.yaml", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)


def _long_excerpt(work: Path) -> None:
    p = work / "case" / "evidence.yaml"
    text = p.read_text(encoding="utf-8")
    assert text.count("excerpt: No one was killed.") == 1
    p.write_text(text.replace("excerpt: No one was killed.", "excerpt: " + "x" * (MAX_VALUE_CHARS + 1)),
                 encoding="utf-8")


def _deep_dashes(work: Path) -> None:
    """100,000 nested block sequences on one line: deep enough to overflow a recursive C parser."""
    (work / "case" / "deep.yaml").write_text("persons:\n" + "- " * 100_000 + "x\n")


PREPARE = {
    "symlink-exhibit-outside": _symlink_exhibit_outside,
    "symlinked-yaml-file": _symlinked_yaml_file,
    "symlinked-folder": _symlinked_folder,
    "huge-file": _huge_file,
    "long-excerpt": _long_excerpt,
    "deep-dashes": _deep_dashes,
}


# ------------------------------------------------------------------ running one fixture
def load_spec(fixture: Path) -> dict:
    return yaml.safe_load((fixture / "expected.yaml").read_text(encoding="utf-8"))


def materialise(fixture: Path, spec: dict, tmp_path: Path) -> Path:
    """Copy the fixture into tmp_path/work (with the shared frameworks unless it has its own)."""
    work = tmp_path / "work"
    shutil.copytree(fixture, work, ignore=shutil.ignore_patterns("expected.yaml"))
    if spec.get("frameworks") != "own":
        shutil.copytree(FRAMEWORKS, work / "frameworks")
    if spec.get("prepare"):
        PREPARE[spec["prepare"]](work)
    return work


def check_json(work: Path, spec: dict, *extra: str, monkeypatch=None):
    args = ("check", "case", "--format", "json", "--frameworks-dir", "frameworks", *extra)
    if spec.get("subprocess"):
        return run_subprocess(*args, cwd=work, timeout=20)
    monkeypatch.chdir(work)
    return run(*args)


def _shape(d: dict) -> dict:
    return {
        "path": d["path"], "line": d["line"], "column": d["column"], "code": d["code"],
        "severity": d.get("severity", "error"),
        "related": [{k: r[k] for k in ("path", "line", "column")} for r in d.get("related", [])],
    }


@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_broken_case(fixture: Path, tmp_path: Path, monkeypatch) -> None:
    spec = load_spec(fixture)
    assert spec.get("description"), "say in one line what is wrong with this case"
    work = materialise(fixture, spec, tmp_path)
    res = check_json(work, spec, monkeypatch=monkeypatch)
    assert res.code in (0, 1), res.err  # 3 would be a traceback turned into a bug report
    got = res.diagnostics()
    expected = spec["diagnostics"]
    assert [_shape(d) for d in got] == [_shape(e) for e in expected], res.out
    for g, e in zip(got, expected):
        if "contains" in e:
            assert e["contains"] in g["message"]
    has_error = any(e.get("severity", "error") == "error" for e in expected)
    assert res.code == (1 if has_error else 0)
    if not has_error:  # warnings only: --strict makes them fatal
        strict = check_json(work, spec, "--strict", monkeypatch=monkeypatch)
        assert strict.code == 1
        assert [_shape(d) for d in strict.diagnostics()] == [_shape(e) for e in expected]


def _fixture_codes() -> set[str]:
    return {p.parent.name for p in FIXTURE_DIRS}


def test_fixture_folders_are_named_after_a_code_they_expect() -> None:
    for fixture in FIXTURE_DIRS:
        code = fixture.parent.name
        assert code in CODES, f"{fixture}: {code} is not a diagnostic code"
        assert code in {d["code"] for d in load_spec(fixture)["diagnostics"]}, fixture


def codes_emitted_by(modules) -> set[str]:
    """Every diagnostic code that appears as a string literal in the source of ``modules``."""
    found = set()
    for mod in modules:
        for node in ast.walk(ast.parse(inspect.getsource(mod))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CODES:
                found.add(node.value)
    return found


def test_every_code_check_can_emit_has_a_broken_case() -> None:
    emitted = codes_emitted_by(CHECK_MODULES)
    assert {"yaml-syntax", "unknown-reference", "cycle", "unused-evidence"} <= emitted  # the scan works
    missing = emitted - _fixture_codes()
    assert not missing, f"add tests/fixtures/bad/<code>/<variant>/ for: {', '.join(sorted(missing))}"


def test_prepare_steps_are_all_used() -> None:
    used = {load_spec(f).get("prepare") for f in FIXTURE_DIRS}
    assert set(PREPARE) <= used


@pytest.mark.parametrize("good", sorted(p for p in GOOD.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_good_case_is_clean_even_when_strict(good: Path) -> None:
    res = run("check", good, "--strict", "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert (res.code, res.diagnostics()) == (0, [])



def test_a_bare_equals_sign_is_text(tmp_path: Path) -> None:
    """YAML resolves a plain ``=`` to its "value" type; no tag was written, so it is the text "="
    (as a value, a list item and a key), never an "explicit tag" error."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    for name, old, new in (("evidence.yaml", "excerpt: No one was killed.", "excerpt: ="),
                           ("incidents.yaml", "categories: [violence-with-weapons]",
                            "categories:\n      - violence-with-weapons\n      - =")):
        p = case / name
        text = p.read_text(encoding="utf-8")
        assert text.count(old) == 1
        p.write_text(text.replace(old, new), encoding="utf-8")
    res = run("check", case, "--strict", "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert (res.code, res.diagnostics()) == (0, [])
    loaded = casebuilder.api.check(case, frameworks_dir=FRAMEWORKS).case
    assert {e.id: e.excerpt for e in loaded.evidence}["ev-denial"] == "="
    assert loaded.incidents[0].categories == ["violence-with-weapons", "="]

    (case / "extra.yaml").write_text("=: [=]\n", encoding="utf-8")  # a key: read as "=", then unknown
    got = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS).diagnostics()
    assert [(d["path"].endswith("extra.yaml"), d["line"], d["column"], d["code"]) for d in got] == \
        [(True, 1, 1, "unknown-key")]
    assert "'='" in got[0]["message"]
