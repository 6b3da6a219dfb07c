"""Jurisdiction, admissibility and forums: where can this case go, and what must each forum see.

Two questions, answered from the case's data and the forums in ``frameworks/forums/``:

* the ICC (:func:`icc_analysis`): the preconditions of arts. 12-13 and 11 (territory, nationality of
  the suspects, art. 12(3) declarations, referrals, conduct partly on a State Party's territory),
  then admissibility (art. 17: complementarity from the recorded domestic proceedings and their
  genuineness indicators; gravity as factors with evidence) and the analyst's sections on the
  interests of justice and of victims (art. 53(1)(c));
* each national forum (:func:`forum_analysis`): its universal-jurisdiction conditions against the
  suspects' recorded whereabouts, the allegations its own definitions cover, the immunities that
  bar proceedings against serving officials, and what is missing.

The result is an aid to legal judgement, not a determination: every sentence says what the record
shows or lacks.  Treaty participation is read through :mod:`.treaties` (``participation(state, treaty, on=date)``),
immunities and suspects' names through :mod:`.liability`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import liability, treaties
from .treaties import fmt

ROME = "rome-statute"
ICC_START = dt.date(2002, 7, 1)           # art. 126(1): entry into force of the Statute
INDICATOR_WORDS = {
    "conducted-by-implicated-organ": "it is conducted or ordered by an organ implicated in the alleged conduct",
    "no-outcome": "no outcome is known",
    "unjustified-delay": "there has been delay without justification (art. 17(2)(b))",
    "not-independent": "it is not conducted independently or impartially (art. 17(2)(c))",
    "shielding": "it appears designed to shield persons from responsibility (art. 17(2)(a))",
    "no-suspect-named": "it names no suspect",
    "limited-scope": "its scope is limited to part of the conduct",
}
KIND_WORDS = {"investigation": "investigation", "prosecution": "prosecution", "inquiry": "inquiry", "trial": "trial",
              "other": "call for investigation or other step"}


# --------------------------------------------------------------------------- treaty participation
def participation(fs, state: str, treaty: str, on: dt.date | None = None) -> str:
    """'party', 'signatory', 'not-party', 'withdrawn' or 'unknown' for ``state`` in ``treaty`` on date ``on``, as
    :func:`.treaties.participation` reads the states data: a State bound on that date is a 'party' (one that has
    since withdrawn included), one not yet bound 'not-party', one whose withdrawal had taken effect 'withdrawn'."""
    res = treaties.participation(state, treaty, on=on, fs=fs)
    if res.status == "withdrawn":  # a party on that date, or withdrawn by then, or not yet bound
        if res.bound is not False:
            return "party"
        return "withdrawn" if on is None or (res.bound_until is not None and on > res.bound_until.hi) else "not-party"
    if res.status == "party" and res.bound is False:
        return "not-party"
    return "unknown" if res.status == "undetermined" else res.status


def state_name(fs, code: str) -> str:
    """The State's name as it reads inside a sentence ('the Islamic Republic of Iran', 'Germany', 'Czechia'): the
    states data says which names take 'the' (``State.prose``)."""
    st = fs.states.get(code)
    return st.prose if st is not None else code


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _iso(v) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None


def entry_into_force(fs, state: str) -> dt.date | None:
    """The recorded date of entry into force for ``state``, else art. 126(2): the first day of the
    month after the 60th day following ratification."""
    st = fs.states.get(state)
    part = st.status(ROME) if st is not None else None
    if part is None or part.status != "party":
        return None
    recorded = _iso(getattr(part, "in_force", None))
    if recorded:
        return recorded
    ratified = _iso(part.ratified)
    if ratified is None:
        return None
    d = ratified + dt.timedelta(days=60)
    first = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return max(first, ICC_START)


SIXTIETH = dt.date(2002, 4, 11)           # the deposit of the 60th instrument of ratification


def _art_126(fs, state: str) -> str:
    """Under which paragraph of art. 126 the Statute entered into force for ``state``: (1) for the States whose
    instruments were deposited by the 60th (11 April 2002), (2) for those after."""
    ratified = _iso(fs.states[state].status(ROME).ratified)
    if ratified is None:
        return "art. 126"
    return "art. 126(1)" if ratified <= SIXTIETH else "art. 126(2)"


def cite(c) -> str:
    """A national-law citation as practitioners write it ('§ 153f(1-2) StPO' style kept to the data's
    instrument name); anything else as :meth:`Citation.short`."""
    if c.section and not c.article:
        loc = c.section + (f"({c.paragraph})" if c.paragraph else "") + (f", no. {c.point}" if c.point else "")
        return f"{c.instrument}, {loc}" + (f", {c.note}" if c.note else "")
    return c.short()


# --------------------------------------------------------------------------- suspects (shared interface)
def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def suspects_of(case) -> list:
    return list(getattr(case, "suspects", None) or [])


def immunities(case, suspect) -> list[dict]:
    """Immunities of ``suspect`` on the case's date (:func:`.liability.immunities`), as the forum rows carry them."""
    return [{"kind": im.kind, "office": im.office or im.title or "", "text": im.text}
            for im in liability.immunities(case, suspect)]


