"""Mutation testing of the modules whose mistakes hurt users most; not part of CI (it takes long).

    pip install -e '.[test,mutation]'
    python -m bench.mutation                     # every group below
    python -m bench.mutation dates write         # some groups
    python -m bench.mutation --list              # the groups and what they mutate

Each group is mutated by mutmut in a scratch copy of the repository (bench/out/mutation/<group>/),
never in the work tree, with the tests that exercise it; the report gives the kill rate per group
(killed / (killed + survived); mutants mutmut could not run — "not checked", timeouts — are counted
apart) and the surviving mutants by name, and is written to bench/out/mutation.json.  To inspect a
survivor: `cd bench/out/mutation/<group> && mutmut show <name>`.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"

# group -> (paths mutmut mutates, tests that exercise them, target kill rate)
GROUPS: dict[str, tuple[list[str], list[str], float]] = {
    "analyse": (["casebuilder/analyse"], ["tests/analyse", "tests/frameworks"], 0.90),
    "protect": (["casebuilder/protect"], ["tests/protect"], 0.90),
    "audit": (["casebuilder/audit"], ["tests/protect", "tests/render"], 0.85),
    "dates": (["casebuilder/models/dates.py"], ["tests/test_dates.py"], 0.85),
    "write": (["casebuilder/write.py"], ["tests/integrity/test_atomic.py", "tests/protect"], 0.85),
    "integrity": (["casebuilder/integrity"], ["tests/integrity"], 0.85),
}
SKIP = {".git", ".venv", "build", "mutants", ".pytest_cache", ".hypothesis", ".casebuilder-cache", "out"}
RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>.+?)\s*$")


def _scratch(group: str, paths: list[str], tests: list[str]) -> Path:
    dest = OUT / "mutation" / group
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(REPO, dest, ignore=lambda d, names: [n for n in names if n in SKIP or n == "__pycache__"])
    config = ("\n[tool.mutmut]\n"
              f"paths_to_mutate = {json.dumps(paths)}\n"
              f"tests_dir = {json.dumps(tests)}\n"
              # mutmut copies only what it mutates; the rest of the package, the data and the tests come along
              'also_copy = ["casebuilder", "frameworks", "templates", "cases", "tests"]\n')
    with open(dest / "pyproject.toml", "a", encoding="utf-8") as fh:
        fh.write(config)
    return dest


def run_group(group: str) -> dict:
    paths, tests, target = GROUPS[group]
    where = _scratch(group, paths, tests)
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run"], cwd=where, check=False, stdout=subprocess.DEVNULL)
    listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=where, capture_output=True, text=True).stdout
    statuses: dict[str, str] = {}
    for line in listing.splitlines():
        if m := RESULT.match(line):
            statuses[m["name"]] = m["status"]
    count = Counter(statuses.values())
    decided = count["killed"] + count["survived"]
    rate = count["killed"] / decided if decided else 0.0
    return {"group": group, "mutated": paths, "tests": tests, "target": target, "kill_rate": round(rate, 3),
            "counts": dict(count), "survivors": sorted(n for n, s in statuses.items() if s == "survived")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("groups", nargs="*", metavar="GROUP", help="groups to run (default: all of " + ", ".join(GROUPS) + ")")
    ap.add_argument("--list", action="store_true", help="list the groups and exit")
    args = ap.parse_args(argv)
    if args.list:
        for g, (paths, tests, target) in GROUPS.items():
            print(f"{g:10} {', '.join(paths)}  <- {', '.join(tests)}  (target {target:.0%})")
        return 0
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        ap.error(f"unknown group {', '.join(unknown)}; the groups are {', '.join(GROUPS)}")
    report = [run_group(g) for g in (args.groups or list(GROUPS))]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "mutation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'group':10} {'killed':>7} {'survived':>9} {'other':>6} {'kill rate':>10} {'target':>7}")
    for r in report:
        c = r["counts"]
        other = sum(v for k, v in c.items() if k not in ("killed", "survived"))
        flag = "" if r["kill_rate"] >= r["target"] else "  below target"
        print(f"{r['group']:10} {c.get('killed', 0):7} {c.get('survived', 0):9} {other:6} "
              f"{r['kill_rate']:10.1%} {r['target']:7.0%}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
