"""The leak matcher after an edit: a fresh ``protected_matcher`` against the incremental one.

    python -m bench.matcher [CASE]

Without CASE, the M synthetic case (bench/out/serve-2000, generated as bench/serve.py does). The
case is checked once; each edit then replaces the edited objects by changed copies (as the
workspace's re-check gives them: every other object the same as before), and times, in this one
process (CPU seconds, the garbage collector paused as the workspace pauses it), a fresh
``protected_matcher`` and ``IncrementalMatcher.update`` on the same case, and checks that the two
give the same needles.  The edits: a visible item's summary reworded, a withheld item's summary
reworded, a protected person added, a visible item withheld, and each undone.  No target is
asserted here (#23: an edit reflected in the workspace in < 2x the warm check; see bench/serve.py).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", nargs="?")
    args = ap.parse_args(argv)
    case_dir = Path(args.case) if args.case else OUT / "serve-2000"
    if not case_dir.exists():
        from .synth import main as synth
        synth([str(case_dir), "--incidents", "2000"])

    from casebuilder import gcpause
    from casebuilder.api import check
    from casebuilder.build import _leaves
    from casebuilder.models import Person
    from casebuilder.protect import Protector, protected_matcher
    from casebuilder.protect.incremental import IncrementalMatcher

    checked = check(case_dir)
    case, fs = checked.case, checked.frameworks
    audience = case.info.audience
    law = [leaf.text for fid in case.info.frameworks if fid in fs.frameworks for leaf in _leaves(fs.frameworks[fid])]
    inc = IncrementalMatcher()

    def cpu(fn):
        with gcpause.paused():
            t = time.process_time()
            res = fn()
            return res, time.process_time() - t

    def both():
        (_, fresh), tf = cpu(lambda: protected_matcher(case, audience, law, Protector(case, audience)))
        (_, m), ti = cpu(lambda: inc.update(case, audience, law, Protector(case, audience)))
        same = [(n.item, m.keys[n.key]) for n in m.needles] == [(n.item, fresh.keys[n.key]) for n in fresh.needles]
        return tf, ti, same, dict(inc.last)

    prot = Protector(case, audience)
    visible = next(i for i, e in enumerate(case.evidence) if prot.can_see(e) and e.summary)
    withheld = next(i for i, e in enumerate(case.evidence) if not prot.can_see(e) and e.summary)

    def set_item(i, **update):
        before = case.evidence[i]
        case.evidence[i] = before.model_copy(update=update)
        return lambda: case.evidence.__setitem__(i, before)

    def add_person():
        case.persons.append(Person.model_validate({"id": "p-zz-bench", "role": "witness", "protection": "pseudonym",
                                                   "name": "Benchmark Tavshor-Melrid"}))
        return case.persons.pop

    edits = [
        ("a visible item's summary reworded", lambda: set_item(visible, summary="Reworded. " + case.evidence[visible].summary)),
        ("a withheld item's summary reworded", lambda: set_item(withheld, summary="Reworded. " + case.evidence[withheld].summary)),
        ("a protected person added", add_person),
        ("a visible item withheld", lambda: set_item(visible, confidentiality="strictly-confidential")),
    ]
    rows = [("first (nothing kept yet)", *both())]
    rows.append(("again, nothing changed", *both()))
    for name, edit in edits:
        undo = edit()
        rows.append((name, *both()))
        undo()
        rows.append(("  ... undone", *both()))
    print(f"leak matcher on {case_dir} ({len(case.persons):,} persons, {len(case.evidence):,} items); CPU seconds of one run")
    print(f"  {'':<38} {'fresh':>7} {'incr.':>7} {'ratio':>6}  same  what the incremental update did")
    for name, tf, ti, same, last in rows:
        did = ", ".join(f"{k}: {v}" for k, v in last.items() if v)
        print(f"  {name:<38} {tf:7.3f} {ti:7.3f} {ti / tf:6.2f}  {'yes' if same else 'NO':<4}  {did}")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
