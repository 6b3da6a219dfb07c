"""The workspace's data: one checked, analysed and protected snapshot of the case at a time.

A :class:`Snapshot` is built exactly as a review brief is (check → analyse under every standard →
protect), for the one audience the server was started with; pages render only from it, so what
reaches the browser is what the review brief for that audience may show.  The matcher the leak
audit uses for that brief comes with it, and every response body is scanned with it before it is
sent (see :mod:`.app`).

:class:`Workspace` holds the current snapshot, watches the case folder (mtimes polled once a
second, no extra dependency) and swaps in a new snapshot after an edit: the check goes through the
check cache, so an unchanged case is not checked twice.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics


@dataclass
class Snapshot:
    version: int
    diagnostics: Diagnostics
    errors: list[str] = field(default_factory=list)   # `path:line:col: error[CODE]: message`, when the case has errors
    warnings: list[str] = field(default_factory=list)
    checked: object = None
    protector: object = None
    matcher: object = None
    default_standard: str = ""
    standards: list[dict] = field(default_factory=list)
    views: dict = field(default_factory=dict)          # standard id -> protected view (review brief), built on first use
    matrices: dict = field(default_factory=dict)       # standard id -> what the matrix page reads of that view
    by_standard: dict = field(default_factory=dict)   # standard id -> analysis (filled on demand)
    standard_ids: set = field(default_factory=set)
    _items: dict | None = None                         # see `items`: built on first use
    _visible: tuple | None = None
    sources: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)      # evidence id -> model (for chains)
    persons: set = field(default_factory=set)
    notes: object = None
    built_in: float = 0.0
    reuse: dict = field(default_factory=dict)          # standard id -> the incremental re-analysis' reuse (recheck.py)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def ok(self) -> bool:
        return not self.errors

    def analysis(self, standard: str):
        """The analysis under one standard (the case's own at start; the others on first use)."""
        with self._lock:
            if standard not in self.by_standard:
                self.by_standard[standard] = _analysed(self.checked, standard, self.reuse.pop(standard, None))
            return self.by_standard[standard]

    def view(self, standard: str | None) -> dict:
        """The protected view under one standard of proof (built on first use, then kept)."""
        sid = standard if standard in self.standard_ids else self.default_standard
        if sid not in self.views:
            analysis = self.analysis(sid)
            with self._lock:
                if sid not in self.views:  # the matcher (and its check for copies) does not depend on the standard
                    self.views[sid] = _review_view(self.checked, analysis, self.protector)
        return self.views[sid]

    @property
    def items(self) -> dict:
        """Item key (id, or opaque reference if withheld) -> its citation for this audience (built
        when a page first needs it: the matrix page does not)."""
        if self._items is None and self.ok:
            with self._lock:
                if self._items is None:
                    self._items = _items_table(self.checked.case, self.protector)
        return self._items or {}

    @property
    def visible_items(self) -> set:
        items = self.items
        with self._lock:
            if self._visible is None or self._visible[0] is not items:
                self._visible = (items, {k for k, v in items.items() if not v["withheld"]})
            return self._visible[1]

    def matrix(self, standard: str | None) -> dict:
        """What the matrix page reads of the view under one standard (:func:`_matrix_view`): the
        page after an edit needs neither the registers, the chronology nor the persons' rows that
        the whole view builds. The whole view, if it is already built, serves as well."""
        sid = standard if standard in self.standard_ids else self.default_standard
        if sid in self.views:
            return self.views[sid]
        analysis = self.analysis(sid)
        with self._lock:
            if sid not in self.matrices:
                self.matrices[sid] = _matrix_view(self.checked, analysis, self.protector)
            return self.matrices[sid]

    def meta(self) -> dict:
        """The case's title and the audience's marking, as every page's header shows them."""
        return self.matrix(None)["meta"]

    def readiness(self) -> dict:
        """Each allegation's status under every standard (the review brief's readiness matrix)."""
        from ..render.view_law import matrix_view

        fs = self.checked.frameworks
        every = {s["id"]: self.analysis(s["id"]) for s in self.standards}
        return matrix_view(self.analysis(self.default_standard), every, fs)

    def chain(self, key: str, depth: int = 0, seen: frozenset = frozenset()) -> dict:
        """One item and what it relays, down to its origins, as nested data (protected: a withheld
        item is its opaque reference only, a person their label for this audience)."""
        it = self.items.get(key)
        if it is None:
            return {"kind": "unknown", "text": "an item not in the case"}
        node = {"kind": "item", "item": it, "relays": []}
        if it["withheld"] or key in seen or depth > 20:
            return node
        ev = self.evidence.get(key)
        for d in (ev.derived_from if ev else []):
            if d in self.persons:  # "ref": the graph tells persons apart by it; never shown
                node["relays"].append({"kind": "person", "text": self.protector.person_label(d), "ref": d})
            elif d in self.evidence:
                node["relays"].append(self.chain(self.protector.evidence_key(d), depth + 1, seen | {key}))
            else:
                node["relays"].append({"kind": "unknown", "text": "an item not in the case", "ref": d})
        return node


GRAPH_LIMIT = 120  # nodes; a larger graph is left to the lists below it
NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 230, 42, 70, 14, 8


def origin_graph(chains: list[dict], limit: int = GRAPH_LIMIT) -> dict | None:
    """The nodes and edges of some items' chains (see :meth:`Snapshot.chain`: already protected),
    laid out in columns from the origins (left) to the items that relay them (right): an item that
    several items relay is one node, so convergence on one origin shows as arrows meeting.
    Coordinates only; the template draws it as inline SVG (every label escaped by Jinja).
    None when there is nothing to draw or more than ``limit`` nodes."""
    nodes: dict[str, dict] = {}
    edges: set[tuple[str, str]] = set()

    def visit(t: dict) -> str:
        if t["kind"] == "item":
            it = t["item"]
            k = "i:" + it["id"]
            if k not in nodes:
                nodes[k] = {"kind": "withheld" if it["withheld"] else "item", "item": it,
                            "label": it["text"] if it["withheld"] else (it.get("title") or it["id"])}
                for r in t["relays"]:
                    edges.add((visit(r), k))
            return k
        k = ("p:" if t["kind"] == "person" else "u:") + str(t.get("ref", t["text"]))
        nodes.setdefault(k, {"kind": t["kind"], "item": None, "label": t["text"]})
        return k

    linked = [visit(c) for c in chains if c.get("kind") == "item"]
    if not nodes or len(nodes) > limit or not edges:
        return None
    preds: dict[str, list[str]] = {k: [] for k in nodes}
    for a, b in sorted(edges):
        preds[b].append(a)
    column: dict[str, int] = {}

    def col(k: str, seen: frozenset = frozenset()) -> int:
        if k not in column:
            ps = [p for p in preds[k] if p not in seen]
            column[k] = 1 + max((col(p, seen | {k}) for p in ps), default=-1)
        return column[k]

    for k in nodes:
        col(k)
    columns: dict[int, list[str]] = {}
    for k in nodes:  # first seen first: the element's own items in their order
        columns.setdefault(column[k], []).append(k)
    row: dict[str, float] = {}
    for c in sorted(columns):
        ks = columns[c]
        if c:  # beside what they relay, where they can
            ks.sort(key=lambda k: sum(row[p] for p in preds[k]) / len(preds[k]) if preds[k] else 0)
        for i, k in enumerate(ks):
            row[k] = i
    out_nodes = []
    for k, n in nodes.items():
        x = PAD + column[k] * (NODE_W + GAP_X)
        y = PAD + row[k] * (NODE_H + GAP_Y)
        n.update(x=x, y=y, cls=_node_class(n, not preds[k], k in linked), key=k)
        n["sub"] = {"person": "a person's own account", "unknown": "not in the case",
                    "withheld": "withheld"}.get(n["kind"], "origin" if not preds[k] else "relays")
        n["short"] = n["label"] if len(n["label"]) <= 28 else n["label"][:27].rstrip() + "…"
        out_nodes.append(n)
    out_edges = []
    for a, b in sorted(edges):
        na, nb = nodes[a], nodes[b]
        x1, y1 = na["x"] + NODE_W, na["y"] + NODE_H / 2
        x2, y2 = nb["x"], nb["y"] + NODE_H / 2
        out_edges.append({"x1": x1, "y1": y1, "x2": x2 - 2, "y2": y2, "mx": (x1 + x2) / 2})
    width = PAD * 2 + (max(column.values()) + 1) * (NODE_W + GAP_X) - GAP_X
    height = PAD * 2 + max(len(v) for v in columns.values()) * (NODE_H + GAP_Y) - GAP_Y
    for n in out_nodes:
        del n["key"]
    return {"nodes": out_nodes, "edges": out_edges, "width": width, "height": height,
            "w": NODE_W, "h": NODE_H, "origins": sum(1 for k in nodes if not preds[k])}


def _node_class(n: dict, origin: bool, linked: bool) -> str:
    return " ".join([n["kind"], *(["origin"] if origin else []), *(["linked"] if linked else [])])


def build_snapshot(case_dir: Path, audience: str | None, version: int, frameworks_dir=None, exhibits=None,
                   checked=None, reuse: dict | None = None, matcher=None, protector=None, matchers=None) -> Snapshot:
    """The snapshot of the case (``checked``: already checked, by the incremental re-check;
    ``reuse``: per standard, what of the previous analysis it may keep — see recheck.py;
    ``matcher``: the previous snapshot's, when the edit changed nothing it is made from;
    ``protector``: the previous snapshot's, when the edit changed nothing it reads, or one for this
    case made from it (Protector.with_case);
    ``matchers``: the workspace's incremental matcher, see _snapshot_matcher)."""
    from .. import reviews
    from ..api import check
    from ..protect import Protector

    t0 = time.perf_counter()
    checked = checked or check(case_dir, frameworks_dir, exhibits)
    diags = checked.diagnostics
    snap = Snapshot(version=version, diagnostics=diags,
                    errors=[_line(d) for d in diags.sorted() if d.severity == "error"],
                    warnings=[_line(d) for d in diags.sorted() if d.severity == "warning"])
    if snap.errors:
        snap.matcher = _partial_matcher(checked, audience)
        snap.built_in = time.perf_counter() - t0
        return snap
    case, fs = checked.case, checked.frameworks
    audience = audience or case.info.audience
    sid = case.info.standard
    reuse = dict(reuse or {})
    analysis = _analysed(checked, sid, reuse.pop(sid, None))
    by_standard = {sid: analysis}  # the other standards are analysed when a page asks for them
    if protector is None or protector.audience != audience:
        protector = Protector(case, audience)
    if matcher is None:  # the view itself is built when a page needs it (Snapshot.view)
        matcher, copied = _snapshot_matcher(checked, protector, audience, matchers)
        if copied:  # withheld text copied into a visible text: errors, as `build` refuses to write
            snap.errors, snap.matcher = copied, matcher
            snap.built_in = time.perf_counter() - t0
            return snap
    snap.evidence = {e.id: e for e in case.evidence}
    snap.persons = {p.id for p in case.persons}
    snap.checked, snap.protector, snap.matcher = checked, protector, matcher
    snap.default_standard, snap.by_standard, snap.reuse = sid, by_standard, reuse
    snap.standards = [{"id": s.id, "title": s.title} for s in fs.standards_by_rank()]
    snap.standard_ids = {s["id"] for s in snap.standards}
    snap.sources = {s.id: s for s in case.sources}
    snap.notes = reviews.load_notes(case_dir)
    snap.warnings += [_line(d) for d in snap.notes.diagnostics.sorted()]
    snap.built_in = time.perf_counter() - t0
    return snap


def _analysed(checked, standard: str, reuse):
    """The analysis under ``standard`` (``reuse``: see recheck.reuse_for), its results then settled
    (gcpause) after a collection: a server's other threads (requests) may have left garbage cycles
    since the re-check settled, which a settle alone would keep for good."""
    from .. import gcpause
    from ..analyse import analyse

    analysis = analyse(checked.case, checked.frameworks, standard, reuse=reuse, settle=False)
    gcpause.collect_and_settle()
    return analysis


def _snapshot_matcher(checked, protector, audience, matchers=None) -> tuple:
    """The leak matcher of a snapshot (the review brief's: build.review_matcher), made by the
    workspace's :class:`~casebuilder.protect.incremental.IncrementalMatcher` (``matchers``) from what
    changed since the last snapshot — equal to a fresh one (tests/protect/test_incremental.py,
    tests/serve/test_matcher_incremental.py): an edit of a visible text costs a fraction of a fresh
    one, and the matcher stays the same object, so the page audit keeps its clean rows.  With the
    ``withheld-copied`` errors as lines (``path:line:col: error[withheld-copied]: …``; a build
    refuses to write then, and the workspace shows them instead of the case)."""
    from ..build import review_matcher_and_copies

    matcher, copied = review_matcher_and_copies(checked, protector, audience, incremental=matchers)
    return matcher, [_line(d) for d in copied.sorted() if d.severity == "error"]


def _prime_matcher(matchers, checked, audience) -> None:
    """Let the incremental matcher see the case as the files read alone give it (their objects are
    the ones the next edit keeps; the first snapshot's came from the check cache), so that the first
    edit after start costs what any edit costs (the watcher does this after start, with prepare)."""
    from ..protect import Protector

    if audience is not None and not checked.diagnostics.has_errors():
        _snapshot_matcher(checked, Protector(checked.case, audience), audience, matchers)


def _items_table(case, protector) -> dict:
    from ..render.view import EvidenceRefs

    refs = EvidenceRefs(case, protector)
    items = {}
    for e in case.evidence:
        it = refs.item(e.id)
        items[it["id"]] = {**it, "derived": bool(e.derived_from) and not it["withheld"],
                           "source_id": e.source if not it["withheld"] else None,
                           "kind": e.kind if not it["withheld"] else "withheld"}
    return items


# id(result) -> (an allegation's result, the frameworks, its matrix row): an analysis with reuse keeps
# the results of allegations an edit does not touch (the same objects), and a row is a function of
# its result and the frameworks alone when its title names no person.  Rows are never changed.
_MATRIX_ROWS: dict[int, tuple] = {}


def _matrix_view(checked, analysis, protector) -> dict:
    """The part of the review brief's view (render.view.build_view) that the matrix page reads, built
    as build_view builds it, from the analysis alone: the header's meta, the summary's counts, each
    allegation's title, status and elements' statuses, and the gaps (counted on the page). Equal,
    on every key the page reads, to the whole view's (tests/serve/test_recheck.py compares the pages)."""
    from ..render.markdown import plain
    from ..render.view import MARKINGS
    from ..render.view_law import STATUS_LABELS, gaps_view, summary_view

    fs, info, label = checked.frameworks, checked.case.info, protector.person_label
    std = fs.standards.get(analysis.standard)
    rows = []
    memo = _MATRIX_ROWS
    if len(memo) > 4 * (len(analysis.contexts) + len(analysis.allegations)) + 1000:
        memo.clear()
    for res in (*analysis.contexts, *analysis.allegations):
        hit = memo.get(id(res))
        if hit is not None and hit[0] is res and hit[1] is fs:
            rows.append(hit[2])
            continue
        fw = fs.frameworks.get(res.framework)
        prov = fw.provision(res.provision) if fw and res.provision else None
        title = res.title or (prov.title if prov else res.id)
        row = {
            "id": res.id, "title": plain(title, label),
            "framework": res.framework, "framework_title": fw.title if fw else res.framework,
            "provision": res.provision, "citation": prov.citation.short() if prov else "",
            "status": res.status, "status_label": STATUS_LABELS.get(res.status, res.status),
            "elements": [{"id": e.id, "text": e.text, "contextual": e.contextual, "scope": e.scope,
                          "status": e.status, "status_label": STATUS_LABELS.get(e.status, e.status),
                          "reasons": [], "suggestions": []} for e in res.elements],
        }
        if "[[" not in title:  # a title naming a person reads as this audience's label of them: not kept
            memo[id(res)] = (res, fs, row)
        rows.append(row)
    return {
        "meta": {"title": info.title, "audience": protector.audience, "marking": MARKINGS[protector.audience],
                 "standard": {"id": analysis.standard, "title": std.title if std else analysis.standard,
                              "citation": std.citation.short() if std else "", "text": std.text if std else ""}},
        "summary": summary_view(analysis, fs),
        "allegations": rows,
        "gaps_all": gaps_view(rows, everything=True),
    }


def _review_view(checked, analysis, protector) -> dict:
    """The review brief's view under ``analysis``'s standard (what ``build._protect`` builds, without
    the matcher, which the snapshot already has)."""
    from .. import gcpause
    from ..render.view import build_view

    with gcpause.paused():
        return build_view(checked, analysis, {analysis.standard: analysis}, protector, "review", protector.audience)


def _line(d) -> str:
    """``path:line:col: error[CODE]: message`` — never the source line (it may hold a protected name)."""
    where = f"{d.location}: " if d.location else ""
    return f"{where}{d.severity}[{d.code}]: {d.message}" + (f" ({d.context})" if d.context else "")


def _partial_matcher(checked, audience):
    """The leak matcher for a case that has errors, from whatever loaded (None if even that fails:
    the error page then shows locations and codes only)."""
    from ..protect import protected_matcher

    try:
        case = checked.case
        aud = audience or (case.info.audience if case.info else "public")
        return protected_matcher(case, aud)[1]
    except Exception:  # noqa: BLE001 - a half-loaded case may lack anything
        return None


def _stat(paths) -> tuple:
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), 0, -1))
    return tuple(out)


