"""The UN submission's own part of the view: addressees, submitter, victims with their particulars
and consents, the norms engaged with attributed information, domestic remedies, requests and
questions.  Everything a template receives passes through the protector of the consent-adjusted
case (:mod:`.consent`); nothing here prints a gap status."""
from __future__ import annotations

import re

from ..protect.levels import allows
from ..render.markdown import plain, render_block, render_inline
from .i18n import N_
from .submission import people

KIND_WORDS = {"urgent-appeal": N_("Urgent appeal"), "allegation-letter": N_("Allegation letter")}
HARM_WORDS = {"execution": N_("risk of imminent execution"),
              "incommunicado": N_("incommunicado detention or unknown whereabouts"),
              "care": N_("denial of urgent medical care")}
STATUS_WORDS = {"detained": N_("detained"), "disappeared": N_("whereabouts unknown"), "deceased": N_("deceased"),
                "released": N_("released"), "at-liberty": N_("at liberty"), "unknown": N_("not known")}
BY_WORDS = {"victim": N_("the victim"), "family": N_("a family member"), "counsel": N_("counsel"),
            "guardian": N_("a legal guardian"), "other": N_("another person")}
LEFT_OUT_WORDS = {"refused": N_("consent to submission refused"), "not-asked": N_("consent to submission not sought"),
                  "unknown": N_("no consent to submission recorded")}
SEX_WORDS = {"male": N_("male"), "female": N_("female")}
BODY_WORDS = {"special-rapporteur": N_("Special Rapporteur"), "working-group": N_("Working Group"),
              "independent-expert": N_("Independent Expert"), "fact-finding-mission": N_("Fact-finding mission"),
              "commission-of-inquiry": N_("Commission of inquiry")}


# The protector's generated labels ('Victim V-03', 'Person X-02 (identity withheld)'), in the brief's language
ROLE_WORDS = {"Victim": N_("Victim"), "Witness": N_("Witness"), "Detainee": N_("Detainee"),
              "Medical worker": N_("Medical worker"), "Official": N_("Official"), "Group": N_("Group"),
              "Person": N_("Person")}
WITHHELD_WORDS = N_("(identity withheld)")
_GENERATED = re.compile(r"^(" + "|".join(ROLE_WORDS) + r") ([A-Z]-\d+)( \(identity withheld\))?$")


def _labels(person_label, _):
    """``person_label`` with generated labels translated (names and chosen pseudonyms are case content)."""
    def label(pid) -> str:
        text = person_label(pid)
        m = _GENERATED.match(text)
        if m is None:
            return text
        return f"{_(ROLE_WORDS[m.group(1)])} {m.group(2)}" + (f" {_(WITHHELD_WORDS)}" if m.group(3) else "")
    return label


class Citations:
    """Numbers the information cited in the submission, in order of first citation."""

    def __init__(self, refs):
        self.refs = refs
        self.order: dict[str, int] = {}

    def cite(self, eid: str) -> dict:
        return self._entry(eid, self.order.setdefault(eid, len(self.order) + 1))

    def _entry(self, eid: str, n: int) -> dict:
        it = {"interested_party": False, "locator": None, "short_hash": None}  # a withheld item has none
        it.update(self.refs.item(eid))
        it.pop("excerpt", None)  # the submission cites; it does not quote (an excerpt may name an unconsenting person)
        it["n"] = n
        return it

    def annex(self) -> list[dict]:
        return [self._entry(eid, n) for eid, n in sorted(self.order.items(), key=lambda x: x[1])]