def whereabouts_in(suspect, state: str, kinds: tuple[str, ...]) -> list:
    return [w for w in (_get(suspect, "whereabouts", None) or [])
            if _get(w, "state") == state and _get(w, "presence") in kinds]


# --------------------------------------------------------------------------- results
@dataclass
class Route:
    id: str                    # territory | cross-border | nationality | declaration | referral-unsc | referral-state
    title: str
    available: bool
    basis: str                 # the provision relied on
    why: str
    covers: list[str] = field(default_factory=list)   # allegation ids (or suspect ids for nationality)


@dataclass
class ForumResult:
    code: str
    title: str
    court: str
    status: str                # available | discretionary | conditional | unavailable
    status_label: str
    why: list[str]
    allegations: list[dict]    # {id, title, crimes: [forum crime titles]}
    suspects: list[dict]       # {id, label, basis}
    immune: list[dict]         # {id, label, text}
    missing: list[str]
    notes: list[str] = field(default_factory=list)


STATUS_LABELS = {"available": "available", "discretionary": "available, subject to the prosecutor's discretion",
                 "conditional": "not available on the recorded facts", "unavailable": "not available"}


# --------------------------------------------------------------------------- ICC
def _allegations_under(analysis, case, pred) -> list:
    by_id = {a.id: a for a in case.allegations}
    out = []
    for res in analysis.allegations:
        al = by_id.get(res.id)
        if al is None or al.provision is None or res.applicability.status == "not_applicable":
            continue
        if pred(al):
            out.append(al)
    return out


def _withdrawal(fs, state: str) -> str | None:
    """The date a withdrawal from the Rome Statute took effect, in words (None: no withdrawal recorded)."""
    st = fs.states.get(state)
    part = st.status(ROME) if st is not None else None
    return fmt(part.withdrawal_effective) if part is not None and part.status == "withdrawn" else None


def _title(analysis, al) -> str:
    """The allegation's title as the analysis gives it (its own, else its provision's), never its id."""
    res = analysis.allegation(al.id)
    return (res.title if res is not None else None) or al.title or al.id


