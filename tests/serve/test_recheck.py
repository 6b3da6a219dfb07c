"""The workspace's incremental re-check (casebuilder/serve/recheck.py): after every edit of a
sequence, what the workspace shows equals what a fresh check and analysis of the case give —
diagnostics, the analysis under more than one standard (statuses, reasons, everything) and the
protected view pages are rendered from — and the re-check really was incremental."""
from __future__ import annotations

import contextlib
import os
import shutil

import pytest

from casebuilder.serve.pageaudit import signature
from casebuilder.serve.workspace import _matrix_view

from .conftest import AUDIENCE, BUNDLED
from .test_protector_reuse import _answers

_clock = [0]


def _write(path, text: str) -> None:
    """Write and give the file a modification time of its own (two edits in one clock tick must
    still be seen, as an editor's would be a moment apart)."""
    path.write_text(text, encoding="utf-8")
    _clock[0] += 1
    t = 1_900_000_000_000_000_000 + _clock[0] * 1_000_000_000
    os.utime(path, ns=(t, t))


def _step(ws, path, text: str, standards: int = 2) -> None:
    """One edit: written, picked up as a new snapshot, and equal to a fresh check."""
    _write(path, text)
    assert ws.refresh()
    _assert_same(ws, ws.case_dir, standards)


def _fresh(case_dir):
    from casebuilder.serve import Workspace
    return Workspace(case_dir, AUDIENCE).snapshot


def _assert_same(ws, case_dir, standards=2) -> None:
    snap, fresh = ws.snapshot, _fresh(case_dir)
    assert snap.diagnostics.items == fresh.diagnostics.items  # every diagnostic, in check's order
    assert snap.errors == fresh.errors
    assert snap.warnings == fresh.warnings
    assert snap.ok == fresh.ok
    if not fresh.ok:
        return
    for s in [fresh.default_standard, *(x["id"] for x in fresh.standards if x["id"] != fresh.default_standard)][:standards]:
        assert snap.analysis(s) == fresh.analysis(s), s
        # the matrix page, from the part of the view it reads (built alone after an edit), is the
        # page the whole view of a fresh check gives
        lite = _matrix_view(snap.checked, snap.analysis(s), snap.protector)
        page = _matrix_page(snap, lite, s, snap.meta())
        assert page == _matrix_page(fresh, fresh.view(s), s, fresh.view(None)["meta"]), s
        # rows rendered once and kept across edits (app._RowCache) give the page rendered afresh
        assert _matrix_page(snap, lite, s, snap.meta(), env=_SHARED) == page, s
        assert snap.view(s) == fresh.view(s), s
    assert snap.items == fresh.items
    # the protector made from the one before (Protector.with_case) answers as a fresh one; the one
    # before itself, when the edit changed nothing it reads (recheck.same_protection), with entries equal to these
    own = snap.protector.case is snap.checked.case
    assert _answers(snap.protector, snap.checked.case, own) == _answers(fresh.protector, fresh.checked.case, own)
    # the leak audit guards the same strings (the incremental matcher may still hold forms no longer sought: they
    # find nothing, no needle points at them — see protect/incremental.py)
    assert signature(snap.matcher) == signature(fresh.matcher) and set(snap.matcher.keys) >= set(fresh.matcher.keys)
    assert set(snap.evidence) == set(fresh.evidence)


def _shared_environment():
    from casebuilder.serve.app import _environment
    return _environment()


_SHARED = _shared_environment()  # one row cache for every step of the tests below


def _matrix_page(snap, view, sid, meta, env=None) -> str:
    from casebuilder.serve.app import STATUS_ORDER, _environment
    return (env or _environment()).get_template("matrix.html.j2").render(
        snap=snap, audience=AUDIENCE, csrf="t", version=1, path="/matrix", query="", case_dir="case", meta=meta,
        view=view, standard=sid, order=STATUS_ORDER)


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")  # the reference is a check from scratch
    dst = tmp_path / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    from casebuilder.serve import Workspace
    w = Workspace(dst, AUDIENCE)
    w.prepare()
    assert w._parts, "each file read alone after start"
    return w


