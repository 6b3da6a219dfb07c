"""Treaty participation in words, branch by branch: what `participation` and `routes_for` say of a state, on a
date or over a period, and the Rome Statute's routes in the sentences a brief prints.

The states data is built here (a `FrameworkSet` holding only these states, treaties and art. 12(3) declarations):
every date and precision a record can give, each treaty's delay before it binds a state, withdrawals and
declarations.  Each sentence is pinned word for word: a lawyer reads them, and a change to one is a deliberate edit
of this test.
"""
from __future__ import annotations

import datetime as dt

import pytest

from casebuilder.analyse.treaties import UNVERIFIED, bound_from, fmt, participation, routes_for
from casebuilder.load import FrameworkSet
from casebuilder.models.framework import Declaration123, Participation, State, Treaty

WHY = "not read in the depositary record"
D = dt.date


def _p(**k) -> Participation:
    return Participation(source="test record", **k)


def _fs() -> FrameworkSet:
    treaties = [Treaty(id="rome-statute", title="Rome Statute", in_force="2002-07-01", delay="rome-126"),
                Treaty(id="t30", title="Thirty Days Convention", delay="30-days"),
                Treaty(id="t3m", title="Three Months Covenant", delay="3-months", in_force="1976-03-23"),
                Treaty(id="t6m", title="Six Months Protocol", delay="6-months"),
                Treaty(id="t0", title="Plain Treaty", delay="none"),
                Treaty(id="t0-late", title="Late Treaty", delay="none", in_force="2001-05-01")]
    states = [
        State(code="XA", name="State A", participation=[
            _p(treaty="rome-statute", status="party", ratified="2003-05-10"),
            _p(treaty="t30", status="party", ratified="1987-07-29"),
            _p(treaty="t3m", status="party", ratified="1970-11-30"),
            _p(treaty="t6m", status="party", ratified="2011-08-31"),
            _p(treaty="t0", status="party", ratified="1999-03-03"),
            _p(treaty="t0-late", status="party", ratified="1999-03-03")]),
        # three months after a deposit, the covenant itself long in force
        State(code="XM", name="State M", participation=[_p(treaty="t3m", status="party", ratified="1990-05-10")]),
        # six months after a deposit in July is January of the next year
        State(code="XL", name="State L", participation=[_p(treaty="t6m", status="party", ratified="2011-07-15")]),
        # a deposit whose 60th day falls in December: in force on 1 January of the next year
        State(code="XK", name="State K", participation=[_p(treaty="rome-statute", status="party", ratified="2003-10-15")]),
        # a withdrawal, with a ratification known only to the month
        State(code="XC", name="State C", participation=[
            _p(treaty="rome-statute", status="withdrawn", ratified="2004-09", withdrawal_effective="2019-03-17",
               unverified=WHY)]),
        # a withdrawal, every date known to the day
        State(code="XP", name="State P", participation=[
            _p(treaty="rome-statute", status="withdrawn", ratified="2011-08-30", withdrawal_effective="2019-03-17")]),
        # a ratification known only to the year
        State(code="XD", name="State D", participation=[_p(treaty="rome-statute", status="party", ratified="2015")]),
        # a party with no date at all
        State(code="XE", name="State E", participation=[_p(treaty="rome-statute", status="party")]),
        # only the entry into force recorded: to the day, and to the month
        State(code="XF", name="State F", participation=[
            _p(treaty="rome-statute", status="party", in_force="2015-04-01", unverified=WHY)]),
        State(code="XG", name="State G", participation=[_p(treaty="rome-statute", status="party", in_force="2015-04")]),
        # a withdrawal known only to the month
        State(code="XH", name="State H", participation=[
            _p(treaty="rome-statute", status="withdrawn", ratified="2002-01-02", withdrawal_effective="2019-03")]),
        # a signatory with its date, unverified; one without; a state that is not a party
        State(code="XB", name="Netherlands", the=True, participation=[
            _p(treaty="rome-statute", status="signatory", signed="2000-12-31", unverified=WHY),
            _p(treaty="t30", status="not-party")]),
        State(code="XI", name="State I", participation=[_p(treaty="rome-statute", status="signatory")]),
        State(code="XJ", name="State J", participation=[_p(treaty="rome-statute", status="not-party", unverified=WHY)]),
    ]
    declarations = [
        Declaration123(state="XB", lodged="2014-04-17", covers_from="2013-11-21", covers_to="2014-02-22", source="t"),
        Declaration123(state="XB", lodged="2015-09", covers_from="2014-02-20", source="t", unverified=WHY),
        Declaration123(state="XB", lodged="2009-01-22", covers_from="2002-07-01", accepted=False, source="t",
                       note="the Prosecutor could not act on it"),
        Declaration123(state="XJ", lodged="2020", covers_from="2019-06", covers_to="2019-09", source="t"),
        Declaration123(state="XC", lodged="2019-05-01", covers_from="2019-03-17", source="t"),
    ]
    return FrameworkSet(treaties={t.id: t for t in treaties}, states={s.code: s for s in states},
                        declarations_12_3=declarations)