def icc_routes(case, fs) -> list[Route]:
    """Every precondition route of arts. 12-13 the record supports or lacks."""
    info = case.info
    sit = info.situation
    start, end = sit.period.start, sit.period.end
    state = sit.state
    who = state_name(fs, state)
    routes: list[Route] = []
    status = participation(fs, state, ROME, on=start)
    eif = entry_into_force(fs, state)
    withdrew = _withdrawal(fs, state)
    if status == "party" and withdrew:  # a State that has withdrawn, bound when the period began
        if participation(fs, state, ROME, on=end) == "party":
            why = (f"{_cap(who)} was a party to the Rome Statute throughout the period of the case; its withdrawal took "
                   f"effect on {withdrew}.")
        else:
            why = (f"{_cap(who)} was a party to the Rome Statute until its withdrawal took effect on {withdrew}: conduct "
                   "before that date is within this route, conduct from that date is not.")
        why += (" The Court keeps jurisdiction over crimes committed while the State was a party; whether it may still "
                "exercise it in a matter that was not under its consideration before the withdrawal took effect is "
                "debated (art. 127(2); ICC Pre-Trial Chamber III, Situation in the Republic of Burundi, decision "
                "authorising an investigation, 25 October 2017, not checked against the text).")
        routes.append(Route("territory", "Territory of a State Party", True, "Rome Statute, arts. 12(2)(a), 127(2)", why))
    elif status == "party":
        ok = eif is None or eif <= end
        when = f"; the Statute entered into force for it on {eif:%-d %B %Y} ({_art_126(fs, state)})" if eif else ""
        routes.append(Route("territory", "Territory of a State Party", ok, "Rome Statute, art. 12(2)(a)",
                            f"{_cap(who)} is a party to the Rome Statute{when}." if ok else
                            f"{_cap(who)} is a party, but the Statute entered into force for it only on {eif:%-d %B %Y}, "
                            "after the period of the case (art. 11(2))."))
    elif participation(fs, state, ROME, on=end) == "party":  # bound from a day inside the period
        when = f" on {eif:%-d %B %Y} ({_art_126(fs, state)})" if eif else ""
        routes.append(Route("territory", "Territory of a State Party", True, "Rome Statute, arts. 12(2)(a), 11(2)",
                            f"{_cap(who)} became a State Party during the period of the case: the Statute entered into "
                            f"force for it{when}; conduct before that date is not within this route (art. 11(2))."))
    else:
        words = {"signatory": "is not a State Party (signatory only)", "not-party": "is not a State Party",
                 "withdrawn": f"is no longer a State Party: its withdrawal took effect on {withdrew} (art. 127(1))",
                 "unknown": "has no recorded participation"}[status if status in ("signatory", "not-party", "withdrawn")
                                                             else "unknown"]
        routes.append(Route("territory", "Territory of a State Party", False, "Rome Statute, art. 12(2)(a)",
                            f"The territorial State {words}."))
    # conduct partly on the territory of a State Party (Bangladesh/Myanmar)
    elsewhere: dict[str, list] = {}
    for inc in case.incidents:
        c = inc.location.country
        if c and c != state:
            elsewhere.setdefault(c, []).append(inc)
    abroad: dict[str, list[str]] = {}
    for c, incs in elsewhere.items():  # one look-up per State, on the earliest incident's date
        if participation(fs, c, ROME, on=min(i.date.start for i in incs)) == "party":
            abroad[c] = [i.id for i in incs]
    for c, incs in sorted(abroad.items()):
        covered = [a.id for a in case.allegations if set(a.incidents) & set(incs)]
        routes.append(Route("cross-border", f"Conduct partly on the territory of {state_name(fs, c)}", True,
                            "Rome Statute, art. 12(2)(a); ICC PTC I, ICC-RoC46(3)-01/18-37, 6 September 2018",
                            f"{len(incs)} recorded incident(s) took place in {state_name(fs, c)}, a State Party: "
                            "the Court may exercise jurisdiction where at least one element or part of a crime "
                            "occurred on a State Party's territory.", covered))
    # nationality of the suspects
    nat: list[str] = []
    nat_states: set[str] = set()
    for s in suspects_of(case):  # a suspect who is a national of two States Parties is one suspect
        parties = [n for n in _get(s, "nationality", None) or [] if participation(fs, n, ROME, on=start) == "party"]
        if parties:
            nat.append(str(_get(s, "id")))
            nat_states.update(parties)
    if nat:
        routes.append(Route("nationality", "Nationality of a suspect", True, "Rome Statute, art. 12(2)(b)",
                            f"{len(nat)} recorded suspect(s) are nationals of a State Party "
                            f"({', '.join(state_name(fs, c) for c in sorted(nat_states))}).", nat))
    elif suspects_of(case):
        routes.append(Route("nationality", "Nationality of a suspect", False, "Rome Statute, art. 12(2)(b)",
                            "No recorded suspect is a national of a State Party."))
    else:
        routes.append(Route("nationality", "Nationality of a suspect", False, "Rome Statute, art. 12(2)(b)",
                            "No suspect is recorded, so the nationality route cannot be assessed."))
    facts = info.jurisdiction
    decls = [(d.state, d.lodged.display(), d.covers.start, d.covers.end, d.covers.display())
             for d in (facts.declarations if facts else [])]
    for d in getattr(fs, "declarations_12_3", None) or []:  # recorded with the treaty data
        lo, hi = _iso(getattr(d, "covers_from", None)), _iso(getattr(d, "covers_to", None)) or dt.date.max
        if d.state == state and lo is not None and getattr(d, "accepted", True):
            decls.append((d.state, fmt(d.lodged), lo, hi, f"the period from {lo:%-d %B %Y}"
                          + (f" to {hi:%-d %B %Y}" if hi != dt.date.max else "")))
    for dstate, lodged, lo, hi, words in decls:
        ok = lo <= end and hi >= start
        routes.append(Route("declaration", f"Declaration by {state_name(fs, dstate)} under art. 12(3)", ok,
                            "Rome Statute, art. 12(3)",
                            f"{_cap(state_name(fs, dstate))} lodged a declaration on {lodged} accepting "
                            f"jurisdiction for {words}" + ("." if ok else ", which does not cover the period of the case.")))
    if not decls:
        routes.append(Route("declaration", "Declaration under art. 12(3)", False, "Rome Statute, art. 12(3)",
                            f"No declaration by {who} accepting the Court's jurisdiction is recorded."))
    refs = facts.referrals if facts else []
    unsc = [r for r in refs if r.by == "security-council"]
    for r in unsc:
        ok = r.covers is None or (r.covers.start <= end and r.covers.end >= start)
        routes.append(Route("referral-unsc", "Referral by the Security Council", ok, "Rome Statute, art. 13(b)",
                            f"The Security Council referred the situation ({r.reference}, {r.date.display()})"
                            + ("." if ok else ", for a period that does not include the case's.")))
    if not unsc:
        routes.append(Route("referral-unsc", "Referral by the Security Council", False, "Rome Statute, art. 13(b)",
                            "No referral by the Security Council acting under Chapter VII is recorded."))
    # A State Party's referral (art. 13(a)) triggers the Court's jurisdiction but does not supply it: the preconditions
    # of art. 12(2) (territory or nationality of a State Party, or a declaration under art. 12(3)) must still be met.
    preconditions = any(r.available for r in routes if r.id in ("territory", "cross-border", "nationality", "declaration"))
    for r in refs:
        if r.by == "state-party":
            routes.append(Route("referral-state", f"Referral by {state_name(fs, r.state or '')}", preconditions,
                                "Rome Statute, arts. 13(a), 14",
                                f"A State Party referred the situation ({r.reference}, {r.date.display()}); the "
                                "preconditions of art. 12(2) still apply" + (
                                    "." if preconditions else ", and none is met on the recorded facts, so the "
                                    "referral alone opens no route (art. 12(2)).")))
    if start < ICC_START:
        for r in routes:
            r.why += " Conduct before 1 July 2002 is outside the Court's jurisdiction (art. 11(1))."
    return routes


