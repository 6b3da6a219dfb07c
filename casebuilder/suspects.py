"""Checks of the `suspects` and `charges` collections: references, modes of liability, positions, chain of command.

Called by :func:`casebuilder.resolve.resolve`; every problem is reported at its exact place and nothing
stops at the first one.  The codes are documented in docs/errors.md.
"""
from __future__ import annotations

import datetime as dt
import difflib

from .diagnostics import Diagnostics

LIABILITY = "liability"


def liability_modes(fs) -> dict:
    """Provision id → (framework, provision) for every mode of liability in the frameworks folder."""
    return {p.id: (fw, p) for fw in fs.frameworks.values() if fw.kind == LIABILITY for p in fw.provisions}


def _hint(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_suspects(case, fs, diags: Diagnostics) -> set[str]:
    """Report every problem of the case's suspects and charges; return the evidence ids they use."""
    used: set[str] = set()
    if not case.suspects and not case.charges:
        return used
    known = {
        "actors": {a.id for a in case.actors},
        "evidence": {e.id for e in case.evidence},
        "suspects": {s.id for s in case.suspects},
        "allegations": {a.id for a in case.allegations},
    }
    every_id = set().union(*(({o.id for o in getattr(case, n)}) for n in
                             ("sources", "persons", "actors", "incidents", "evidence", "figures", "allegations",
                              "suspects", "charges")))
    words = {"actors": "actor", "evidence": "evidence item", "suspects": "suspect", "allegations": "allegation"}

    def ref(obj, path: tuple, value: str, kind: str, label: str, ctx: str) -> bool:
        if value in known[kind]:
            return True
        if value in case.broken_ids or case.incomplete:
            return False  # reported where the item (or the unreadable file) is
        what = words[kind]
        if value in every_id:
            msg = f"{label} {value!r} is not {'an' if what[0] in 'aeiou' else 'a'} {what} (it is defined as something else)"
        else:
            msg = f"{label} {value!r} is not a known {what}" + _hint(value, known[kind])
        diags.error("unknown-reference", msg, case.locate(obj, *path), context=ctx)
        return False

    def evidence(obj, path: tuple, values: list[str], ctx: str) -> None:
        for i, v in enumerate(values):
            if ref(obj, (*path, i), v, "evidence", "evidence", ctx):
                used.add(v)

    for s in case.suspects:
        ctx = f"in suspect {s.id}"
        if s.actor is not None:
            ref(s, ("actor",), s.actor, "actors", "actor", ctx)
        if s.superior is not None:
            ref(s, ("superior",), s.superior, "suspects", "superior", ctx)
        for i, pos in enumerate(s.positions):
            if pos.organisation is not None:
                ref(s, ("positions", i, "organisation"), pos.organisation, "actors", "organisation", ctx)
            evidence(s, ("positions", i, "evidence"), pos.evidence, ctx)
            if pos.end is not None and pos.end.end < pos.start.start:
                diags.error("invalid-date", f"position {pos.title!r} ends ({pos.end.text}) before it begins "
                            f"({pos.start.text})", case.locate(s, "positions", i, "to"), context=ctx)
        _check_overlaps(case, s, diags)
        for i, w in enumerate(s.whereabouts):
            evidence(s, ("whereabouts", i, "evidence"), w.evidence, ctx)
    _check_command_loops(case, diags)

    modes = liability_modes(fs)
    allegations = {a.id: a for a in case.allegations}
    for c in case.charges:
        ctx = f"in charge {c.id}"
        ref(c, ("suspect",), c.suspect, "suspects", "suspect", ctx)
        if ref(c, ("allegation",), c.allegation, "allegations", "allegation", ctx):
            al = allegations[c.allegation]
            if al.context:
                diags.error("invalid-value", f"allegation {al.id!r} is a context allegation (the contextual elements "
                            "shared by every crime); charge a suspect with a crime allegation instead",
                            case.locate(c, "allegation"), context=ctx)
        for li, link in enumerate(c.links):
            evidence(c, ("links", li, "evidence"), link.evidence, f"{ctx} \u203a element {link.element}")
        found = modes.get(c.mode)
        if found is None:
            if not modes:
                why = "; the frameworks folder has no liability framework"
            else:
                why = _hint(c.mode, modes) or f"; known modes: {', '.join(sorted(modes))}"
            diags.error("unknown-mode", f"{c.mode!r} is not a mode of liability in frameworks/liability/{why}",
                        case.locate(c, "mode"), context=ctx)
            continue
        _, prov = found
        allowed = {e.id for e in prov.leaves()}
        for li, link in enumerate(c.links):
            if link.element not in allowed:
                diags.error("unknown-element", f"element {link.element!r} is not an element of the mode {prov.id} "
                            f"({prov.title})" + _hint(link.element, allowed),
                            case.locate(c, "links", li, "element"), context=f"{ctx} \u203a element {link.element}")
    return used


def _span(pos) -> tuple[dt.date, dt.date]:
    return pos.start.start, (pos.end.end if pos.end is not None else dt.date.max)


def _same_office(a, b) -> bool:
    if a.office != b.office:
        return False
    if a.organisation or b.organisation:
        return a.organisation == b.organisation
    return a.title.casefold().strip() == b.title.casefold().strip()


def _check_overlaps(case, s, diags: Diagnostics) -> None:
    """One person cannot hold the same office twice at the same time: two positions of the same kind in
    the same organisation (or, without one, with the same title) whose periods overlap."""
    for j, b in enumerate(s.positions):
        for i in range(j):
            a = s.positions[i]
            if not _same_office(a, b):
                continue
            (a0, a1), (b0, b1) = _span(a), _span(b)
            if a0 <= b1 and b0 <= a1:
                diags.error("position-overlap", f"position {b.title!r} ({b.office}) overlaps an earlier record of the "
                            f"same office ({a.title!r}, from {a.start.text}"
                            + (f" to {a.end.text}" if a.end else ", still held") + "): one person cannot hold it twice at "
                            "once; merge the two or correct the dates",
                            case.locate(s, "positions", j, "from"), context=f"in suspect {s.id}",
                            related=[(case.locate(s, "positions", i, "from"), "the earlier record")])
                break


def _check_command_loops(case, diags: Diagnostics) -> None:
    from .resolve import _report_cycles  # the same loop finder as the hearsay and part_of chains

    graph = {s.id: [s.superior] if s.superior else [] for s in case.suspects}
    by_id = {s.id: s for s in case.suspects}
    _report_cycles(graph, lambda n: by_id[n], case, diags, "superior", "chain of command")


def suspect_strings(case, audience: str) -> list:
    """What an audience below a suspect's level must never receive: the names a person-like suspect
    goes by (name, original-script name, aliases, surname first), like a protected person's.  Not
    when the suspect is recorded as an actor whose (public) name already contains the name: what is
    confidential then is the suspicion, which outputs withhold by leaving the suspect out."""
    from .models.common import level_rank
    from .protect.strings import Protected, _surname_first, long_enough

    actors = {a.id: a.name for a in case.actors}
    out: list = []
    for s in case.suspects:
        if level_rank(audience) >= level_rank(s.confidentiality):
            continue
        public = actors.get(s.actor, "") if s.actor else ""
        for fld, value, path in [("name", s.name, ("name",)), ("name_original", s.name_original, ("name_original",)),
                                 *((f"aliases[{i}]", a, ("aliases", i)) for i, a in enumerate(s.aliases))]:
            if not value or not long_enough(value) or (public and value in public):
                continue
            out.append(Protected(s.id, fld, value, "person", path))
            first = _surname_first(value)
            if first and long_enough(first):
                out.append(Protected(s.id, f"{fld}, surname first", first, "person", path))
    return out
