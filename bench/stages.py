"""One size, measured in one process: every stage of the pipeline, and the two floors.

The stages are the ones ``casebuilder.build.build`` runs, called one by one so that each can be
timed: load, resolve, analyse (the case's standard; then the other standards, which the brief
compares), protect (the audience's view and the strings the audit looks for), render HTML,
render PDF, audit.  A stage whose module is not importable yet is reported as
"not available yet"; one that breaks is reported as "failed" with the error — never faked.

The floors are measured on the same input in the same process: PyYAML's C loader on the same
YAML bytes (with the garbage collector on and paused, keeping the lower), rapidyaml's parse alone
on the same bytes (the floor of the loader's fast path), and WeasyPrint alone on the final HTML
with the same bundled assets (no PDF/A conversion, no attachment).

    python -m bench.stages CASE_DIR [--budget SECONDS] [--no-pdf]     (prints one JSON object)
    python -m bench.stages CASE_DIR --check-only                      (one timed api.check call)
    python -m bench.stages CASE_DIR --rounds N [--against CHECKOUT]   (check + gaps ÷ floor, N pairs)

``--rounds N`` answers one question, check + gaps ÷ the PyYAML C-loader floor, on a machine whose
speed moves by a quarter between runs minutes apart: N rounds, each a fresh process that times the
floor and then check + gaps on the same bytes (``--stop-after analyse``, as one run does), so the
two figures of a pair are seconds apart and most of the drift cancels in their ratio.  It prints
each pair's ratio (CPU and wall) and the median of the pairs, the load average when each began,
and the peak memory of each round (each process's own, measured as one run measures it: the
high-water mark of the load, resolve and analyse stages).  ``--against CHECKOUT`` (another
checkout's root, e.g. an export of main) runs a round of that checkout's code beside each round of
this one, alternating which goes first, on the same case and the same measurement code, and adds
the pairs' CPU ratios of check + gaps, this ÷ that (the machine's drift cancels there too).  By
default each round's floor is PyYAML's run with the collector paused (``--floor both``: also with
it on, keeping the lower, as one run does; twice the time).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from . import report
from .measure import Stage, run_stage

AUDIENCE_DEFAULT = "public"
BRIEF = "legal"


def _floor_parse(blobs: list[bytes], gc_on: bool = True) -> tuple[Stage, dict]:
    """PyYAML's C loader on ``blobs``, with the collector paused and (``gc_on``) on: the lower CPU."""
    import yaml

    loader = yaml.CSafeLoader

    def parse():
        for b in blobs:
            yaml.load(b, Loader=loader)

    on, _ = run_stage("floor: PyYAML C loader (gc on)", parse) if gc_on else (Stage("floor: PyYAML C loader (gc on)", "not run"), None)
    gc.disable()
    try:
        off, _ = run_stage("floor: PyYAML C loader (gc paused)", parse)
    finally:
        gc.enable()
    best = min((s for s in (on, off) if s.cpu is not None), key=lambda s: s.cpu)
    return best, {"gc_on_cpu": on.cpu, "gc_paused_cpu": off.cpu}


def _floor_rapidyaml(blobs: list[bytes]) -> Stage | None:
    """rapidyaml's parse alone on the same bytes (trees built and dropped, no Python values): the
    floor of the loader's fast path (casebuilder/yamlryml.py).  None without the wheel."""
    try:
        import ryml
    except ImportError:
        return None

    def parse():
        for b in blobs:
            ryml.parse_in_arena(b)

    st, _ = run_stage("floor: rapidyaml parse", parse)
    st.name = "floor_rapidyaml"
    return st


def _import_stages() -> None:
    """Import what the stages import lazily, before any is timed: the floors are timed without
    importing their parsers, and importing is a constant, not work on the case (it is the larger
    where Python may not write bytecode, PYTHONDONTWRITEBYTECODE: 0.1 s of check + gaps on M)."""
    import importlib

    for name in ("casebuilder.analyse", "casebuilder.analyse.treaties", "casebuilder.isocodes",
                 "casebuilder.un.checks", "casebuilder.build"):
        try:
            importlib.import_module(name)
        except ImportError:  # a stage whose module is missing reports itself (see measure)
            pass


