"""bench/run.py and its parts on tiny inputs: what is measured, how targets are judged, nothing faked.

No test here asserts a duration: the figures depend on the machine; only their presence and the
arithmetic of the targets are checked.
"""
from __future__ import annotations

import json

import pytest

from bench import report, run
from bench.measure import run_stage
from bench.stages import HERE, check_once, measure, rounds
from bench.synth import generate
from casebuilder import yamlryml


def test_a_missing_module_is_not_available_yet_and_a_crash_is_failed():
    def missing():
        import casebuilder.not_written_yet  # noqa: F401

    st, _ = run_stage("x", missing)
    assert st.status == "not available yet" and st.cpu is None
    st, _ = run_stage("y", lambda: 1 / 0)
    assert st.status == "failed" and "ZeroDivisionError" in st.note and st.cpu is None
    st, value = run_stage("z", lambda: 42)
    assert (st.status, value) == ("ok", 42) and st.cpu is not None and st.peak_mb > 0


def test_over_budget_is_reported():
    def spin():
        while True:
            pass

    st, _ = run_stage("slow", spin, budget=0.2)
    assert st.status == "over budget" and st.cpu is None


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "case"
    generate(out, 6, seed=1)
    return out


def test_measure_times_every_stage_up_to_the_html(tiny, monkeypatch):
    monkeypatch.delenv("CASEBUILDER_NO_CACHE", raising=False)
    result = measure(tiny, budget=600, pdf=False)
    names = [s["name"] for s in result["stages"]]
    assert [n for n in names if n != "floor_rapidyaml"][:3] == ["floor_parse", "load", "resolve"]
    assert ("floor_rapidyaml" in names) == yamlryml.available()  # the fast path's floor, beside PyYAML's
    for s in result["stages"]:
        assert s["status"] in ("ok", "not available yet", "failed")
        assert (s["cpu"] is None) == (s["status"] != "ok")
    assert result["facts"]["incidents"] == 6 and result["facts"]["errors"] == 0
    floor = result["stages"][0]["extra"]
    assert floor["gc_on_cpu"] > 0 and floor["gc_paused_cpu"] > 0


def test_rounds_pair_the_floor_with_check_and_gaps_in_fresh_processes(tiny, tmp_path):
    out = rounds(tiny, 2, budget=600, against=HERE.parent)
    root = str(HERE.parent.resolve())
    assert out["sides"] == {"this": root, "against": root}
    for side in ("this", "against"):
        rows = out["rows"][side]
        assert [r["round"] for r in rows] == [1, 2]
        assert [r["position"] for r in rows] == ([0, 1] if side == "this" else [1, 0])  # who goes first alternates
        for r in rows:
            assert r["code"] == root and r["facts"]["incidents"] == 6
            names = [s["name"] for s in r["stages"]]
            assert names[0] == "floor_parse" and names[-3:] == ["load", "resolve", "analyse"]
            assert r["stages"][0]["extra"]["gc_on_cpu"] is None  # the collector paused only (--floor paused)
            assert r["cg_cpu"] == pytest.approx(sum(s["cpu"] for s in r["stages"][-3:]))
            assert r["ratio_cpu"] == pytest.approx(r["cg_cpu"] / r["floor_cpu"]) and r["peak_mb"] > 0
        summary = out["summary"][side]
        assert summary["ratio_cpu"] == [round(r["ratio_cpu"], 3) for r in rows] and summary["failed"] == 0
        assert min(summary["ratio_cpu"]) <= summary["median_ratio_cpu"] <= max(summary["ratio_cpu"])
    pairs = out["summary"]["this_over_against"]
    assert len(pairs["cg_cpu"]) == 2
    # a checkout without casebuilder is a failed round, not the installed package measured instead
    bad = rounds(tiny, 1, budget=600, against=tmp_path)
    assert bad["rows"]["against"][0]["status"] == "failed" and "against" not in bad["summary"]