@pytest.fixture(scope="module")
def fs() -> FrameworkSet:
    return _fs()


# ----------------------------------------------------------------- when a treaty begins to bind a state
@pytest.mark.parametrize("treaty,bound,words", [
    # art. 126(2): the first day of the month after the sixtieth day following the deposit
    ("rome-statute", D(2003, 8, 1), "ratified 10 May 2003; in force for it from 1 August 2003"),
    # CAT art. 27(2), CRC art. 49(2), ICPPED art. 39(2): the thirtieth day after the deposit (CAT: Austria deposited
    # on 29 July 1987, in force for it on 28 August 1987)
    ("t30", D(1987, 8, 28), "ratified 29 July 1987; in force for it from 28 August 1987"),
    # ICCPR art. 49(2): three months after the deposit, but never before the treaty itself is in force
    ("t3m", D(1976, 3, 23), "ratified 30 November 1970; in force for it from 23 March 1976"),
    # six months after 31 August is the last day of February (a leap year here)
    ("t6m", D(2012, 2, 29), "ratified 31 August 2011; in force for it from 29 February 2012"),
    # no delay: bound from the deposit, and the sentence gives the one date
    ("t0", D(1999, 3, 3), "ratified 3 March 1999"),
    # no delay, but the treaty itself entered into force only later
    ("t0-late", D(2001, 5, 1), "ratified 3 March 1999; in force for it from 1 May 2001"),
])
def test_each_treatys_delay_decides_when_it_binds(fs, treaty, bound, words):
    s = participation("XA", treaty, fs=fs)
    assert (s.status, s.bound, s.coverage, s.bound_from.lo, s.bound_from.hi) == ("party", True, "whole", bound, bound)
    assert (s.state, s.state_name, s.treaty, s.treaty_title) == ("XA", "State A", treaty, fs.treaties[treaty].title)
    title = fs.treaties[treaty].title
    assert s.words == f"State A is a party to the {title} ({words})"


# ----------------------------------------------------------------- a date the record gives only to the month or the year
def test_a_month_precise_ratification_long_before_the_period_does_not_blur_a_withdrawal_in_it(fs):
    """State C ratified in September 2004 and withdrew on 17 March 2019: over 2019 it was bound until 16 March, and the
    month of its ratification, 15 years earlier, does not make that uncertain."""
    s = participation("XC", "rome-statute", on=("2019-01-01", "2019-12-31"), fs=fs)
    assert (s.status, s.bound, s.coverage) == ("withdrawn", None, "partial")
    assert (s.bound_from.lo, s.bound_from.hi, s.bound_until.lo, s.bound_until.hi) == (
        D(2004, 11, 1), D(2004, 12, 1), D(2019, 3, 16), D(2019, 3, 16))
    assert s.words == ("the period overlaps only in part with the time State C was bound by the Rome Statute "
                       f"({UNVERIFIED}): only until 16 March 2019 (its withdrawal took effect on 17 March 2019)")


