"""Treaty participation of a state on a date or over a period, and the Rome Statute's routes to a case.

Pure: reads the frameworks' states data (``fs.states``, ``fs.treaties``, ``fs.declarations_12_3``)
and never the clock.  Dates are kept at the precision the record gives (a day, a month or only a
year); a comparison that the precision cannot decide is *undetermined*, never guessed.

``participation(state, treaty, on=...)`` answers "was the state bound by the treaty then?";
``icc_routes(case)`` lists the jurisdictional routes the Rome Statute offers for the case's
territorial state and period (state party, art. 12(3) declaration, withdrawn state for the time it
was a party, and always a Security Council referral under art. 13(b)).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models.dates import DateSpec, parse_date, parse_point

ROME = "rome-statute"
#: Printed next to every treaty fact stated from the data that was not checked against the depositary
#: record (the data's own `unverified` note says why; `casebuilder frameworks states XX` shows it).
UNVERIFIED = "unverified: not checked against the depositary record"
MIN_DAY, MAX_DAY = dt.date.min, dt.date.max


@dataclass(frozen=True)
class Interval:
    """A date known to lie between ``lo`` and ``hi`` (equal when known to the day)."""

    lo: dt.date
    hi: dt.date
    text: str

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def fmt(value) -> str:
    """A treaty date for prose: '17 March 2019', 'May 2025', '2011' (as precise as the record)."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return str(value)


def _span(text: str | None) -> Interval | None:
    if not text:
        return None
    d = parse_point(text)
    return Interval(d.start, d.end, text)


def _add_delay(d: dt.date, delay: str | None) -> dt.date:
    if delay in (None, "none"):
        return d
    if delay == "30-days":
        # "on the thirtieth day after the date of the deposit" (CAT art. 27(2)): the deposit's date plus 30 days, as
        # the depositary records it (CAT: Austria deposited 29 July 1987, in force for it 28 August 1987)
        return d + dt.timedelta(days=30)
    if delay in ("3-months", "6-months"):
        months = 3 if delay == "3-months" else 6
        m = d.month - 1 + months
        y, m = d.year + m // 12, m % 12 + 1
        for day in (d.day, 30, 29, 28):
            try:
                return dt.date(y, m, day)
            except ValueError:
                continue
    if delay == "rome-126":  # first day of the month after the 60th day following the deposit (art. 126(2))
        x = d + dt.timedelta(days=60)
        return dt.date(x.year + (x.month == 12), x.month % 12 + 1, 1)
    return d


@dataclass(frozen=True)
class Standing:
    """A state's standing under a treaty on a date or over a period."""

    state: str
    state_name: str
    treaty: str
    treaty_title: str
    status: str  # party | signatory | not-party | withdrawn | undetermined (no record)
    bound: bool | None  # True bound throughout; False not bound at all; None undetermined or only in part
    coverage: str  # whole | partial | none | unknown | undated
    bound_from: Interval | None = None
    bound_until: Interval | None = None  # last day bound (withdrawal effective date minus one day)
    fact: object | None = None  # the Participation row
    unverified: str | None = None
    place: object | None = None  # loadstates.Place of the row (str() gives "file:line"), for diagnostics
    words: str = ""  # a plain sentence saying so

    @property
    def recorded(self) -> bool:
        return self.fact is not None


def _as_period(on) -> tuple[dt.date, dt.date] | None:
    if on is None:
        return None
    if isinstance(on, DateSpec):
        return on.start, on.end
    if isinstance(on, dt.date):
        return on, on
    if isinstance(on, tuple):
        a, b = (x if isinstance(x, dt.date) else parse_date(x) for x in on)
        return (a if isinstance(a, dt.date) else a.start), (b if isinstance(b, dt.date) else b.end)
    d = parse_date(on)
    return d.start, d.end


def _bundled():
    from ..api import frameworks
    fs, _ = frameworks(None)
    return fs