def test_check_once_reports_the_check(tiny):
    got = check_once(tiny)
    assert got["status"] == "ok" and got["diagnostics"] == 0


def _size(incidents, cpu, pages=None, warm=0.1, cold=2.0):
    stages = [{"name": n, "status": "ok", "cpu": c, "wall": c, "peak_mb": 100.0, "note": "", "extra": {}}
              for n, c in cpu.items()]
    return {"measure": {"stages": stages, "facts": {"incidents": incidents, "pages": pages}},
            "cold_store": {"status": "ok", "cpu": cold, "wall": cold, "peak_mb": 60.0},
            "warm": {"status": "ok", "cpu": warm, "wall": warm, "peak_mb": 50.0}}


def test_targets_arithmetic():
    cpu = {"floor_parse": 1.0, "load": 1.0, "resolve": 0.5, "analyse": 0.5, "analyse_other_standards": 0.1,
           "protect": 0.1, "render_html": 0.1, "render_pdf": 10.0, "audit": 0.5, "floor_weasyprint": 10.0}
    big = {k: v * 10.5 for k, v in cpu.items()}
    results = {"sizes": {"M": _size(100, cpu, pages=10), "L": _size(1000, big, pages=100, warm=1.0)}}
    got = {t["target"]: t for t in report.targets(results)}
    assert got["M: check + gaps / C-parse floor"]["value"] == pytest.approx(2.0)
    assert got["M: warm re-run / cold run"]["value"] == pytest.approx(0.1 / 2.0)
    assert got["M: build / WeasyPrint alone"]["value"] == pytest.approx(12.8 / 10)
    assert not got["M: build / WeasyPrint alone"]["met"]
    assert got["M -> L: check + gaps time / linear"]["value"] == pytest.approx(1.05)
    assert got["PDF render time per page, growth between sizes"]["value"] == pytest.approx(1.05)
    assert "targets met" in report.text(results | {"targets": list(got.values())})
    assert got["L: check + gaps / C-parse floor (rapidyaml)"]["value"] == pytest.approx(2.0)
    assert not got["L: check + gaps / C-parse floor (rapidyaml)"]["met"]  # the limit there is 0.4x


def test_the_rapidyaml_floor_is_reported_beside_the_targets():
    cpu = {"floor_parse": 1.0, "floor_rapidyaml": 0.05, "load": 0.2, "resolve": 0.1, "analyse": 0.1}
    results = {"sizes": {"M": _size(100, cpu)}}
    got = {t["target"]: t for t in report.targets(results)}
    assert got["M: check + gaps / C-parse floor (rapidyaml)"]["value"] == pytest.approx(0.4)
    assert got["M: check + gaps / C-parse floor (rapidyaml)"]["met"]
    assert "check + gaps / rapidyaml parse alone: 8.0x" in report.text(results | {"targets": list(got.values())})


def test_an_unmeasured_target_is_not_met():
    cpu = {"floor_parse": 1.0, "load": 1.0, "resolve": 0.5}
    results = {"sizes": {"S": _size(10, cpu)}}
    results["sizes"]["S"]["measure"]["stages"].append(
        {"name": "analyse", "status": "not available yet", "cpu": None, "wall": None, "peak_mb": 1.0, "note": "",
         "extra": {}})
    got = {t["target"]: t for t in report.targets(results)}
    gaps = got["S: check + gaps / C-parse floor"]
    assert gaps["value"] is None and not gaps["met"] and "analyse: not available yet" in gaps["why"]


def test_cases_are_generated_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.setitem(run.SIZES, "S", 3)
    folder = run.ensure_case(tmp_path, "S")
    marker = folder / "marker.txt"
    marker.write_text("kept")
    assert run.ensure_case(tmp_path, "S") == folder and marker.exists()
    stamp = json.loads((tmp_path / "S.synth.json").read_text())
    assert stamp["incidents"] == 3
    run.ensure_case(tmp_path, "S", regenerate=True)
    assert not marker.exists()