@pytest.mark.parametrize("state,period,unit,when", [
    ("XD", ("2015-06-01", "2015-12-31"), "year", "2015"),            # ratified in 2015: in force between April 2015 and March 2016
    ("XG", ("2015-04-10", "2015-12-31"), "month", "April 2015"),      # in force in April 2015, recorded without a ratification
    ("XH", ("2019-01-01", "2019-12-31"), "month", "March 2019"),      # withdrawn in March 2019
])
def test_a_date_known_only_to_the_month_or_year_inside_the_period_is_undetermined(fs, state, period, unit, when):
    s = participation(state, "rome-statute", on=period, fs=fs)
    name = fs.states[state].name
    assert (s.bound, s.coverage) == (None, "unknown")
    # undetermined by the record's precision, not for want of a record: the answer carries the row it read
    assert s.recorded and s.fact is fs.states[state].status("rome-statute")
    assert s.words == (f"the record gives {name}'s participation in the Rome Statute only to the {unit} ({when}), "
                       "which cannot tell whether it was bound throughout the period")


@pytest.mark.parametrize("state,on,words", [
    ("XD", None, "State D is a party to the Rome Statute (ratified 2015; in force for it from a date between 1 April "
                 "2015 and 1 March 2016)"),
    ("XD", "2014", "the Rome Statute entered into force for State D only between 1 April 2015 and 1 March 2016, after "
                   "the period"),
    ("XG", None, "State G is a party to the Rome Statute (in force for it from April 2015)"),
    ("XG", "2014-05", "the Rome Statute entered into force for State G only in April 2015, after the period"),
    ("XF", None, f"State F is a party to the Rome Statute (in force for it from 1 April 2015; {UNVERIFIED})"),
    ("XF", "2014-05-01", f"the Rome Statute entered into force for State F only on 1 April 2015 ({UNVERIFIED}), after "
                         "the period"),
])
def test_an_entry_into_force_is_said_as_precisely_as_the_record_gives_it(fs, state, on, words):
    assert participation(state, "rome-statute", on=on, fs=fs).words == words


# ----------------------------------------------------------------- signatories, non-parties, unrecorded participation
@pytest.mark.parametrize("state,treaty,status,words", [
    ("XB", "rome-statute", "signatory", f"the Netherlands is a signatory only to the Rome Statute (signed 31 December 2000; "
                                        f"{UNVERIFIED}): bound not to defeat its object and purpose (VCLT art. 18), not by "
                                        "its provisions"),
    ("XI", "rome-statute", "signatory", "State I is a signatory only to the Rome Statute: bound not to defeat its object "
                                        "and purpose (VCLT art. 18), not by its provisions"),
    ("XJ", "rome-statute", "not-party", f"State J is not a party to the Rome Statute ({UNVERIFIED})"),
    ("XB", "t30", "not-party", "the Netherlands is not a party to the Thirty Days Convention"),
])
def test_a_signatory_or_a_non_party_is_not_bound_whenever_asked(fs, state, treaty, status, words):
    for on in (None, "2014", ("2003-01-01", "2003-12-31")):
        s = participation(state, treaty, on=on, fs=fs)
        assert (s.status, s.bound, s.coverage, s.words) == (status, False, "none", words)
        assert s.recorded and s.unverified == (WHY if "unverified" in words else None)


def test_an_unrecorded_state_or_treaty_is_undetermined(fs):
    s = participation("XZ", "rome-statute", on="2014", fs=fs)
    assert (s.status, s.bound, s.coverage, s.words, s.recorded) == (
        "undetermined", None, "unknown", "XZ has no entry in the states data", False)
    s = participation("XA", "no-such-treaty", fs=fs)
    assert (s.status, s.state_name, s.words) == (
        "undetermined", "State A", "the participation of State A in the no-such-treaty is not recorded")


