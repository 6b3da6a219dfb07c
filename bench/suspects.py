"""Cost of the per-suspect analysis against the allegations' own analysis, on a synthetic case.

    python -m bench.suspects [--incidents N] [--suspects K] [--seed S]

Generates a case with bench/synth.py (N incidents, default 2,000: size M), adds K suspects (default
200) with three charges each (random non-context allegations, random modes of liability, one link
per linkage element to a random evidence item) and times, in one process and in CPU seconds:
`check`, the allegations' analysis, the suspects' analysis reusing it (the crime base), and
readiness under the three person standards.  Prints each figure and the ratios to the allegations'
analysis.  Nothing here runs in the test suite.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from casebuilder.analyse import analyse
from casebuilder.analyse.liability import analyse_suspects, readiness
from casebuilder.api import check
from casebuilder.suspects import liability_modes

from . import yamlout
from .synth import generate


def add_suspects(case_dir: Path, k: int, seed: int) -> None:
    checked = check(case_dir)
    case, fs = checked.case, checked.frameworks
    rng = random.Random(seed)
    modes = liability_modes(fs)
    mode_ids = sorted(modes)
    allegations = sorted(a.id for a in case.allegations if not a.context)
    evidence = sorted(e.id for e in case.evidence)
    suspects, charges = [], []
    for i in range(k):
        sid = f"sus-{i:04d}"
        office = rng.choice(["head-of-state", "military-commander", "civilian-superior", "other"])
        suspects.append({"id": sid, "name": f"Synthetic Suspect {i:04d}", "nationality": ["IR"],
                         "positions": [{"title": f"Office {i}", "office": office, "from": "2020-01-01"}],
                         "confidentiality": "public"})
        for j in range(3):
            mode = rng.choice(mode_ids)
            leaves = [e.id for e in modes[mode][1].leaves()]
            charges.append({"id": f"ch-{i:04d}-{j}", "suspect": sid, "allegation": rng.choice(allegations),
                            "mode": mode, "links": [{"element": el, "evidence": [rng.choice(evidence)]}
                                                    for el in leaves]})
    (case_dir / "suspects.yaml").write_text(yamlout.dump({"suspects": suspects, "charges": charges}),
                                            encoding="utf-8")


def _cpu(fn):
    t = time.process_time()
    out = fn()
    return out, time.process_time() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=2_000)
    ap.add_argument("--suspects", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = Path(tmp) / "case"
        generate(case_dir, args.incidents, args.seed)
        add_suspects(case_dir, args.suspects, args.seed)
        checked, t_check = _cpu(lambda: check(case_dir))
        if checked.diagnostics.has_errors():
            print(checked.diagnostics.render() if hasattr(checked.diagnostics, "render") else "check failed",
                  file=sys.stderr)
            return 1
        case, fs = checked.case, checked.frameworks
        crime, t_crime = _cpu(lambda: analyse(case, fs))
        sa, t_sus = _cpu(lambda: analyse_suspects(case, fs, crime=crime))
        _, t_ready = _cpu(lambda: readiness(case, fs))
        n = len(sa.charges())
        print(f"{args.incidents} incidents, {len(case.evidence)} evidence items, {len(case.allegations)} allegations; "
              f"{args.suspects} suspects, {n} charges")
        print(f"check                         {t_check:8.2f} s")
        print(f"allegations' analysis         {t_crime:8.2f} s")
        print(f"suspects' analysis (reusing)  {t_sus:8.2f} s   ratio {t_sus / t_crime:5.2f}")
        print(f"readiness (3 standards)       {t_ready:8.2f} s   ratio {t_ready / t_crime:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
