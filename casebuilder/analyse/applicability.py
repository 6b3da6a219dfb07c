"""Does a framework or provision bind in the case's situation?

Compared, in order: the type of armed conflict the rule requires with case.situation.armed_conflict;
soft law; and the territorial state's participation in the rule's treaty (frameworks/states.yaml).
A crime defined by a treaty the state has not ratified still applies as the law defining the crime
(the forum's jurisdiction is flagged: for the Rome Statute, art. 12(3) or 13(b)); any other treaty
rule binds a non-party only as custom, where it is custom, and otherwise not at all.
"""
from __future__ import annotations

from ..models import Framework, Provision, Situation
from .results import ApplicabilityResult, Phrase, Reason

CONFLICT_WORDS = {"none": "no armed conflict", "non-international": "a non-international armed conflict",
                  "international": "an international armed conflict"}
ROME_STATUTE = "rome-statute"
OBSTACLES = ("treaty-not-binding", "custom-only", "treaty-status-unknown")
PARTICIPATION = {"unknown": "its participation is not recorded", "not-party": "not a party",
                 "signatory": "a signatory only: bound not to defeat the treaty's object and purpose "
                              "(VCLT art. 18), not by its provisions"}


def _where(fw: Framework, prov: Provision | None) -> str:
    return prov.id if prov is not None else fw.id


def applicability(fw: Framework, prov: Provision | None, situation: Situation, fs) -> ApplicabilityResult:
    a = fw.applicability_of(prov)
    where = _where(fw, prov)
    law = _law(fw, where, a, situation, fs)
    conflict = situation.armed_conflict
    if conflict in a.armed_conflict:
        return law
    needed = " or ".join(CONFLICT_WORDS[c] for c in a.armed_conflict)
    code = "no-armed-conflict" if conflict == "none" else "conflict-type-mismatch"
    why = Reason.of(code, "{0} applies only in {1}; the case records {2} (case.situation.armed_conflict: {3})",
                    where, needed, CONFLICT_WORDS[conflict], conflict)
    # A further obstacle in the binding basis is reported too ("... and Iran is not a party to AP II").
    also = tuple(r for r in law.reasons if r.code in OBSTACLES)
    return ApplicabilityResult("not_applicable", (why, *also), law.treaty, law.treaty_status,
                               Phrase("no evidence needed while the case records {0}; reassess only if the facts "
                                      "show {1}", (CONFLICT_WORDS[conflict], needed)))


def _law(fw: Framework, where: str, a, situation: Situation, fs) -> ApplicabilityResult:
    if a.soft_law:
        return ApplicabilityResult("soft_law", (Reason.of(
            "soft-law", "{0} is a non-binding standard: it measures compliance with binding obligations "
            "but binds no one by itself", where),), a.treaty, None)
    if not a.treaty:
        if a.custom:
            return ApplicabilityResult("applicable", (Reason.of(
                "custom-law", "{0} binds as customary international law (no treaty recorded)", where),))
        return ApplicabilityResult("applicable")
    return _treaty(fw, where, a, situation, fs)


def _treaty(fw: Framework, where: str, a, situation: Situation, fs) -> ApplicabilityResult:
    state = fs.states.get(situation.state)
    part = state.status(a.treaty) if state is not None else None
    status = part.status if part is not None else "unknown"
    treaty = fs.treaties[a.treaty].title if a.treaty in fs.treaties else a.treaty
    who = state.name if state is not None else situation.state
    if status == "party":
        when = f" (ratified {part.ratified})" if part.ratified else ""
        return ApplicabilityResult("applicable", (Reason.of(
            "treaty-binding", "{0} is a party to the {1}{2}", who, treaty, when),), a.treaty, status)
    if status == "unknown":
        basis = Reason.of("treaty-status-unknown", "the participation of {0} in the {1} is not recorded in "
                          "frameworks/states.yaml", who, treaty)
    else:
        basis = None
    custom = " The prohibition also binds as customary international law." if a.custom else ""
    if fw.kind == "crimes":
        if a.treaty == ROME_STATUTE:
            r = Reason.of("icc-jurisdiction", "{0} is not a party to the Rome Statute ({1}): the Statute applies "
                          "as the law defining the crime, but ICC jurisdiction requires a declaration under art. 12(3) "
                          "or a Security Council referral under art. 13(b).{2}", who, status, custom)
        else:
            r = Reason.of("crime-treaty-not-ratified", "{0} is not a party to the {1} ({2}): it defines the crime, "
                          "but a forum needs its own jurisdictional basis.{3}", who, treaty, status, custom)
        return ApplicabilityResult("applicable", tuple(x for x in (basis, r) if x), a.treaty, status)
    if a.custom:
        r = Reason.of("custom-only", "{0} has not ratified the {1} ({2}): {3} binds it only as customary "
                      "international law", who, treaty, PARTICIPATION[status], where)
        return ApplicabilityResult("custom_only", tuple(x for x in (basis, r) if x), a.treaty, status)
    r = Reason.of("treaty-not-binding", "{0} is not bound by the {1} ({2}) and {3} is not recorded as "
                  "customary law", who, treaty, PARTICIPATION[status], where)
    return ApplicabilityResult("not_applicable", tuple(x for x in (basis, r) if x), a.treaty, status,
                               Phrase("rely on a rule that binds {0} (a treaty it has ratified, or custom)", (who,)))
