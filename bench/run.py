"""The scale benchmark: every stage on S, M and L, the floors, the cache, the targets.

    python -m bench.run [--sizes S,M,L] [--out bench/out] [--json PATH] [--budget SECONDS]
                        [--no-pdf | --pdf-sizes S,M] [--jobs 2]

Each size is generated once by bench/synth.py into ``OUT/<size>`` (reused while the generator and
its parameters are unchanged) and measured in fresh processes, so that one size's memory and
caches do not colour the next: one process runs the stages and floors (bench/stages.py); two more
time ``api.check`` through the check cache, first cold (it stores), then warm (unchanged files).
The figures, ratios and targets are printed and written as JSON (default ``OUT/results.json``).
No test runs this: it takes hours on L and asserts nothing about a particular machine.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import report
from .synth import SIZES, generate

HERE = Path(__file__).resolve().parent
SEED = 1


def _generator_version() -> str:
    h = hashlib.sha256()
    for name in ("synth.py", "incidents.py", "names.py", "yamlout.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def ensure_case(out: Path, size: str, regenerate: bool = False) -> Path:
    """The case of ``size`` under ``out``, generated unless an identical one is already there."""
    folder = out / size
    stamp = out / f"{size}.synth.json"
    want = {"incidents": SIZES[size], "seed": SEED, "generator": _generator_version()}
    if not regenerate and folder.is_dir() and stamp.is_file() and json.loads(stamp.read_text()) == want:
        return folder
    print(f"generating {size} ({SIZES[size]:,} incidents) into {folder} ...", file=sys.stderr)
    stats = generate(folder, SIZES[size], SEED)
    stamp.write_text(json.dumps(want) + "\n")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in stats.items()), file=sys.stderr)
    return folder


def _child(args: list[str], env: dict | None = None) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.stages", *args], cwd=HERE.parent, env=env,
                          stdout=subprocess.PIPE, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"status": "failed", "note": f"child exited with {proc.returncode}", "stages": [], "facts": {}}
    return json.loads(lines[-1])


def measure_size(case: Path, budget: float, pdf: bool, check_gaps_only: bool = False) -> dict:
    print(f"measuring {case} ...", file=sys.stderr)
    out = {"measure": _child([str(case), "--budget", str(budget)] + ([] if pdf else ["--no-pdf"])
                             + (["--stop-after", "analyse"] if check_gaps_only else []))}
    with tempfile.TemporaryDirectory(prefix="casebuilder-bench-cache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "CASEBUILDER_NO_CACHE"}
        env["CASEBUILDER_CACHE_DIR"] = cache
        out["cold_store"] = _child([str(case), "--check-only"], env)
        out["warm"] = _child([str(case), "--check-only"], env)
    return out


def machine() -> dict:
    import pydantic
    import weasyprint
    import yaml
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "pyyaml": yaml.__version__, "pyyaml_c": bool(getattr(yaml, "__with_libyaml__", False)),
            "weasyprint": weasyprint.__version__, "pydantic": pydantic.VERSION,
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="S,M,L", help="comma-separated sizes (default S,M,L)")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where cases and results go (gitignored)")
    ap.add_argument("--json", type=Path, default=None, help="result file (default OUT/results.json)")
    ap.add_argument("--budget", type=float, default=3600.0, help="seconds any one stage may take (default 3600)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF, the audit and the WeasyPrint floor")
    ap.add_argument("--pdf-sizes", default=None, help="render PDFs only for these sizes (default: all measured)")
    ap.add_argument("--jobs", type=int, default=1, help="sizes measured at once (CPU times stay comparable)")
    ap.add_argument("--check-gaps-only", action="store_true", help="stop after check + gaps (quick: no build)")
    ap.add_argument("--regenerate", action="store_true", help="generate the cases even if they exist")
    a = ap.parse_args(argv)
    sizes = [s.strip().upper() for s in a.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        ap.error(f"unknown size(s) {', '.join(unknown)}; expected {', '.join(SIZES)}")
    pdf_sizes = set(sizes) if a.pdf_sizes is None else {s.strip().upper() for s in a.pdf_sizes.split(",")}
    if a.no_pdf or a.check_gaps_only:
        pdf_sizes = set()
    started = time.time()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "sizes": {},
               "options": {"budget": a.budget, "pdf_sizes": sorted(pdf_sizes), "jobs": a.jobs,
                           "check_gaps_only": a.check_gaps_only}}
    cases = {size: ensure_case(a.out, size, a.regenerate) for size in sizes}
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:  # each size runs in child processes
        futures = {size: pool.submit(measure_size, cases[size], a.budget, size in pdf_sizes, a.check_gaps_only)
                   for size in sizes}
        for size in sizes:
            results["sizes"][size] = futures[size].result()
    results["targets"] = report.targets(results)
    results["seconds"] = round(time.time() - started, 1)
    path = a.json or a.out / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(report.text(results))
    print(f"\nresults written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