def measure(case_dir: Path, budget: float, pdf: bool = True, stop_after: str | None = None,
            floor_gc_on: bool = True) -> dict:
    """Every stage on ``case_dir`` (up to ``stop_after``); returns {"stages": [...], "facts": {...}}.
    ``floor_gc_on``: False times PyYAML's floor with the collector paused only (see --rounds)."""
    os.environ["CASEBUILDER_NO_CACHE"] = "1"  # the cold path; the cache is measured by bench.run
    from casebuilder.api import Checked, frameworks
    from casebuilder.diagnostics import Diagnostics
    from casebuilder.load import case_files, load_case
    from casebuilder.resolve import resolve
    _import_stages()

    stages: list[Stage] = []
    facts: dict = {}

    def stage(name, fn, **kw):
        st, result = run_stage(name, fn, budget)
        st.extra.update(kw)
        stages.append(st)
        print(f"  {name}: {st.status} {'' if st.cpu is None else f'{st.cpu:.2f} s cpu'}", file=sys.stderr)
        return st, result

    files = case_files(case_dir, Diagnostics())
    blobs = [p.read_bytes() for p in files]
    facts.update(files=len(files), bytes=sum(map(len, blobs)))
    floor, extra = _floor_parse(blobs, floor_gc_on)
    floor.name = "floor_parse"
    floor.extra.update(extra)
    stages.append(floor)
    ryml_floor = _floor_rapidyaml(blobs)
    if ryml_floor is not None:
        stages.append(ryml_floor)
    del blobs

    fs, fdiags = frameworks(None)
    diags = Diagnostics()
    diags.extend(fdiags)
    _, case = stage("load", lambda: load_case(case_dir, diags))
    stage("resolve", lambda: resolve(case, fs, diags, None))
    facts.update(errors=len(diags.errors), warnings=len(diags.warnings), evidence=len(case.evidence),
                 incidents=len(case.incidents), persons=len(case.persons), allegations=len(case.allegations),
                 links=sum(len(a.links) for a in case.allegations))
    if diags.has_errors():
        facts["first_error"] = str(diags.errors[0].message)
        return {"stages": [s.as_dict() for s in stages], "facts": facts}
    checked = Checked(case, fs, diags)
    standard, audience = case.info.standard, case.info.audience or AUDIENCE_DEFAULT

    def analyse_one():
        from casebuilder.analyse import analyse
        return analyse(case, fs, standard)

    st, analysis = stage("analyse", analyse_one)
    if analysis is None or stop_after == "analyse":
        return {"stages": [s.as_dict() for s in stages], "facts": facts}

    def analyse_others():  # what build adds for this brief (the review brief compares every standard)
        from casebuilder.build import compared
        return compared(case, fs, analysis, BRIEF)

    _, by_standard = stage("analyse_other_standards", analyse_others)

    def protect():
        from casebuilder.build import _protect
        return _protect(checked, analysis, by_standard, BRIEF, audience)

    _, protected_view = stage("protect", protect)
    if protected_view is None:
        return {"stages": [s.as_dict() for s in stages], "facts": facts}
    view, protected = protected_view

    def html():
        from casebuilder.render.html import render_html
        return render_html(view, BRIEF, None)

    _, html_text = stage("render_html", html)
    if html_text is None:
        return {"stages": [s.as_dict() for s in stages], "facts": facts}
    facts["html_bytes"] = len(html_text.encode("utf-8"))
    if not pdf:
        return {"stages": [s.as_dict() for s in stages], "facts": facts}

    from casebuilder.build import _default_templates, pdf_attachments
    assets = _default_templates() / "assets"

    def render_pdf():
        from casebuilder.render.pdf import render_pdf as to_pdf
        data, _refused = to_pdf(html_text, case.info.date.start, pdf_attachments(view, analysis, checked, audience),
                                assets=assets)
        return data

    st, pdf_bytes = stage("render_pdf", render_pdf)
    if pdf_bytes is None:
        return {"stages": [s.as_dict() for s in stages], "facts": facts}
    facts["pdf_bytes"] = len(pdf_bytes)
    facts["pages"] = _pages(pdf_bytes)

    def audit():
        from casebuilder.audit import audit_bytes
        leaks = audit_bytes(pdf_bytes, "pdf", protected)
        if leaks:
            raise RuntimeError(f"the audit found {len(leaks)} leak(s) in the synthetic brief")
        return True

    stage("audit", audit)

    def weasy_alone():
        from weasyprint import HTML
        from casebuilder.render.pdf import SafeFetcher
        base = assets.resolve().as_uri() + "/"
        return HTML(string=html_text, url_fetcher=SafeFetcher(assets), base_url=base).write_pdf()

    st, _ = stage("floor_weasyprint", weasy_alone)
    return {"stages": [s.as_dict() for s in stages], "facts": facts}


