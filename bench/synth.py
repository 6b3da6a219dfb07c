"""Deterministic generator of large, realistic, valid synthetic cases.

    python -m bench.synth OUT --incidents N [--seed S] [--exhibits]

The shape follows a real documentation effort on a wave of protests: a case block, sources
(NGOs, media, hospitals, the state), a chain of command, and per province and month files of
incidents with their persons (victims, detainees, protected witnesses) and evidence with hearsay
chains (testimony → social video → media report → NGO report), contradicting official
statements, attributed figures; and per province one allegations file: each provision alleged
there, with one link per incident and element, pointing at the real element ids of the
frameworks that apply (read from the loaded FrameworkSet, never typed here).

The same seed and size always give the same bytes. Sizes used by bench/run.py: S (100
incidents), M (2,000), L (20,000 incidents, about 100,000 evidence items and 200,000
element-evidence links).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

from casebuilder.api import frameworks as load_framework_set

from . import yamlout
from .incidents import BatchWriter, Plan
from .names import MEDIA, NGOS, PROVINCES

SIZES = {"S": 100, "M": 2_000, "L": 20_000}
PERIOD = (dt.date(2025, 12, 28), dt.date(2026, 2, 28))
MAX_BATCH = 30  # incidents per file: a province's month, split as a team would


def _applicable(fs) -> list:
    """Frameworks that bind outside armed conflict (the synthetic situation has none)."""
    return [fw for fid, fw in sorted(fs.frameworks.items())
            if fw.kind in ("crimes", "rights", "rules") and "none" in fw.applicability.armed_conflict]


def _sources(rng: random.Random) -> list[dict]:
    out = [{"id": "src-field-team", "name": "Case team field interviews", "kind": "witness", "reliability": "B",
            "reliability_reason": "First-hand interviews by trained staff, recorded and transcribed."},
           {"id": "src-social", "name": "Social media (various uploaders)", "kind": "media", "reliability": "F",
            "reliability_reason": "Uploaders are unknown; each item is assessed on its own."},
           {"id": "src-state-media", "name": "State broadcaster", "kind": "state", "reliability": "D",
            "reliability_reason": "Organ of the accused state; statements are self-serving.", "interested_party": True,
            "country": "IR"},
           {"id": "src-un-ffm", "name": "UN fact-finding mission (synthetic)", "kind": "un", "reliability": "A",
            "reliability_reason": "Independent mandate and published methodology."}]
    for sid, name, rel in NGOS:
        out.append({"id": sid, "name": name, "kind": "ngo", "reliability": rel,
                    "reliability_reason": "Publishes named victim lists and its verification method."})
    for sid, name in MEDIA:
        out.append({"id": sid, "name": name, "kind": "media", "reliability": rng.choice("BCC"),
                    "reliability_reason": "Established outlet; relies partly on citizen reports."})
    for i, (prov, _) in enumerate(PROVINCES):
        out.append({"id": f"src-hospital-{i:02d}", "name": f"{prov} University Hospital (records)", "kind": "medical",
                    "reliability": "B", "reliability_reason": "Official medical records, obtained by staff.",
                    "country": "IR"})
    return out


def _actors() -> list[dict]:
    out = [{"id": "a-state", "name": "Islamic Republic of Iran", "kind": "state"},
           {"id": "a-guards", "name": "Revolutionary Guards", "kind": "institution", "part_of": "a-state"},
           {"id": "a-militia", "name": "Volunteer militia", "kind": "institution", "part_of": "a-guards"},
           {"id": "a-police", "name": "Law Enforcement Command", "kind": "institution", "part_of": "a-state"},
           {"id": "a-riot", "name": "Special riot units", "kind": "unit", "part_of": "a-police"},
           {"id": "a-intel", "name": "Ministry of Intelligence", "kind": "institution", "part_of": "a-state"}]
    for i, (prov, _) in enumerate(PROVINCES):
        out.append({"id": f"a-riot-{i:02d}", "name": f"Special riot units, {prov}", "kind": "unit", "part_of": "a-riot"})
        out.append({"id": f"a-militia-{i:02d}", "name": f"Volunteer militia, {prov}", "kind": "unit",
                    "part_of": "a-militia"})
    return out


def _case_block(fws: list) -> dict:
    return {"case": {
        "id": "synthetic-protests", "title": "Synthetic case: repression of a nationwide protest movement",
        "date": "2026-11-25",
        "situation": {"state": "IR", "territory": "Islamic Republic of Iran",
                      "period": {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()},
                      "armed_conflict": "none",
                      "armed_conflict_basis": "No organised armed group took part in hostilities; the events are "
                                              "law-enforcement operations against protesters."},
        "frameworks": [fw.id for fw in fws], "standard": "reasonable-grounds", "confidentiality": "public",
        "audience": "public", "languages": ["en", "fa"], "prepared_by": "Synthetic documentation team",
        "description": "Generated by bench/synth.py for benchmarks. All persons and events are fictional.\n"}}


def _context(fws: list, reports: list[str], rng: random.Random) -> list[dict]:
    out = []
    for fw in fws:
        leaves = fw.contextual_leaves()
        if not leaves:
            continue
        links = []
        leaves = [el for el in leaves if el.scope != "act"]  # nexus and knowledge are linked on each act
        for li, el in enumerate(leaves):
            own = {r for k, r in enumerate(reports) if k % len(leaves) == li}  # every report is cited somewhere
            cited = sorted(own | set(rng.sample(reports, min(len(reports), rng.randint(3, 8)))))
            links.append({"element": el.id, "evidence": cited, "stance": "supports",
                          "note": "Situation reports describing the nationwide pattern."})
        out.append({"id": f"al-context-{fw.id.replace('/', '-')}", "framework": fw.id, "context": True,
                    "title": f"Context: {fw.title}", "links": links})
    return out


def _figures(plan: Plan, reports: list[str], rng: random.Random) -> list[dict]:
    totals = plan.totals()
    out = []
    months = ["2026-01-10", "2026-01-31", "2026-02-28"]
    counters = [("src-rights-monitor", 1.0), ("src-doc-centre", 0.9), ("src-un-ffm", 0.8), ("src-state-media", 0.2)]
    for sid, factor in counters:
        for what in ("deaths", "arrests", "injured"):
            for k, as_of in enumerate(months):
                base = int(totals[what] * factor * (k + 1) / len(months)) + 1
                fig = {"id": f"fig-{sid[4:]}-{what}-{k}", "what": what, "as_of": as_of, "scope": "nationwide",
                       "source": sid, "evidence": [rng.choice(reports)]}
                if rng.random() < 0.3:
                    fig.update({"min": base, "max": int(base * 1.3) + 1})
                else:
                    fig["value"] = base
                out.append(fig)
    return out


def generate(out: Path, incidents: int, seed: int = 1, frameworks_dir: Path | None = None,
             exhibits: bool = False) -> dict:
    """Write a case with ``incidents`` incidents into ``out`` (replaced); return counts."""
    fs, fdiags = load_framework_set(frameworks_dir)
    if fdiags.has_errors():
        raise SystemExit("the frameworks do not load cleanly; run `casebuilder frameworks` first")
    fws = _applicable(fs)
    if not fws:
        raise SystemExit("no framework applies outside armed conflict; nothing to allege")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed)
    plan = Plan(incidents, rng, PERIOD)
    n_reports = max(6, incidents // 200)
    reports = [f"ev-report-{k:04d}" for k in range(n_reports)]
    writer = BatchWriter(out, rng, fws, seed, exhibits)
    for (prov_index, month), members in plan.batches(MAX_BATCH):
        writer.write_batch(prov_index, month, members)
    writer.write_allegations()
    report_items = [{"id": rid, "kind": "report", "title": f"Situation report no. {k + 1}",
                     "source": rng.choice(["src-un-ffm", "src-intl-ngo", "src-rights-monitor"]),
                     "date": (PERIOD[0] + dt.timedelta(days=rng.randint(14, 300))).isoformat(), "language": "en",
                     "summary": "Documents killings, mass arrests and obstruction of medical care across provinces.",
                     "credibility": 2, "first_hand": "no"} for k, rid in enumerate(reports)]
    files = {
        "case.yaml": _case_block(fws),
        "sources.yaml": {"sources": _sources(rng)},
        "actors.yaml": {"actors": _actors()},
        "context/reports.yaml": {"evidence": report_items, "figures": _figures(plan, reports, rng)},
        "context/allegations.yaml": {"allegations": _context(fws, reports, rng)},
    }
    for name, data in files.items():
        p = out / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(yamlout.dump(data), encoding="utf-8")
    stats = writer.stats
    stats["evidence"] += len(report_items)
    stats["links"] += sum(len(a["links"]) for a in files["context/allegations.yaml"]["allegations"])
    stats["link_evidence"] += sum(len(lk["evidence"]) for a in files["context/allegations.yaml"]["allegations"]
                                  for lk in a["links"])
    stats["files"] += len(files)
    stats["bytes"] = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the case into (replaced if it exists)")
    ap.add_argument("--incidents", type=int, default=None, help="number of incidents")
    ap.add_argument("--size", choices=sorted(SIZES), default=None, help="S, M or L instead of --incidents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--frameworks-dir", type=Path, default=None)
    ap.add_argument("--exhibits", action="store_true", help="also write the exhibit files (for verify)")
    a = ap.parse_args(argv)
    n = a.incidents if a.incidents is not None else SIZES.get(a.size or "", None)
    if not n or n < 1:
        ap.error("give --incidents N (N >= 1) or --size S|M|L")
    stats = generate(a.out, n, a.seed, a.frameworks_dir, a.exhibits)
    print(", ".join(f"{k} {v:,}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