def icc_analysis(case, fs, analysis) -> dict:
    info = case.info
    sit = info.situation
    who = state_name(fs, sit.state)
    routes = icc_routes(case, fs)
    open_routes = [r for r in routes if r.available]
    rome = _allegations_under(analysis, case, lambda al: al.framework.startswith("rome-statute/"))
    decl = any(r.id == "declaration" and r.available for r in routes)
    unsc = any(r.id == "referral-unsc" and r.available for r in routes)
    status = participation(fs, sit.state, ROME, on=sit.period.start)
    statement = []
    if status != "party" and participation(fs, sit.state, ROME, on=sit.period.end) == "party":
        statement.append(f"{_cap(who)} became a party to the Rome Statute during the period of the case.")
    elif status != "party":
        words = {"signatory": "a signatory but not a party", "not-party": "not a party",
                 "withdrawn": "no longer a party"}.get(status, "not recorded as a party")
        statement.append(f"{_cap(who)} is {words} to the Rome Statute. "
                         + ("No declaration accepting the Court's jurisdiction under art. 12(3) is recorded, "
                            if not decl else "A declaration under art. 12(3) is recorded, ")
                         + ("and no referral by the Security Council under art. 13(b)." if not unsc
                            else "and the Security Council has referred the situation under art. 13(b)."))
    elif _withdrawal(fs, sit.state):
        statement.append(f"{_cap(who)} was a party to the Rome Statute when the period of the case began; its "
                         f"withdrawal took effect on {_withdrawal(fs, sit.state)}.")
    else:
        statement.append(f"{_cap(who)} is a party to the Rome Statute.")
    if open_routes:
        bases = "; ".join(f"{r.title[:1].lower()}{r.title[1:]} ({r.basis})" for r in open_routes)
        statement.append(f"On the recorded facts the Court may exercise jurisdiction on the following basis: {bases}.")
        consequence = None
        alternatives = []
    else:
        statement.append("On the recorded facts there is therefore no route by which the International Criminal "
                         "Court could exercise jurisdiction over this situation: conduct on the territory of a "
                         "non-party by its own nationals is within the Court's reach only through a declaration "
                         "under art. 12(3) or a Security Council referral under art. 13(b).")
        consequence = ("A communication under art. 15 would be closed at the first phase of a preliminary "
                       "examination as manifestly outside the Court's jurisdiction (OTP, Policy Paper on "
                       "Preliminary Examinations, November 2013). It can still preserve the record, and a route "
                       "opens if a suspect who is a national of a State Party is identified, if part of the "
                       "conduct is shown to have occurred on a State Party's territory, if the State lodges a "
                       "declaration under art. 12(3), or if the Security Council refers the situation.")
        mechanisms = list(info.jurisdiction.mechanisms) if info.jurisdiction else []
        alternatives = [
            "universal-jurisdiction complaints to national prosecutors (see the forums below), for the "
            "allegations their own definitions cover and the suspects their conditions reach;",
            ("submission of the evidence to " + " or ".join(mechanisms) + ", to preserve it for future "
             "proceedings;") if mechanisms else
            "submission of the evidence to a UN commission of inquiry or fact-finding mission with a mandate "
            "over the situation, where one exists, to preserve it for future proceedings;",
            "advocacy for a Security Council referral under art. 13(b) or a declaration under art. 12(3).",
        ]
    return {
        "state": sit.state, "state_name": who, "party_status": status,
        "routes": [r.__dict__ for r in routes],
        "available": bool(open_routes),
        "statement": statement,
        "consequence": consequence,
        "alternatives": alternatives,
        "temporal": _temporal(case, fs),
        "allegations": [{"id": a.id, "title": _title(analysis, a)} for a in rome],
        "admissibility": admissibility(case, fs, analysis),
    }