def test_a_sequence_of_edits_gives_what_a_fresh_check_gives(ws):
    case = ws.case_dir
    alleg = case / "allegations.yaml"
    items = case / "evidence" / "origins.yaml"
    original_alleg, original_items = alleg.read_text(encoding="utf-8"), items.read_text(encoding="utf-8")

    # 1. a comment: no model changes, nothing to re-analyse, the snapshot stays
    v = ws.version
    _write(alleg, original_alleg + "\n# a reviewer's comment\n")
    assert not ws.refresh()
    assert ws.version == v
    _assert_same(ws, case)

    # 2. a link's stance turned (not in the contextual allegation): only that allegation is weighed again
    before = ws.snapshot.analysis(ws.snapshot.default_standard)
    at = original_alleg.index("  - id: al-art7-other-inhumane-acts")
    turned = original_alleg[:at] + original_alleg[at:].replace("stance: contradicts", "stance: supports", 1)
    _write(alleg, turned)
    parts_before, matcher_before, protector_before = dict(ws._parts), ws.snapshot.matcher, ws.snapshot.protector
    assert ws.refresh()
    assert ws.version == v + 1
    _assert_same(ws, case, standards=3)
    after = ws.snapshot.analysis(ws.snapshot.default_standard)
    kept = {a.id for a in after.allegations if any(a is b for b in before.allegations)}
    assert "al-art7-other-inhumane-acts" not in kept
    assert "al-art7-murder" in kept  # untouched: the very result of the previous analysis
    assert all(ws._parts[p] is parts_before[p] for p in ws._parts if p != alleg)  # only the edited file read again
    assert ws.snapshot.matcher is matcher_before  # no text changed: the leak matcher stands
    assert ws.snapshot.protector is protector_before  # nor any person, item or incident: the protector stands

    # 2b. an item's credibility (a grade, not a text): relays re-weighed, the leak matcher stands
    _step(ws, items, original_items.replace("credibility: 2", "credibility: 5", 1))
    assert ws.snapshot.matcher is matcher_before
    assert ws.snapshot.protector is protector_before  # an item's grade: nothing the protector reads
    _step(ws, items, original_items)

    # 3. an item's summary reworded (a text: the leak matcher is made from what changed, protect/incremental.py;
    #    a visible item's text seeks no new string, so it is the same matcher — equal to a fresh one, _assert_same)
    _step(ws, items, original_items.replace("Interview in which the nurse", "An interview in which the nurse", 1))
    assert ws.snapshot.matcher is matcher_before and ws._matchers.last["texts searched"] >= 1

    # 3b. an origin cut from the person it relays: every item relaying it is weighed again
    _step(ws, items, original_items.replace("derived_from: [p-shirin]", "derived_from: []", 1))
    _write(items, original_items)
    assert ws.refresh()

    # 3d. an incident an allegation names dated otherwise: that allegation is weighed again (its period)
    inc = case / "incidents" / "nationwide-killings.yaml"
    original_inc = inc.read_text(encoding="utf-8")
    _step(ws, inc, original_inc.replace('date: {start: "1404-10-18 SH", end: "2026-01-09"}', 'date: "2026-02-20"', 1))
    _write(inc, original_inc)
    assert ws.refresh()

    # 3e. an item the contextual allegation links to made an origin: the shared contextual elements, so
    #     everything, weighed again
    seed = case / "evidence" / "seed-004-amnesty-summary.yaml"
    original_seed = seed.read_text(encoding="utf-8")
    _step(ws, seed, original_seed.replace("derived_from: [ev-amnesty-massacre-statement]", "derived_from: []", 1))
    _write(seed, original_seed)
    assert ws.refresh()

    # 3c. a protected person's name changed: the leak matcher guards the new name, not the old
    persons = case / "persons.yaml"
    original_persons = persons.read_text(encoding="utf-8")
    _step(ws, persons, original_persons.replace('name: "Placeholder Nurse-Name (fictional)"', 'name: "Another Nurse-Name (fictional)"', 1))
    assert "anothernursename" in "".join(ws.snapshot.matcher.keys).replace("-", "").lower()
    _write(persons, original_persons)
    assert ws.refresh()

    # 4. a new file with a new item, then the file removed again
    extra = case / "evidence" / "extra.yaml"
    _write(extra, "evidence:\n  - id: ev-extra-note\n    kind: document\n    title: A further report\n"
                  "    source: " + _a_source(case) + "\n    summary: A further report, not yet linked.\n")
    assert ws.refresh()
    _assert_same(ws, case)
    extra.unlink()
    assert ws.refresh()
    _assert_same(ws, case)

    # 4b. a reference broken (into the item file, from the allegations), then repaired
    a = original_items.index("  - id: ev-dw-witness-account\n")
    b = original_items.index("  - id: ", a + 4)
    witness = original_items[a:b]
    _step(ws, alleg, turned.replace("ev-ia-reuters-5000", "ev-ia-reuters-5001", 1), standards=1)
    assert not ws.snapshot.ok
    _step(ws, alleg, turned)
    # 4c. an item other files refer to moved into a new file, then back (an id gone from one file, added to another)
    moved = case / "evidence" / "moved.yaml"
    _write(moved, "evidence:\n" + witness)
    _write(items, original_items[:a] + original_items[b:])
    ws.refresh()  # the same models, elsewhere: the snapshot may stand
    _assert_same(ws, case)
    moved.unlink()
    _write(items, original_items)
    ws.refresh()
    _assert_same(ws, case)
    # 4d. a loop of relays across two files, then undone
    _step(ws, items, original_items[:a] + witness.replace("derived_from: []", "derived_from: [ev-ia-eleven-taken]", 1)
          + original_items[b:], standards=1)
    assert any("error[cycle]" in e for e in ws.snapshot.errors)
    _step(ws, items, original_items)

    # 5. broken YAML: errors with positions, as check gives them; then mended
    _write(alleg, turned + "\n  - id: [unclosed\n")
    assert ws.refresh()
    assert not ws.snapshot.ok
    _assert_same(ws, case)
    _step(ws, alleg, turned)

    # 6. the case block changed (another standard): everything analysed again
    cb = case / "case.yaml"
    original_case = cb.read_text(encoding="utf-8")
    _step(ws, cb, original_case.replace("standard: reasonable-basis", "standard: reasonable-grounds", 1))

    # 7. a second case block in another file (its error depends on the order of files), then removed
    _write(items, original_items + "\ncase:\n  id: second\n")
    assert ws.refresh()
    assert not ws.snapshot.ok
    _assert_same(ws, case)
    _write(items, original_items)
    _write(cb, original_case)
    _write(alleg, original_alleg)
    assert ws.refresh()
    _assert_same(ws, case, standards=3)


