"""casebuilder export: a case as a workbook (XLSX) or as one CSV file per collection.

The cells hold the case's own values as written in its files (dates as written, ids as they are),
so that a workbook edited and imported back changes exactly the cells that were edited.  The
audience rules of the briefs apply: a record above the audience is left out, a person's identity
or sensitive details above it show as ``[withheld]``, and the produced bytes pass the same leak
audit as a brief before anything is written.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..api import Checked, check
from ..diagnostics import Diagnostics
from ..errors import UsageError
from ..models import LEVELS
from ..models.case import COLLECTIONS
from ..models.dates import DateSpec
from pydantic import BaseModel
from ..protect.levels import allows, identity_level, object_level, protection, sensitive_level
from ..write import write_atomic
from .columns import LINKS, Column, get_path, sheet_columns, to_cell

FORMATS = ("xlsx", "csv")
WITHHELD = "[withheld]"
ABOUT = "_about"
IDENTITY_FIELDS = ("name", "name_original", "aliases")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ExportResult:
    path: Path
    rows: dict[str, int]
    diagnostics: Diagnostics


def raw_records(checked: Checked) -> Iterator[tuple[str, Any, dict]]:
    """(collection, model object, the record as its file holds it) for every record of the case.

    The record is rebuilt from the model (the fields the file gives, dates as written), not read
    again: reading the files a second time would double the cost of an export of a large case."""
    for name in COLLECTIONS:
        for obj in getattr(checked.case, name):
            yield name, obj, as_written(obj)


def as_written(obj) -> dict:
    d = obj.__dict__
    return {k: _written(d[k]) for k in obj.model_fields_set if k in d}


def _written(v: Any) -> Any:
    if v is None or isinstance(v, (str, int, float)):
        return v
    if isinstance(v, DateSpec):
        if " \u2013 " in v.text:
            start, end = v.text.split(" \u2013 ", 1)
            out: dict[str, Any] = {"start": start, "end": end}
            if v.approximate and not start.startswith("~") and not end.startswith("~"):
                out["approximate"] = True
            return out
        return v.text
    if isinstance(v, BaseModel):
        return as_written(v)
    if isinstance(v, list):
        return [_written(x) for x in v]
    if isinstance(v, dict):
        return {k: _written(x) for k, x in v.items()}
    return v


def rows(checked: Checked, audience: str) -> Iterator[tuple[str, list[Any]]]:
    """(sheet, row of cells) for every record the audience may see, sheet by sheet in a stable order."""
    links: list[list[Any]] = []
    for name, obj, raw in raw_records(checked):
        if not allows(audience, level_of(checked, obj)):
            continue
        yield name, record_cells(checked, audience, name, obj, raw)
        if name == "allegations":
            for k, link in enumerate(raw.get("links") or [], start=1):
                links.append(link_cells(checked, audience, raw.get("id"), k, link))
    for row in links:
        yield LINKS, row


def level_of(checked: Checked, obj) -> str:
    """The level of a record: persons, evidence and incidents as the briefs reckon it; any other record
    with a ``confidentiality`` of its own (a suspect, say) at that level; the rest public."""
    level = object_level(checked.case, obj)
    own = getattr(obj, "confidentiality", None)
    return own if own in LEVELS and level == LEVELS[0] else level


def record_cells(checked: Checked, audience: str, name: str, obj, raw: dict) -> list[Any]:
    """The cells of one record's row as an export for ``audience`` shows them."""
    hidden: set[str] = set()
    if name == "persons":
        if not allows(audience, identity_level(checked.case, obj)):
            hidden.update(IDENTITY_FIELDS)
            if protection(obj) == "withheld":  # a withheld person is not shown even by pseudonym
                hidden.add("pseudonym")
        if not allows(audience, sensitive_level(checked.case, obj)):
            hidden.add("sensitive")
    return [_cell(c, raw, hidden, checked, audience) for c in sheet_columns()[name]]


def link_cells(checked: Checked, audience: str, allegation_id: str, position: int, link: dict) -> list[Any]:
    rec = {"allegation": allegation_id, "link": position, **link}
    return [_cell(c, rec, set(), checked, audience) for c in sheet_columns()[LINKS]]


def _cell(col: Column, record: dict, hidden: set[str], checked: Checked, audience: str) -> Any:
    value = get_path(record, col.path)
    if value is None:
        return None
    if col.path[0] in hidden:
        return WITHHELD
    if col.kind == "list" and value and _refers(col):
        index = _visible_index(checked, audience)
        value = [v if index.get(v, True) else WITHHELD for v in value]
    elif col.kind == "text" and _refers(col) and not _visible_index(checked, audience).get(value, True):
        return WITHHELD
    return to_cell(col, value)


_REFERS = {"derived_from", "persons", "evidence", "actors", "incidents", "victims", "source", "part_of"}


def _refers(col: Column) -> bool:
    return col.path[-1] in _REFERS


_VISIBLE: dict[tuple[int, str], dict[str, bool]] = {}


def _visible_index(checked: Checked, audience: str) -> dict[str, bool]:
    """id -> may the audience see that record (ids of records above it are withheld in lists too:
    an id can itself name a person)."""
    key = (id(checked.case), audience)
    if key not in _VISIBLE:
        _VISIBLE.clear()
        _VISIBLE[key] = {obj.id: allows(audience, level_of(checked, obj))
                         for name in COLLECTIONS for obj in getattr(checked.case, name)}
    return _VISIBLE[key]


