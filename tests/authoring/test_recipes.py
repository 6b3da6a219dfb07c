"""docs/recipes.md (#26 item 5): every YAML example, pasted alone into a case made by `casebuilder new`,
passes `check --strict`, and records what its "why" says (origins and grades as the analysis reads them)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clirun import REPO, run

RECIPES = REPO / "docs" / "recipes.md"
HEADING = re.compile(r"^## (.+)$", re.M)


def examples() -> list[tuple[str, str]]:
    """(the recipe's heading, its YAML) for every ```yaml block of docs/recipes.md."""
    text = RECIPES.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"```yaml\n(.*?)```", text, re.S):
        heads = HEADING.findall(text[:m.start()])
        out.append((heads[-1] if heads else "intro", m.group(1)))
    return out


def test_every_recipe_the_issue_asks_for_is_there():
    heads = [h for h, _ in examples()]
    assert len(heads) >= 5
    for want in ("protected witness", "state TV", "NGO report that relays", "video verified", "several sources"):
        assert any(want in h for h in heads), want


def _case(tmp_path: Path, yaml_text: str) -> Path:
    case = tmp_path / "case"
    assert run("new", case).code == 0
    (case / "recipe.yaml").write_text(yaml_text, encoding="utf-8")
    return case


@pytest.mark.parametrize("head,yaml_text", examples(), ids=[h for h, _ in examples()])
def test_each_example_passes_check_strict_in_a_new_case(tmp_path: Path, head: str, yaml_text: str):
    case = _case(tmp_path, yaml_text)
    res = run("check", case, "--strict", "--format", "json")
    assert (res.code, res.diagnostics()) == (0, []), f"{head}: {res.out}"


def _element(case: Path, element: str, *extra: str) -> dict:
    data = json.loads(run("gaps", case, "--format", "json", *extra).out)
    found = []

    def walk(o):
        if isinstance(o, dict):
            if o.get("id") == element and "supporting" in o:
                found.append(o)
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(data)
    assert found, element
    return found[0]


def _recipe(word: str) -> str:
    return next(y for h, y in examples() if word in h)


def test_the_relayed_passage_leads_back_to_what_it_relays(tmp_path: Path):
    el = _element(_case(tmp_path, _recipe("NGO report")), "rs.7.1.i.1.a")
    by_id = {i["evidence"]: i for i in el["supporting"]}
    assert by_id["ev-monitor-own-list"]["origins"] == ["src-rights-monitor"]
    assert by_id["ev-monitor-relays-agency"]["origins"] == ["src-state-agency"]
    assert by_id["ev-monitor-relays-agency"]["reliability"] == "D"  # no better than its origin
    assert el["independent_origins"] == 2
    # the relayed agency admits the arrests; the monitor's own list is ordinary support
    assert by_id["ev-monitor-relays-agency"]["stance"] == "admits"
    assert by_id["ev-monitor-own-list"]["stance"] == "supports"
    assert [r["message"] for r in el["reasons"] if r["code"] == "interested-party-admission"] == [
        "ev-monitor-relays-agency is linked as an admission by src-state-agency"]


def test_the_state_tv_statement_admits_disputes_and_is_rhetoric_each_where_it_says(tmp_path: Path):
    case = _case(tmp_path, _recipe("state TV"))
    taken = _element(case, "rs.7.1.i.1.a")
    [item] = taken["supporting"]
    assert (item["evidence"], item["stance"], item["interested_party"]) == ("ev-police-chief-tv", "admits", True)
    assert "interested-party-admission" in {r["code"] for r in taken["reasons"]}
    attack = _element(case, "rs.7.ctx.attack")  # disputes a characterisation: shown, not weighed
    assert [i["evidence"] for i in attack["disputed"]] == ["ev-police-chief-tv"]
    # a public item shown but not weighed names its own origin, not "withheld origin"
    assert [i["origins"] for i in attack["disputed"]] == [["src-province-police"]]
    assert "ev-police-chief-tv" not in {i["evidence"] for i in attack["supporting"] + attack["contradicting"]}
    assert "characterisation-disputed" in {r["code"] for r in attack["reasons"]}
    policy = _element(case, "rs.7.ctx.policy")  # rhetoric: weighed as neither
    assert [i["evidence"] for i in policy["rhetoric"]] == ["ev-police-chief-tv"]
    assert [i["origins"] for i in policy["rhetoric"]] == [["src-province-police"]]
    assert (policy["supporting"], policy["contradicting"]) == ([], [])
    assert "rhetoric-not-weighed" in {r["code"] for r in policy["reasons"]}


def test_a_verified_video_counts_with_the_outlets_grade_and_one_origin(tmp_path: Path):
    el = _element(_case(tmp_path, _recipe("video")), "rs.7.1.i.1.a")
    [item] = el["supporting"]
    assert (item["reliability"], item["origins"], item["qualifies"]) == ("B", ["src-uploader-0117"], True)


def test_the_interview_is_first_hand_and_the_witness_is_its_origin(tmp_path: Path):
    case = _case(tmp_path, _recipe("protected witness"))
    [item] = _element(case, "rs.7.1.i.1.a", "--audience", "strictly-confidential")["supporting"]
    assert item["direct"] is True and item["origins"] == ["p-doctor-01"]
    [public] = _element(case, "rs.7.1.i.1.a")["supporting"]  # the case's audience: public
    assert public["withheld"] is True and "p-doctor-01" not in json.dumps(public)