def _pages(pdf: bytes) -> int | None:
    try:
        import io

        import pypdf
        return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    except Exception:
        return None


def check_once(case_dir: Path) -> dict:
    """``api.check`` as a command runs it (cache as configured by the environment), timed."""
    from casebuilder.api import check, frameworks

    frameworks(None)
    st, res = run_stage("check", lambda: check(case_dir))
    return st.as_dict() | {"diagnostics": None if res is None else len(res.diagnostics)}


CHECK_GAPS = report.CHECK + report.GAPS  # ("load", "resolve", "analyse")
# A round's process: this bench's modules from this checkout, casebuilder from the checkout measured
# (first on the path, before this one and the installed package; its frameworks come with it).
_ROUND = """import json, sys
a = json.loads(sys.argv[1])
sys.path.insert(0, a["bench"])
import bench.stages as s
sys.path.insert(0, a["code"])
print(json.dumps(s.one_round(a["case"], a["budget"], a["floor_gc_on"], a["code"])))
"""


def one_round(case_dir: str, budget: float, floor_gc_on: bool, code: str | None = None) -> dict:
    """One round of --rounds, in this process: the floor, then check + gaps (see the module doc).
    ``code``: the checkout whose casebuilder must be the one imported (never another, silently)."""
    import casebuilder

    root = Path(casebuilder.__file__).resolve().parent.parent
    if code is not None and root != Path(code).resolve():
        raise SystemExit(f"casebuilder was imported from {root}, not from {code}")
    load_avg = os.getloadavg()[0]
    out = measure(Path(case_dir), budget, pdf=False, stop_after="analyse", floor_gc_on=floor_gc_on)
    by = {st["name"]: st for st in out["stages"]}
    row = {"code": str(root), "load_avg": load_avg,
           "facts": out["facts"], "stages": out["stages"]}
    floor = by.get("floor_parse")
    if floor and floor["cpu"] and all(n in by and by[n]["status"] == "ok" for n in CHECK_GAPS):
        row["floor_cpu"], row["floor_wall"] = floor["cpu"], floor["wall"]
        row["cg_cpu"], row["cg_wall"] = report.total(out, CHECK_GAPS), report.total_wall(out, CHECK_GAPS)
        row["ratio_cpu"], row["ratio_wall"] = row["cg_cpu"] / floor["cpu"], row["cg_wall"] / floor["wall"]
        row["peak_mb"] = report.peak(out, CHECK_GAPS)
        ryml = by.get("floor_rapidyaml")
        if ryml and ryml["cpu"]:
            row["ryml_cpu"] = ryml["cpu"]
    return row