def bound_from(part, treaty) -> Interval | None:
    """When the treaty began to bind the state: its recorded entry into force, or the deposit plus the
    treaty's delay.  ``None`` when no date is recorded."""
    if part.in_force:
        i = _span(part.in_force)
        return Interval(i.lo, i.hi, fmt(part.in_force))
    r = _span(part.ratified)
    if r is None:
        return None
    delay = getattr(treaty, "delay", None) if treaty is not None else None
    general = _span(getattr(treaty, "in_force", None)) if treaty is not None else None
    lo, hi = _add_delay(r.lo, delay), _add_delay(r.hi, delay)
    if general is not None:  # nobody is bound before the treaty itself is in force
        lo, hi = max(lo, general.lo), max(hi, general.lo)
    text = fmt(r.text) if lo == hi == r.lo and delay in (None, "none") else (
        fmt(lo) if lo == hi else f"between {fmt(lo)} and {fmt(hi)}")
    return Interval(lo, hi, text)


def _on(i: Interval) -> str:
    """'on 1 April 2015', 'in April 2015', 'in 2015', 'between 1 April 2015 and 1 March 2016': a date in a sentence."""
    if i.exact:
        return f"on {i.text}"
    return i.text if i.text.startswith("between ") else f"in {i.text}"


def _until(part) -> Interval | None:
    w = _span(part.withdrawal_effective)
    if w is None:
        return None
    one = dt.timedelta(days=1)
    return Interval(w.lo - one, w.hi - one, w.text)


def participation(state: str, treaty: str, on=None, fs=None) -> Standing:
    """The standing of ``state`` (ISO alpha-2) under ``treaty`` on ``on`` (a date, a case period, or
    None for "as recorded, whenever"), read from ``fs`` (default: the bundled frameworks)."""
    fs = fs if fs is not None else _bundled()
    st = fs.states.get(state)
    t = fs.treaties.get(treaty)
    title = getattr(t, "title", None) or treaty
    name = st.prose if st is not None else state
    part = st.status(treaty) if st is not None else None
    if part is None:
        why = (f"{state} has no entry in the states data" if st is None else
               f"the participation of {name} in the {title} is not recorded")
        return Standing(state, name, treaty, title, "undetermined", None, "unknown", words=why)
    place = getattr(fs, "state_places", {}).get((state, treaty))
    common = dict(fact=part, unverified=part.unverified, place=place)
    return _standing(state, name, treaty, title, t, part, on, common)


def _from(i: Interval) -> str:
    """'from 1 April 2015', 'from April 2015', 'from a date between 1 April 2015 and 1 March 2016'."""
    return f"from a date {i.text}" if i.text.startswith("between ") else f"from {i.text}"


