"""The columns of a spreadsheet: one per field of a collection's model, and how a value is written in a cell.

Cell forms (docs/exchange.md documents them for users):

* text, numbers, grades and levels as they are; ``true`` / ``false`` for yes/no fields;
* a list of ids or words: the values separated by ``; `` (``ev-1; ev-2``);
* a nested object (an incident's ``location``, an exhibit): one column per field, ``location.place``;
* a date as written in the case (``2026-01-04``, ``2026-01``, ``~2026-01-08``, ``1404-10-14 SH``);
  a range as ``START/END``, with `` (approximate)`` after it when the range is marked approximate;
* anything else (a custody log, a person's ``sensitive`` details): JSON in the cell.

The first column of every sheet is the record's ``id``.  An allegation's links are a sheet of their
own (``links``): one row per link, keyed by the allegation's id and the link's position.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..models.case import COLLECTIONS
from ..models.dates import DateSpec

LINKS = "links"
LINK_KEY = ("allegation", "link")  # the links sheet's key columns
APPROXIMATE = " (approximate)"


class CellError(ValueError):
    """A cell whose text cannot be read as its column's kind of value."""


@dataclass(frozen=True)
class Column:
    name: str               # header: a field name, or `parent.field` for a nested object's field
    path: tuple[str, ...]   # where the value sits in a record
    kind: str               # text | int | bool | list | date | json
    required: bool
    choices: tuple[str, ...] = ()  # the allowed values of a Literal field
    description: str = ""


def _unwrap(ann: Any) -> tuple[Any, bool]:
    """(the type without Optional / Annotated, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(ann))
            if len(args) != 1:
                return ann, optional
            ann = args[0]
        else:
            return ann, optional


def _kind(ann: Any) -> tuple[str, tuple[str, ...], type[BaseModel] | None]:
    ann, _ = _unwrap(ann)
    origin = typing.get_origin(ann)
    if ann is DateSpec or getattr(ann, "__name__", "") == "DateSpec":
        return "date", (), None
    if origin is Literal:
        return "text", tuple(str(a) for a in typing.get_args(ann)), None
    if ann is bool:
        return "bool", (), None
    if ann is int:
        return "int", (), None
    if ann is str:
        return "text", (), None
    if origin is list:
        (item,) = typing.get_args(ann) or (str,)
        item, _ = _unwrap(item)
        if item is str or typing.get_origin(item) is Literal:
            return "list", (), None
        return "json", (), None
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "nested", (), ann
    return "json", (), None


def _is_date(field) -> bool:
    meta = " ".join(repr(m) for m in field.metadata)
    return "parse_date" in meta or "DateSpec" in repr(field.annotation)


def columns_of(model: type[BaseModel], prefix: tuple[str, ...] = (), skip: tuple[str, ...] = ()) -> list[Column]:
    out: list[Column] = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        kind, choices, sub = _kind(field.annotation)
        if _is_date(field):
            kind, choices, sub = "date", (), None
        path = (*prefix, name)
        if kind == "nested" and sub is not None:
            out.extend(columns_of(sub, path))
            continue
        out.append(Column(".".join(path), path, kind, field.is_required() and not prefix, choices,
                          field.description or ""))
    return out


@functools.lru_cache(maxsize=1)
def sheet_columns() -> dict[str, list[Column]]:
    """Every sheet and its columns, in the order of the case format (new collections included).
    Computed once per process; do not modify the result."""
    from ..models.case import Allegation, Link

    sheets: dict[str, list[Column]] = {}
    for name, model in COLLECTIONS.items():
        skip = ("links",) if model is Allegation else ()
        cols = columns_of(model, skip=skip)
        cols.sort(key=lambda c: c.name != "id")  # stable: id first, the rest in the model's order
        sheets[name] = cols
    sheets[LINKS] = [Column("allegation", ("allegation",), "text", True, (), "The allegation's id."),
                     Column("link", ("link",), "int", True, (), "The link's position in the allegation, from 1."),
                     *columns_of(Link)]
    return sheets


# ----------------------------------------------------------------------------- values -> cells
def to_cell(col: Column, value: Any) -> str | int | None:
    """The cell for a value as the case file holds it (the raw YAML value, so dates stay as written)."""
    if value is None:
        return None
    if col.kind == "date":
        return date_cell(value)
    if col.kind == "list":
        return "; ".join(str(v) for v in value) if value else None
    if col.kind == "json":
        return json.dumps(value, ensure_ascii=False, default=str) if value not in ({}, []) else None
    if col.kind == "bool":
        return "true" if value else "false"
    if col.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def date_cell(value: Any) -> str:
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        text = f"{start}/{end}" if end is not None else f"{start}/"
        return text + (APPROXIMATE if value.get("approximate") else "")
    return str(value)


# ----------------------------------------------------------------------------- cells -> values
_RANGE = re.compile(r"^(?P<start>[^/]+)/(?P<end>[^/]*?)(?P<approx> \(approximate\))?$")


def from_cell(col: Column, cell: Any) -> Any:
    """The YAML value for a cell's content; None for an empty cell.  CellError when it cannot be read."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):  # a spreadsheet program turned a typed date into a date
        if cell.time() != dt.time(0):
            raise CellError(f"expected a date without a time, got {cell.isoformat(sep=' ')}")
        cell = cell.date()
    if isinstance(cell, dt.date):
        cell = cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    if col.kind == "int":
        if isinstance(cell, int) and not isinstance(cell, bool):
            return cell
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(f"expected a whole number, got {text!r}")
        return int(text)
    if col.kind == "bool":
        low = text.lower()
        if low in ("true", "yes", "1"):
            return True
        if low in ("false", "no", "0"):
            return False
        raise CellError(f"expected true or false, got {text!r}")
    if col.kind == "list":
        return [v.strip() for v in text.split(";") if v.strip()]
    if col.kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise CellError(f"expected JSON ({e.msg} at character {e.pos + 1})") from None
    if col.kind == "date":
        m = _RANGE.match(text)
        if m:
            out: dict[str, Any] = {"start": m["start"].strip()}
            if m["end"].strip():
                out["end"] = m["end"].strip()
            if m["approx"]:
                out["approximate"] = True
            return out
        return text
    if col.choices and text not in col.choices:
        fixed = next((c for c in col.choices if c.lower() == text.lower().replace("_", "-")
                      or c.lower() == text.lower()), None)  # case, and the old spelling (official_statement)
        if fixed is not None:
            return fixed
        raise CellError(f"{text!r} is not one of {', '.join(col.choices)}")
    if isinstance(cell, str):
        return cell.replace("\r\n", "\n")
    return text


def get_path(record: dict, path: tuple[str, ...]) -> Any:
    cur: Any = record
    for p in path:
        if not isinstance(cur, dict) or p not in cur:
            return None
        cur = cur[p]
    return cur