def un_view(view: dict, checked, plan, kept, protector, refs, audience: str, t, lang: str = "en") -> dict:
    """The ``un`` part of the view for the UN brief; ``kept``: the allegations the sourcing check let through."""
    _ = t.gettext
    case, fs = checked.case, checked.frameworks
    p = protector
    label = _labels(p.person_label, _)
    sub = plan.submission
    cites = Citations(refs)
    persons = {x.id: x for x in case.persons}   # the consent-adjusted persons

    date = _dates(lang, _)
    victims = [_victim(persons[v.id], p, _, date, label) for v in plan.submitted if v.id in persons]
    left_out = [{"reason": _(LEFT_OUT_WORDS[k]), "count": people(v)} for k, v in sorted(plan.left_out.items())]
    norms = []
    for al in kept:
        fw = fs.frameworks.get(al.framework)
        prov = fw.provision(al.provision) if fw is not None and al.provision else None
        sup = list(dict.fromkeys(e for link in al.links if link.stance == "supports" for e in link.evidence))
        con = list(dict.fromkeys(e for link in al.links if link.stance == "contradicts" for e in link.evidence))
        norms.append({
            "title": plain(al.title, label) if al.title else (prov.title if prov else al.id),
            "citation": prov.citation.short() if prov else "",
            "provision_title": prov.title if prov else "",
            "text": prov.text if prov and prov.text else "",
            "interpretive": [c.short() for c in prov.interpretive] if prov else [],
            "facts_html": render_block(al.note, label),
            "incidents": [_incident_title(case, i, p, label) for i in al.incidents],
            "supporting": [cites.cite(e) for e in sup if e in refs.by_id],
            "contradicting": [cites.cite(e) for e in con if e in refs.by_id],
        })
    kept_incidents = {i for al in kept for i in al.incidents} or {i.id for i in case.incidents}
    if view["chronology"]["compact"]:  # a large case: describe the chronology's chosen incidents only
        kept_incidents &= {i["id"] for i in view["incidents"]}
    kept_actors = {a for al in kept for a in al.actors}
    return {
        "lang": t.lang if hasattr(t, "lang") else "en",
        "title": (sub.title if sub is not None and sub.title else case.info.title),
        "recorded": sub is not None,
        "kind": plan.kind,
        "kind_label": _(KIND_WORDS[plan.kind]),
        "kind_proposed_label": _(KIND_WORDS[plan.kind_proposed]),
        "kind_overridden": plan.kind != plan.kind_proposed,
        "harms": [{"person": label(x.id), "harm": _(HARM_WORDS[h])} for x, h in plan.harms if x.id in persons],
        "addressees": [_mandate(a, fs, _, lang) for a in plan.addressees],
        "for_information": [_mandate(a, fs, _, lang) for a in plan.for_information],
        "submitter": _submitter(sub, audience, label) if sub is not None else None,
        "summary_html": render_block(sub.summary, label) if sub is not None else "",
        "urgency_html": render_block(sub.urgency, label) if sub is not None else "",
        "victims": victims,
        # counted in people: a group of victims counts its members
        "consent": {"concerned": people(plan.victims), "submitted": people(plan.submitted), "named": people(plan.named),
                    # named only for the mandate-holders: those with a name to withhold (not an unnamed group)
                    "pseudonymised": people(x for x in plan.submitted if x.name and x not in plan.named),
                    # a group of victims submitted without names: counted, so that the sentences add up
                    "unnamed": people(x for x in plan.submitted if not x.name and x not in plan.named),
                    "left_out": left_out, "left_out_total": sum(people(v) for v in plan.left_out.values())},
        "norms": norms,
        "incidents": _incidents(case, kept_incidents, p, refs, cites, date, label),
        "country": _country(case, fs),
        "period": date(case.info.situation.period),
        "date": date(case.info.date),
        "actors": [a for a in view["actors"] if a["id"] in kept_actors],
        "remedies": _remedies(case, sub, label, cites, refs),
        "requests": [render_inline(r, label) for r in sub.requests] if sub is not None else [],
        "questions": [render_inline(q, label) for q in sub.questions] if sub is not None else [],
        "annex": cites.annex(),
    }


def _country(case, fs) -> str:
    st = fs.states.get(case.info.situation.state)
    return st.name if st is not None else case.info.situation.territory


def _dates(lang: str, _):
    """A date as the brief's language writes it (Gregorian, from the case's date); Solar Hijri
    originals and English keep the case's own rendering."""
    if lang == "en":
        return lambda d: d.display()
    from babel.dates import format_date

    def one(x, precision: str) -> str:
        pattern = {"year": "yyyy", "month": "MMMM yyyy"}.get(precision, "long")
        return format_date(x, pattern, locale=lang)

    def date(d) -> str:
        if d.calendar != "gregorian":
            return d.display()
        if d.start == d.end or d.precision != "day":
            s = one(d.start, d.precision)
        else:
            s = f"{one(d.start, 'day')} \u2013 {one(d.end, 'day')}"
        return _("c. {date}").format(date=s) if d.approximate else s
    return date


def _incidents(case, wanted: set, p, refs, cites, date, label) -> list[dict]:
    """The incidents of the submitted allegations, in date order, each with its sources cited."""
    from ..render.chronology import incident_entry

    actors = {a.id: a for a in case.actors}
    out = []
    for inc in sorted(case.incidents, key=lambda i: (i.date.start, i.date.end, i.id)):
        if inc.id in wanted and p.incident_visible(inc):
            entry = incident_entry(inc, refs, label, actors)
            entry["sources"] = [cites.cite(e) for e in inc.evidence if e in refs.by_id]
            del entry["evidence"]  # cited through ``sources`` (without excerpts)
            entry["date"] = date(inc.date)
            out.append(entry)
    return out


