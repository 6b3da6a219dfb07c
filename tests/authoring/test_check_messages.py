"""Small moments of doubt in `check` (#26 item 6): a line that says it worked, a hint to quote a value
with a comma or colon in a flow mapping, `reliability: c` read as `C` with a warning."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clirun import run

LINK = "{element: rs.7.ctx.attack, evidence: [ev-report], stance: supports}"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case"
    assert run("new", path).code == 0
    return path


def _edit(f: Path, old: str, new: str) -> str:
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new), encoding="utf-8")
    return text.replace(old, new)


def test_a_clean_check_says_ok_with_counts(case: Path):
    res = run("check", case)
    assert res.code == 0 and res.out == ""
    assert res.err == "ok: 6 files, 12 items, 0 errors, 0 warnings\n"


def test_json_stays_pure_json(case: Path):
    res = run("check", case, "--format", "json")
    assert res.code == 0 and json.loads(res.out) == [] and res.err == ""


def test_warnings_only_is_ok_but_not_with_strict(case: Path):
    _edit(case / "actors-and-sources.yaml", "reliability: B ", "reliability: b ")
    res = run("check", case)
    assert res.code == 0
    assert res.err.splitlines()[-1] == "ok: 6 files, 12 items, 0 errors, 1 warning"
    strict = run("check", case, "--strict")
    assert strict.code == 1 and strict.err.splitlines()[-1] == "0 errors, 1 warning"


def test_lower_case_reliability_is_read_as_the_capital_with_a_warning_at_its_place(case: Path):
    text = _edit(case / "actors-and-sources.yaml", "reliability: B ", "reliability: b ")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert (d["code"], d["severity"]) == ("grade-case", "warning")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "reliability: b" in ln)
    assert d["line"] == line and "write reliability: B" in d["message"]
    gaps = run("gaps", case, "--format", "json")
    assert gaps.code == 0, gaps.err


def test_a_lower_case_grade_that_is_no_grade_is_still_an_error(case: Path):
    _edit(case / "actors-and-sources.yaml", "reliability: B ", "reliability: g ")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert d["code"] == "invalid-value"


@pytest.mark.parametrize("note", ["The police chief said: we shot them", "at 10:30 the police came"])
def test_an_unquoted_colon_in_a_flow_mapping_gets_a_hint_to_quote(case: Path, note: str):
    _edit(case / "allegations.yaml", LINK, LINK[:-1] + f", note: {note}}}")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert d["code"] == "yaml-syntax"
    assert "put the value of 'note' in double quotes" in d["message"]


def test_an_unquoted_comma_in_a_flow_mapping_shows_the_quoted_value(case: Path):
    _edit(case / "allegations.yaml", LINK, LINK[:-1] + ", note: Reports shootings, arrests and raids}")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert d["code"] == "unknown-key"
    assert 'note: "Reports shootings, arrests and raids"' in d["message"]


def test_a_syntax_error_outside_a_flow_mapping_gets_no_quoting_hint(case: Path):
    _edit(case / "allegations.yaml", "        note: The witness saw the victim fall.", "        note: [The witness")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert d["code"] == "yaml-syntax" and "double quotes" not in d["message"]
    assert not re.search(r"flow mapping", d["message"])


# ------------------------------------------------------------------ grades that decide the outcome (item 4)
def test_an_ungraded_supporting_item_is_reported_at_the_item(case: Path):
    _edit(case / "evidence.yaml", "    credibility: 3\n", "")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert (d["code"], d["severity"]) == ("credibility-not-graded", "warning")
    assert "'ev-report'" in d["message"] and "never counts" in d["message"] and "credibility: 1-6" in d["message"]
    # and the analysis agrees: the item does not count
    gaps = json.loads(run("gaps", case, "--format", "json").out)
    assert "credibility-not-assessed" in json.dumps(gaps)


def test_an_ungraded_item_linked_only_against_an_element_is_not_reported(case: Path):
    _edit(case / "evidence.yaml", "    credibility: 3\n", "")
    _edit(case / "allegations.yaml", "stance: supports}", "stance: contradicts}")
    assert "credibility-not-graded" not in run("check", case, "--format", "json").out


def test_an_item_graded_unlike_its_source_needs_a_reason(case: Path):
    _edit(case / "evidence.yaml", "    credibility: 3\n", "    credibility: 3\n    reliability: A\n")
    [d] = run("check", case, "--format", "json").diagnostics()
    assert d["code"] == "reliability-without-reason" and "src-ngo is graded B" in d["message"]
    _edit(case / "evidence.yaml", "    reliability: A\n", "    reliability: A\n    reliability_reason: Signed by the ministry.\n")
    assert run("check", case, "--strict").code == 0
    _edit(case / "evidence.yaml", "    reliability: A\n    reliability_reason: Signed by the ministry.\n", "    reliability: B\n")
    assert run("check", case, "--strict").code == 0  # the same grade as the source needs no reason


def test_strict_reports_a_source_nothing_uses(case: Path):
    _edit(case / "actors-and-sources.yaml", "actors:\n", "  - id: src-spare\n    name: Spare\n    kind: media\n"
          "    reliability: C\n    reliability_reason: Unknown.\nactors:\n")
    assert run("check", case, "--format", "json").diagnostics() == []
    res = run("check", case, "--strict", "--format", "json")
    assert res.code == 1
    [d] = res.diagnostics()
    assert d["code"] == "unused-source" and "'src-spare'" in d["message"] and d["line"] == 8