def test_an_edit_before_the_files_were_read_alone_is_right_too(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")
    dst = tmp_path / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    from casebuilder.serve import Workspace
    w = Workspace(dst, AUDIENCE)  # no prepare(): the first re-check reads every file
    p = dst / "allegations.yaml"
    _write(p, p.read_text(encoding="utf-8").replace("stance: contradicts", "stance: supports", 1))
    assert w.refresh()
    _assert_same(w, dst)


def _a_source(case) -> str:
    from casebuilder.api import check
    return check(case).case.sources[0].id


@contextlib.contextmanager
def _requests_leaving_cycles(tmp_path, monkeypatch):
    """A served copy of the case whose every request (not the start's warm-up) leaves a reference
    cycle behind, as request handling may, with the automatic collector off (so that only the
    workspace collects): yields (client, workspace, weak references to the cycles)."""
    import gc
    import threading
    import weakref

    from casebuilder.serve import app as app_module
    from casebuilder.serve import create_app

    from .conftest import client_for

    case = tmp_path / "case"
    shutil.copytree(BUNDLED, case, ignore=shutil.ignore_patterns("build", "reviews"))
    cycles = []
    audited = app_module._audited

    class Cycle:
        pass

    def with_a_cycle(*args, **kwargs):  # what request handling may leave: objects referring to each other
        if threading.current_thread().name != "casebuilder-prerender":  # a request's (the start's warm-up runs apart)
            c = Cycle()
            c.me = c
            cycles.append(weakref.ref(c))
        return audited(*args, **kwargs)

    monkeypatch.setattr(app_module, "_audited", with_a_cycle)
    app = create_app(case, AUDIENCE, watch=False)
    ws = app.state.workspace
    was = gc.isenabled()
    gc.disable()
    try:
        with client_for(app) as client:
            for t in threading.enumerate():  # the start's warm-up (pre-rendering the matrix) done
                if t.name == "casebuilder-prerender":
                    t.join()
            ws.prepare()
            yield client, ws, cycles
    finally:
        if was:
            gc.enable()


def _reword_a_summary(case) -> None:
    path = next(p for p in sorted(case.rglob("*.yaml")) if "\nevidence:" in p.read_text(encoding="utf-8"))
    _write(path, path.read_text(encoding="utf-8").replace("    summary: ", "    summary: Reworded. ", 1))


def test_garbage_cycles_of_request_handling_are_collected_by_the_recheck(tmp_path, monkeypatch):
    """settle() (gc.freeze) keeps whatever it is given for good: a reference cycle that a request
    left behind must be collected before a re-check settles, or a long-running server keeps every
    one.  With the automatic collector off (so that only the re-check can collect), a cycle made
    while a page is served is gone after the next edit's re-check, and so is the snapshot before."""
    import weakref

    with _requests_leaving_cycles(tmp_path, monkeypatch) as (client, ws, cycles):
        assert client.get("/version").status_code == 200  # audited at every request (never cached)
        assert cycles and all(w() is not None for w in cycles)  # garbage, not collected yet
        before = weakref.ref(ws.snapshot)
        _reword_a_summary(ws.case_dir)
        assert ws.refresh()
        assert all(w() is None for w in cycles), "the re-check collected the request's garbage"
        n = len(cycles)
        assert client.get("/version").status_code == 200 and len(cycles) > n
        ws.settle()  # what the watcher does once a snapshot's pages are ready
        assert all(w() is None for w in cycles)
        assert before() is None, "the snapshot before is freed (once the new one's pages are ready)"


def test_a_cycle_made_by_a_request_while_the_analysis_runs_is_collected_too(tmp_path, monkeypatch):
    """The analysis after a re-check settles its results too (gcpause.settle): a reference cycle that
    another thread's request leaves between the re-check's settle and the analysis' must be collected
    first, or it is kept for good.  A request is served while the edit's analysis runs (and while an
    analysis under another standard runs, on a page's first use); with the automatic collector off,
    its cycle is gone once the analysis is done."""
    import threading

    import casebuilder.analyse as analyse_package

    analyse = analyse_package.analyse
    with _requests_leaving_cycles(tmp_path, monkeypatch) as (client, ws, cycles):
        ws.settle()
        made = []

        def analyse_beside_a_request(*args, **kwargs):  # a request is served while this analysis runs
            t = threading.Thread(target=lambda: made.append(client.get("/version").status_code))
            t.start()
            t.join()
            return analyse(*args, **kwargs)

        monkeypatch.setattr(analyse_package, "analyse", analyse_beside_a_request)
        _reword_a_summary(ws.case_dir)
        assert ws.refresh()
        assert made == [200] and cycles, "a request was served while the edit's analysis ran"
        assert all(w() is None for w in cycles), "its cycle was collected before the analysis settled"
        snap = ws.snapshot
        other = next(s["id"] for s in snap.standards if s["id"] not in snap.by_standard)
        n = len(cycles)
        snap.analysis(other)
        assert made == [200, 200] and len(cycles) > n
        assert all(w() is None for w in cycles), "and while an analysis under another standard ran"