def _run_round(code: Path, case_dir: Path, budget: float, floor_gc_on: bool) -> dict:
    arg = json.dumps({"bench": str(HERE.parent), "code": str(code), "case": str(case_dir), "budget": budget,
                      "floor_gc_on": floor_gc_on})
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", _ROUND, arg], env=env, cwd=str(case_dir.parent),
                          capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"code": str(code), "status": "failed", "note": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rounds(case_dir: Path, n: int, budget: float, against: Path | None = None, floor_gc_on: bool = False) -> dict:
    """--rounds: ``n`` rounds of this checkout (and of ``against``, alternating which runs first)."""
    sides = {"this": HERE.parent.resolve()}
    if against is not None:
        sides["against"] = against.resolve()
    rows: dict[str, list] = {name: [] for name in sides}
    for r in range(n):
        order = list(sides) if r % 2 == 0 else list(reversed(sides))
        for name in order:
            row = _run_round(sides[name], case_dir.resolve(), budget, floor_gc_on)
            row["round"], row["position"] = r + 1, order.index(name)
            rows[name].append(row)
            print(_line(name, row), file=sys.stderr)
    out: dict = {"case": str(case_dir), "rounds": n, "floor": "gc paused and on, lower" if floor_gc_on else "gc paused",
                 "sides": {name: str(path) for name, path in sides.items()}, "rows": rows, "summary": {}}
    for name, rs in rows.items():
        ok = [x for x in rs if "ratio_cpu" in x]
        if ok:
            out["summary"][name] = {
                "ratio_cpu": [round(x["ratio_cpu"], 3) for x in ok],
                "median_ratio_cpu": round(statistics.median(x["ratio_cpu"] for x in ok), 3),
                "median_ratio_wall": round(statistics.median(x["ratio_wall"] for x in ok), 3),
                "median_cg_cpu": round(statistics.median(x["cg_cpu"] for x in ok), 2),
                "median_floor_cpu": round(statistics.median(x["floor_cpu"] for x in ok), 2),
                "peak_mb": [round(x["peak_mb"]) for x in ok],
                "failed": len(rs) - len(ok),
            }
    if against is not None:
        pairs = [(a["cg_cpu"] / b["cg_cpu"], a["ratio_cpu"] / b["ratio_cpu"])
                 for a, b in zip(rows["this"], rows["against"]) if "cg_cpu" in a and "cg_cpu" in b]
        if pairs:
            out["summary"]["this_over_against"] = {
                "cg_cpu": [round(p[0], 3) for p in pairs], "median_cg_cpu": round(statistics.median(p[0] for p in pairs), 3),
                "ratio_cpu": [round(p[1], 3) for p in pairs],
                "median_ratio_cpu": round(statistics.median(p[1] for p in pairs), 3)}
    return out


def _line(name: str, row: dict) -> str:
    if "ratio_cpu" not in row:
        return f"round {row.get('round')} {name}: failed {row.get('note', '')[-300:]}"
    by = {st["name"]: st for st in row["stages"]}
    parts = " / ".join(f"{by[n]['cpu']:.2f}" for n in CHECK_GAPS)
    return (f"round {row['round']} {name}: load avg {row['load_avg']:.1f}; floor {row['floor_cpu']:.2f} s cpu "
            f"({row['floor_wall']:.2f} wall); load/resolve/analyse {parts}; check + gaps {row['cg_cpu']:.2f} s cpu "
            f"({row['cg_wall']:.2f} wall); ratio {row['ratio_cpu']:.3f} cpu, {row['ratio_wall']:.3f} wall; "
            f"peak {row['peak_mb']:.0f} MB")


HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.stages")
    ap.add_argument("case", type=Path)
    ap.add_argument("--budget", type=float, default=1800.0, help="seconds any one stage may take")
    ap.add_argument("--no-pdf", action="store_true", help="stop after the HTML (no PDF, audit or WeasyPrint floor)")
    ap.add_argument("--check-only", action="store_true", help="time one api.check() call (for the cache)")
    ap.add_argument("--stop-after", choices=["analyse"], default=None, help="stop after check + gaps")
    ap.add_argument("--rounds", type=int, default=None, metavar="N",
                    help="N rounds of floor then check + gaps, each in a fresh process: each pair's ratio and the median")
    ap.add_argument("--against", type=Path, default=None, metavar="CHECKOUT",
                    help="with --rounds: also run each round on another checkout's code (alternating which goes first)")
    ap.add_argument("--floor", choices=["paused", "both"], default="paused",
                    help="with --rounds: PyYAML's floor with the collector paused, or also on (the lower; twice the time)")
    a = ap.parse_args(argv)
    if a.rounds is not None:
        out = rounds(a.case, a.rounds, a.budget, a.against, a.floor == "both")
        print(json.dumps(out["summary"], indent=1), file=sys.stderr)
        print(json.dumps(out))
        return 0
    out = check_once(a.case) if a.check_only else measure(a.case, a.budget, not a.no_pdf, a.stop_after)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