def _mtimes(case_dir: Path) -> tuple[tuple, tuple]:
    """What the watcher compares: (case files, review-notes files), each path with mtime and size."""
    from .. import reviews
    from ..load import case_files

    try:
        case = _stat(case_files(case_dir, Diagnostics()))
    except OSError:
        case = ()
    try:
        notes = _stat(reviews._files(case_dir))
    except OSError:
        notes = ()
    return case, notes


class Workspace:
    """The case being served: the current snapshot, rebuilt when a file in the case changes."""

    def __init__(self, case_dir: Path | str, audience: str | None = None, frameworks_dir=None, exhibits=None):
        self.case_dir = Path(case_dir)
        self.audience = audience
        self.frameworks_dir = frameworks_dir
        self.exhibits = exhibits
        self._lock = threading.Lock()
        self.on_change: list = []  # called (no arguments) after each new snapshot, in the watcher's thread
        self._stamp = _mtimes(self.case_dir)
        self._parts = None  # each case file read alone, as the current snapshot was built from it (recheck.py)
        self._resolved = None  # and what each contributed to resolving the case (resolve.resolve_parts)
        from ..protect.incremental import IncrementalMatcher

        self._matchers = IncrementalMatcher()  # the leak matcher, kept up to date (_snapshot_matcher)
        # the snapshot an edit replaced, held until settle(): freeing it (the first one's whole case,
        # from the check cache, is some 0.05 s on M) waits until the new snapshot's pages are ready
        self._retired = None
        self.snapshot = build_snapshot(self.case_dir, audience, 1, frameworks_dir, exhibits, matchers=self._matchers)
        if self.snapshot.ok:
            self.audience = self.snapshot.protector.audience  # fixed at start: an edit cannot change it
        elif audience is None:
            self.audience = None

    @property
    def version(self) -> int:
        return self.snapshot.version

    def refresh(self, force: bool = False) -> bool:
        """Rebuild if a case file (or a notes file) changed since the last build; True if there is a
        new snapshot (an edit that changed no model nor any warning keeps the one there is)."""
        from dataclasses import replace

        from .. import reviews

        with self._lock:
            stamp = _mtimes(self.case_dir)
            if stamp == self._stamp and not force:
                return False
            notes_only = stamp[0] == self._stamp[0] and not force and self.snapshot.ok
            self._stamp = stamp
            if notes_only:  # a note was written: the case itself is unchanged, so is its analysis
                notes = reviews.load_notes(self.case_dir)
                old = self.snapshot
                self.snapshot = replace(old, version=old.version + 1, notes=notes,
                                        warnings=[w for w in old.warnings if not w.startswith(str(reviews.folder(self.case_dir)))]
                                        + [_line(d) for d in notes.diagnostics.sorted()])
                return True
            old = self.snapshot
            snap = self._rebuild(force)
            if snap.ok and self.audience is None:
                self.audience = snap.protector.audience
            self.snapshot = snap
            if snap is not old:
                self._retired = old
            return snap is not old

    def _rebuild(self, force: bool = False) -> Snapshot:
        """The next snapshot, from the files changed since the last one (recheck.py): only they
        are read again, and only the allegations depending on what changed are analysed again
        (``force``: everything read and analysed again)."""
        from . import recheck

        old, old_parts = self.snapshot, (None if force else self._parts)
        if force:
            self._matchers.reset()
        loaded = recheck.recheck(self.case_dir, old_parts, self.frameworks_dir, self.exhibits,
                                 None if force else self._resolved)
        self._parts, self._resolved = loaded.parts, loaded.resolved
        reuse, matcher, protector = {}, None, None
        if old.ok and old_parts and not loaded.checked.diagnostics.has_errors():
            ch = recheck.changes(old_parts, loaded)
            if ch is not None and not ch.ids and not ch.info:  # the models are the same: a comment, say
                return self._same_models(old, loaded.checked)
            hit = recheck.affected(loaded.checked.case, ch) if old.by_standard else None  # the same for every standard
            for sid, analysis in old.by_standard.items():
                fn = recheck.reuse_for(analysis, hit, loaded.checked.frameworks)
                if fn is not None:
                    reuse[sid] = fn
            if recheck.same_protection(ch):
                matcher, protector = old.matcher, old.protector
            elif old.protector is not None:  # its numbering kept where the edit leaves it (a text edit: all of it)
                protector = old.protector.with_case(loaded.checked.case)
        return build_snapshot(self.case_dir, self.audience, old.version + 1, self.frameworks_dir, self.exhibits,
                              checked=loaded.checked, reuse=reuse, matcher=matcher, protector=protector,
                              matchers=self._matchers)

    def _same_models(self, old: Snapshot, checked) -> Snapshot:
        """An edit that changed no model (a comment, a blank line, a quoted string unquoted): the
        analyses, views and matcher stand; only the diagnostics' places may have moved. If they
        did not either, the snapshot (and so every page) stays as it is."""
        from dataclasses import replace

        from .. import reviews

        diags = checked.diagnostics
        warnings = [_line(d) for d in diags.sorted() if d.severity == "warning"]
        warnings += [_line(d) for d in (old.notes or reviews.Notes()).diagnostics.sorted()]
        if warnings == old.warnings:
            return old
        return replace(old, version=old.version + 1, diagnostics=diags, warnings=warnings)

    def prepare(self) -> None:
        """Read each case file alone once (what the first incremental re-check needs), if no edit
        came since the snapshot: the watcher does this right after start."""
        from . import recheck

        with self._lock:
            if self._parts is not None or _mtimes(self.case_dir)[0] != self._stamp[0]:
                return
            loaded = recheck.recheck(self.case_dir, None, self.frameworks_dir, self.exhibits)
            if _mtimes(self.case_dir)[0] == self._stamp[0]:  # nothing changed while reading
                self._parts, self._resolved = loaded.parts, loaded.resolved
                _prime_matcher(self._matchers, loaded.checked, self.audience if self.snapshot.ok else None)

    def warm(self) -> None:
        """Build the default standard's whole view and the items table of the current snapshot, after
        the matrix page is ready, so that the next page opened (an element, an item) need not."""
        snap = self.snapshot
        if snap.ok:
            snap.view(None)
            snap.items  # noqa: B018 - built on first use

    def settle(self) -> None:
        """Collect garbage in reference cycles, then exempt what is alive from later collections
        (gcpause.settle): the watcher does this once the pages of a new snapshot are ready, so the
        re-check of the next edit (which collects before it settles, recheck.py) walks only what
        came after — not the views and pages built for this snapshot.  The snapshot the last edit
        replaced is let go first."""
        from .. import gcpause

        self._retired = None
        gcpause.collect_and_settle()

    def watch(self, stop: threading.Event, interval: float = 1.0) -> None:
        """Poll the case folder until ``stop`` is set (run in a background thread)."""
        try:
            self.prepare()
            self.warm()
            self.settle()
        except Exception:  # noqa: BLE001 - the first re-check then reads everything; a page builds what it needs
            pass
        while not stop.wait(interval):
            try:
                if self.refresh():
                    for fn in self.on_change:  # the matrix page first: it is what shows the edit
                        fn()
                    self.warm()
                    self.settle()
            except Exception as e:  # noqa: BLE001 - a watcher must survive anything an edit can do
                self.snapshot = Snapshot(version=self.snapshot.version + 1, diagnostics=Diagnostics(),
                                         errors=[f"{self.case_dir}: the case could not be re-read ({type(e).__name__})"])


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")
