"""render (registers): the annex registers of a brief — printed row by row up to a limit, and
attached to the PDF in full as CSV.

A brief's registers (evidence, persons, victims, incidents) grow with the case, the rest of the
brief does not: on 20,000 incidents the evidence register alone (96,285 rows) would fill about
3,100 pages and the persons register 1,550, against some 2,100 pages for everything else.
WeasyPrint typesets about 235 ms a register page and keeps every laid-out page in memory: it was
still typesetting such a brief after 1,000 CPU seconds, at 16 GB — more than a lawyer's laptop has —
and nobody reads a 5,000-page annex.  So a register with more rows than ``limit`` (default
:data:`REGISTER_LIMIT`) is summarised in the printed annex (counts by kind or role), and every row
goes into a CSV attachment with the same columns.  The rows come from the audience's view, so the
attachment shows what the printed table would (pseudonyms, opaque references), and the audit reads
it like every other part of the PDF.
"""
from __future__ import annotations

import csv
import io
from collections import Counter

REGISTER_LIMIT = 2000

# register → (attachment file name, description, CSV column → view-row key)
_FILES = {
    "evidence": ("evidence-register.csv", "Evidence register: every evidence item, as this audience may see it",
                 {"no": "no", "id": "id", "kind": "kind", "source": "source", "reliability": "reliability",
                  "credibility": "credibility", "date": "date", "title": "title", "sha256": "sha256",
                  "withheld": "withheld"}),
    "persons": ("persons-register.csv", "Persons register: every person, as this audience may see them",
                {"person": "label", "name_original": "original", "role": "role", "shown_as": "shown_as",
                 "count": "count"}),
    "victims": ("victims-register.csv", "Alleged victims this audience may see, identified as their protection allows",
                {"victim": "label", "name_original": "original", "role": "role", "age": "age",
                 "shown_as": "shown_as", "count": "count"}),
    "incidents": ("incident-register.csv", "Incident register: every alleged incident visible to this audience",
                  {"id": "id", "date": "date", "place": "location", "alleged_incident": "title",
                   "reported_victims": "victims", "evidence_items": "evidence"}),
}
# the registers each brief prints as annexes (the incident register only with a summarised chronology)
BRIEF_REGISTERS = {"legal": ("evidence", "persons", "incidents"), "un": ("victims", "evidence", "incidents"),
                   "review": ()}


def registers(brief: str, rows: dict[str, list[dict]], limit: int | None = None, incidents: bool = True) -> dict:
    """For each register the brief has: its size, whether the annex prints its rows, the name of the
    attachment that holds them all, and the summary printed instead when it does not.  ``incidents``:
    whether the brief has an incident register (only a summarised chronology needs one)."""
    limit = REGISTER_LIMIT if limit is None else limit
    out = {}
    for name in BRIEF_REGISTERS[brief]:
        if name == "incidents" and not incidents:
            continue
        items = rows[name]
        printed = len(items) <= limit
        out[name] = {"total": len(items), "limit": limit, "printed": printed, "attachment": _FILES[name][0],
                     "summary": [] if printed else _summary(name, items)}
    return out


def _summary(name: str, rows: list[dict]) -> list[dict]:
    if name == "evidence":
        kinds = Counter(r["kind"] for r in rows)
        hashed = Counter(r["kind"] for r in rows if r["sha256"])
        return [{"key": k, "count": n, "hashed": hashed[k]} for k, n in sorted(kinds.items())]
    if name in ("persons", "victims"):
        roles = Counter("(role withheld)" if r["role"] == "\u2014" else r["role"] for r in rows)
        named = Counter(r["role"] for r in rows if r["shown_as"] == "name")  # a named role is never withheld
        return [{"key": k, "count": n, "named": named[k], "pseudonym": n - named[k]} for k, n in sorted(roles.items())]
    return []  # incidents: the chronology's tables by province and by month summarise them


def attachments(view: dict) -> list[tuple[str, bytes, str]]:
    """(file name, CSV bytes, description) for each register of the view, every row of it."""
    rows = view_rows(view)
    out = []
    for name in view["registers"]:
        file, description, columns = _FILES[name]
        out.append((file, csv_bytes(columns, rows[name]), description))
    return out


def view_rows(view: dict) -> dict[str, list[dict]]:
    return {"evidence": view["evidence"], "persons": view["persons"], "victims": view["victims"],
            "incidents": view["chronology"]["register"]}


def csv_bytes(columns: dict[str, str], rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    keys = list(columns.values())
    w.writerows([_cell(r.get(key)) for key in keys] for r in rows)
    return buf.getvalue().encode("utf-8")


_FORMULA = frozenset("=+-@\t\r")


def _cell(value):
    """A CSV cell a spreadsheet will not run: case text is untrusted, and a cell starting with
    ``=``, ``+``, ``-``, ``@`` or a control character is a formula to Excel and LibreOffice, so it is
    prefixed with an apostrophe (OWASP's advice for CSV injection).  ``None`` is an empty cell (as
    the csv module writes it), a boolean yes or no, a number as written."""
    if value.__class__ is str:
        return "'" + value if value[:1] in _FORMULA else value
    if value is True or value is False:
        return "yes" if value else "no"
    return value