# ----------------------------------------------------------------- a party over time, and a withdrawal
@pytest.mark.parametrize("on,bound,coverage,words", [
    (None, False, "none", f"State C withdrew from the Rome Statute (effective 17 March 2019; {UNVERIFIED})"),
    ("2014", True, "whole", "State C was a party to the Rome Statute throughout the period (ratified September 2004; in "
                            "force for it from a date between 1 November 2004 and 1 December 2004; "
                            f"{UNVERIFIED}); its withdrawal took effect on 17 March 2019"),
    (("2003-01-01", "2003-12-31"), False, "none", "the Rome Statute entered into force for State C only between 1 "
                                                  f"November 2004 and 1 December 2004 ({UNVERIFIED}), after the period"),
    (D(2025, 1, 1), False, "none", f"State C's withdrawal from the Rome Statute took effect on 17 March 2019 ({UNVERIFIED}), "
                                   "before the period"),
    # the last day bound is the day before the withdrawal took effect
    (D(2019, 3, 16), True, "whole", "State C was a party to the Rome Statute throughout the period (ratified September "
                                    "2004; in force for it from a date between 1 November 2004 and 1 December 2004; "
                                    f"{UNVERIFIED}); its withdrawal took effect on 17 March 2019"),
    (D(2019, 3, 17), False, "none", f"State C's withdrawal from the Rome Statute took effect on 17 March 2019 "
                                    f"({UNVERIFIED}), before the period"),
])
def test_a_withdrawn_state_was_bound_until_the_day_before_its_withdrawal_took_effect(fs, on, bound, coverage, words):
    s = participation("XC", "rome-statute", on=on, fs=fs)
    assert (s.status, s.bound, s.coverage, s.words) == ("withdrawn", bound, coverage, words)
    assert (s.bound_until.lo, s.bound_until.hi, s.bound_until.text) == (D(2019, 3, 16), D(2019, 3, 16), "2019-03-17")


@pytest.mark.parametrize("on,bound,coverage,words", [
    (D(2003, 7, 31), False, "none", "the Rome Statute entered into force for State A only on 1 August 2003, after the "
                                    "period"),
    (D(2003, 8, 1), True, "whole", "State A is a party to the Rome Statute (ratified 10 May 2003; in force for it from 1 "
                                   "August 2003)"),
    (("2003-01-01", "2003-12-31"), None, "partial", "the period overlaps only in part with the time State A was bound "
                                                    "by the Rome Statute: only from 1 August 2003 (conduct before that "
                                                    "date is not covered)"),
])
def test_a_party_is_bound_from_its_first_day_in_force(fs, on, bound, coverage, words):
    s = participation("XA", "rome-statute", on=on, fs=fs)
    assert (s.status, s.bound, s.coverage, s.words) == ("party", bound, coverage, words)
    assert (s.state, s.state_name, s.treaty, s.treaty_title) == ("XA", "State A", "rome-statute", "Rome Statute")


def test_a_party_without_a_date_is_bound_undated(fs):
    s = participation("XE", "rome-statute", on="2010", fs=fs)
    assert (s.status, s.bound, s.coverage, s.bound_from, s.words) == (
        "party", True, "undated", None, "State E is a party to the Rome Statute (the date it became bound is not recorded)")


@pytest.mark.parametrize("value,words", [(D(2019, 3, 7), "7 March 2019"), ("2019-03-07", "7 March 2019"),
                                         ("2019-12", "December 2019"), ("2019", "2019")])
def test_treaty_dates_read_as_precisely_as_recorded(value, words):
    assert fmt(value) == words


def test_bound_from_without_a_date_or_a_treaty(fs):
    assert bound_from(_p(treaty="t0", status="party"), fs.treaties["t0"]) is None
    i = bound_from(_p(treaty="t0", status="party", ratified="1999-03"), None)
    assert (i.lo, i.hi, i.text) == (D(1999, 3, 1), D(1999, 3, 31), "between 1 March 1999 and 31 March 1999")


# ----------------------------------------------------------------- the Rome Statute's routes, in the brief's words
SC = ("the Security Council may refer the situation under art. 13(b) (Chapter VII of the UN Charter), whatever the "
      "State's participation")


def _routes(fs, state, period):
    r = routes_for(state, period, fs)
    return [(x.kind, x.article, x.covers, x.words, x.unverified) for x in r.routes], r


def test_a_party_for_part_of_the_period(fs):
    routes, r = _routes(fs, "XA", ("2003-01-01", "2003-12-31"))
    part = ("the period overlaps only in part with the time State A was bound by the Rome Statute: only from 1 August "
            "2003 (conduct before that date is not covered)")
    assert routes == [("state-party", "12(2)(a)", "partial", f"State Party route (art. 12(2)(a)) for part of the period "
                                                             f"only: {part}", None),
                      ("security-council", "13(b)", "whole", SC, None)]
    assert (r.covers_period, r.only_security_council, r.period) == (False, False, (D(2003, 1, 1), D(2003, 12, 31)))
    assert r.summary() == (f"State Party route (art. 12(2)(a)) for part of the period only: {part}; part of the period "
                           "is covered by no route other than a Security Council referral.")