def _mandate(a, fs, _, lang: str = "en") -> dict:
    m = a.mandate
    prov = {p.id: p for fw in fs.frameworks.values() for p in fw.provisions}
    return {"title": m.titles.get(lang, m.title), "body": _(BODY_WORDS[m.body]), "covers": m.covers, "country": a.country,
            "norms": list(dict.fromkeys(_abbreviated(prov[x].citation.short()) for x in a.provisions if x in prov)),
            "resolutions": [{"symbol": r.symbol, "date": r.date or "", "action": r.action, "until": r.until or "",
                             "unverified": bool(r.unverified)} for r in m.resolutions]}


ABBREVIATIONS = {  # the instruments as the mandates' communications abbreviate them, in tables
    "International Covenant on Civil and Political Rights": "ICCPR",
    "International Covenant on Economic, Social and Cultural Rights": "ICESCR",
    "Convention on the Rights of the Child": "CRC",
    "Declaration on the Protection of All Persons from Enforced Disappearance (GA res. 47/133)": "Declaration on Enforced Disappearance (1992)",
}


def _abbreviated(citation: str) -> str:
    for long, short in ABBREVIATIONS.items():
        if citation.startswith(long):
            return short + citation[len(long):].replace(",", "", 1)
    return citation


def _submitter(sub, audience: str, label) -> dict:
    s = sub.submitter
    show = allows(audience, s.contact_level)
    return {"organisation": s.organisation, "contact": dict(s.contact) if show else None,
            "knowledge_html": render_block(s.knowledge, label)}


def _incident_title(case, iid: str, p, label) -> str:
    for inc in case.incidents:
        if inc.id == iid:
            if not p.incident_visible(inc):
                return p.withheld_ref(inc)
            return f"{inc.date.display()}, {inc.location.place}: {plain(inc.title, label)}"
    return ""


def _victim(person, p, _, date, label) -> dict:
    named = p.identity_visible(person)
    hidden = p.withheld_from_audience(person) or not p.can_see(person)
    w = person.whereabouts
    row = {"label": label(person.id), "named": named, "withheld": hidden,
           "original": p.person_original(person.id) if named else None,
           "sex": "", "age": "", "ethnicity": "", "residence": "", "occupation": "", "violation": "",
           "status": _(STATUS_WORDS[w.status]) if w is not None else _(STATUS_WORDS["unknown"]),
           "place": "", "charges": "", "sentence": "", "incommunicado": bool(w and w.incommunicado),
           "reason": person.name_withheld_reason or "",
           "consent_submission": _consent(person.consent.submission, _, date),
           "consent_naming": person.consent.naming.given,
           # a pseudonym for want of consent to be named: said only of someone with a name to withhold
           "pseudonymised": not named and not hidden and bool(person.name),
           "group": None}
    if hidden:
        return row   # a withheld person: their status only, nothing that could identify them
    if person.role == "group":  # a group of victims is one row, with how many people it counts
        row["group"] = (_("Group of %(n)s persons") % {"n": person.count} if person.count
                        else _("Group; number of persons not recorded"))
    row.update(sex=_(SEX_WORDS[person.gender]) if person.gender in SEX_WORDS else (person.gender or ""),
               age=str(person.age) if person.age is not None else "")
    v = person.violation
    if v is not None and v.date is not None:
        row["violation"] = date(v.date)
    if w is not None:
        row.update(charges="; ".join(w.charges), sentence=w.sentence or "")
    if named:  # quasi-identifiers only where the identity itself may be shown
        row.update(ethnicity=person.ethnicity or "", residence=person.residence or "", occupation=person.occupation or "")
        if v is not None and v.place:
            row["violation"] = ", ".join(x for x in (row["violation"], v.place) if x)
        if w is not None:
            row["place"] = w.place or ""
    return row


def _consent(rec, _, date) -> str:
    if rec.status != "given":
        return ""
    return _("given by {who} on {date}").format(who=_(BY_WORDS[rec.by]), date=date(rec.date))


def _remedies(case, sub, label, cites, refs) -> dict:
    """Domestic proceedings recorded in the case (the ``proceedings`` collection where present), the
    submission's statement on remedies, and the case's own note."""
    procs = []
    for pr in getattr(case, "proceedings", []) or []:
        procs.append({
            "date": pr.date.display() if getattr(pr, "date", None) else "",
            "kind": getattr(pr, "kind", ""), "status": getattr(pr, "status", ""),
            "authority": getattr(pr, "authority", "") or "",
            "description_html": render_block(getattr(pr, "description", None), label),
            "evidence": [cites.cite(e) for e in getattr(pr, "evidence", []) if e in refs.by_id],
        })
    return {"proceedings": procs,
            "submission_html": render_block(sub.domestic_remedies, label) if sub is not None else "",
            "case_html": render_block(case.info.domestic_remedies, label)}
