"""Reading a workbook or CSV files as rows, one at a time (a sheet of a million rows never sits in memory)."""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import UsageError
from .export import FORMULA_START

MAX_ROWS = 100_000  # rows one import reads from a sheet; a larger sheet is refused (split it)


@dataclass(frozen=True)
class Cell:
    value: Any
    formula: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet: where it came from (for messages), its name, its header and a stream of rows."""

    display: str     # e.g. "data.xlsx[evidence]" or "evidence.csv"
    name: str        # the collection it holds (the sheet's or the CSV file's name)
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]  # (1-based row number, cells)


def open_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, or the CSV files given (a folder: every *.csv in it)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise UsageError(f"{path}: the folder holds no .csv file")
        return [s for p in files if (s := _csv_sheet(p)) is not None]
    if not path.is_file():
        raise UsageError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        s = _csv_sheet(path)
        return [s] if s is not None else []
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path)
    raise UsageError(f"{path}: expected an .xlsx workbook, a .csv file or a folder of CSV files")


def _csv_sheet(path: Path) -> Sheet | None:
    fh = open(path, newline="", encoding="utf-8-sig")
    reader = csv.reader(fh)
    header = next(reader, None)
    if header is None:
        fh.close()
        return None

    def stream() -> Iterator[tuple[int, list[Cell]]]:
        with fh:
            for n, row in enumerate(reader, start=2):
                yield n, [Cell(_unguard(v) if v != "" else None) for v in row]

    return Sheet(path.name, path.stem, [h.strip() for h in header], stream())


def _unguard(value: str) -> str:
    """Undo the apostrophe that `export` puts before a cell a spreadsheet would run as a formula."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _xlsx_sheets(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook
    from zipfile import BadZipFile

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as e:
        raise UsageError(f"{path}: not a readable .xlsx workbook ({e})") from None
    out = []
    for ws in wb.worksheets:
        it = ws.iter_rows()
        first = next(it, None)
        if first is None:
            continue
        header = ["" if c.value is None else str(c.value).strip() for c in first]
        while header and header[-1] == "":
            header.pop()

        def stream(it=it) -> Iterator[tuple[int, list[Cell]]]:
            for n, row in enumerate(it, start=2):
                yield n, [Cell(_value(c), getattr(c, "data_type", None) == "f") for c in row]

        out.append(Sheet(f"{path.name}[{ws.title}]", ws.title, header, stream()))
    return out


def _value(c) -> Any:
    v = c.value
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v  # columns.from_cell turns it into the date as written
    return v
