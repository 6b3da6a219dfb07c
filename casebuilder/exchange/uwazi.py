"""Uwazi CSV exports read as casebuilder sheets, through a mapping file.

Uwazi (HURIDOCS) exports the entities of a search as one CSV file: a ``Title`` column, a
``Template`` column naming each row's template, one column per property (named by the property's
label), ``Date added``; multi-select and relationship values separated by ``|``; dates as Unix
timestamps (seconds) or as written dates; geolocations as ``lat|lon``.  The mapping file says, per
Uwazi template, which collection its rows become and which property fills which field:

    uwazi:
      templates:
        Incident:                       # the value of the Template column
          collection: incidents
          id: {column: Title, prefix: inc-}       # id from a column, made into a safe id
          fields:
            title: Title
            date: {column: Date of incident, date: true}
            description: Description
            location.place: Place
            location.country: {value: IR}          # a fixed value
            categories: {column: Categories, multi: true}
            evidence: {column: Evidence, multi: true, id_prefix: ev-}   # a relationship: titles -> ids

Rows of templates the mapping does not name are reported and skipped; nothing else is guessed.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML

from ..diagnostics import Diagnostics, Location
from ..errors import UsageError
from .columns import sheet_columns
from .sheets import MAX_ROWS, Cell, Sheet


def slug(text: str) -> str:
    """A safe id from a title: ASCII letters and digits, '-' between words."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    t = re.sub(r"[^A-Za-z0-9]+", "-", t).strip("-").lower()
    return t[:80] or "x"


def _date(text: str) -> str:
    t = text.strip()
    if re.fullmatch(r"-?\d{9,11}(\.\d+)?", t):  # a Unix timestamp in seconds
        return dt.datetime.fromtimestamp(float(t), dt.timezone.utc).date().isoformat()
    if re.fullmatch(r"-?\d{12,14}", t):  # milliseconds
        return dt.datetime.fromtimestamp(int(t) / 1000, dt.timezone.utc).date().isoformat()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)  # Uwazi's default display: DD/MM/YYYY
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return t


def load_mapping(path: Path) -> dict:
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise UsageError(f"{path}: cannot read the mapping ({e.strerror})") from None
    except Exception as e:  # noqa: BLE001 - any YAML error is the user's
        raise UsageError(f"{path}: the mapping is not valid YAML ({str(e).splitlines()[0]})") from None
    templates = (data or {}).get("uwazi", {}).get("templates") if isinstance(data, dict) else None
    if not isinstance(templates, dict) or not templates:
        raise UsageError(f"{path}: expected `uwazi: templates: {{TEMPLATE: {{collection, id, fields}}}}`")
    sheets = sheet_columns()
    for name, spec in templates.items():
        if not isinstance(spec, dict) or spec.get("collection") not in sheets:
            raise UsageError(f"{path}: template {name!r} needs `collection:` one of {', '.join(sheets)}")
        known = {c.name for c in sheets[spec["collection"]]}
        for f in (spec.get("fields") or {}):
            if f not in known:
                raise UsageError(f"{path}: template {name!r}: {spec['collection']} has no field {f!r}")
    return templates


def uwazi_sheets(csv_path: Path, mapping_path: Path, diags: Diagnostics) -> list[Sheet]:
    """One casebuilder sheet per mapped template, streamed from the Uwazi CSV."""
    templates = load_mapping(mapping_path)
    if not csv_path.is_file():
        raise UsageError(f"{csv_path}: no such file")
    with open(csv_path, newline="", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh), None)
    if not header:
        raise UsageError(f"{csv_path}: the file is empty")
    header = [h.strip() for h in header]
    out = []
    for tname, spec in templates.items():
        fields = spec.get("fields") or {}
        names = ["id", *[f for f in fields if f != "id"]]
        out.append(Sheet(f"{csv_path.name}[{tname}]", spec["collection"], names,
                         _rows(csv_path, header, tname, spec, names, diags)))
    return out


def _rows(path: Path, header: list[str], tname: str, spec: dict, names: list[str],
          diags: Diagnostics) -> Iterator[tuple[int, list[Cell]]]:
    col = {h: i for i, h in enumerate(header)}
    tcol = col.get("Template")
    idspec = spec.get("id") or {"column": "Title"}
    missing = [c for c in [idspec.get("column", "Title"), *[_column(v) for v in (spec.get("fields") or {}).values()]]
               if c is not None and c not in col]
    if missing:
        diags.error("unknown-key", f"the Uwazi export has no column {missing[0]!r} (template {tname})",
                    Location(path.name, 1, 1))
        return
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        for n, row in enumerate(reader, start=2):
            if n - 1 > MAX_ROWS:
                diags.error("value-too-large", f"more than {MAX_ROWS:,} rows; split the export", Location(path.name, n, 1))
                return
            if tcol is not None and (row[tcol].strip() if tcol < len(row) else "") != tname:
                continue
            cells = [Cell(_id(row, col, idspec))]
            for f in names[1:]:
                cells.append(Cell(_field(row, col, spec["fields"][f])))
            yield n, cells


def _column(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return v.get("column")
    return None


def _get(row: list[str], col: dict[str, int], name: str) -> str:
    i = col.get(name)
    return row[i].strip() if i is not None and i < len(row) else ""


def _id(row, col, spec: dict) -> str | None:
    raw = _get(row, col, spec.get("column", "Title"))
    if not raw:
        return None
    return f"{spec.get('prefix', '')}{slug(raw) if spec.get('slug', True) else raw}"


def _field(row, col, v: Any) -> Any:
    if isinstance(v, str):
        return _get(row, col, v) or None
    if not isinstance(v, dict):
        return None
    if "value" in v:
        return v["value"]
    raw = _get(row, col, v["column"])
    if not raw:
        return None
    if v.get("date"):
        return _date(raw)
    if v.get("multi"):
        parts = [p.strip() for p in raw.split("|") if p.strip()]
        if "id_prefix" in v:
            parts = [f"{v['id_prefix']}{slug(p)}" for p in parts]
        return "; ".join(parts)
    return raw