@pytest.mark.parametrize("period", [("2010-01-01", "2010-12-31"), None])
def test_a_party_throughout(fs, period):
    routes, r = _routes(fs, "XA", period)
    words = ("State A is a party to the Rome Statute (ratified 10 May 2003; in force for it from 1 August 2003): crimes "
             "on its territory fall within the Court's jurisdiction (art. 12(2)(a))")
    assert routes == [("state-party", "12(2)(a)", "whole", words, None), ("security-council", "13(b)", "whole", SC, None)]
    assert r.covers_period is (None if period is None else True)
    assert r.summary() == words[:1].upper() + words[1:] + "."


def test_a_party_without_a_date_is_a_route_to_confirm(fs):
    routes, r = _routes(fs, "XE", ("2010-01-01", "2010-12-31"))
    words = ("State E is a party to the Rome Statute (the date it became bound is not recorded): crimes on its territory "
             "fall within the Court's jurisdiction (art. 12(2)(a)); the date the Statute entered into force for it is not "
             "recorded (art. 11(2): confirm it precedes the conduct)")
    assert routes[0] == ("state-party", "12(2)(a)", "whole", words, None) and r.covers_period is True


def test_a_party_whose_date_the_record_cannot_place_is_uncertain(fs):
    routes, r = _routes(fs, "XD", ("2015-06-01", "2015-12-31"))
    assert routes[0] == ("state-party", "12(2)(a)", "unknown", "State Party route (art. 12(2)(a)) uncertain: the record "
                         "gives State D's participation in the Rome Statute only to the year (2015), which cannot tell "
                         "whether it was bound throughout the period", None)
    assert r.covers_period is False
    assert r.summary() == ("State Party route (art. 12(2)(a)) uncertain: the record gives State D's participation in the "
                           "Rome Statute only to the year (2015), which cannot tell whether it was bound throughout the "
                           "period.")


def test_a_withdrawal_in_the_period_and_a_declaration_after_it_together_cover_it(fs):
    routes, r = _routes(fs, "XC", ("2019-01-01", "2019-12-31"))
    until = ("the period overlaps only in part with the time State C was bound by the Rome Statute "
             f"({UNVERIFIED}): only until 16 March 2019 (its withdrawal took effect on 17 March 2019)")
    decl = ("a declaration under art. 12(3) lodged on 1 May 2019 accepts the Court's jurisdiction from 17 March 2019 "
            "onwards: it covers the period only in part")
    assert routes == [
        ("withdrawn-state", "12(2)(a) and 127(2)", "partial",
         f"State Party route (art. 12(2)(a) and 127(2)) for part of the period only: {until}", WHY),
        ("art-12-3", "12(3)", "partial", decl, None),
        ("security-council", "13(b)", "whole", SC, None)]
    assert r.covers_period is True
    assert r.summary() == (f"State Party route (art. 12(2)(a) and 127(2)) for part of the period only: {until}; {decl}; "
                           "together these routes cover the whole period.")


def test_after_a_withdrawal_only_a_declaration_remains(fs):
    routes, r = _routes(fs, "XC", ("2020-01-01", "2020-12-31"))
    decl = ("a declaration under art. 12(3) lodged on 1 May 2019 accepts the Court's jurisdiction from 17 March 2019 "
            "onwards, covering the whole period")
    assert routes == [
        ("withdrawn-state", "127", "none", f"State C's withdrawal from the Rome Statute took effect on 17 March 2019 "
                                           f"({UNVERIFIED}), before the period: no State Party route for the period", WHY),
        ("art-12-3", "12(3)", "whole", decl, None),
        ("security-council", "13(b)", "whole", SC, None)]
    assert r.covers_period is True and not r.only_security_council
    assert r.summary() == decl[:1].upper() + decl[1:] + "."
    routes, _ = _routes(fs, "XC", ("2014-01-01", "2014-12-31"))
    assert routes[0][:3] == ("withdrawn-state", "12(2)(a) and 127(2)", "whole")
    assert routes[0][3].endswith("its withdrawal took effect on 17 March 2019: crimes on its territory fall within the "
                                 "Court's jurisdiction (art. 12(2)(a) and 127(2))")
    assert routes[1] == ("art-12-3", "12(3)", "none", "a declaration under art. 12(3) lodged on 1 May 2019 covers from "
                         "17 March 2019 onwards, outside the period", None)


