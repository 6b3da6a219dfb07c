"""`casebuilder gaps` output read back whole, as a user reads it: the terminal table (columns, reasons shown and
left to the JSON, suggestions, shared context, rules that do not apply), the allegation × standard matrix, their
colours, and the CSV (named for an audience).  Each expected file in tests/fixtures/gaps-output/ was read against
the fixture it renders; a change to the layout is a deliberate edit of that file."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebuilder.analyse import analyse, analyse_all
from casebuilder.analyse.table import render_matrix, render_table
from casebuilder.api import check
from clirun import FIXTURES, run

from .gapfixtures import GAP_FRAMEWORKS, case_dir

OUTPUT = FIXTURES / "gaps-output"

CLI = [
    ("context-shared.table.txt", "context-shared", ["--format", "table"]),
    ("context-shared.matrix.txt", "context-shared", ["--format", "table", "--standard", "all"]),
    ("context-shared.matrix.json", "context-shared", ["--format", "json", "--standard", "all"]),
    ("no-armed-conflict.table.txt", "no-armed-conflict", ["--format", "table"]),
    ("alternatives.table.txt", "alternatives", ["--format", "table"]),
    ("no-armed-conflict.public.json", "no-armed-conflict", ["--format", "json", "--audience", "public"]),
    ("contested-denial.csv", "contested-denial", ["--format", "csv", "--standard", "reasonable-basis"]),
    ("withheld-item.public.table.txt", "withheld-item", ["--format", "table", "--standard", "reasonable-grounds",
                                                         "--audience", "public"]),
    ("withheld-item.public.csv", "withheld-item", ["--format", "csv", "--standard", "reasonable-grounds",
                                                   "--audience", "public"]),
]


def expected(name: str) -> str:
    return Path(OUTPUT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name,rule,args", CLI, ids=[c[0] for c in CLI])
def test_gaps_prints_what_the_user_reads(name, rule, args):
    res = run("gaps", case_dir(rule), "--frameworks-dir", GAP_FRAMEWORKS, *args)
    assert res.code == 0, res.err
    assert res.out == expected(name)


def test_the_table_colours_each_status_and_bolds_the_headings():
    c = check(case_dir("no-armed-conflict"), GAP_FRAMEWORKS)
    assert render_table(analyse(c.case, c.frameworks), colour=True) == expected("no-armed-conflict.colour.txt")


def test_the_matrix_colours_each_cell():
    c = check(case_dir("context-shared"), GAP_FRAMEWORKS)
    assert render_matrix(analyse_all(c.case, c.frameworks), colour=True) == expected("context-shared.matrix-colour.txt")
