"""The workspace (`casebuilder serve`) on a large case: how fast the matrix page comes, and an edit.

    python -m bench.serve [CASE] [--incidents 2000]

Without CASE, generates the M synthetic case (bench/synth.py, 2,000 incidents) into bench/out/.
Measured in this one process, wall and CPU seconds, the check cache in a fresh temporary folder:

* ``check cold`` and ``check warm``: `casebuilder check`'s work (api.check), the second through the cache;
* ``workspace start``: the first snapshot (check through the cache, analysis under every standard,
  the protected view, the leak matcher) — what `serve` does before it answers;
* ``matrix first`` / ``matrix warm``: GET /matrix after that first check, then again (median of 5);
* ``element page``: GET of one element page (its chains drawn);
* ``matrix other standard``: GET /matrix?standard=… (its view is built on first use);
* ``element page after the edit``: the first page after an edit that needs the whole protected view
  (the matrix page reads only its part of it; the whole view is built on such a first request);
* ``edit reflected``: five edits (a comment; the summary of an item withheld from the audience
  reworded, which changes the strings the leak audit seeks; the summary of a visible item reworded,
  the commonest edit a reviewer makes; an item's credibility changed; a link's stance turned), each
  the rebuild the watcher would do and GET /matrix — to compare with ``check warm``.

``--repeat N`` (default 1): ``check warm`` and each edit are timed N times and the median shown (a
text reworded anew each time, as a reviewer's next wording is: each time is a first); on a shared
machine one timing can be off by a third either way.

Ratios are of figures of this one run; no target is asserted here (the issue's: matrix < 1 s after
the first check; an edit reflected in < 2x the warm check).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def _timed(fn):
    w, c = time.perf_counter(), time.process_time()
    res = fn()
    return res, time.perf_counter() - w, time.process_time() - c


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", nargs="?", help="a case folder (default: generate the M synthetic case)")
    ap.add_argument("--incidents", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=1, help="time check warm and each edit N times, show the median")
    args = ap.parse_args(argv)
    os.environ.pop("CASEBUILDER_NO_CACHE", None)
    os.environ["CASEBUILDER_CACHE_DIR"] = tempfile.mkdtemp(prefix="casebuilder-bench-cache-")

    if args.case:
        case = Path(args.case)
    else:
        case = OUT / f"serve-{args.incidents}"
        if not case.exists():
            from .synth import main as synth
            synth([str(case), "--incidents", str(args.incidents)])

    from casebuilder.api import check
    from casebuilder.serve import Workspace, create_app
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    rows = []
    _, w, c = _timed(lambda: check(case))
    rows.append(("check cold", w, c))
    cold_check = w
    w, c = _median([_timed(lambda: check(case))[1:] for _ in range(args.repeat)])
    rows.append(("check warm" + _times(args.repeat), w, c))
    warm_check, warm_cpu = w, c
    ws, w, c = _timed(lambda: Workspace(case))
    rows.append(("workspace start", w, c))
    if not ws.snapshot.ok:
        print("the case has errors:", *ws.snapshot.errors[:5], sep="\n  ", file=sys.stderr)
        return 1
    client = TestClient(create_app(case, workspace=ws, watch=False), base_url="http://127.0.0.1")
    r, w, c = _timed(lambda: client.get("/matrix"))
    assert r.status_code == 200, r.text[:300]
    rows.append(("matrix first", w, c))
    matrix_first = w
    times = [_timed(lambda: client.get("/matrix"))[1:] for _ in range(5)]
    rows.append(("matrix warm (median of 5)", statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)))
    view = ws.snapshot.view(None)
    a = next(a for a in view["allegations"] if a["elements"] and a["provision"])
    e = max(a["elements"], key=lambda e: len(e["supporting"]))
    r, w, c = _timed(lambda: client.get(f"/allegations/{a['id']}/elements/{e['id']}"))
    assert r.status_code == 200
    rows.append((f"element page ({len(e['supporting'])} items for)", w, c))
    other = next(s["id"] for s in ws.snapshot.standards if s["id"] != ws.snapshot.default_standard)
    r, w, c = _timed(lambda: client.get(f"/matrix?standard={other}"))
    rows.append(("matrix other standard (first)", w, c))

    _, w, c = _timed(ws.prepare)
    rows.append(("each file read alone (after start, once)", w, c))
    ws.settle()  # what the watcher does next (after the whole view: not built here)

    def reflect():
        ws.refresh()
        for fn in ws.on_change:  # what the watcher does after a rebuild: pre-render the matrix
            fn()
        return client.get("/matrix")

    edits = _edits(case, ws.snapshot)
    edit_rows = []
    for name, path, change in edits:
        times = []
        for k in range(args.repeat):
            text = path.read_text(encoding="utf-8")
            path.write_text(change(text, k), encoding="utf-8")
            try:
                r, w, c = _timed(reflect)
            finally:
                path.write_text(text, encoding="utf-8")
            assert r.status_code == 200 and ws.snapshot.ok, ws.snapshot.errors[:3]
            times.append((w, c))
            reflect()  # back to the original (not timed)
            ws.settle()  # as the watcher does once a new snapshot's pages are ready
        w, c = _median(times)
        rows.append((f"edit reflected: {name}" + _times(args.repeat), w, c))
        edit_rows.append((name, w, c))
    r, w, c = _timed(lambda: client.get("/matrix"))
    rows.append(("matrix after the edit (pre-rendered)", w, c))
    r, w, c = _timed(lambda: client.get(f"/allegations/{a['id']}/elements/{e['id']}"))
    assert r.status_code == 200
    rows.append(("element page after the edit (whole view built)", w, c))

    size = f"{len(ws.snapshot.evidence):,} items, {len(view['allegations'])} allegations"
    print(f"casebuilder serve on {case} ({size}); wall and CPU seconds of one run")
    for name, w, c in rows:
        print(f"  {name:<48} {w:8.3f} s wall  {c:8.3f} s CPU")
    print(f"  matrix first ÷ 1 s target: {matrix_first:.2f}x")
    for name, w, c in edit_rows:
        print(f"  edit reflected ({name}) ÷ warm check: {w / warm_check:.2f}x wall, {c / warm_cpu:.2f}x CPU "
              f"(target < 2x);  ÷ cold check: {w / cold_check:.2f}x wall")
    return 0


def _median(times: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median CPU time of some timings."""
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def _times(n: int) -> str:
    return f" (median of {n})" if n > 1 else ""


