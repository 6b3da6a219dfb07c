"""`casebuilder gaps` as users run it: formats, the matrix, --fail-on, errors and exit codes."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from ruamel.yaml import YAML

from casebuilder.analyse import CSV_COLUMNS, analyse
from casebuilder.api import check
from clirun import run

from .gapfixtures import GAP_FRAMEWORKS, case_dir

STANDARDS = ["reasonable-basis", "reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]


def gaps(rule: str, *args: str):
    return run("gaps", case_dir(rule), "--frameworks-dir", GAP_FRAMEWORKS, *args)


def test_table_is_plain_text_when_not_a_terminal():
    res = gaps("all-of-weakest")
    assert res.code == 0, res.err
    assert "\x1b[" not in res.out
    assert "al-murder  cah.murder  insufficient" in res.out
    assert "cah.ctx.policy" in res.out and "Orders, directives or patterns showing a policy" in res.out
    assert "allegations: 0 met, 0 for legal evaluation, 0 contested, 1 insufficient, 0 unsupported, 0 undetermined, 0 not applicable" in res.out


def test_json_has_the_keys_the_architecture_promises():
    doc = json.loads(gaps("context-shared", "--format", "json").out)
    assert {"case", "standard", "allegations", "summary"} <= set(doc)
    assert doc["case"] == "t-context-shared" and doc["standard"] == "reasonable-basis"  # the case's default
    for a in doc["allegations"]:
        assert {"id", "framework", "provision", "status", "elements"} <= set(a)
        leaves = [e["id"] for e in a["elements"]]
        assert [e for e in leaves if e.startswith("cah.ctx.")] == ["cah.ctx.attack", "cah.ctx.widespread",
                                                                  "cah.ctx.systematic", "cah.ctx.policy"]
        for e in a["elements"]:
            assert {"id", "status", "supporting", "contradicting", "independent_origins", "reasons", "suggestions",
                    "contextual"} <= set(e)
            assert e["contextual"] == e["id"].startswith("cah.ctx.")


def test_csv_has_one_row_per_allegation_and_element():
    res = gaps("context-shared", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert list(rows[0]) == CSV_COLUMNS
    doc = json.loads(gaps("context-shared", "--format", "json").out)
    assert len(rows) == sum(len(a["elements"]) for a in doc["allegations"])
    murder = [r for r in rows if r["allegation"] == "al-murder" and r["element"] == "cah.ctx.policy"][0]
    assert murder["status"] == "met" and murder["contextual"] == "true" and murder["reason_codes"] == "standard-met;single-origin"


def test_standard_all_prints_the_matrix():
    doc = json.loads(gaps("require-direct", "--standard", "all", "--format", "json").out)
    assert doc["format"] == "casebuilder-gaps-matrix/1"
    assert [s["id"] for s in doc["standards"]] == STANDARDS
    row = doc["allegations"][0]
    assert list(row["statuses"]) == STANDARDS
    assert set(doc["ready"]) == set(STANDARDS)
    table = gaps("require-direct", "--standard", "all").out
    assert "al-murder" in table and "arrest warrant" in table and "confirmation of charges" in table
    rows = list(csv.DictReader(io.StringIO(gaps("require-direct", "--standard", "all", "--format", "csv").out)))
    assert sorted({r["standard"] for r in rows}) == sorted(STANDARDS)


@pytest.mark.parametrize("args,code", [
    (["--fail-on", "insufficient"], 1),
    (["--fail-on", "contested,unsupported"], 0),
    (["--fail-on", "contested", "--fail-on", "insufficient"], 1),
    (["--fail-on", "unsupported", "--standard", "beyond-reasonable-doubt"], 0),
])
def test_fail_on(args, code):
    res = gaps("all-of-weakest", *args)
    assert res.code == code, res.err
    assert res.out  # the output is printed either way
    if code:
        assert "al-murder" in res.err and "--fail-on" in res.err


@pytest.mark.parametrize("args,needle", [
    (["--standard", "beyond-doubt"], "unknown standard"),
    (["--fail-on", "bogus"], "unknown status"),
    (["--standard", "all", "--fail-on", "contested"], "cannot be combined"),
    (["--format", "pdf"], "invalid choice"),
])
def test_usage_errors_exit_2(args, needle):
    res = gaps("all-of-weakest", *args)
    assert res.code == 2
    assert needle in res.err


def test_a_case_with_errors_exits_1_with_diagnostics(tmp_path):
    bad = tmp_path / "case"
    shutil.copytree(case_dir("all-of-weakest"), bad)
    (bad / "more.yaml").write_text("allegations:\n  - {id: al-x, framework: cah, provision: cah.nope}\n")
    res = run("gaps", bad, "--frameworks-dir", GAP_FRAMEWORKS)
    assert res.code == 1
    assert "error[unknown-provision]" in res.err and res.out == ""


def test_same_case_split_differently_gives_the_same_output(tmp_path):
    """Moving items between files, and reordering them, changes nothing in any format."""
    data = YAML(typ="safe").load((case_dir("context-shared") / "case.yaml").read_text())
    split = tmp_path / "split"
    (split / "deep").mkdir(parents=True)
    y = YAML()
    with open(split / "z-case.yaml", "w") as f:
        y.dump({"case": data["case"], "sources": data["sources"][::-1]}, f)
    with open(split / "deep" / "a-evidence.yaml", "w") as f:
        y.dump({"evidence": data["evidence"][::-1]}, f)
    with open(split / "m-allegations.yaml", "w") as f:
        y.dump({"allegations": data["allegations"][::-1]}, f)
    for fmt in ("json", "csv", "table"):
        for std in ("reasonable-basis", "all"):
            one = gaps("context-shared", "--format", fmt, "--standard", std).out
            two = run("gaps", split, "--frameworks-dir", GAP_FRAMEWORKS, "--format", fmt, "--standard", std).out
            assert one == two, (fmt, std)


def test_api_defaults_to_the_case_standard_and_refuses_an_unknown_one():
    checked = check(case_dir("independent-origins"), GAP_FRAMEWORKS)
    an = analyse(checked.case, checked.frameworks)
    assert an.standard == "reasonable-basis" and an.standard_title == "Reasonable basis to believe"
    el = an.allegation("al-murder").elements[0]
    assert el.citation.short() == "Test Elements, art. 7(1)(a), element 1" and el.kind == "conduct"
    assert [r.code for r in el.reasons] == ["standard-met"] and el.reasons[0].message.startswith("2 qualifying")
    with pytest.raises(ValueError, match="unknown standard"):
        analyse(checked.case, checked.frameworks, "beyond-doubt")


def test_a_label_function_names_persons():
    checked = check(case_dir("relayed-one-nurse"), GAP_FRAMEWORKS)
    an = analyse(checked.case, checked.frameworks, "reasonable-grounds", label=lambda pid: f"<{pid.upper()}>")
    el = an.to_json()["allegations"][0]["elements"][0]
    assert el["origins"] == ["<P-NURSE>"]
    assert "both items relay <P-NURSE>" in el["reasons"][0]["message"]


def test_colour_only_when_asked_and_a_predicate_can_withhold_items():
    from casebuilder.analyse.table import render_table
    checked = check(case_dir("independent-origins"), GAP_FRAMEWORKS)
    an = analyse(checked.case, checked.frameworks)
    assert "\x1b[32mmet" in render_table(an, colour=True) and "\x1b[" not in render_table(an)
    el = an.to_json(lambda eid: eid != "ev-report-2")["allegations"][0]["elements"][0]
    assert [i["evidence"] for i in el["supporting"]] == ["ev-report-1", "withheld item"]
    assert el["origins"] == ["src-ngo-1", "withheld origin"] and el["independent_origins"] == 2
    assert "ev-report-2" not in json.dumps(el) and "src-ngo-2" not in json.dumps(el)


def test_csv_rows_carry_the_open_review_notes_for_one_standard_and_for_all(tmp_path):
    """A reviewer's open note on an element (reviews/<reviewer>.yaml) is counted and quoted on that element's row, under
    one standard and under every standard of the matrix; a closed note and the other rows carry none."""
    case = tmp_path / "case"
    shutil.copytree(case_dir("any-of"), case)
    (case / "reviews").mkdir()
    (case / "reviews" / "ana.yaml").write_text("""\
