"""The workspace's incremental re-check: after an edit, only the changed files are read again.

A full ``check`` reads every case file, resolves the case and the analysis weighs every allegation.
The workspace keeps, for each case file, what reading it alone produced (:class:`Part`: its models
and its diagnostics, read with :func:`casebuilder.load.read_file`, the function ``load_case`` reads
each file with).  After an edit it

1. reads again only the files whose modification time or size changed, and assembles the case from
   the parts in file order, exactly as ``load_case`` would have built it (a case with more than one
   ``case:`` block, whose reading depends on the order of files, is read whole instead);
2. resolves the case incrementally (:func:`casebuilder.resolve.resolve_parts`: each file's
   contribution to every cross-file check is kept, and checked again only for the changed files and
   for files whose checks read something the edit changed — an id that came or went, relays,
   sources, links; the result is the whole-case ``resolve``'s, diagnostics in their order);
3. finds what the edit changed (:func:`changes`: ids whose model differs, compared by value, in
   the changed files only) and re-analyses only the allegations that depend on a changed thing
   (:func:`affected`, :func:`reuse_for`): its own entry, an incident it names, an item it links to, anything an item's
   chain of relays reaches and those items' sources.  A change to the case block or to a
   contextual allegation re-analyses everything.

Results are identical to a full ``check`` and ``analyse`` (tests/serve/test_recheck.py compares
them after a sequence of edits).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics
from ..models import COLLECTIONS


@dataclass
class Part:
    """One case file read alone: its models (in a case of its own) and its diagnostics."""

    stamp: tuple
    case: object
    items: list[Diagnostic]
    has_case: bool


def stamp(path: Path) -> tuple:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def read_part(path: Path) -> Part:
    from .. import gcpause
    from ..load import Case, _Reading, read_file

    before = stamp(path)
    d = Diagnostics()
    state = _Reading()
    with gcpause.paused():
        case = Case(root=path.parent)
        read_file(case, path, d, state)
    return Part(before, case, d.items, state.case_where is not None)


@dataclass
class Loaded:
    """A checked case assembled from parts, and the parts it was assembled from."""

    checked: object
    parts: dict[Path, Part] = field(default_factory=dict)
    changed: set[Path] = field(default_factory=set)     # files read again (new, or edited)
    removed: set[Path] = field(default_factory=set)
    whole: bool = False                                   # read whole (no parts): nothing can be reused
    resolved: object = None                               # resolve_parts' state, for the next re-check


def recheck(case_dir: Path, old: dict[Path, Part] | None, frameworks_dir=None, exhibits=None, resolved=None) -> Loaded:
    """The case checked again, reading only files changed since ``old`` (all of them if None);
    ``resolved``: the ``Loaded.resolved`` of the re-check that gave ``old``."""
    from .. import gcpause
    from ..api import Checked, frameworks
    from ..load import Case, case_files, display_path, load_case
    from ..resolve import resolve, resolve_parts

    fs, fdiags = frameworks(frameworks_dir)
    diags = Diagnostics()
    diags.extend(fdiags)
    folder = Path(case_dir)
    old = old or {}
    with gcpause.paused():
        if not folder.is_dir():
            case = load_case(folder, diags)  # the missing-case error, as check reports it
            return Loaded(Checked(case, fs, diags), whole=True)
        paths = case_files(folder, diags)
        parts: dict[Path, Part] = {}
        changed: set[Path] = set()
        for p in paths:
            prev = old.get(p)
            try:
                now = stamp(p)
            except OSError:
                now = None
            if prev is not None and now == prev.stamp:
                parts[p] = prev
            else:
                parts[p] = read_part(p)
                changed.add(p)
        removed = set(old) - set(parts)
        if sum(part.has_case for part in parts.values()) > 1:  # `multiple-case` depends on the order of files
            whole = Diagnostics()
            whole.extend(fdiags)
            case = load_case(folder, whole)
            resolve(case, fs, whole, Path(exhibits) if exhibits else None)
            return Loaded(Checked(case, fs, whole), parts, changed, removed, whole=True)
        case = Case(root=folder)
        for p in paths:
            part = parts[p]
            pc = part.case
            diags.items.extend(part.items)
            case.files.extend(pc.files)
            for name in COLLECTIONS:
                getattr(case, name).extend(getattr(pc, name))
            case.origin.update(pc.origin)
            if part.has_case:
                case.info = pc.info
            case.broken_ids |= pc.broken_ids
            case.incomplete |= pc.incomplete
        if not any(part.has_case for part in parts.values()) and not diags.has_errors():
            diags.error("missing-case", f"no file in {display_path(folder)} has a `case:` block")
        state = resolve_parts(case, [parts[p].case for p in paths], fs, diags, Path(exhibits) if exhibits else None,
                              resolved if old else None)
        # garbage in reference cycles made since the last settle (a request's, say: a long-running
        # server handles many) is collected first, else settle would keep it for good
        gcpause.collect_and_settle()
    return Loaded(Checked(case, fs, diags), parts, changed, removed, resolved=state)


@dataclass
class Changes:
    """What an edit changed: ids (of any collection) whose model was added, removed or differs."""

    ids: set[str]
    info: bool          # the case block changed: everything is re-analysed
    context: bool       # a contextual allegation changed
    before: dict = field(default_factory=dict)   # collection -> id -> models, in the changed files before
    after: dict = field(default_factory=dict)    # ... and after the edit


def changes(old: dict[Path, Part], loaded: Loaded) -> Changes | None:
    """The ids an edit changed, comparing the changed files' models before and after by value;
    None when that cannot be known (no parts from before, or the case was read whole)."""
    if loaded.whole or not old:
        return None
    touched = loaded.changed | loaded.removed
    before = _models(old, touched)
    after = _models(loaded.parts, touched)
    info_before = next((old[p].case.info for p in touched if p in old and old[p].has_case), None)
    info_after = next((loaded.parts[p].case.info for p in touched if p in loaded.parts and loaded.parts[p].has_case), None)
    had_case = any(p in old and old[p].has_case for p in touched)
    has_case = any(loaded.parts[p].has_case for p in loaded.changed)
    ids: set[str] = set()
    context = False
    for name in COLLECTIONS:
        for i in set(before[name]) | set(after[name]):
            b, a = before[name].get(i, []), after[name].get(i, [])
            if b != a:
                ids.add(i)
                if name == "allegations" and any(x.context for x in (*b, *a)):
                    context = True
    return Changes(ids, (had_case or has_case) and info_before != info_after, context, before, after)


def _models(parts: dict[Path, Part], paths) -> dict[str, dict[str, list]]:
    """collection -> id -> the models of that id in those files (in file order)."""
    out: dict[str, dict[str, list]] = {n: {} for n in COLLECTIONS}
    for p in sorted(paths):
        part = parts.get(p)
        if part is None:
            continue
        for name in COLLECTIONS:
            for obj in getattr(part.case, name):
                out[name].setdefault(obj.id, []).append(obj)
    return out


def affected(case, ch: Changes | None) -> set[str] | None:
    """The ids of the allegations an edit may change the result of (see the module docstring), or None
    when everything must be analysed again, whatever the standard."""
    if ch is None or ch.info or ch.context:
        return None
    changed = ch.ids
    # An item is dirty when it, its source, or anything down its chain of relays changed: found by
    # walking the relays backwards from what changed (every item once).  When no item, source or
    # person changed, none is (the case checked without errors: no id is of two kinds, and every
    # source and relay named is one).
    relayed_by: dict[str, list[str]] = {}
    dirty: set[str] = set()
    relays = any(i in ch.before[n] or i in ch.after[n] for i in changed for n in ("evidence", "sources", "persons"))
    for e in case.evidence if relays else ():
        for d in e.derived_from:
            relayed_by.setdefault(d, []).append(e.id)
        if e.id in changed or e.source in changed:
            dirty.add(e.id)
    todo = [*dirty, *(i for i in changed if i in relayed_by)]
    while todo:
        for nxt in relayed_by.get(todo.pop(), ()):
            if nxt not in dirty:
                dirty.add(nxt)
                todo.append(nxt)

    hot = dirty | changed  # an item linked here makes an allegation weighed again
    out = set()
    for al in case.allegations:
        linked = any(not hot.isdisjoint(lk.evidence) for lk in al.links)
        if al.context:
            if linked:
                return None  # the shared contextual elements change: everything is weighed again
        elif linked or al.id in changed or not changed.isdisjoint(al.incidents):
            out.add(al.id)
    return out


def reuse_for(old_analysis, hit: set[str] | None, fs):
    """The ``reuse`` function for :func:`casebuilder.analyse.analyse` (see its docstring), or None
    when everything must be analysed again.  ``hit``: :func:`affected` by the edit (the same for
    every standard: found once per edit)."""
    if hit is None or old_analysis is None:
        return None
    if fs.standards[old_analysis.standard].requires_person:  # its results carry a reason added afterwards
        return None
    kept = {r.id: r for r in old_analysis.allegations}

    def reuse(al):
        if al is None:
            return old_analysis.contexts
        if al.id in hit:
            return None
        return kept.get(al.id)

    return reuse


# An item's fields that hold no free text and do not decide who may see it (ids, grades, dates,
# enumerations): the leak matcher never reads them (it reads an item's texts, its id and its level).
NO_TEXT_EVIDENCE_FIELDS = frozenset({"kind", "source", "derived_from", "date", "language", "reliability",
                                     "credibility", "persons", "first_hand"})


def _protection_side(name: str, obj):
    """What the leak matcher may read of an allegation (everything but what its links point at:
    elements, items, stance, alternative, pattern — ids and flags, never text) or of an evidence
    item (everything but NO_TEXT_EVIDENCE_FIELDS); None for anything else."""
    if name == "allegations":
        return (obj.model_dump(exclude={"links"}), [(lk.note, lk.inference) for lk in obj.links])
    if name == "evidence":
        return obj.model_dump(exclude=NO_TEXT_EVIDENCE_FIELDS)
    return None


def same_protection(ch: Changes | None) -> bool:
    """True when the edit cannot change the leak matcher (casebuilder.protect.protected_matcher):
    only allegations and evidence items changed, none came or went, and none in a text or (an
    item) its level — a link's element, items or stance, an item's grades, date or source.
    Anything else (a person, an incident, a text anywhere) builds the matcher again.

    Nor what a :class:`casebuilder.protect.Protector` answers, then: it reads the case block's
    default level, the persons and incidents, and of the items their ids and levels only (an item
    passed to it is read as passed), so the previous snapshot's serves."""
    if ch is None or ch.info:
        return False
    for i in ch.ids:
        where = [(n, ch.before[n].get(i, []), ch.after[n].get(i, [])) for n in COLLECTIONS
                 if i in ch.before[n] or i in ch.after[n]]
        if len(where) != 1:
            return False
        name, b, a = where[0]
        if len(b) != 1 or len(a) != 1 or _protection_side(name, b[0]) is None:
            return False
        if _protection_side(name, b[0]) != _protection_side(name, a[0]):
            return False
    return True
