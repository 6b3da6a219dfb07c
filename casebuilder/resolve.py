"""resolve: cross-references, duplicates, cycles and paths across the whole case.

Every problem is reported with the place it sits at; nothing stops at the first one.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import gcpause
from .diagnostics import Diagnostics
from .fwindex import inner_node_hint
from .grading import check_grades
from .load import Case, FrameworkSet
from .models import COLLECTIONS, Evidence
from .suspects import check_suspects

PERSON_REF = re.compile(r"\[\[([^\[\]\s]+)\]\]")
_WORDS = re.compile(r"\w{3,}")
DRIVE = re.compile(r"^[A-Za-z]:")


def _hint(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def resolve(case: Case, fs: FrameworkSet, diags: Diagnostics, exhibits: Path | None = None) -> None:
    """Check every cross-reference of ``case``; report each problem to ``diags``."""
    with gcpause.paused():  # sets and lists by the hundred thousand, no cycles: see gcpause
        _resolve(case, [case], fs, diags, exhibits, None, keep=False)


def resolve_parts(case: Case, parts: list, fs: FrameworkSet, diags: Diagnostics, exhibits: Path | None = None,
                  state: "ResolveState | None" = None) -> "ResolveState":
    """:func:`resolve`, incrementally: ``case`` is assembled from ``parts`` (each a :class:`Case` of one
    file's models, in file order, as ``load_case`` concatenates them); ``state`` is what the previous
    call returned.  What a part contributes to each check is kept with it, and a part that is the same
    object as last time is checked again only if something it reads changed (an id it refers to came
    or went, the relays or sources a stance reads, the grades' links, the exhibits folder, the case's
    frameworks).  The diagnostics, in their order, and everything else are :func:`resolve`'s
    (tests/serve/test_recheck.py compares them after a sequence of edits)."""
    with gcpause.paused():
        return _resolve(case, parts, fs, diags, exhibits, state, keep=True)


class _Run:
    """One resolve: the case, the ids of each kind, the reference checks, and where they report."""

    def __init__(self, case: Case, fs: FrameworkSet, kinds: dict[str, set[str]], ids: set[str], vault: "_Vault"):
        self.case, self.fs, self.kinds, self.ids, self.vault = case, fs, kinds, ids, vault
        self.allowed_of: dict[str, set[str]] = {}  # "evidence|persons" -> its ids, built once (not per reference)
        self.lookup: dict = {}  # items and sources by id, for stances (built when first needed)
        self.grades: dict = {}  # grading.check_grades' links and sources (built when first needed)
        self.law: dict = {}  # _check_law's tables of each framework and provision
        self.out = Diagnostics()
        self.seen: set[str] | None = None  # every id looked up (incremental resolve: what a part depends on)
        self.misses = False  # some id looked up was not found (its message depends on every id of the kind)

    def ids_of(self, kind: str) -> set[str]:
        allowed = self.allowed_of.get(kind)
        if allowed is None:
            allowed = self.allowed_of[kind] = set().union(*(self.kinds[k] for k in kind.split("|")))
        return allowed

    def refs(self, obj, path: tuple, values: list[str], kind: str, label: str, ctx: str) -> list[str]:
        """The ``values`` (the list at ``path`` in ``obj``) that are known; each other one is reported."""
        allowed = self.ids_of(kind)
        if self.seen is not None:
            self.seen.update(values)
        if all(map(allowed.__contains__, values)):  # the usual case, checked without a call per id
            return values
        return [v for i, v in enumerate(values) if self.ref(obj, (*path, i), v, kind, label, ctx)]

    def ref(self, obj, path: tuple, value: str, kind: str, label: str, ctx: str) -> bool:
        allowed = self.ids_of(kind)
        if self.seen is not None:
            self.seen.add(value)
        if value in allowed:
            return True
        self.misses = True
        case = self.case
        if value in case.broken_ids or case.incomplete:
            return False  # the item (or a whole file) is invalid and was reported where it is defined
        what = " or ".join(k.rstrip("s") if k != "evidence" else "evidence item" for k in kind.split("|"))
        msg = f"{label} {value!r} is not a known {what}" + _hint(value, allowed)
        if value in self.ids:
            article = "an" if what[0] in "aeiou" else "a"
            msg = f"{label} {value!r} is not {article} {what} (it is defined as something else)"
        self.out.error("unknown-reference", msg, case.locate(obj, *path), context=ctx)
        return False


def _evidence_refs(run: _Run, part, used_e: set[str], used_p: set[str]) -> None:
    case, person_ids, evidence_ids = run.case, run.kinds["persons"], run.kinds["evidence"]
    source_ids, relayable = run.ids_of("sources"), run.ids_of("evidence|persons")
    seen, report_kinds = run.seen, _report_kinds()
    for s in part.evidence:  # each check called only where it may find something (10,000s of items)
        derived, persons = s.derived_from, s.persons
        if seen is not None:
            seen.add(s.source)
            seen.update(derived)
            seen.update(persons)
        if (s.first_hand is not None and s.first_hand != "no") or (s.first_hand is None and not derived
                                                                      and s.kind in report_kinds):
            _check_first_hand(case, s, evidence_ids, run.out, f"in evidence {s.id}")
        if s.source not in source_ids:
            run.ref(s, ("source",), s.source, "sources", "source", f"in evidence {s.id}")
        if derived:
            if not all(map(relayable.__contains__, derived)):
                derived = run.refs(s, ("derived_from",), derived, "evidence|persons", "derived_from", f"in evidence {s.id}")
            for d in derived:
                (used_p if d in person_ids else used_e).add(d)
        if persons:
            used_p.update(run.refs(s, ("persons",), persons, "persons", "person", f"in evidence {s.id}"))
        if s.exhibit is not None:
            _check_exhibit(case, s, run.out, run.vault)
        if s.custody:
            _check_custody(case, s, run.out)


def _figure_refs(run: _Run, part, used_e: set[str], used_p: set[str]) -> None:
    for f in part.figures:
        ctx = f"in figure {f.id}"
        run.ref(f, ("source",), f.source, "sources", "source", ctx)
        used_e.update(run.refs(f, ("evidence",), f.evidence, "evidence", "evidence", ctx))


def _actor_refs(run: _Run, part, used_e: set[str], used_p: set[str]) -> None:
    for a in part.actors:
        if a.part_of is not None:
            run.ref(a, ("part_of",), a.part_of, "actors", "part_of", f"in actor {a.id}")


def _incident_refs(run: _Run, part, used_e: set[str], used_p: set[str]) -> None:
    for inc in part.incidents:
        ctx = f"in incident {inc.id}"
        run.refs(inc, ("actors",), inc.actors, "actors", "actor", ctx)
        used_p.update(run.refs(inc, ("persons",), inc.persons, "persons", "person", ctx))
        used_e.update(run.refs(inc, ("evidence",), inc.evidence, "evidence", "evidence", ctx))


def _allegation_refs(run: _Run, part, used_e: set[str], used_p: set[str]) -> None:
    case, fs = run.case, run.fs
    for al in part.allegations:
        ctx = f"in allegation {al.id}"
        run.refs(al, ("incidents",), al.incidents, "incidents", "incident", ctx)
        run.refs(al, ("actors",), al.actors, "actors", "actor", ctx)
        used_p.update(run.refs(al, ("victims",), al.victims, "persons", "victim", ctx))
        _check_law(case, fs, al, run.out, run.law)
        for li, link in enumerate(al.links):
            lctx = f"{ctx} \u203a element {link.element}"
            used_e.update(run.refs(al, ("links", li, "evidence"), link.evidence, "evidence", "evidence", lctx))
            _check_stance(case, al, li, link, run.out, lctx, run.lookup)


# The checks made part by part, each over one collection, in the order resolve reports them.
_PART_CHECKS = (("evidence", _evidence_refs), ("figures", _figure_refs), ("actors", _actor_refs),
                ("incidents", _incident_refs), ("allegations", _allegation_refs))
# The collections whose texts may refer to persons ([[p-id]]), in the order resolve reads them
# (after the case block's texts and the proceedings', which are read whole).
_TEXT_COLLECTIONS = ("persons", "actors", "incidents", "evidence", "allegations", "figures", "submissions")


@dataclass
class _Part:
    """What one part (one file's models) contributed to a resolve, and what that depended on."""

    out: dict[str, list]          # check -> its diagnostics for this part's models, in order
    used_evidence: set[str]
    used_persons: set[str]
    seen: set[str] | None         # every id the part's references looked up
    misses: bool                  # some were not found
    revealing: list
    grades: list
    # what the part holds that other parts' checks read
    ids: dict[str, list[str]] = field(default_factory=dict)  # collection -> ids, in order
    chains: frozenset = frozenset()   # items' relays and sources, sources' interest (stances read them)
    graph: frozenset = frozenset()    # items' relays and actors' part_of (the loops)
    linked: frozenset = frozenset()   # item ids its allegations link (the grades read the links)
    sources: frozenset = frozenset()  # its sources' ids (the grades read their reliability)
    stance: bool = False          # has a link whose stance's check reads other parts' relays and sources
    exhibits: bool = False        # has an item with an exhibit (its check reads the exhibits folder)
    law: bool = False             # has allegations (their check reads the case's frameworks)
    ungraded: frozenset = frozenset()     # item ids without a credibility grade
    rel_sources: frozenset = frozenset()  # sources of items graded for reliability


def _check_part(run: _Run, part, keep: bool) -> tuple[dict, set, set, set | None, bool]:
    run.seen, run.misses = (set() if keep else None), False
    used_e: set[str] = set()
    used_p: set[str] = set()
    out: dict[str, list] = {}
    for name, fn in _PART_CHECKS:
        run.out = Diagnostics()
        fn(run, part, used_e, used_p)
        out[name] = run.out.items
    persons = run.kinds["persons"]
    for name in _TEXT_COLLECTIONS:
        run.out = Diagnostics()
        used_p |= _check_text_refs_in(run, _collection_texts(name, getattr(part, name), True), persons)
        out["text:" + name] = run.out.items
    return out, used_e, used_p, run.seen, run.misses


def _grades_of(run: _Run, part) -> list:
    if not part.evidence:
        return []
    d = Diagnostics()
    check_grades(run.case, d, items=part.evidence, memo=run.grades)
    return d.items


def _revealing_of(case: Case, part) -> list:
    d = Diagnostics()
    _check_revealing_ids(case, d, part.persons)
    return d.items


def _summary(part, res: _Part) -> None:
    """What other parts' checks read of this part (compared before and after an edit)."""
    res.ids = {name: [o.id for o in getattr(part, name)] for name in COLLECTIONS}
    res.chains = frozenset([*(("e", e.id, tuple(e.derived_from), e.source) for e in part.evidence),
                            *(("s", s.id, s.interested_party) for s in part.sources)])
    res.graph = frozenset([*(("e", e.id, tuple(e.derived_from)) for e in part.evidence),
                           *(("a", a.id, a.part_of) for a in part.actors)])
    res.linked = frozenset(x for al in part.allegations for lk in al.links for x in lk.evidence)
    res.sources = frozenset(s.id for s in part.sources)
    res.stance = any(lk.stance in ("admits", "disputes") for al in part.allegations for lk in al.links)
    res.exhibits = any(e.exhibit is not None for e in part.evidence)
    res.law = bool(part.allegations)
    res.ungraded = frozenset(e.id for e in part.evidence if e.credibility is None)
    res.rel_sources = frozenset(e.source for e in part.evidence if e.reliability is not None)


@dataclass
class ResolveState:
    """What :func:`resolve_parts` keeps between calls: each part's contribution, and what it read."""

    parts: dict[int, tuple[object, _Part]]  # id(part) -> (the part, what it contributed)
    kinds: dict[str, set[str]]
    ids: set[str]
    dups: bool
    broken: tuple
    vault: tuple
    law: tuple
    cycles: list


def _vault_state(vault: "_Vault") -> tuple:
    """The exhibits folder as the check cache keys it (:func:`casebuilder.cache.exhibits_state`)."""
    from .cache import exhibits_state

    try:
        return exhibits_state(vault.path)
    except OSError:
        return (str(vault.path), "unreadable", os.urandom(8))  # never equal: checked again


def _resolve(case: Case, parts: list, fs: FrameworkSet, diags: Diagnostics, exhibits: Path | None,
             state: ResolveState | None, keep: bool) -> ResolveState | None:
    kinds, ids = _kinds(case, parts, state)
    dups = len(ids) != sum(len(getattr(case, name)) for name in COLLECTIONS)
    if dups:
        _check_duplicates(case, diags)
    vault = _Vault(exhibits or default_vault(case))
    run = _Run(case, fs, kinds, ids, vault)
    run.out = diags
    used_evidence: set[str] = set()
    used_persons: set[str] = set()

    info = case.info
    if info is not None:
        for i, fid in enumerate(info.frameworks):
            if fid not in fs.frameworks:
                diags.error("unknown-framework", f"framework {fid!r} is not in frameworks/" + _hint(fid, fs.frameworks),
                            case.locate(info, "frameworks", i))
        if fs.standards and info.standard not in fs.standards:
            diags.error("unknown-standard", f"standard {info.standard!r} is not defined", case.locate(info, "standard"))
        from .isocodes import check_situation_state
        check_situation_state(case, fs, diags)
        used_evidence.update(run.refs(info, ("situation", "armed_conflict_evidence"),
                                      info.situation.armed_conflict_evidence, "evidence", "evidence", "in case"))

    results, graph_changed = _parts_checked(run, parts, state, keep, dups)
    for name, _fn in _PART_CHECKS:
        for res in results:
            diags.items.extend(res.out[name])
    for res in results:
        used_evidence |= res.used_evidence
        used_persons |= res.used_persons

    run.out, run.seen = diags, None  # what follows is checked whole every time: nothing to record
    from .un.checks import check_submissions  # the UN submission's own references (docs/briefs.md)
    check_submissions(case, fs, diags)
    used_persons.update(v for sub in case.submissions for v in sub.victims)
    for pr in case.proceedings:
        ctx = f"in proceeding {pr.id}"
        if pr.source is not None:
            run.ref(pr, ("source",), pr.source, "sources", "source", ctx)
        run.refs(pr, ("allegations",), pr.allegations, "allegations", "allegation", ctx)
        if "suspects" in kinds:
            run.refs(pr, ("suspects",), pr.suspects, "suspects", "suspect", ctx)
        used_evidence.update(run.refs(pr, ("evidence",), pr.evidence, "evidence", "evidence", ctx))
    if info is not None:
        used_evidence.update(_check_jurisdiction(case, fs, info, run.refs, diags))
    used_evidence |= check_suspects(case, fs, diags)  # suspects and charges: casebuilder/suspects.py
    used_persons |= _check_text_refs_in(run, _case_texts(case), kinds["persons"])
    for name in _TEXT_COLLECTIONS:
        for res in results:
            diags.items.extend(res.out["text:" + name])
    for res in results:
        diags.items.extend(res.revealing)
    for res in results:  # grades that decide the outcome: casebuilder/grading.py
        diags.items.extend(res.grades)
    cycles = _cycles(case, state, graph_changed)
    diags.items.extend(cycles)
    if not case.incomplete:
        for e in case.evidence:
            if e.id not in used_evidence:
                diags.warning("unused-evidence", f"evidence {e.id!r} is not used by any allegation, incident or figure",
                              case.locate(e, "id"))
        for p in case.persons:
            if p.id not in used_persons:
                diags.warning("unreferenced-person", f"person {p.id!r} is never referred to", case.locate(p, "id"))
    if not keep:
        return None
    return ResolveState({id(p): (p, r) for p, r in zip(parts, results)}, kinds, ids, dups,
                        (frozenset(case.broken_ids), case.incomplete), _vault_state(vault),
                        _law_state(case, fs), cycles)


def _kinds(case: Case, parts: list, state: ResolveState | None) -> tuple[dict[str, set[str]], set[str]]:
    """The ids of each collection, and all ids: those of the previous resolve for each collection
    whose ids in the parts that changed are the same as before."""
    kinds = {}
    if state is not None:
        now = {id(p) for p in parts}
        gone = [r for key, (_p, r) in state.parts.items() if key not in now]
        new = [p for p in parts if (k := state.parts.get(id(p))) is None or k[0] is not p]
        for name in COLLECTIONS:
            if sorted(i for r in gone for i in r.ids[name]) == sorted(o.id for p in new for o in getattr(p, name)):
                kinds[name] = state.kinds[name]
    if len(kinds) == len(COLLECTIONS):
        return kinds, state.ids
    for name in COLLECTIONS:
        if name not in kinds:
            kinds[name] = {o.id for o in getattr(case, name)}
    return kinds, set().union(*kinds.values())


def _law_state(case: Case, fs: FrameworkSet) -> tuple:
    """What an allegation's law check reads besides the allegation: the frameworks, and the case's list."""
    return (fs, tuple(case.info.frameworks) if case.info is not None else None)


def _parts_checked(run: _Run, parts: list, state: ResolveState | None, keep: bool, dups: bool) -> tuple[list[_Part], bool]:
    """Each part's contribution: the previous one where nothing it reads changed, else checked again;
    and whether the relays or part_of links may have changed (the loops are then looked for again)."""
    case = run.case
    before = state.parts if state is not None else {}
    kept = [before.get(id(p)) for p in parts]
    kept = [k[1] if k is not None and k[0] is p else None for k, p in zip(kept, parts)]
    if state is not None and any(k is not None for k in kept):
        now = {id(p) for p, k in zip(parts, kept) if k is not None}
        gone = [r for key, (_p, r) in state.parts.items() if key not in now]
        new = [p for p, k in zip(parts, kept) if k is None]
        fresh = {}
        for p in new:
            fresh[id(p)] = r = _Part({}, set(), set(), None, False, [], [])
            _summary(p, r)
        changed = [*gone, *fresh.values()]
        # ids whose kind changed (came, went, or now name something else)
        touched = {i for r in changed for name in COLLECTIONS for i in r.ids[name]}
        moved = {i for i in touched if any((i in state.kinds[k]) != (i in run.kinds[k]) for k in COLLECTIONS)}
        broken = (frozenset(case.broken_ids), case.incomplete) != state.broken
        anydup = dups or state.dups  # with two of an id, which one a lookup finds depends on the order
        chains = anydup or _union(gone, "chains") != _union(fresh.values(), "chains")
        graph = anydup or _union(gone, "graph") != _union(fresh.values(), "graph")
        vault = _vault_state(run.vault) != state.vault
        law = _law_state(case, run.fs) != state.law
        linked, sources = _union(changed, "linked"), _union(changed, "sources")
    else:
        fresh = {}
        moved, broken, chains, vault, law, linked, sources, graph = set(), False, False, False, False, frozenset(), frozenset(), True
    out = []
    for p, k in zip(parts, kept):
        if k is None:
            r = fresh.get(id(p)) or _Part({}, set(), set(), None, False, [], [])
            r.out, r.used_evidence, r.used_persons, r.seen, r.misses = _check_part(run, p, keep)
            r.revealing = _revealing_of(case, p)
            r.grades = _grades_of(run, p)
            if keep and id(p) not in fresh:
                _summary(p, r)
            out.append(r)
            continue
        again = ((k.misses and (moved or broken)) or not k.seen.isdisjoint(moved)
                 or (k.stance and chains) or (k.exhibits and vault) or (k.law and law))
        grades = bool(k.ungraded & linked or k.rel_sources & sources)
        if again or grades:
            k = replace(k)
            if again:
                k.out, k.used_evidence, k.used_persons, k.seen, k.misses = _check_part(run, p, keep)
            if grades:
                k.grades = _grades_of(run, p)
        out.append(k)
    return out, graph


def _union(parts, name: str) -> frozenset:
    return frozenset().union(*(getattr(r, name) for r in parts))


def _cycles(case: Case, state: ResolveState | None, graph_changed: bool) -> list:
    """The loops of relays and of part_of: none if there were none and no relay or part_of changed."""
    if state is not None and not state.cycles and not graph_changed:
        return []
    d = Diagnostics()
    _check_cycles(case, d)
    return d.items


@functools.cache  # imported once, not once per item (0.3 s on 100,000 items)
def _report_kinds() -> frozenset[str]:
    from .analyse.origins import REPORT_KINDS
    return REPORT_KINDS


def _check_first_hand(case: Case, e: Evidence, evidence_ids: set[str], diags: Diagnostics, ctx: str) -> None:
    relays_items = any(d in evidence_ids for d in e.derived_from)
    if e.first_hand not in (None, "no") and relays_items:
        diags.warning("first-hand-relays", f"evidence {e.id!r} says `first_hand: {e.first_hand}` but relays other "
                      "evidence items (derived_from): it is hearsay; remove `first_hand` or the items it relays",
                      case.locate(e, "first_hand"), context=ctx)
    elif e.first_hand is None and not e.derived_from and e.kind in _report_kinds():
        diags.warning("first-hand-unstated", f"{e.kind.replace('_', ' ')} {e.id!r} names no origin (no derived_from) and "
                      "does not say `first_hand`: it counts as unattributed, not as direct evidence. Add `first_hand: no` "
                      "if it states a claim without naming who saw it, `first_hand: percipient|document|record|recording|"
                      "physical` if it is first-hand, or `derived_from:` the item or person it relays",
                      case.locate(e, "id"), context=ctx)


def _interested_origin(items: dict, sources: dict, eid: str, seen: set[str] | None = None) -> bool:
    """Whether the origin of an item (the items it relays that relay no other item) is an interested party."""
    seen = set() if seen is None else seen
    e = items.get(eid)
    if e is None or eid in seen:
        return False
    seen.add(eid)
    inner = [d for d in e.derived_from if d in items]
    if not inner:
        src = sources.get(e.source)
        return bool(src and src.interested_party)
    return any(_interested_origin(items, sources, d, seen) for d in inner)


def _check_stance(case: Case, al, li: int, link, diags: Diagnostics, ctx: str, lookup: dict) -> None:
    if link.stance in ("admits", "disputes"):
        if not lookup:
            lookup["items"] = {x.id: x for x in case.evidence}
            lookup["sources"] = {x.id: x for x in case.sources}
        plain = [eid for eid in link.evidence if eid in lookup["items"]
                 and not _interested_origin(lookup["items"], lookup["sources"], eid)]
        if plain:
            diags.warning("stance-needs-interested-party", f"`stance: {link.stance}` is for statements of an interested "
                          f"party, and the origin of {', '.join(plain)} is not one: use `supports` or `contradicts`, or "
                          "mark the source `interested_party: true`", case.locate(al, "links", li, "stance"), context=ctx)
    if link.pattern is False and not link.note:
        diags.warning("pattern-without-reason", "`pattern: false` counts items dated outside the allegation's period: "
                      "say why in the link's `note`", case.locate(al, "links", li, "pattern"), context=ctx)


def _check_duplicates(case: Case, diags: Diagnostics) -> set[str]:
    first: dict[str, object] = {}
    for name in COLLECTIONS:
        for obj in getattr(case, name):
            prev = first.get(obj.id)
            if prev is not None:
                diags.error("duplicate-id", f"id {obj.id!r} is already used", case.locate(obj, "id"),
                            related=[(case.locate(prev, "id"), "first defined here")])
            else:
                first[obj.id] = obj
    return set(first)


def _law_tables(fw, provision: str | None) -> tuple | None:
    """What an allegation under ``fw`` (and ``provision``) may link: the element ids, the leaves by id,
    the provision's duties, retired element ids, per-act contextual elements (None: no such provision)."""
    ctx_leaves = fw.contextual_leaves()
    allowed = {e.id for e in ctx_leaves}
    leaves = {e.id: e for e in ctx_leaves}
    duties: dict[str, str] = {}
    if provision is not None:
        prov = fw.provision(provision)
        if prov is None:
            return None
        allowed |= {e.id for e in prov.leaves()}
        leaves |= {e.id: e for e in prov.leaves()}
        duties = {d.id: prov.id for d in prov.duties}
    retired = {a.former_id: (e.id, a.id) for e in leaves.values() for a in e.alternatives if a.former_id}
    per_act = {e.id for e in ctx_leaves if e.scope == "act"}
    return allowed, leaves, duties, retired, per_act


def _check_law(case: Case, fs: FrameworkSet, al, diags: Diagnostics, memo: dict | None = None) -> None:
    """``memo``: a dict kept for one resolve (the tables of each framework and provision, made once)."""
    ctx = f"in allegation {al.id}"
    fw = fs.frameworks.get(al.framework)
    if fw is None:
        diags.error("unknown-framework", f"framework {al.framework!r} is not in frameworks/" + _hint(al.framework, fs.frameworks),
                    case.locate(al, "framework"), context=ctx)
        return
    if case.info is not None and al.framework not in case.info.frameworks:
        diags.warning("framework-not-selected", f"framework {al.framework!r} is not listed in case.frameworks",
                      case.locate(al, "framework"), context=ctx)
    key = (al.framework, al.provision)
    tables = memo.get(key, memo) if memo is not None else memo
    if tables is memo:
        tables = _law_tables(fw, al.provision)
        if memo is not None:
            memo[key] = tables
    if tables is None:
        diags.error("unknown-provision", f"framework {fw.id} has no provision {al.provision!r}"
                    + _hint(al.provision, [p.id for p in fw.provisions]), case.locate(al, "provision"), context=ctx)
        return
    allowed, leaves, duties, retired, per_act = tables
    for li, link in enumerate(al.links):
        lctx = f"{ctx} \u203a element {link.element}"
        def where_el(li=li):  # located only when reported: positions cost a second parse of the file
            return case.locate(al, "links", li, "element")
        if link.element in retired:
            new, alt = retired[link.element]
            diags.warning("retired-element", f"element {link.element!r} is now the alternative {alt!r} of {new}: "
                          f"write `element: {new}` with `alternative: {alt}` (counted so meanwhile)", where_el(), context=lctx)
            continue
        if link.element in duties:
            diags.warning("not-an-element", f"{link.element!r} is a duty stated by {duties[link.element]}, not an element "
                          "of a violation: the link is not weighed; link the evidence to the element it bears on",
                          where_el(), context=lctx)
            continue
        if link.element not in allowed:
            where = "the framework's contextual elements" if al.context else f"provision {al.provision} or the contextual elements"
            inner = inner_node_hint(fw, link.element, allowed)
            msg = f"element {inner}" if inner else f"element {link.element!r} is not in {where}" + _hint(link.element, allowed)
            diags.error("unknown-element", msg, where_el(), context=lctx)
            continue
        el = leaves[link.element]
        alt = getattr(link, "alternative", None)
        if alt is not None and alt not in {a.id for a in el.alternatives}:
            known = [a.id for a in el.alternatives]
            what = f"one of {', '.join(known)}" if known else "nothing: the element has no alternatives"
            diags.error("unknown-alternative", f"alternative {alt!r} of {el.id}: expected {what}" + _hint(alt, known),
                        case.locate(al, "links", li, "alternative"), context=lctx)
        if al.context and link.element in per_act:
            diags.warning("per-act-element-on-context", f"{link.element} is assessed for each act and its perpetrator: "
                          "evidence linked here is only offered to the acts; link it on each act allegation "
                          "(or write an `inference:` there)", where_el(), context=lctx)


def _check_jurisdiction(case: Case, fs: FrameworkSet, info, refs, diags: Diagnostics) -> set[str]:
    """case.jurisdiction, case.admissibility and case.requested_action: evidence ids, gravity factors
    of the ICC forum, forum codes.  Returns the evidence ids used."""
    used: set[str] = set()
    facts, adm = info.jurisdiction, info.admissibility
    if facts is not None:
        for i, d in enumerate(facts.declarations):
            used.update(refs(info, ("jurisdiction", "declarations", i, "evidence"), d.evidence, "evidence", "evidence",
                             "in case › jurisdiction"))
        for i, r in enumerate(facts.referrals):
            used.update(refs(info, ("jurisdiction", "referrals", i, "evidence"), r.evidence, "evidence", "evidence",
                             "in case › jurisdiction"))
    if adm is not None:
        icc = fs.forums.get("icc")
        factors = {f.id for f in icc.factors} if icc is not None else set()
        for i, g in enumerate(adm.gravity):
            ctx = f"in case › admissibility › gravity {g.factor}"
            if g.factor not in factors:
                diags.error("unknown-element", f"gravity factor {g.factor!r} is not a gravity factor of the ICC forum "
                            f"({', '.join(sorted(factors)) or 'frameworks/forums/icc.yaml defines none'})"
                            + _hint(g.factor, factors), case.locate(info, "admissibility", "gravity", i, "factor"),
                            context=ctx)
            used.update(refs(info, ("admissibility", "gravity", i, "evidence"), g.evidence, "evidence", "evidence", ctx))
    for code in info.requested_action:
        if code != "default" and code not in fs.forums:
            diags.error("unknown-forum", f"requested_action: {code!r} is not a forum in frameworks/forums/ "
                        f"(expected {', '.join(sorted(fs.forums)) or 'a forum code'} or 'default')"
                        + _hint(code, [*fs.forums, "default"]), case.locate(info, "requested_action", code, key=True),
                        context="in case")
    return used


def _text_fields(case: Case):
    """Every text of the case that may refer to a person (``[[p-id]]``): (object, path, text)."""
    yield from _case_texts(case)
    for name in _TEXT_COLLECTIONS:
        yield from _collection_texts(name, getattr(case, name))


def _case_texts(case: Case):
    """The case block's texts and the proceedings'."""
    if case.info is not None:
        yield case.info, ("description",), case.info.description
        yield case.info, ("situation", "armed_conflict_basis"), case.info.situation.armed_conflict_basis
        yield case.info, ("domestic_remedies",), case.info.domestic_remedies
        adm = case.info.admissibility
        if adm is not None:
            for name in ("gravity_note", "interests_of_justice", "victims_interests"):
                yield case.info, ("admissibility", name), getattr(adm, name)
        for code, text in case.info.requested_action.items():
            yield case.info, ("requested_action", code), text
        if case.info.summary is not None:
            for name in ("what_happened", "characterisation", "missing", "forum", "request"):
                yield case.info, ("summary", name), getattr(case.info.summary, name)
    for pr in case.proceedings:
        for name in ("description", "indicators_note", "outcome"):
            yield pr, (name,), getattr(pr, name)


def _collection_texts(name: str, objs: list, only_refs: bool = False):
    """The texts of one collection's objects (one of _TEXT_COLLECTIONS), in order (``only_refs``:
    only those that may refer to a person, found without a step per text)."""
    if only_refs:
        objs = [o for o in objs if "[[" in _all_texts(name, o)]
    if name == "persons" or name == "actors":
        for o in objs:
            yield o, ("description",), o.description
    elif name == "incidents":
        for inc in objs:
            yield inc, ("description",), inc.description
            yield inc, ("title",), inc.title
    elif name == "evidence":
        for e in objs:
            yield e, ("summary",), e.summary
            yield e, ("title",), e.title
            yield e, ("excerpt",), e.excerpt
    elif name == "allegations":
        for al in objs:
            yield al, ("note",), al.note
            for i, link in enumerate(al.links):
                yield al, ("links", i, "note"), link.note
    elif name == "figures":
        for f in objs:
            yield f, ("note",), f.note
    elif name == "submissions":
        for sub in objs:
            for field_ in ("summary", "urgency", "domestic_remedies"):
                yield sub, (field_,), getattr(sub, field_)
            yield sub, ("submitter", "knowledge"), sub.submitter.knowledge
            for field_ in ("requests", "questions"):
                for i, text in enumerate(getattr(sub, field_)):
                    yield sub, (field_, i), text


def _all_texts(name: str, o) -> str:
    """Every text of one object of a collection, joined (to look for ``[[`` once per object)."""
    if name == "evidence":
        return f"{o.summary}\0{o.title}\0{o.excerpt}"
    if name == "incidents":
        return f"{o.description}\0{o.title}"
    if name in ("persons", "actors"):
        return o.description or ""
    if name == "allegations":
        return "\0".join([o.note or "", *(lk.note or "" for lk in o.links)])
    if name == "figures":
        return o.note or ""
    return "[["  # submissions: few, read field by field


def _check_text_refs_in(run: _Run, fields, persons: set[str]) -> set[str]:
    """The persons that ``fields``' texts refer to; each unknown one is reported."""
    used = set()
    case = run.case
    for obj, path, text in fields:
        if not text or "[[" not in text:
            continue
        for m in PERSON_REF.finditer(text):
            pid = m.group(1)
            if run.seen is not None:
                run.seen.add(pid)
            if pid in persons:
                used.add(pid)
                continue
            run.misses = True
            if not case.incomplete and pid not in case.broken_ids:
                run.out.error("unknown-reference", f"text refers to [[{pid}]], which is not a known person" + _hint(pid, persons),
                              case.locate(obj, *path), context=f"in {type(obj).__name__.lower()} {getattr(obj, 'id', '')}".rstrip())
    return used


def _check_revealing_ids(case: Case, diags: Diagnostics, persons: list | None = None) -> None:
    for p in case.persons if persons is None else persons:
        if p.protection == "none":
            continue
        names = [n for n in (p.name, *p.aliases) if n]
        pid = p.id.casefold()
        hits = {t for n in names for t in _WORDS.findall(n.casefold()) if t in pid}
        if hits:
            hits -= set(_WORDS.findall((p.pseudonym or "").casefold()))  # a pseudonym is public anyway
        hits = sorted(hits)
        if hits:
            diags.warning("revealing-id", f"the id of protected person {p.id!r} contains part of their name "
                          f"({len(hits)} word{'s' * (len(hits) != 1)}); ids appear in outputs, use a neutral id",
                          case.locate(p, "id"))


def _check_cycles(case: Case, diags: Diagnostics) -> None:
    graph = {e.id: e.derived_from for e in case.evidence}
    by_id = {}

    def item(n):  # found when a loop is reported
        if not by_id:
            by_id.update((e.id, e) for e in case.evidence)
        return by_id[n]
    _report_cycles(graph, item, case, diags, "derived_from", "hearsay chain")
    agraph = {a.id: [a.part_of] if a.part_of else [] for a in case.actors}
    a_by_id = {a.id: a for a in case.actors}
    _report_cycles(agraph, lambda n: a_by_id[n], case, diags, "part_of", "chain of command")


def _acyclic(graph: dict[str, list[str]], rounds: int = 16) -> bool:
    """True when ``graph`` surely has no loop: the nodes relaying nothing in the graph are peeled off,
    a few rounds (chains are short); False when a loop may remain (the full search decides)."""
    pending = {n: inner for n, ds in graph.items() if ds and (inner := [d for d in ds if d in graph])}
    for _ in range(rounds):
        if not pending:
            return True
        done = [n for n, ds in pending.items() if not any(d in pending for d in ds)]
        if not done:
            return False
        for n in done:
            del pending[n]
    return not pending


def _report_cycles(graph: dict[str, list[str]], obj_of, case: Case, diags: Diagnostics, field: str, what: str) -> None:
    if _acyclic(graph):
        return  # the usual case, found without the search below
    WHITE, GREY, BLACK = 0, 1, 2
    color = dict.fromkeys(graph, WHITE)
    reported: set[frozenset] = set()
    for start in sorted(graph):
        if color[start] != WHITE:
            continue
        stack = [(start, iter(graph[start]))]
        path = [start]
        color[start] = GREY
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                color[node] = BLACK
                stack.pop()
                path.pop()
                continue
            if nxt not in graph:
                continue
            if color[nxt] == GREY:
                cyc = path[path.index(nxt):]
                key = frozenset(cyc)
                if key not in reported:
                    reported.add(key)
                    chain = " \u2192 ".join(cyc + [nxt])
                    first = obj_of(cyc[0])
                    idx = graph[cyc[0]].index(cyc[1] if len(cyc) > 1 else cyc[0])
                    diags.error("cycle", f"the {what} loops: {chain}", case.locate(first, field, idx) if field == "derived_from"
                                else case.locate(first, field),
                                related=[(case.locate(obj_of(n), "id"), f"{n} is part of the loop") for n in cyc[1:]])
            elif color[nxt] == WHITE:
                color[nxt] = GREY
                stack.append((nxt, iter(graph[nxt])))
                path.append(nxt)


def exhibit_path_problem(raw: str) -> str | None:
    """Why an exhibit path is unsafe, lexically (None if fine)."""
    if not raw or raw.strip() != raw:
        return "exhibit path is empty or has surrounding spaces"
    if "\\" in raw or raw.startswith("/") or DRIVE.match(raw) or raw.startswith("~"):
        return f"exhibit path {raw!r} is absolute; give it relative to the exhibits folder"
    if ".." in raw.split("/"):  # the parts of a relative POSIX path, '..' kept as written
        return f"exhibit path {raw!r} climbs out of the exhibits folder with '..'"
    if "\x00" in raw:
        return "exhibit path contains a NUL character"
    return None


def resolve_exhibit(vault: Path, raw: str, real_vault: Path | None = None) -> tuple[Path | None, str | None]:
    """The exhibit's real path inside ``vault``, or why not. Symlinks leaving the vault are refused.

    ``real_vault``: ``vault.resolve()`` when the caller already has it (it checks thousands of items)."""
    problem = exhibit_path_problem(raw)
    if problem:
        return None, problem
    p = vault / raw
    real_vault = real_vault or vault.resolve()
    try:
        real = p.resolve()
    except (OSError, RuntimeError):
        return None, f"exhibit path {raw!r} cannot be resolved (symlink loop?)"
    if not real.is_relative_to(real_vault):
        return None, f"exhibit path {raw!r} passes through a symlink leading outside the exhibits folder"
    return real, None


def default_vault(case: Case) -> Path:
    return case.root / "exhibits"


class _Vault:
    """The exhibits folder of one check, and its real path (None if it does not exist), found once."""

    def __init__(self, path: Path):
        self.path = path
        self.real = path.resolve() if os.path.isdir(path) else None


def _check_exhibit(case: Case, e: Evidence, diags: Diagnostics, vault: _Vault) -> None:
    if e.exhibit is None:
        return
    if vault.real is not None:
        _, problem = resolve_exhibit(vault.path, e.exhibit.path, vault.real)
    else:
        problem = exhibit_path_problem(e.exhibit.path)
    if problem:
        diags.error("unsafe-path", problem, case.locate(e, "exhibit", "path"), context=f"in evidence {e.id}")


def check_exhibits_and_custody(case: Case, diags: Diagnostics, exhibits: Path | None = None) -> None:
    """Only the exhibit-path and custody checks of :func:`resolve` (``verify`` and ``hash`` need no law)."""
    vault = _Vault(exhibits or default_vault(case))
    for e in case.evidence:
        _check_exhibit(case, e, diags, vault)
        _check_custody(case, e, diags)


def expected_sha256(e: Evidence) -> str | None:
    """The hash an exhibit must have: the recorded one, else the first one its custody log records."""
    if e.exhibit is not None and e.exhibit.sha256:
        return e.exhibit.sha256
    return next((c.sha256 for c in e.custody if c.sha256), None)


def _check_custody(case: Case, e: Evidence, diags: Diagnostics) -> None:
    recorded = expected_sha256(e)
    prev = None
    for i, entry in enumerate(e.custody):
        if prev is not None and entry.date.start < prev.date.start:
            diags.error("custody-order", f"custody entry dated {entry.date.text} comes after one dated {prev.date.text}",
                        case.locate(e, "custody", i, "date"), context=f"in evidence {e.id}")
        if entry.sha256 and recorded and entry.sha256 != recorded:
            whose = "the exhibit's recorded hash" if e.exhibit and e.exhibit.sha256 else "the first hash in its custody log"
            diags.error("custody-hash", f"custody entry ({entry.action}, {entry.date.text}) records sha256 "
                        f"{entry.sha256[:12]}\u2026 but {whose} is {recorded[:12]}\u2026",
                        case.locate(e, "custody", i, "sha256"), context=f"in evidence {e.id}")
        prev = entry