def _standing(state, name, treaty, title, t, part, on, common) -> Standing:
    # An unverified fact carries the mark right beside it, inside the parenthesis that states it.
    semi = f"; {UNVERIFIED}" if part.unverified else ""
    paren = f" ({UNVERIFIED})" if part.unverified else ""
    if part.status in ("signatory", "not-party"):
        if part.status == "signatory":
            signed = f" (signed {fmt(part.signed)}{semi})" if part.signed else paren
            w = (f"{name} is a signatory only to the {title}{signed}: bound not to defeat its object and purpose "
                 "(VCLT art. 18), not by its provisions")
        else:
            w = f"{name} is not a party to the {title}{paren}"
        return Standing(state, name, treaty, title, part.status, False, "none", words=w, **common)
    start = bound_from(part, t)
    until = _until(part) if part.status == "withdrawn" else None
    period = _as_period(on)
    if part.ratified:
        later = start is not None and start.text != fmt(part.ratified)
        words_from = (f" (ratified {fmt(part.ratified)}" + (f"; in force for it {_from(start)}" if later else "")
                      + f"{semi})")
    elif start is not None:
        words_from = f" (in force for it {_from(start)}{semi})"
    else:
        words_from = f" (the date it became bound is not recorded{semi})"
    effective = f"{fmt(part.withdrawal_effective)}" if part.withdrawal_effective else ""
    if period is None:
        if part.status == "withdrawn":
            return Standing(state, name, treaty, title, "withdrawn", False, "none", start, until,
                            words=f"{name} withdrew from the {title} (effective {effective}{semi})", **common)
        return Standing(state, name, treaty, title, "party", True, "whole" if start else "undated",
                        start, None, words=f"{name} is a party to the {title}{words_from}", **common)
    p0, p1 = period
    lo_from = start.lo if start else MIN_DAY
    hi_from = start.hi if start else MIN_DAY
    lo_until = until.lo if until else MAX_DAY
    hi_until = until.hi if until else MAX_DAY
    # Bound throughout: surely in force before the period starts and surely not withdrawn before it ends.
    if hi_from <= p0 and p1 <= lo_until:
        w = f"{name} is a party to the {title}{words_from}"
        if part.status == "withdrawn":
            w = (f"{name} was a party to the {title} throughout the period{words_from}; its withdrawal took "
                 f"effect on {effective}")
        return Standing(state, name, treaty, title, part.status, True, "whole" if start else "undated",
                        start, until, words=w, **common)
    # Not bound at any time in the period.
    if lo_from > p1 or hi_until < p0:
        if lo_from > p1:
            w = f"the {title} entered into force for {name} only {_on(start)}{paren}, after the period"
        else:
            w = f"{name}'s withdrawal from the {title} took effect on {effective}{paren}, before the period"
        return Standing(state, name, treaty, title, part.status, False, "none", start, until, words=w, **common)
    # Bound for part of the period, or the record's precision cannot tell.  A date known only to the month or the
    # year decides nothing when it lies wholly outside the period (in force surely before it, withdrawn surely after).
    start_known = start is None or start.exact or start.hi <= p0
    until_known = until is None or until.exact or until.lo >= p1
    if start_known and until_known:
        parts = []
        if start is not None and start.lo > p0:
            parts.append(f"only from {fmt(start.lo)} (conduct before that date is not covered)")
        if until is not None and until.hi < p1:
            parts.append(f"only until {fmt(until.hi)} (its withdrawal took effect on {effective})")
        w = (f"the period overlaps only in part with the time {name} was bound by the {title}{paren}: "
             + "; ".join(parts))
        return Standing(state, name, treaty, title, part.status, None, "partial", start, until, words=w, **common)
    loose = (part.in_force or part.ratified) if not start_known else part.withdrawal_effective
    unit = "year" if loose and len(loose) == 4 else "month"
    w = (f"the record gives {name}'s participation in the {title} only to the {unit} ({fmt(loose)}{semi}), "
         "which cannot tell whether it was bound throughout the period")
    return Standing(state, name, treaty, title, part.status, None, "unknown", start, until, words=w, **common)


# ------------------------------------------------------------------------- Rome Statute routes
@dataclass(frozen=True)
class Route:
    """One way the ICC could exercise jurisdiction over the case's situation."""

    kind: str  # state-party | withdrawn-state | art-12-3 | security-council
    article: str  # e.g. "12(2)(a)", "12(3)", "127(2)", "13(b)"
    covers: str  # whole | partial | none | unknown
    words: str
    unverified: str | None = None
    place: object | None = None


@dataclass(frozen=True)
class Routes:
    state: str
    state_name: str
    period: tuple[dt.date, dt.date] | None
    standing: Standing
    routes: tuple[Route, ...] = field(default_factory=tuple)
    covers_period: bool | None = None  # the live routes together cover the whole period

    @property
    def only_security_council(self) -> bool:
        return all(r.kind == "security-council" or r.covers == "none" for r in self.routes)

    def summary(self) -> str:
        live = [r for r in self.routes if r.kind != "security-council" and r.covers != "none"]
        if not live:
            return (f"No territorial route: {self.standing.words}. No declaration under art. 12(3) by "
                    f"{self.state_name} is recorded for the period. The Court could act only on a Security Council "
                    "referral (art. 13(b)), or over a national of a State Party (art. 12(2)(b)).")
        text = "; ".join(r.words for r in live)
        if len(live) > 1 and self.covers_period:
            text += "; together these routes cover the whole period"
        elif self.covers_period is False and any(r.covers in ("partial", "whole") for r in live):
            text += "; part of the period is covered by no route other than a Security Council referral"
        return text[:1].upper() + text[1:] + "."


def icc_routes(case, fs=None) -> Routes:
    """The Rome Statute's jurisdictional routes for ``case`` (a loaded case, or its situation)."""
    fs = fs if fs is not None else _bundled()
    sit = getattr(getattr(case, "info", None), "situation", None) or getattr(case, "situation", None) or case
    state, period = sit.state, (sit.period.start, sit.period.end)
    return routes_for(state, period, fs)


