"""What a UN submission carries: its allegations, its victims and their consents, its addressees
and the kind of communication, proposed from the facts where the analyst has not fixed them."""
from __future__ import annotations

from dataclasses import dataclass, field

HARMS = ("execution", "incommunicado", "care")  # the ongoing or imminent harms that make an urgent appeal


@dataclass
class Addressee:
    mandate: object            # models.mandates.Mandate
    provisions: list[str]      # provision ids of the submitted allegations within the mandate
    country: bool = False      # a country mandate of the case's State
    chosen: bool = False       # named by the analyst in the submission


@dataclass
class Plan:
    submission: object | None                   # models.case.Submission (None: the case records none)
    allegations: list = field(default_factory=list)
    victims: list = field(default_factory=list)         # every person whose case the allegations concern
    submitted: list = field(default_factory=list)       # ... with consent to submit given
    left_out: dict = field(default_factory=dict)        # consent status -> persons left out
    named: list = field(default_factory=list)           # submitted and consenting to be named publicly
    addressees: list = field(default_factory=list)      # mandates that receive communications
    for_information: list = field(default_factory=list)  # investigative mandates (no communications)
    kind: str = "allegation-letter"
    kind_proposed: str = "allegation-letter"
    harms: list = field(default_factory=list)           # (person, harm) recorded for the submitted victims


def people(persons) -> int:
    """How many people ``persons`` stand for: a group (``role: group``) counts its ``count`` (one when
    the count is not recorded), anyone else one."""
    return sum(p.count or 1 if p.role == "group" else 1 for p in persons)


def rights_allegations(case, fs) -> list:
    """Every allegation under a human-rights framework (``kind: rights``)."""
    return [a for a in case.allegations
            if a.framework in fs.frameworks and fs.frameworks[a.framework].kind == "rights" and not a.context]


def select(case, submission_id: str | None = None):
    subs = list(case.submissions)
    if submission_id is not None:
        return next((s for s in subs if s.id == submission_id), None)
    return subs[0] if subs else None


def plan(case, fs, submission_id: str | None = None) -> Plan:
    sub = select(case, submission_id)
    by_al = {a.id: a for a in case.allegations}
    persons = {p.id: p for p in case.persons}
    if sub is not None and sub.allegations:
        allegations = [by_al[i] for i in sub.allegations if i in by_al]
    else:
        allegations = rights_allegations(case, fs)
    if sub is not None and sub.victims:
        victim_ids = list(dict.fromkeys(sub.victims))
    else:
        victim_ids = list(dict.fromkeys(v for a in allegations for v in a.victims))
        if not victim_ids:  # no allegation names its victims: every victim and detainee of the case
            victim_ids = [p.id for p in sorted(case.persons, key=lambda p: p.id) if p.role in ("victim", "detainee")]
    victims = [persons[i] for i in victim_ids if i in persons]
    out = Plan(sub, allegations, victims)
    for p in victims:
        status = p.consent.submission.status
        if status == "given":
            out.submitted.append(p)
            if p.consent.naming.given:
                out.named.append(p)
        else:
            out.left_out.setdefault(status, []).append(p)
    out.harms = [(p, h) for p in out.submitted if p.whereabouts is not None for h in p.whereabouts.ongoing_harm()]
    out.kind_proposed = "urgent-appeal" if out.harms else "allegation-letter"
    out.kind = sub.kind if sub is not None and sub.kind else out.kind_proposed
    _addressees(out, case, fs, sub)
    return out


def _addressees(out: Plan, case, fs, sub) -> None:
    provisions = list(dict.fromkeys(a.provision for a in out.allegations if a.provision))
    state = case.info.situation.state if case.info is not None else None
    chosen = set(sub.mandates) if sub is not None and sub.mandates else None
    for m in fs.mandates.values():
        within = [p for p in provisions if p in m.rights]
        country = bool(state and state in m.states)
        if chosen is not None:
            if m.id not in chosen:
                continue
        elif not (country or (m.kind == "thematic" and within)):
            continue
        a = Addressee(m, within, country, chosen is not None)
        (out.addressees if m.communications else out.for_information).append(a)
    # country mandates first, then thematic ones in the order of the file
    out.addressees.sort(key=lambda a: not a.country)