NOT_ACTED = ("art-12-3", "12(3)", "none", "the declaration lodged on 22 January 2009 (from 1 July 2002 onwards) was not "
             "acted on: the Prosecutor could not act on it", None)


@pytest.mark.parametrize("period,first,second,covers", [
    (("2013-12-01", "2014-01-31"),
     ("whole", "a declaration under art. 12(3) lodged on 17 April 2014 accepts the Court's jurisdiction from 21 November "
               "2013 to 22 February 2014, covering the whole period"),
     ("none", "a declaration under art. 12(3) lodged in September 2015 covers from 20 February 2014 onwards, outside the "
              f"period ({UNVERIFIED})"), True),
    (("2014-01-01", "2014-12-31"),
     ("partial", "a declaration under art. 12(3) lodged on 17 April 2014 accepts the Court's jurisdiction from 21 "
                 "November 2013 to 22 February 2014: it covers the period only in part"),
     ("partial", "a declaration under art. 12(3) lodged in September 2015 accepts the Court's jurisdiction from 20 "
                 f"February 2014 onwards: it covers the period only in part ({UNVERIFIED})"), True),
    (None,
     ("whole", "a declaration under art. 12(3) lodged on 17 April 2014 accepts the Court's jurisdiction from 21 November "
               "2013 to 22 February 2014"),
     ("whole", "a declaration under art. 12(3) lodged in September 2015 accepts the Court's jurisdiction from 20 February "
               f"2014 onwards ({UNVERIFIED})"), None),
])
def test_declarations_under_12_3_by_their_periods(fs, period, first, second, covers):
    routes, r = _routes(fs, "XB", period)
    assert routes == [("art-12-3", "12(3)", *first, None), ("art-12-3", "12(3)", *second, WHY), NOT_ACTED,
                      ("security-council", "13(b)", "whole", SC, None)]
    assert r.covers_period is covers
    if period == ("2014-01-01", "2014-12-31"):
        assert r.summary() == f"{first[1][:1].upper()}{first[1][1:]}; {second[1]}; together these routes cover the whole period."


def test_a_signatory_with_declarations_outside_the_period_has_only_the_security_council(fs):
    routes, r = _routes(fs, "XB", ("2013-01-01", "2013-06-30"))
    assert [x[2] for x in routes] == ["none", "none", "none", "whole"]
    assert r.only_security_council and r.covers_period is False
    assert r.summary() == (
        f"No territorial route: the Netherlands is a signatory only to the Rome Statute (signed 31 December 2000; "
        f"{UNVERIFIED}): bound not to defeat its object and purpose (VCLT art. 18), not by its provisions. No declaration "
        "under art. 12(3) by the Netherlands is recorded for the period. The Court could act only on a Security Council "
        "referral (art. 13(b)), or over a national of a State Party (art. 12(2)(b)).")


@pytest.mark.parametrize("period,cover,words,covers", [
    (("2019-07-01", "2019-08-31"), "whole", "a declaration under art. 12(3) lodged in 2020 accepts the Court's "
                                            "jurisdiction from June 2019 to September 2019, covering the whole period", True),
    # the declaration's months cannot reach January or December: it covers the year only in part, surely
    (("2019-01-01", "2019-12-31"), "partial", "a declaration under art. 12(3) lodged in 2020 accepts the Court's "
                                              "jurisdiction from June 2019 to September 2019: it covers the period only "
                                              "in part", False),
    # whether it reaches 10 June or 20 September the months cannot tell
    (("2019-06-10", "2019-09-20"), "unknown", "a declaration under art. 12(3) lodged in 2020 covers from June 2019 to "
                                              "September 2019; the record's precision cannot tell whether it covers the "
                                              "whole period", False),
])
def test_a_declaration_known_to_the_month(fs, period, cover, words, covers):
    routes, r = _routes(fs, "XJ", period)
    assert routes == [("art-12-3", "12(3)", cover, words, None), ("security-council", "13(b)", "whole", SC, None)]
    assert r.covers_period is covers