def routes_for(state: str, period, fs) -> Routes:
    period = _as_period(period)
    s = participation(state, ROME, on=period, fs=fs)
    out: list[Route] = []
    spans: list[tuple[dt.date, dt.date]] = []  # exact stretches of the period a route surely covers
    if s.status in ("party", "withdrawn") and s.bound is not False:
        kind = "state-party" if s.status == "party" else "withdrawn-state"
        art = "12(2)(a)" if s.status == "party" else "12(2)(a) and 127(2)"
        if s.coverage in ("whole", "undated"):
            w = f"{s.words}: crimes on its territory fall within the Court's jurisdiction (art. {art})"
            if s.coverage == "undated":
                w += "; the date the Statute entered into force for it is not recorded (art. 11(2): confirm it precedes the conduct)"
            if period:
                spans.append(period)
        elif s.coverage == "partial":
            w = f"State Party route (art. {art}) for part of the period only: {s.words}"
            if period:
                lo = max(period[0], s.bound_from.lo if s.bound_from else period[0])
                hi = min(period[1], s.bound_until.hi if s.bound_until else period[1])
                spans.append((lo, hi))
        else:
            w = f"State Party route (art. {art}) uncertain: {s.words}"
        out.append(Route(kind, art, s.coverage if s.coverage != "undated" else "whole", w, s.unverified, s.place))
    elif s.status == "withdrawn":
        out.append(Route("withdrawn-state", "127", "none", f"{s.words}: no State Party route for the period",
                         s.unverified, s.place))
    for d in getattr(fs, "declarations_12_3", []):
        if d.state != state:
            continue
        cf, ct = _span(d.covers_from), (_span(d.covers_to) if d.covers_to else None)
        place = getattr(fs, "state_places", {}).get((state, f"12(3) {d.lodged}"))
        span_w = f"from {fmt(d.covers_from)}" + (f" to {fmt(d.covers_to)}" if d.covers_to else " onwards")
        mark = f" ({UNVERIFIED})" if d.unverified else ""
        lodged = f"lodged {'on' if len(d.lodged) == 10 else 'in'} {fmt(d.lodged)}"
        if not d.accepted:
            out.append(Route("art-12-3", "12(3)", "none", f"the declaration {lodged} ({span_w}) was not acted on: "
                             f"{d.note or 'see the record'}{mark}", d.unverified, place))
            continue
        end_lo, end_hi = (ct.lo, ct.hi) if ct else (MAX_DAY, MAX_DAY)
        if period is None:
            cov = "whole"
        elif end_hi < period[0] or cf.lo > period[1]:
            cov = "none"
        elif cf.hi <= period[0] and period[1] <= end_lo:
            cov = "whole"
        elif (cf.exact and (ct is None or ct.exact)) or cf.lo > period[0] or end_hi < period[1]:
            cov = "partial"  # known to the day, or surely beginning after the period starts or ending before it ends
        else:
            cov = "unknown"
        if period and cov in ("whole", "partial"):  # the stretch it surely covers
            spans.append((max(period[0], cf.hi), min(period[1], end_lo)))
        words = {"whole": f"a declaration under art. 12(3) {lodged} accepts the Court's jurisdiction {span_w}, covering the whole period",
                 "partial": f"a declaration under art. 12(3) {lodged} accepts the Court's jurisdiction {span_w}: it covers the period only in part",
                 "none": f"a declaration under art. 12(3) {lodged} covers {span_w}, outside the period",
                 "unknown": f"a declaration under art. 12(3) {lodged} covers {span_w}; the record's precision cannot tell whether it covers the whole period"}[cov]
        if period is None:
            words = f"a declaration under art. 12(3) {lodged} accepts the Court's jurisdiction {span_w}"
        out.append(Route("art-12-3", "12(3)", cov, words + mark, d.unverified, place))
    out.append(Route("security-council", "13(b)", "whole", "the Security Council may refer the situation "
                     "under art. 13(b) (Chapter VII of the UN Charter), whatever the State's participation"))
    return Routes(state, s.state_name, period, s, tuple(out), _union_covers(spans, period))


def _union_covers(spans, period) -> bool | None:
    """True when the routes' exact stretches together cover the whole period (None without a period)."""
    if period is None:
        return None
    at = period[0]
    for lo, hi in sorted(spans):
        if lo > at:
            return False
        at = max(at, hi + dt.timedelta(days=1))
        if at > period[1]:
            return True
    return at > period[1]
