"""docs/gaps.md must document every reason code, JSON key and CSV column the analysis can emit."""
from __future__ import annotations

import json
import re

import pytest

from casebuilder.analyse import CSV_COLUMNS, REASON_CODES
from clirun import REPO, run

from .gapfixtures import RULES, case_dir, expected, frameworks_dir

DOC = (REPO / "docs" / "gaps.md").read_text(encoding="utf-8")
# Mappings whose keys are data (framework ids, statuses, grades, standard ids), not documented names.
DATA_MAPS = {"frameworks", "summary", "element_statuses", "reliability_distribution", "credibility_distribution",
             "statuses", "ready"}


def documented_codes() -> set[str]:
    section = DOC.split("## 6.")[1].split("## 7.")[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))


def keys(node, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            out.add(k)
            if k in DATA_MAPS and isinstance(v, dict):
                for inner in v.values():
                    keys(inner, out)
            else:
                keys(v, out)
    elif isinstance(node, list):
        for v in node:
            keys(v, out)
    return out


def all_outputs():
    for rule in RULES:
        for std in expected(rule)["standards"]:
            yield rule, json.loads(run("gaps", case_dir(rule), "--frameworks-dir", frameworks_dir(rule), "--standard", std,
                                       "--format", "json").out)


def test_every_reason_code_is_documented_and_every_documented_code_exists():
    assert documented_codes() == set(REASON_CODES)


def test_every_code_emitted_by_the_fixtures_is_documented():
    emitted = set()
    for _, doc in all_outputs():
        for a in (*doc["allegations"], *doc["contexts"]):
            emitted |= {r["code"] for r in a["reasons"]} | {r["code"] for r in a["applicability"]["reasons"]}
            for e in a["elements"]:
                emitted |= {r["code"] for r in e["reasons"]}
    assert emitted <= documented_codes()
    # one rule, one fixture: the fixtures exercise every code
    assert set(REASON_CODES) == emitted


def test_every_json_key_is_documented():
    found: set[str] = set()
    for _, doc in all_outputs():
        keys(doc, found)
    matrix = json.loads(run("gaps", case_dir("any-of"), "--frameworks-dir", frameworks_dir("any-of"), "--standard", "all",
                            "--format", "json").out)
    keys(matrix, found)
    missing = sorted(k for k in found if f"`{k}`" not in DOC)
    assert not missing


def test_every_csv_column_is_documented():
    section = DOC.split("### `--format csv`")[1].split("## 9.")[0]
    assert re.findall(r"^\| `([a-z_]+)` \|", section, re.M) == CSV_COLUMNS


@pytest.mark.parametrize("rule", RULES)
def test_every_status_short_of_met_has_a_reason_and_a_suggestion(rule):
    for std in expected(rule)["standards"]:
        doc = json.loads(run("gaps", case_dir(rule), "--frameworks-dir", frameworks_dir(rule), "--standard", std,
                             "--format", "json").out)
        for a in (*doc["allegations"], *doc["contexts"]):
            assert a["reasons"]
            for e in a["elements"]:
                assert e["reasons"], (rule, a["id"], e["id"])
                if e["status"] not in ("met", "for_legal_evaluation", "derived"):
                    assert e["suggestions"], (rule, a["id"], e["id"])