def _edits(case: Path, snap) -> list[tuple]:
    """Five edits a reviewer makes: a comment, the summary of an item withheld from the audience
    reworded, the summary of a visible item reworded, an item's credibility changed, a link's stance
    turned (the items are two of one file's, told apart by the workspace's own protector)."""
    files = sorted(case.rglob("*.yaml"))
    links = next(p for p in files if p.name == "allegations.yaml" and "stance: contradicts" in p.read_text(encoding="utf-8"))
    prot, evidence = snap.protector, snap.checked.case.evidence
    for items in files:
        text = items.read_text(encoding="utf-8")
        if "allegations" in items.name or "\nevidence:" not in text:
            continue
        here = [e for e in evidence if e.summary and f"\n  - id: {e.id}\n" in text]
        withheld = next((e.id for e in here if not prot.can_see(e)), None)
        visible = next((e.id for e in here if prot.can_see(e)), None)
        if withheld and visible and "credibility: 2" in text:
            break
    else:
        raise SystemExit("no case file holds both a withheld and a visible item with a summary")

    def reword(item: str):
        def change(text: str, k: int = 0) -> str:  # the k-th wording (the first as it always was)
            at = text.index(f"\n  - id: {item}\n")
            head, _, rest = text[at:].partition("\n    summary: ")
            again = f" Once more ({k})." if k else ""
            return text[:at] + head + f"\n    summary: Reworded by the benchmark.{again} " + rest
        return change

    return [("a comment appended", items, lambda t, k=0: t + f"\n# bench: touched{f' ({k})' if k else ''}\n"),
            ("a withheld item's summary reworded", items, reword(withheld)),
            ("a visible item's summary reworded", items, reword(visible)),
            ("an item's credibility changed", items, lambda t, k=0: t.replace("credibility: 2", "credibility: 5", 1)),
            ("a link's stance turned", links, lambda t, k=0: t.replace("stance: contradicts", "stance: supports", 1))]


if __name__ == "__main__":
    sys.exit(main())
