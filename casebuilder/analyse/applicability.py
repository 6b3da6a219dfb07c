"""Does a framework or provision bind in the case's situation?

Compared, in order: the type of armed conflict the rule requires with case.situation.armed_conflict;
soft law; and the territorial state's participation in the rule's treaty over the case's period
(frameworks/states/, read through analyse.treaties). Participation that is not recorded, or whose
date the record cannot place against the period, is *undetermined*, never "not bound"; a rule with
customary status binds whatever the treaty record says.
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
OBSTACLES = ("treaty-not-binding", "custom-only", "treaty-status-unknown", "treaty-date-imprecise",
             "treaty-partial-period")
PARTICIPATION = {"unknown": "its participation is not recorded", "not-party": "not a party",
                 "withdrawn": "it has withdrawn",
                 "signatory": "a signatory only: bound not to defeat the treaty's object and purpose "
                              "(VCLT art. 18), not by its provisions"}


AP2 = "ap2"


def _ap2_threshold(law: ApplicabilityResult, situation: Situation) -> ApplicabilityResult:
    met = getattr(situation, "ap2_threshold", None)
    if met is True:
        return law
    if met is False:
        return ApplicabilityResult("not_applicable", law.reasons + (Reason.of(
            "protocol-ii-threshold-not-met", "the case records that the conflict does not meet the threshold of AP II art. 1(1) "
            "(case.situation.ap2_threshold: false); common Article 3 and customary law still apply"),),
            law.treaty, law.treaty_status, Phrase("rely on common Article 3 and the customary rules, which apply in "
                                                  "any non-international armed conflict"))
    return ApplicabilityResult("undetermined", law.reasons + (Reason.of(
        "protocol-ii-threshold-not-shown", "AP II applies only where organised armed groups under responsible command control "
        "part of the territory so as to carry out sustained and concerted military operations and implement the "
        "Protocol (art. 1(1)); the case does not record that the threshold is met (case.situation.ap2_threshold)"),),
        law.treaty, law.treaty_status, Phrase("set case.situation.ap2_threshold once the art. 1(1) threshold has been "
                                              "assessed, with the evidence for it"))


def _where(fw: Framework, prov: Provision | None) -> str:
    return prov.id if prov is not None else fw.id


def applicability(fw: Framework, prov: Provision | None, situation: Situation, fs) -> ApplicabilityResult:
    a = fw.applicability_of(prov)
    where = _where(fw, prov)
    law = _law(fw, where, a, situation, fs)
    conflict = situation.armed_conflict
    if conflict in a.armed_conflict:
        if a.treaty == AP2 and conflict == "non-international" and law.status == "applicable":
            return _ap2_threshold(law, situation)
        return law
    needed = " or ".join(CONFLICT_WORDS[c] for c in a.armed_conflict)
    code = "no-armed-conflict" if conflict == "none" else "conflict-type-mismatch"
    why = Reason.of(code, "{0} applies only in {1}; the case records {2} (case.situation.armed_conflict: {3})",
                    where, needed, CONFLICT_WORDS[conflict], conflict)
    # A further obstacle in the binding basis is reported too ("... and Iran is not a party to AP II").
    also = tuple(r for r in law.reasons if r.code in OBSTACLES)
    return ApplicabilityResult("not_applicable", (why, *also), law.treaty, law.treaty_status,
                               Phrase("no evidence needed while the case records {0}; reassess only if the facts "
                                      "show {1}{2}", (CONFLICT_WORDS[conflict], needed, _corresponding(a, conflict))))


def _corresponding(a, conflict: str | None = None) -> str:
    """'; the corresponding customary rule ... applies' for a treaty text whose customary counterpart
    binds where the treaty does not (recorded as applicability.customary with binds: false)."""
    c = a.customary
    if c is None or c.binds or not c.rules or (conflict is not None and conflict not in c.scope):
        return ""
    many = len(c.rules) > 1
    return (f"; the corresponding customary rule{'s' if many else ''} (ICRC Customary IHL Study, "
            f"Rule{'s' if many else ''} {', '.join(c.rules)}) appl{'y' if many else 'ies'} in {_scope(c.scope)}")


def _law(fw: Framework, where: str, a, situation: Situation, fs) -> ApplicabilityResult:
    if a.soft_law:
        return ApplicabilityResult("soft_law", (Reason.of(
            "soft-law", "{0} is a non-binding standard: it measures compliance with binding obligations "
            "but binds no one by itself", where),), a.treaty, None)
    if not a.treaty:
        if _custom(a):
            c = a.customary
            if c is not None and c.binds:
                return ApplicabilityResult("applicable", (Reason.of(
                    "custom-law", "{0} binds as customary international law in {1} ({2})", where, _scope(c.scope),
                    c.authority),))
            return ApplicabilityResult("applicable", (Reason.of(
                "custom-law", "{0} binds as customary international law (no treaty recorded)", where),))
        return ApplicabilityResult("applicable")
    return _treaty(fw, where, a, situation, fs)


def _custom(a) -> bool:
    return bool(a.custom or (a.customary is not None and a.customary.binds))


def _scope(scope) -> str:
    kinds = [k for k in ("international", "non-international") if k in scope]
    words = " and ".join(kinds) + " armed conflicts" if kinds else ""
    return words + (" and outside armed conflict" if "none" in scope else "") if words else "peacetime"


def _custom_words(a) -> str:
    c = a.customary
    if c is None or not c.binds:
        return ""
    return f" It binds as customary law in {_scope(c.scope)} ({c.authority})."


def _treaty(fw: Framework, where: str, a, situation: Situation, fs) -> ApplicabilityResult:
    from .treaties import participation
    s = participation(situation.state, a.treaty, on=situation.period, fs=fs)
    treaty = s.treaty_title
    who = s.state_name
    status = s.status if s.status != "undetermined" else "unknown"
    mark = ""  # an unverified fact carries its mark in s.words (analyse.treaties.UNVERIFIED)
    if s.bound is True:
        return ApplicabilityResult("applicable", (Reason.of("treaty-binding", "{0}{1}", _cap(s.words), mark),),
                                   a.treaty, status)
    custom = _custom(a)
    unknown = (Reason.of("treaty-status-unknown", "{0}{1}", _cap(s.words), mark),) if s.status == "undetermined" else ()
    if fw.kind == "crimes":
        also = " The prohibition also binds as customary international law." if custom else ""
        if a.treaty == ROME_STATUTE:
            from .treaties import routes_for
            rt = routes_for(situation.state, situation.period, fs)
            r = Reason.of("icc-jurisdiction", "The Statute applies as the law defining the crime. On the Court's "
                          "jurisdiction: {0}{1}{2}", rt.summary(), also, "" if unknown else mark)
        else:
            r = Reason.of("crime-treaty-not-ratified", "{0} ({1}): it defines the crime, but a forum needs its own "
                          "jurisdictional basis.{2}{3}", _cap(s.words), status, also, "" if unknown else mark)
        return ApplicabilityResult("applicable", unknown + (r,), a.treaty, status)
    if s.status == "undetermined" or s.bound is None:
        code = "treaty-status-unknown" if s.status == "undetermined" else (
            "treaty-partial-period" if s.coverage == "partial" else "treaty-date-imprecise")
        basis = Reason.of(code, "{0}{1}", _cap(s.words), mark)
        if custom:
            return ApplicabilityResult("applicable", (basis, Reason.of(
                "custom-law", "{0} binds as customary international law whatever the treaty record says.{1}",
                where, _custom_words(a)),), a.treaty, status)
        if s.coverage == "partial":
            return ApplicabilityResult("applicable", (basis,), a.treaty, status, Phrase(
                "rely on {0} only for conduct in the part of the period when {1} was bound", (where, who)))
        return ApplicabilityResult("undetermined", (basis,), a.treaty, status, Phrase(
            "verify the treaty status of {0} for the {1} against the depositary record and record it in "
            "frameworks/states/{2}", (who, treaty, _corresponding(a, situation.armed_conflict))))
    if custom:
        if s.status in ("signatory", "not-party"):
            r = Reason.of("custom-only", "{0} has not ratified the {1} ({2}): {3} binds it only as customary "
                          "international law{4}{5}", _cap(who), treaty, PARTICIPATION[s.status], where,
                          _custom_words(a) or "", mark)
        else:
            r = Reason.of("custom-only", "{0}: {1} binds it only as customary international law.{2}{3}",
                          _cap(s.words), where, _custom_words(a), mark)
        return ApplicabilityResult("custom_only", (r,), a.treaty, status)
    r = Reason.of("treaty-not-binding", "{0}; {1} is not recorded as customary law{2}{3}", _cap(s.words), where,
                  _corresponding(a), mark)
    return ApplicabilityResult("not_applicable", (r,), a.treaty, status,
                               Phrase("rely on a rule that binds {0} (a treaty it has ratified, or custom){1}",
                                      (who, _corresponding(a, situation.armed_conflict))))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