def about_rows(checked: Checked, audience: str) -> list[list[str]]:
    from .. import __version__
    return [["key", "value"],
            ["case", checked.case.info.id],
            ["audience", audience],
            ["exported_by", f"casebuilder {__version__}"],
            ["note", "One sheet per collection; the first column is the record's id. Edit cells and import the "
                     "workbook back with `casebuilder import`; rows whose id is new are created. Cells that read "
                     f"{WITHHELD} hold what this audience may not see: leave them as they are."]]


# ----------------------------------------------------------------------------- writers
def xlsx_bytes(sheet_rows: Iterable[tuple[str, list[Any]]], about: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    sheets: dict[str, Any] = {}
    columns = sheet_columns()

    def sheet(name: str):
        if name not in sheets:
            ws = wb.create_sheet(name)
            ws.freeze_panes = "B2"
            for i, col in enumerate(columns[name]):
                ws.column_dimensions[_letter(i)].width = 14 if col.kind in ("int", "bool") else 28
            ws.append([c.name for c in columns[name]])
            sheets[name] = ws
        return sheets[name]

    for name in columns:  # every sheet, even an empty one, so that a documenter sees every column
        sheet(name)
    for name, row in sheet_rows:
        ws = sheet(name)
        ws.append([_text_cell(ws, v, WriteOnlyCell) if isinstance(v, str) else v for v in row])
    ws = wb.create_sheet(ABOUT)
    for r in about:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text_cell(ws, value: str, cell_type):
    """A string cell, never a formula: openpyxl would store a text starting with '=' as one."""
    if not value.startswith("="):
        return value
    c = cell_type(ws, value=value)
    c.data_type = "s"
    return c


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i + 1)


def guard(value: Any) -> Any:
    """A CSV cell that a spreadsheet program would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_files(sheet_rows: Iterable[tuple[str, list[Any]]], about: list[list[str]]) -> dict[str, bytes]:
    columns = sheet_columns()
    bufs = {name: io.StringIO(newline="") for name in columns}
    writers = {name: csv.writer(buf, lineterminator="\r\n") for name, buf in bufs.items()}
    for name in columns:
        writers[name].writerow([c.name for c in columns[name]])
    for name, row in sheet_rows:
        writers[name].writerow(["" if v is None else guard(v) for v in row])
    out = {f"{name}.csv": buf.getvalue().encode("utf-8") for name, buf in bufs.items()}
    ab = io.StringIO(newline="")
    csv.writer(ab, lineterminator="\r\n").writerows([[guard(v) for v in r] for r in about])
    out[f"{ABOUT}.csv"] = ab.getvalue().encode("utf-8")
    return out


# ----------------------------------------------------------------------------- the command
def default_output(case_id: str, audience: str, fmt: str) -> Path:
    return Path("build") / (f"{case_id}-data-{audience}.xlsx" if fmt == "xlsx" else f"{case_id}-data-{audience}")


def export_case(case_dir, fmt: str = "xlsx", audience: str | None = None, output=None,
                frameworks_dir=None) -> ExportResult:
    from ..build import BuildFailed

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if audience is not None and audience not in LEVELS:
        raise UsageError(f"unknown audience {audience!r}; expected one of {', '.join(LEVELS)}")
    checked = check(case_dir, frameworks_dir)
    if checked.diagnostics.has_errors():
        raise BuildFailed(checked.diagnostics)
    audience = audience or checked.case.info.audience
    counts: dict[str, int] = {}

    def counted():
        for name, row in rows(checked, audience):
            counts[name] = counts.get(name, 0) + 1
            yield name, row

    about = about_rows(checked, audience)
    path = Path(output) if output else default_output(checked.case.info.id, audience, fmt)
    table = list(counted())
    # The audit reads every cell's text as the CSV files hold it.  A workbook holds the same cell
    # texts (openpyxl only XML-escapes them), and parsing its XML back would cost more than the
    # whole export; what the workbook adds (sheet names, the headers) is the format's own words.
    files = csv_files(table, about)
    for name, data in files.items():
        _audit(data, "csv", checked, audience, path / name if fmt == "csv" else path)
    if fmt == "xlsx":
        data = xlsx_bytes(table, about)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    else:
        _write_folder(path, files)
    return ExportResult(path, counts, checked.diagnostics)


def _audit(data: bytes, kind: str, checked: Checked, audience: str, where: Path) -> None:
    from ..audit import audit_output
    from ..audit.report import leak_diagnostics
    from ..build import BuildFailed

    leaks = audit_output(data, kind, checked.case, audience)
    if leaks:
        raise BuildFailed(leak_diagnostics(leaks, checked.case, str(where)), "nothing was written")


def _write_folder(path: Path, files: dict[str, bytes]) -> None:
    """Write the CSV files into a new folder next to ``path`` and move it into place: a reader never
    sees half an export.  An existing export folder (one holding only CSV files) is replaced."""
    if path.exists() and (path.is_symlink() or not path.is_dir()):
        raise UsageError(f"{path}: exists and is not a folder of a CSV export; choose another -o")
    if path.is_dir() and any(not p.name.endswith(".csv") for p in path.iterdir()):
        raise UsageError(f"{path}: the folder holds files other than CSV; choose another -o")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        if path.is_dir():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