def _temporal(case, fs) -> str:
    sit = case.info.situation
    start = sit.period.start
    if start < ICC_START:
        return (f"The period of the case ({sit.period.display()}) begins before 1 July 2002, the date the Statute "
                "entered into force: conduct before it is outside the Court's jurisdiction (art. 11(1)).")
    eif = entry_into_force(fs, sit.state)
    if eif and eif > start:
        return (f"The Statute entered into force for {state_name(fs, sit.state)} on {eif:%-d %B %Y}: conduct "
                "before that date is within the Court's jurisdiction only under a declaration under art. 12(3) "
                "(art. 11(2)).")
    return (f"The period of the case ({sit.period.display()}) falls after 1 July 2002: no temporal obstacle "
            "arises under art. 11(1)" + (f"; for a declaration under art. 12(3), its own period governs." if
                                         participation(fs, sit.state, ROME, on=start) != "party" else "."))


# --------------------------------------------------------------------------- admissibility
def admissibility(case, fs, analysis) -> dict:
    info = case.info
    adm = info.admissibility
    icc = fs.forums.get("icc")
    factors = {f.id: f for f in icc.factors} if icc else {}
    gravity = []
    for fid, f in factors.items():
        links = [g for g in (adm.gravity if adm else []) if g.factor == fid]
        gravity.append({"id": fid, "title": f.title, "guidance": f.guidance or "",
                        "citation": f.law.citation.short(),
                        "evidence": [e for g in links for e in g.evidence],
                        "notes": [g.note for g in links if g.note]})
    procs = sorted(case.proceedings, key=lambda p: (p.date.start, p.id))
    territorial = [p for p in procs if p.state == info.situation.state]
    complementarity, summaries = [], []
    if not procs:
        complementarity.append("No domestic investigation or prosecution is recorded. On this record nothing "
                               "makes the case inadmissible under art. 17(1)(a)-(c): inaction by the States with "
                               "jurisdiction does not bar admissibility.")
    else:
        for p in procs:
            ind = [INDICATOR_WORDS[i] for i in p.indicators]
            s = (f"{KIND_WORDS[p.kind].capitalize()} {p.status if p.status != 'unknown' else 'of unknown status'}, "
                 f"{p.date.display()}, by {p.authority} ({state_name(fs, p.state)})")
            s += (": the record notes that " + "; ".join(ind) + ".") if ind else "."
            summaries.append(s)
        if territorial and all(p.indicators for p in territorial):
            complementarity.append("On the indicators recorded, these proceedings do not show that the same "
                                   "persons are being investigated or prosecuted for substantially the same "
                                   "conduct; whether they are genuine (art. 17(2)-(3)) is a question the record "
                                   "raises but does not settle.")
        elif territorial:
            complementarity.append("Whether these proceedings concern the same persons and substantially the same "
                                   "conduct, and whether they are genuine (art. 17(2)-(3)), must be assessed; no "
                                   "genuineness indicator is recorded for some of them.")
    if not territorial:
        national = "No proceedings in the territorial State are recorded."
    elif all({"no-outcome", "no-suspect-named"} & set(p.indicators) for p in territorial):
        national = ("None of the proceedings recorded in the territorial State names a suspect or has a known "
                    "outcome: the record does not show that State prosecuting the persons and conduct concerned, "
                    "which bears on any rule of the forum that defers to prosecution there.")
    else:
        national = ("Whether these proceedings concern the same persons and conduct must be assessed before relying "
                    "on any rule of the forum that defers to prosecution in the territorial State.")
    return {
        "national": national,
        "proceedings": [p.id for p in procs],
        "complementarity": complementarity,
        "summaries": summaries,
        "gravity": gravity,
        "gravity_linked": sum(1 for g in gravity if g["evidence"]),
        "gravity_note": adm.gravity_note if adm else None,
        "interests_of_justice": adm.interests_of_justice if adm else None,
        "victims_interests": adm.victims_interests if adm else None,
    }


