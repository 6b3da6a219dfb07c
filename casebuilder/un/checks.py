"""What a mandate would reject, reported before anything is written.

At ``check`` time (:func:`check_submissions`): unknown mandates, allegations and persons, and an
urgent appeal with no ongoing or imminent harm recorded.  At build time (:func:`check_sourcing`):
the Code of Conduct for Special Procedures Mandate-holders (HRC res. 5/2, annex, art. 9(d)-(e)) asks
for direct or reliable knowledge substantiated by clear information, and for communications not
exclusively based on reports disseminated by mass media.  The UN brief therefore refuses an
allegation whose evidence is only an interested party's statements, and warns when every item of an
allegation is a media report.
"""
from __future__ import annotations

import difflib

from .submission import HARMS, plan as make_plan

HARM_WORDS = {"execution": "imminent execution (a death sentence or capital charge)",
              "incommunicado": "incommunicado detention or unknown whereabouts",
              "care": "denial of urgent medical care"}
assert set(HARM_WORDS) == set(HARMS)


def _hint(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_submissions(case, fs, diags) -> None:
    if not case.submissions:
        return
    allegations = {a.id: a for a in case.allegations}
    persons = {p.id for p in case.persons}
    for sub in case.submissions:
        ctx = f"in submission {sub.id}"
        for j, mid in enumerate(sub.mandates):
            if mid not in fs.mandates:
                diags.error("unknown-mandate", f"mandate {mid!r} is not in frameworks/mandates.yaml"
                            + _hint(mid, fs.mandates), case.locate(sub, "mandates", j), context=ctx)
        for j, aid in enumerate(sub.allegations):
            al = allegations.get(aid)
            if al is None:
                if aid not in case.broken_ids and not case.incomplete:
                    diags.error("unknown-reference", f"allegation {aid!r} is not a known allegation"
                                + _hint(aid, allegations), case.locate(sub, "allegations", j), context=ctx)
            elif al.framework in fs.frameworks and fs.frameworks[al.framework].kind != "rights":
                diags.warning("un-not-human-rights", f"allegation {aid!r} is under {al.framework}, not a human-rights "
                              "framework; a special procedure acts on human-rights norms",
                              case.locate(sub, "allegations", j), context=ctx)
        for j, pid in enumerate(sub.victims):
            if pid not in persons and pid not in case.broken_ids and not case.incomplete:
                diags.error("unknown-reference", f"victim {pid!r} is not a known person" + _hint(pid, persons),
                            case.locate(sub, "victims", j), context=ctx)
        if sub.kind == "urgent-appeal":
            p = make_plan(case, fs, sub.id)
            if not p.harms:
                diags.error("urgent-without-harm", "an urgent appeal needs ongoing or imminent harm recorded for a "
                            "submitted victim (whereabouts: execution_imminent, death_sentence, capital_charge, "
                            "incommunicado, status disappeared, or urgent_care_denied); none is recorded, so this "
                            "is an allegation letter", case.locate(sub, "kind"), context=ctx)


def roots(eid: str, items: dict, seen: set | None = None) -> list:
    """The original items (empty derived_from) an item relays; persons relayed count as themselves."""
    seen = set() if seen is None else seen
    if eid in seen:
        return []
    seen.add(eid)
    e = items.get(eid)
    if e is None:
        return [eid]
    if not e.derived_from:
        return [e]
    out = []
    for d in e.derived_from:
        out.extend(roots(d, items, seen))
    return out or [e]


def interested_only(eids, items: dict, sources: dict) -> bool:
    """True when every origin of every item is a statement of an interested party."""
    found = False
    for eid in eids:
        for r in roots(eid, items):
            if isinstance(r, str):
                return False  # a person relayed (a witness), or an unknown id
            src = sources.get(r.source)
            if src is None or not src.interested_party:
                return False
            found = True
    return found


def media_only(eids, items: dict, sources: dict) -> bool:
    """True when every item is a report disseminated by mass media."""
    found = False
    for eid in eids:
        e = items.get(eid)
        if e is None:
            return False
        src = sources.get(e.source)
        if not (e.kind == "media-report" or (src is not None and src.kind == "media")):
            return False
        found = True
    return found


def check_sourcing(case, plan, diags) -> list:
    """Report the allegations a mandate would reject; return those the submission may carry."""
    items = {e.id: e for e in case.evidence}
    sources = {s.id: s for s in case.sources}
    kept = []
    for al in plan.allegations:
        ctx = f"in allegation {al.id}"
        eids = list(dict.fromkeys(e for link in al.links if link.stance == "supports" for e in link.evidence))
        if not eids:
            diags.warning("un-unsupported", f"allegation {al.id!r} has no supporting evidence; the UN submission "
                          "leaves it out", case.locate(al, "id"), context=ctx)
            continue
        if interested_only(eids, items, sources):
            diags.error("un-interested-only", f"allegation {al.id!r} rests only on statements of interested parties; "
                        "a mandate needs direct or reliable knowledge substantiated by clear information (Code of "
                        "Conduct for Special Procedures Mandate-holders, HRC res. 5/2, art. 9(d)): add independent "
                        "information or leave it out of the submission", case.locate(al, "links"), context=ctx)
            continue
        if media_only(eids, items, sources):
            diags.warning("un-media-only", f"every item supporting allegation {al.id!r} is a mass-media report; a "
                          "communication must not be exclusively based on reports disseminated by mass media (Code "
                          "of Conduct, HRC res. 5/2, art. 9(e)): add first-hand or documentary information",
                          case.locate(al, "links"), context=ctx)
        kept.append(al)
    return kept