def test_a_deposit_whose_sixtieth_day_falls_in_december_binds_from_the_first_of_january(fs):
    s = participation("XK", "rome-statute", on="2004", fs=fs)
    assert (s.bound_from.lo, s.words) == (D(2004, 1, 1), "State K is a party to the Rome Statute (ratified 15 October "
                                                          "2003; in force for it from 1 January 2004)")


def test_six_months_after_a_deposit_in_july_is_the_next_january(fs):
    s = participation("XL", "t6m", fs=fs)
    assert (s.bound_from.lo, s.words) == (D(2012, 1, 15), "State L is a party to the Six Months Protocol (ratified 15 "
                                                          "July 2011; in force for it from 15 January 2012)")


def test_icc_routes_reads_a_case_or_its_situation_against_the_frameworks_given(fs, tmp_path):
    from casebuilder.analyse.treaties import icc_routes
    from casebuilder.api import check
    from casebuilder.commands.new import scaffold
    case = tmp_path / "case"
    scaffold(case)
    checked = check(case)
    situation = checked.case.info.situation.model_copy(update={"state": "XC"})
    r = icc_routes(situation, fs)  # the situation itself, read against the states record built here
    assert (r.state, r.state_name, r.period) == ("XC", "State C", (D(2026, 1, 1), D(2026, 1, 31)))
    assert [(x.kind, x.covers) for x in r.routes] == [("withdrawn-state", "none"), ("art-12-3", "whole"),
                                                       ("security-council", "whole")]
    bundled = icc_routes(checked.case)  # the bundled states data: XX is no State
    assert (bundled.state, bundled.standing.status) == ("XX", "undetermined") and bundled.only_security_council


def test_three_months_after_a_deposit_once_the_covenant_is_in_force(fs):
    s = participation("XM", "t3m", fs=fs)
    assert (s.bound_from.lo, s.words) == (D(1990, 8, 10), "State M is a party to the Three Months Covenant (ratified 10 "
                                                          "May 1990; in force for it from 10 August 1990)")


def test_each_fact_and_route_points_at_its_row_in_the_states_data():
    """`casebuilder frameworks states` and the diagnostics name the file and line a fact comes from."""
    from casebuilder.api import frameworks
    fs, _ = frameworks(None)
    ph = routes_for("PH", ("2016-07-01", "2019-06-30"), fs)
    assert str(ph.standing.place).startswith("frameworks/states/rome-statute.yaml:")
    assert str(ph.routes[0].place) == str(ph.standing.place)
    after = routes_for("PH", ("2020-01-01", "2020-12-31"), fs)
    assert after.routes[0].kind == "withdrawn-state" and str(after.routes[0].place) == str(ph.standing.place)
    ua = routes_for("UA", ("2014-03-01", "2014-12-31"), fs)
    declarations = [r for r in ua.routes if r.kind == "art-12-3"]
    assert declarations and all(str(r.place).startswith("frameworks/states/rome-statute.yaml:") for r in declarations)
    assert participation("DE", "rome-statute", fs=fs).place is not None
    ps = routes_for("PS", ("2014-07-01", "2014-08-31"), fs)
    not_acted = [r for r in ps.routes if r.kind == "art-12-3" and "was not acted on" in r.words]
    assert not_acted and str(not_acted[0].place).startswith("frameworks/states/rome-statute.yaml:")


@pytest.mark.parametrize("period", [("2019-01-01", "2019-12-31"), ("2019-03-16", "2019-12-31")])
def test_a_period_across_a_withdrawal_is_covered_until_the_last_day_bound(fs, period):
    s = participation("XP", "rome-statute", on=period, fs=fs)
    assert (s.bound, s.coverage) == (None, "partial")
    assert (s.bound_until.lo, s.bound_until.hi, s.bound_from.lo) == (D(2019, 3, 16), D(2019, 3, 16), D(2011, 11, 1))
    assert s.words == ("the period overlaps only in part with the time State P was bound by the Rome Statute: only "
                       "until 16 March 2019 (its withdrawal took effect on 17 March 2019)")