# --------------------------------------------------------------------------- national forums
def forum_analysis(case, fs, forum, analysis, label=None) -> ForumResult:
    """Whether ``forum`` (a national forum of ``frameworks/forums/``) could take the case, for which
    allegations and suspects, and what is missing.  ``label`` names a suspect (default: its id)."""
    label = label or (lambda s: str(_get(s, "id")))
    info = case.info
    state = forum.state or ""
    where = state_name(fs, state)
    crimes_by_prov: dict[str, list[str]] = {}
    for c in forum.crimes:
        for pid in c.maps_to:
            crimes_by_prov.setdefault(pid, []).append(c.title)
    covered = []
    for al in _allegations_under(analysis, case, lambda al: al.provision in crimes_by_prov):
        covered.append({"id": al.id, "title": _title(analysis, al), "crimes": crimes_by_prov[al.provision]})
    why: list[str] = [forum.basis]
    missing: list[str] = []
    notes: list[str] = []
    suspects = suspects_of(case)
    barring = [c for c in forum.conditions if c.bars_jurisdiction and c.kind in ("presence", "residence")]
    reach, immune = [], []
    for s in suspects:
        if _get(s, "name") is None and _get(s, "actor"):
            notes.append(f"{label(s)} is recorded as a unit or institution: only natural persons within it can be "
                         "prosecuted before a national court.")
            continue
        ims = [i for i in immunities(case, s) if i["kind"] == "personal"]
        if ims:
            immune.append({"id": str(_get(s, "id")), "label": label(s), "text": "; ".join(i["text"] for i in ims)})
            continue
        if barring:
            kinds = ("residence",) if all(c.kind == "residence" for c in barring) else ("residence", "visit")
            if whereabouts_in(s, state, kinds):
                reach.append({"id": str(_get(s, "id")), "label": label(s),
                              "basis": f"recorded {'residence' if kinds == ('residence',) else 'presence'} in {where}"})
        else:
            present = whereabouts_in(s, state, ("residence", "visit"))
            reach.append({"id": str(_get(s, "id")), "label": label(s),
                          "basis": f"recorded presence in {where}" if present else "no presence required for jurisdiction"})
    if not covered:
        status = "unavailable"
        why.append("None of the case's applicable allegations corresponds to a crime defined in this forum's law.")
    elif barring and not reach:
        status = "conditional"
        for c in barring:
            what = "habitual residence" if c.kind == "residence" else "presence"
            missing.append(f"no suspect's {what} in {where} is recorded" if suspects else
                           f"no suspect is recorded, so no {what} in {where} can be shown")
        why.append("Jurisdiction depends on a condition the record does not show: " + "; ".join(missing) + ".")
    else:
        disc = [c for c in forum.conditions if c.kind == "discretion"]
        present = [r for r in reach if r["basis"].startswith("recorded")]
        if disc and not present:
            status = "discretionary"
            missing.append(f"no suspect's presence in {where} is recorded" if suspects else
                           f"no suspect is recorded, and none is shown to be present in {where}")
            why.append(f"Jurisdiction does not depend on presence, but the prosecutor may decline where no suspect "
                       f"is in {where} or expected there ({cite(disc[0].law.citation)}).")
        else:
            status = "available"
    if immune:
        why.append(f"{len(immune)} recorded suspect(s) enjoy personal immunity while in office and cannot be "
                   "prosecuted in this forum now.")
    for c in forum.conditions:
        if not c.bars_jurisdiction:
            notes.append(f"{c.title}: {c.summary}")
        if c.law.unverified:
            notes.append(f"Not verified: {c.law.unverified}")
    if forum.threshold_summary:
        notes.append(f"Threshold for opening an investigation: {forum.threshold_summary}")
    unread = [c.title for c in forum.crimes if c.law.text is None]
    if unread:
        notes.append("Definitions not read verbatim, mapping provisional: " + "; ".join(unread) + ".")
    return ForumResult(forum.code, forum.title, forum.court, status, STATUS_LABELS[status], why, covered, reach,
                       immune, missing, notes)


