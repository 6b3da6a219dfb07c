"""Suspects, linkage and immunities: the gap analysis per suspect × allegation × mode of liability.

A *charge* ties a suspect to an allegation under a mode of liability (a provision of a framework
under frameworks/liability/).  Its status needs both halves:

* the **crime base** — the allegation's own analysis (material and contextual elements), shared by
  every suspect charged with it; and
* the **linkage** — the mode's elements, weighed on the charge's own links by the same engine
  (:func:`casebuilder.analyse.analyse`), under the same standard of proof.

A charge is met only when both are; it is ``not_applicable`` when the crime's provision does not
apply.  The standards of arrest warrant (art. 58), confirmation (art. 61(7)) and trial (art. 66(3))
concern a named person: :data:`READINESS` lists them and :func:`readiness` applies them to charges
only, never to situation-level allegations.

:func:`immunities` flags personal immunity of a serving head of State, head of Government or
minister for foreign affairs at the case's date, notes functional immunity (a note with sources,
not a conclusion), and the position before the ICC (art. 27 and the debate about it).

Pure and deterministic: no I/O, no clock.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ..models import Allegation
from ..models.common import level_rank
from ..suspects import liability_modes
from .core import analyse
from .results import AllegationResult, Analysis, ElementResult
from .tree import combine

#: Standards that concern a named person: arrest warrant (58), confirmation (61(7)), trial (66(3)).
READINESS = ("reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt")
PERSONAL_OFFICES = {"head-of-state": "head of State", "head-of-government": "head of Government",
                    "foreign-minister": "minister for foreign affairs"}
OFFICE_WORDS = {**PERSONAL_OFFICES, "military-commander": "military commander",
                "civilian-superior": "civilian superior", "other": "official"}

ARREST_WARRANT = ("International Court of Justice, Arrest Warrant of 11 April 2000 (Democratic Republic of the Congo "
                  "v. Belgium), Judgment of 14 February 2002, I.C.J. Reports 2002, p. 3")
AL_BASHIR = ("ICC Appeals Chamber, Judgment in the Jordan Referral re Al-Bashir Appeal, ICC-02/05-01/09-397, "
             "6 May 2019")
ROME_27 = "Rome Statute of the International Criminal Court, art. 27"


@dataclass(frozen=True)
class Immunity:
    """One immunity flag or note about a suspect, with its sources.  ``kind``: personal (a serving
    head of State, head of Government or foreign minister: a flag), functional (a note, not a
    conclusion) or icc (the position before the ICC under art. 27)."""

    kind: str
    text: str
    sources: tuple[str, ...]
    office: str | None = None
    title: str | None = None
    serving: bool = False
    detail: str = ""  # what is particular to this suspect (the ICC note: the State of nationality's participation)

    def to_json(self) -> dict:
        return {"kind": self.kind, "office": self.office, "title": self.title, "serving": self.serving,
                "text": self.text, "detail": self.detail, "sources": list(self.sources)}


def _as_of(case) -> dt.date:
    return case.info.date.end


def serving(position, on: dt.date) -> bool:
    return position.start.start <= on and (position.end is None or position.end.end >= on)


def immunities(case, suspect, fs=None) -> list[Immunity]:
    """Immunity flags and notes for ``suspect`` at the case's ``date`` (see the module docstring).

    Personal immunity is a flag with its consequence; functional immunity is a note that sets out
    the sources on both sides; the ICC note follows every flag.  Empty when the suspect holds or held
    no recorded office.  With ``fs`` (the frameworks), the ICC note says whether each State of
    nationality is recorded as a party to the Rome Statute (frameworks/states/)."""
    on = _as_of(case)
    when = case.info.date.display()
    out: list[Immunity] = []
    personal = [p for p in suspect.positions if p.office in PERSONAL_OFFICES and serving(p, on)]
    former = [p for p in suspect.positions if p.office in PERSONAL_OFFICES and not serving(p, on) and p.start.start <= on]
    officials = [p for p in suspect.positions if p.office not in PERSONAL_OFFICES]
    for p in personal:
        word = PERSONAL_OFFICES[p.office]
        out.append(Immunity(
            "personal",
            f"Recorded as serving {word} ({p.title}) on {when}, the date of this analysis. Under "
            "customary international law as the International Court of Justice stated it, a serving head of State, "
            "head of Government or minister for foreign affairs enjoys full immunity from criminal jurisdiction and "
            "inviolability before the courts of other States throughout the term of office, with no exception for war "
            "crimes or crimes against humanity. A national court exercising universal jurisdiction could therefore not "
            "arrest or try the suspect while in office; evidence may be preserved and proceedings prepared, and the "
            "immunity ends with the office. It does not bar proceedings in the suspect's own State, a waiver by that "
            "State, or proceedings before an international criminal court with jurisdiction.",
            (f"{ARREST_WARRANT}, paras. 51-55 (immunity and inviolability of the serving office-holders), 58 (no "
             "exception for war crimes or crimes against humanity before national courts) and 61 (the four "
             "situations in which immunity does not bar prosecution); paragraph numbers not checked against the "
             "I.C.J. Reports text in this edition",),
            p.office, p.title, True))
    for p in former:
        word = PERSONAL_OFFICES[p.office]
        until = p.end.display() if p.end is not None else ""
        out.append(Immunity(
            "functional",
            f"Note (not a conclusion): recorded as former {word} ({p.title}, until {until}). Personal immunity ended "
            "with the office. Functional immunity (ratione materiae) continues to attach to acts performed in an "
            "official capacity; whether it bars prosecution for crimes under international law before the courts "
            "of another State is contested. The International Court of Justice said a former office-holder may be "
            "tried for acts before or after the term of office and for acts in a private capacity during it; courts "
            "and the International Law Commission have since excluded functional immunity for international crimes, "
            "and some States oppose that exception. A forum's own law and case law decide.",
            (f"{ARREST_WARRANT}, para. 61 (not checked against the I.C.J. Reports text in this edition)",
             "House of Lords, R v Bow Street Metropolitan Stipendiary Magistrate, ex parte Pinochet Ugarte (No. 3), "
             "24 March 1999 (no immunity of a former head of State for torture under the Convention against Torture)",
             "International Law Commission, draft articles on immunity of State officials from foreign criminal "
             "jurisdiction, draft article 7 (crimes under international law in respect of which immunity ratione "
             "materiae shall not apply), adopted on first reading in 2022",
             "Bundesgerichtshof (German Federal Court of Justice), 3 StR 564/19, 28 January 2021 (no functional "
             "immunity of a foreign official for war crimes)"),
            p.office, p.title, False))
    if officials and not personal and not former:
        p = officials[0]
        out.append(Immunity(
            "functional",
            f"Note (not a conclusion): recorded as a State official ({p.title}). The office is not among those the "
            "International Court of Justice named as carrying personal immunity (head of State, head of Government, "
            "minister for foreign affairs), although whether other high-ranking officials share it is debated, and a "
            "person on an official special mission may be immune for its duration. Functional immunity (ratione "
            "materiae) attaches to official acts; its exception for crimes under international law is accepted by "
            "several national courts and proposed by the International Law Commission, and contested by some "
            "States. A forum's own law and case law decide.",
            (f"{ARREST_WARRANT}, para. 51 (not checked against the I.C.J. Reports text in this edition)",
             "International Law Commission, draft articles on immunity of State officials from foreign criminal "
             "jurisdiction, draft article 7, adopted on first reading in 2022",
             "Bundesgerichtshof (German Federal Court of Justice), 3 StR 564/19, 28 January 2021"),
            p.office, p.title, any(serving(x, on) for x in officials)))
    if suspect.positions:
        parties = _rome_statute_status(suspect, fs)
        out.append(Immunity(
            "icc",
            "Before the International Criminal Court: official capacity, including as head of State or Government, "
            "does not exempt a person from criminal responsibility, and immunities attaching to official capacity "
            "do not bar the Court's jurisdiction (art. 27). For a national of a State not party to the Statute, the "
            "Court's jurisdiction itself requires a declaration under art. 12(3) or a Security Council referral under "
            "art. 13(b). Whether art. 27(2) reaches the immunity of the head of a State not party is debated: the "
            "Appeals Chamber held that customary international law recognises no head-of-State immunity before an "
            "international court, and that a State bound by a Security Council referral cannot invoke it; the "
            "holding has been criticised, and States asked to arrest such a person have invoked art. 98(1).",
            (f"{ROME_27}(1)-(2)", f"{AL_BASHIR}, key findings, paras. 1 and 7",
             "C. Kreß, Preliminary Observations on the ICC Appeals Chamber's Judgment of 6 May 2019 in the Jordan "
             "Referral re Al-Bashir Appeal, TOAEP Occasional Paper Series, 2019",
             "M. G. Karnavas, 'The ICC Appeals Chamber's Judgment in the Jordan Referral', 22 May 2019"),
            None, None, bool(personal), parties))
    return out


def _rome_statute_status(suspect, fs) -> str:
    """' Recorded participation in the Rome Statute: IR signatory (not a party).' for each nationality."""
    if fs is None or not suspect.nationality:
        return ""
    from .treaties import UNVERIFIED, fmt  # each unverified treaty fact carries the mark (review §1.2 item 13)
    words = {"party": "a party", "signatory": "a signatory, not a party", "not-party": "not a party"}
    parts = []
    for code in suspect.nationality:
        state = fs.states.get(code)
        part = state.status("rome-statute") if state is not None else None
        name = state.name if state is not None else code
        if part is None:
            parts.append(f"{name}: participation not recorded")
            continue
        word = words.get(part.status, part.status)
        if part.status == "withdrawn" and part.withdrawal_effective:
            word = f"withdrawn (effective {fmt(part.withdrawal_effective)})"
        parts.append(f"{name}: {word}" + (f" ({UNVERIFIED})" if part.unverified else ""))
    return "Recorded participation of the State of nationality in the Rome Statute: " + "; ".join(parts) + "."


_KIND_WITH_ARTICLE = {"state": "a State", "institution": "an institution", "unit": "a unit", "group": "a group"}


def natural_person_note(case, suspect) -> str | None:
    """For a suspect recorded only as a unit, institution, group or State: who it stands for."""
    if suspect.name or not suspect.actor:
        return None
    actor = next((a for a in case.actors if a.id == suspect.actor), None)
    if actor is None or actor.kind == "individual":
        return None
    return ("Named as " + _KIND_WITH_ARTICLE.get(actor.kind, "an entity") + ": the Rome Statute gives the Court jurisdiction over natural persons only "
            "(art. 25(1)); the entry stands for the unidentified persons in it whose responsibility is alleged, "
            "who remain to be identified.")


def immunity_flag(imms: list[Immunity]) -> str | None:
    """The one-line flag every output that names the suspect carries, or None."""
    personal = [i for i in imms if i.kind == "personal"]
    if personal:
        return ("Immunity flag: serving " + ", ".join(PERSONAL_OFFICES[i.office] for i in personal)
                + " — personal immunity before foreign national courts while in office; see art. 27 for the ICC")
    if any(i.kind == "functional" for i in imms):
        return "Immunity note: functional immunity for official acts is contested for international crimes"
    return None


# --------------------------------------------------------------------------- analysis
@dataclass(frozen=True)
class ChargeResult:
    id: str
    suspect: str
    allegation: str
    allegation_title: str
    mode: str
    mode_title: str
    mode_citation: str
    framework: str
    crime_status: str
    linkage_status: str
    status: str
    linkage: AllegationResult
    crime: AllegationResult | None

    @property
    def elements(self) -> tuple[ElementResult, ...]:
        return self.linkage.elements

    def missing(self) -> list[ElementResult]:
        """Linkage elements that keep the charge from being met (alternatives met elsewhere excluded)."""
        return [e for e in self.linkage.elements
                if e.status not in ("met", "not_applicable") and not any(r.code == "alternative-met" for r in e.reasons)]


@dataclass(frozen=True)
class SuspectResult:
    id: str
    name: str
    actor: str | None
    confidentiality: str
    charges: tuple[ChargeResult, ...]
    immunities: tuple[Immunity, ...]


@dataclass(frozen=True)
class SuspectsAnalysis:
    standard: str
    standard_title: str
    suspects: tuple[SuspectResult, ...]
    linkage: Analysis | None

    def suspect(self, sid: str) -> SuspectResult | None:
        return next((s for s in self.suspects if s.id == sid), None)

    def charges(self) -> list[ChargeResult]:
        return [c for s in self.suspects for c in s.charges]


def display_name(case, suspect) -> str:
    actors = {a.id: a for a in case.actors}
    actor = actors.get(suspect.actor) if suspect.actor else None
    if suspect.name and actor is not None and suspect.name not in actor.name:
        return f"{suspect.name} ({actor.name})"
    return suspect.name or (actor.name if actor is not None else suspect.actor or suspect.id)


def analyse_suspects(case, fs, standard: str | None = None, crime: Analysis | None = None,
                     label=None) -> SuspectsAnalysis:
    """Every charge of ``case`` under ``standard`` (default: the case's).  ``crime``: the case's own
    analysis under that standard, when the caller already has it (it is the crime base)."""
    info = case.info
    sid = standard or info.standard
    if crime is None or crime.standard != sid:
        crime = analyse(case, fs, sid, label)
    modes = liability_modes(fs)
    allegations = {a.id: a for a in case.allegations}
    suspects = {s.id: s for s in case.suspects}
    valid = [c for c in sorted(case.charges, key=lambda c: c.id)
             if c.mode in modes and c.suspect in suspects and c.allegation in allegations
             and not allegations[c.allegation].context]
    synthetic = [Allegation(id=c.id, framework=modes[c.mode][0].id, provision=c.mode, links=list(c.links))
                 for c in valid]
    linkage = analyse(dataclasses.replace(case, allegations=synthetic), fs, sid, label) if synthetic else None
    by_suspect: dict[str, list[ChargeResult]] = {}
    for c in valid:
        fw, prov = modes[c.mode]
        la = linkage.allegation(c.id)
        ca = crime.allegation(c.allegation)
        crime_status = ca.status if ca is not None else "not_applicable"
        status = "not_applicable" if crime_status == "not_applicable" else combine("all_of", [crime_status, la.status])
        al = allegations[c.allegation]
        by_suspect.setdefault(c.suspect, []).append(ChargeResult(
            c.id, c.suspect, c.allegation, (ca.title if ca is not None else al.title) or al.id, prov.id, prov.title,
            prov.citation.short(), fw.id, crime_status, la.status, status, la, ca))
    out = []
    for s in sorted(case.suspects, key=lambda s: s.id):
        out.append(SuspectResult(s.id, display_name(case, s), s.actor, s.confidentiality,
                                 tuple(by_suspect.get(s.id, ())), tuple(immunities(case, s, fs))))
    std = fs.standards[sid]
    return SuspectsAnalysis(sid, std.title, tuple(out), linkage)


def readiness(case, fs, crime_by_standard: dict[str, Analysis] | None = None, label=None) -> dict[str, SuspectsAnalysis]:
    """The charges under the standards that concern a named person (arrest warrant, confirmation,
    trial), lowest first; ``crime_by_standard`` reuses analyses the caller already has."""
    have = crime_by_standard or {}
    return {sid: analyse_suspects(case, fs, sid, have.get(sid), label)
            for sid in READINESS if sid in fs.standards}


def visible(suspect, audience: str | None) -> bool:
    """May ``audience`` see that this person or actor is a suspect?  (None: no filter.)"""
    return audience is None or level_rank(audience) >= level_rank(suspect.confidentiality)


def one_more_item(charges: list[ChargeResult], params) -> list[dict]:
    """Linkage gaps ranked by how many elements one more qualifying item from a new independent origin
    would move to met: per suspect and mode element, the charges where the element lacks exactly one
    origin and nothing contradicts it (``moved``), and those whose linkage it would complete (it is
    their only missing linkage element: ``completes``).  An approximation of the decision rule
    (docs/gaps.md), stated as such in the outputs."""
    rows: dict[tuple[str, str], dict] = {}
    for c in charges:
        missing = c.missing()
        for e in missing:
            one = (e.status in ("insufficient", "unsupported") and e.contradicting_weight == 0
                   and params.min_independent_origins - e.qualifying_origins == 1)
            key = (c.suspect, e.id)
            row = rows.setdefault(key, {"suspect": c.suspect, "element": e.id, "text": e.text,
                                        "citation": e.citation.short(), "charges": [], "moved": 0, "needed": 0,
                                        "completes": []})
            row["charges"].append(c.id)
            row["needed"] = max(row["needed"], params.min_independent_origins - e.qualifying_origins)
            if one:
                row["moved"] += 1
                if len(missing) == 1:
                    row["completes"].append(c.id)
    return sorted(rows.values(), key=lambda r: (-r["moved"], -len(r["completes"]), r["needed"], r["suspect"],
                                                r["element"]))
