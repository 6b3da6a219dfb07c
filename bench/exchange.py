"""Spreadsheets in and out, timed against `check` (docs/exchange.md; issue: data in and out).

    python -m bench.exchange [--size M] [--rows 10000]

1. export of the synthetic case (XLSX and CSV) ÷ `check` of the same case;
2. import of ROWS new evidence rows (a CSV sheet, as a documentation team would hand over) into
   the synthetic case ÷ `check` of the resulting case;
3. peak memory while a sheet of 1,000,000 rows is streamed and refused past the row limit.

Each figure is CPU seconds in a fresh process (the check cache off), so ratios divide figures of
one run; run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .run import ensure_case

OUT = Path(__file__).resolve().parent / "out"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
what, case, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
t0 = time.process_time()
if what == "check":
    from casebuilder.api import check
    res = check(case)
    ok = not res.diagnostics.has_errors()
elif what == "export":
    from casebuilder.exchange.export import export_case
    export_case(case, arg.rsplit(".", 1)[-1] if arg.endswith(".xlsx") else "csv", "strictly-confidential", arg)
    ok = True
elif what == "import":
    from casebuilder.exchange.importer import import_sheets
    res = import_sheets(case, [Path(arg)])
    ok = res.ok()
    if not ok:
        print("\n".join(str(d.message) for d in res.diagnostics.errors[:5]), file=sys.stderr)
cpu = time.process_time() - t0
print(json.dumps({"cpu": cpu, "ok": ok, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(what: str, case: Path, arg: str = "") -> dict:
    env = {"CASEBUILDER_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, "-c", CHILD, what, str(case), arg], capture_output=True, text=True,
                       env=env, check=False)
    if p.returncode != 0:
        raise SystemExit(f"{what} failed: {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def evidence_rows(path: Path, n: int, source: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "kind", "title", "source", "date", "summary", "credibility"])
        for i in range(n):
            w.writerow([f"ev-sheet-{i:06d}", "testimony", f"Statement {i} collected by the field team", source,
                        f"2026-01-{1 + i % 28:02d}", f"A witness describes what they saw on day {1 + i % 28}.", 3])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="M")
    ap.add_argument("--rows", type=int, default=10_000)
    a = ap.parse_args(argv)
    base = ensure_case(OUT / "cases", a.size)
    work = OUT / "exchange"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    case = work / "case"
    shutil.copytree(base, case)
    report: dict = {"size": a.size, "rows": a.rows}
    chk = measure("check", case)
    report["check"] = chk
    report["export_xlsx"] = measure("export", case, str(work / "out.xlsx"))
    report["export_csv"] = measure("export", case, str(work / "out-csv"))
    from casebuilder.api import check
    source = check(case).case.sources[0].id
    sheet = work / "evidence.csv"
    evidence_rows(sheet, a.rows, source)
    report["import"] = measure("import", case, str(sheet))
    report["check_after"] = measure("check", case)
    big = work / "huge" / "actors.csv"
    big.parent.mkdir()
    with open(big, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind"])
        for i in range(1_000_000):
            w.writerow([f"act-x{i}", f"Unit {i}", "unit"])
    report["million_rows"] = _refused(case, big)
    c = chk["cpu"]
    print(f"{a.size}: check {c:.2f} s")
    print(f"export xlsx {report['export_xlsx']['cpu']:.2f} s = {report['export_xlsx']['cpu'] / c:.2f}x check")
    print(f"export csv  {report['export_csv']['cpu']:.2f} s = {report['export_csv']['cpu'] / c:.2f}x check")
    ca = report["check_after"]["cpu"]
    print(f"import of {a.rows:,} evidence rows {report['import']['cpu']:.2f} s = "
          f"{report['import']['cpu'] / ca:.2f}x check of the result ({ca:.2f} s)")
    print(f"1,000,000-row sheet refused: peak {report['million_rows']['peak_mb']:.0f} MB "
          f"(check alone {chk['peak_mb']:.0f} MB)")
    (OUT / "exchange.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


def _refused(case: Path, sheet: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, "import", str(case), str(sheet)], capture_output=True, text=True,
                       env={"CASEBUILDER_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}, check=False)
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert not out["ok"] and "rows" in p.stderr, p.stderr[-500:]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