def icc_forum_result(case, fs, analysis, label=None) -> ForumResult:
    """The ICC as one row of the forum table."""
    label = label or (lambda s: str(_get(s, "id")))
    icc = icc_analysis(case, fs, analysis)
    status = "available" if icc["available"] else "unavailable"
    why = icc["statement"] + ([icc["consequence"]] if icc["consequence"] else [])
    missing = [] if icc["available"] else [
        "an art. 12(3) declaration, a Security Council referral, a suspect who is a national of a State Party, "
        "or conduct on a State Party's territory"]
    suspects = [{"id": str(_get(s, "id")), "label": label(s), "basis": "art. 27: official capacity irrelevant"}
                for s in suspects_of(case)] if icc["available"] else []
    return ForumResult("icc", "International Criminal Court", "international", status, STATUS_LABELS[status], why,
                       icc["allegations"] if icc["available"] else [], suspects, [], missing)


def forums(case, fs, analysis, label=None) -> list[ForumResult]:
    """Every forum in the data: the ICC first, then the national forums by code."""
    out = []
    if "icc" in fs.forums:
        out.append(icc_forum_result(case, fs, analysis, label))
    for code in sorted(fs.forums):
        if code != "icc":
            out.append(forum_analysis(case, fs, fs.forums[code], analysis, label))
    return out


def forum_json(r: ForumResult) -> dict:
    return {"forum": r.code, "title": r.title, "court": r.court, "status": r.status, "status_label": r.status_label,
            "why": r.why, "allegations": r.allegations, "suspects": r.suspects, "immune": r.immune,
            "missing": r.missing, "notes": r.notes}


def suspect_labeller(case, audience: str):
    """Names of suspects as this audience may see them (:func:`.liability.visible`, :func:`.liability.display_name`):
    a suspect above the audience's level (by default every suspect: they are confidential) appears as 'Suspect 1',
    'Suspect 2' in the case's order."""
    order = {id(s): i for i, s in enumerate(case.suspects, 1)}

    def label(s) -> str:
        if liability.visible(s, audience):
            return str(liability.display_name(case, s))
        return f"Suspect {order.get(id(s), '?')}"
    return label
