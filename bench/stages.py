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
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from .measure import Stage, run_stage

AUDIENCE_DEFAULT = "public"
BRIEF = "legal"


def _floor_parse(blobs: list[bytes]) -> tuple[float, dict]:
    import yaml

    loader = yaml.CSafeLoader

    def parse():
        for b in blobs:
            yaml.load(b, Loader=loader)

    on, _ = run_stage("floor: PyYAML C loader (gc on)", parse)
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


def measure(case_dir: Path, budget: float, pdf: bool = True, stop_after: str | None = None) -> dict:
    """Every stage on ``case_dir`` (up to ``stop_after``); returns {"stages": [...], "facts": {...}}."""
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
    floor, extra = _floor_parse(blobs)
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.stages")
    ap.add_argument("case", type=Path)
    ap.add_argument("--budget", type=float, default=1800.0, help="seconds any one stage may take")
    ap.add_argument("--no-pdf", action="store_true", help="stop after the HTML (no PDF, audit or WeasyPrint floor)")
    ap.add_argument("--check-only", action="store_true", help="time one api.check() call (for the cache)")
    ap.add_argument("--stop-after", choices=["analyse"], default=None, help="stop after check + gaps")
    a = ap.parse_args(argv)
    out = check_once(a.case) if a.check_only else measure(a.case, a.budget, not a.no_pdf, a.stop_after)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
