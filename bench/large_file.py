"""One huge case file: memory and time of `casebuilder check` on ~59 MB of 1.5 million small items.

Issue #24 asked what happens to a case folder holding one 59 MB YAML file of 1.5 million small
items (a careless export, or a hostile author): the answer must be bounded memory and either a
clear error or success, never an exhausted machine or a traceback.

    python -m bench.large_file [--items 1500000] [--kind mappings|scalars] [--limit-mb 3072]

Writes the case into a temporary folder, runs `casebuilder check` on it in a child process (with an
address-space limit, so a regression fails instead of swapping), and prints the file size, the exit
code, the first line of the report, the CPU time and the child's peak resident memory.  The test
suite runs the same function on a tenth of the size (tests/protect/test_output_safety.py).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = {"id": "huge", "title": "Huge case", "date": "2026-01-31",
        "situation": {"state": "XX", "territory": "Somewhere", "period": {"start": "2026-01-01", "end": "2026-01-31"},
                      "armed_conflict": "none"},
        "frameworks": [], "confidentiality": "public", "audience": "public", "prepared_by": "Test NGO"}


def write_case(folder: Path, items: int, kind: str = "mappings") -> Path:
    """A case folder whose `big.yaml` holds ``items`` small items (~39 bytes each)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(json.dumps({"case": CASE}), encoding="utf-8")
    with open(folder / "big.yaml", "w", encoding="utf-8") as fh:
        fh.write("persons:\n" if kind == "mappings" else "sources:\n")
        chunk = []
        for i in range(items):
            chunk.append(f"  - {{id: p-{i:09d}, role: victim}}\n" if kind == "mappings" else f"  - item-{i:09d}-xxxxxxxxxxxxxxxxxxx\n")
            if len(chunk) == 10_000:
                fh.write("".join(chunk))
                chunk = []
        fh.write("".join(chunk))
    return folder / "big.yaml"


def run_check(case: Path, limit_mb: int | None = 3072, timeout: float = 1800) -> dict:
    """`casebuilder check CASE` in a child process: exit code, report, CPU seconds, peak RSS (MB)."""
    def limit():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))

    frameworks = Path(tempfile.mkdtemp(prefix="cb-fw-"))
    env = dict(os.environ, CASEBUILDER_NO_CACHE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "casebuilder", "check", str(case), "--frameworks-dir", str(frameworks)],
                       capture_output=True, text=True, env=env, timeout=timeout, preexec_fn=limit)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.rmdir(frameworks)
    return {"code": p.returncode, "stderr": p.stderr, "stdout": p.stdout, "wall_s": wall,
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_rss_mb": after.ru_maxrss / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1_500_000)
    ap.add_argument("--kind", choices=["mappings", "scalars"], default="mappings")
    ap.add_argument("--limit-mb", type=int, default=3072, help="address-space limit of the child (0: none)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cb-large-") as tmp:
        big = write_case(Path(tmp) / "case", args.items, args.kind)
        size = big.stat().st_size
        r = run_check(big.parent, args.limit_mb or None)
    first = next((ln for ln in r["stderr"].splitlines() if "error" in ln), r["stderr"].splitlines()[-1:] or [""])
    print(f"{args.items:,} {args.kind} in {size / 1e6:.1f} MB: exit {r['code']}, {r['cpu_s']:.1f} s CPU, "
          f"{r['wall_s']:.1f} s wall, peak {r['peak_rss_mb']:.0f} MB RSS")
    print(f"  {first[:300] if isinstance(first, str) else first}")
    return 0 if r["code"] in (0, 1) and "Traceback" not in r["stderr"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