reviews:
  - {id: n1, on: element, allegation: al-imprisonment, element: cah.imprisonment.1, status: open, author: Ana,
     date: "2026-02-01", text: "Check the  detention\\n register."}
  - {id: n2, on: allegation, allegation: al-disappearance, status: closed, author: Ana, date: "2026-02-02", text: Done.}
""", encoding="utf-8")
    want = "al-imprisonment › cah.imprisonment.1: Check the detention register. (Ana, 2026-02-01)"
    for standard in ("reasonable-basis", "all"):
        r = run("gaps", case, "--frameworks-dir", GAP_FRAMEWORKS, "--standard", standard, "--format", "csv")
        assert r.code == 0, r.err
        rows = list(csv.DictReader(io.StringIO(r.out)))
        noted = [(row["standard"], row["open_notes"], row["notes"]) for row in rows
                 if row["allegation"] == "al-imprisonment" and row["element"] == "cah.imprisonment.1"]
        standards = {row["standard"] for row in rows}
        assert len(standards) == 1 if standard != "all" else len(standards) > 1
        assert sorted(noted) == [(s, "1", want) for s in sorted(standards)]
        assert all((row["open_notes"], row["notes"]) == ("0", "") for row in rows
                   if (row["allegation"], row["element"]) != ("al-imprisonment", "cah.imprisonment.1"))


@pytest.mark.parametrize("standard,needs", [
    ("reasonable-grounds", "needs 2 independent origin(s) with reliability C or better and credibility 3 or better; "
                           "contradictions (reliability C or better, credibility 3 or better) outweighed by more than 1"),
    ("substantial-grounds", "needs 2 independent origin(s) with reliability B or better and credibility 2 or better; a "
                            "direct item; contradictions (reliability C or better, credibility 3 or better) outweighed by "
                            "more than 1"),
])
def test_the_table_states_what_the_standard_needs_and_whether_a_direct_item_is_required(standard, needs):
    """The line under the table's title is the standard's parameters in words; 'a direct item' only where the standard
    requires one (the test standards' substantial grounds does)."""
    r = gaps("any-of", "--standard", standard)
    assert r.code == 0, r.err
    title, *rest = r.out.split("\n\n")[0].splitlines()
    assert title.endswith(f"gap analysis under {standard}: " + standard.replace("-", " ").capitalize() + " to believe")
    assert " ".join(line.strip() for line in rest) == needs
