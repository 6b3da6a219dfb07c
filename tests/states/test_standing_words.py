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
                Treaty(id="t0", title="Plain Treaty", delay="none")]
    states = [
        State(code="XA", name="State A", participation=[
            _p(treaty="rome-statute", status="party", ratified="2003-05-10"),
            _p(treaty="t30", status="party", ratified="1987-07-29"),
            _p(treaty="t3m", status="party", ratified="1970-11-30"),
            _p(treaty="t6m", status="party", ratified="2011-08-31"),
            _p(treaty="t0", status="party", ratified="1999-03-03")]),
        # a withdrawal, with a ratification known only to the month
        State(code="XC", name="State C", participation=[
            _p(treaty="rome-statute", status="withdrawn", ratified="2004-09", withdrawal_effective="2019-03-17",
               unverified=WHY)]),
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
    ]
    return FrameworkSet(treaties={t.id: t for t in treaties}, states={s.code: s for s in states})


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
])
def test_each_treatys_delay_decides_when_it_binds(fs, treaty, bound, words):
    s = participation("XA", treaty, fs=fs)
    assert (s.status, s.bound, s.coverage, s.bound_from.lo, s.bound_from.hi) == ("party", True, "whole", bound, bound)
    title = fs.treaties[treaty].title
    assert s.words == f"State A is a party to the {title} ({words})"


# ----------------------------------------------------------------- a date the record gives only to the month or the year
def test_a_month_precise_ratification_long_before_the_period_does_not_blur_a_withdrawal_in_it(fs):
    """State C ratified in September 2004 and withdrew on 17 March 2019: over 2019 it was bound until 16 March, and the
    month of its ratification, 15 years earlier, does not make that uncertain."""
    s = participation("XC", "rome-statute", on=("2019-01-01", "2019-12-31"), fs=fs)
    assert (s.status, s.bound, s.coverage) == ("withdrawn", None, "partial")
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
