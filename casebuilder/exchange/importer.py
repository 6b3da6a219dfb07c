"""casebuilder import: spreadsheet rows into the case's YAML files, by stable id, nothing lost.

A row whose id exists updates that record, changing only the cells that differ from what the case
holds, in the file where the record lives; a row whose id is new creates a record (in the file
named with ``--into``, else beside the collection's last record, else in ``<collection>.yaml``).
Records are deleted only with ``delete=True``.  Every file is edited through the same ruamel round
trip as ``casebuilder hash``: comments, key order and layout stay, only the edited lines change.
Nothing is written unless the case *after* the import passes ``check``; every problem is reported
with its sheet, row and column.  Each import appends a dated line to ``imports.log`` in the case.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from ..api import check
from ..diagnostics import Diagnostics, Location
from ..errors import UsageError
from ..integrity.yamledit import EditConflict, edit_document
from ..models import LEVELS
from ..models.case import COLLECTIONS
from ..protect.levels import allows
from ..write import write_atomic
from .columns import LINKS, CellError, Column, from_cell, sheet_columns, to_cell
from .export import ABOUT, WITHHELD, level_of, link_cells, raw_records, record_cells
from .sheets import MAX_ROWS, Cell, Sheet, open_sheets

LOG = "imports.log"
MAX_REPORTED = 200  # problems listed before the rest are counted


@dataclass
class Change:
    collection: str
    record_id: str
    file: Path | None              # None: a new record (file chosen later)
    index: int | None              # position in the file's collection list
    sets: list[tuple[tuple[str, ...], Any]] = field(default_factory=list)  # (path, value or None to remove)
    new: dict | None = None        # the whole record, for a new one
    delete: bool = False
    where: str = ""                # sheet and row, for messages


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    files: list[Path] = field(default_factory=list)
    diffs: dict[Path, str] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


# ----------------------------------------------------------------------------- reading the rows
class _Reader:
    def __init__(self, case_dir: Path, checked, diags: Diagnostics):
        self.case_dir = case_dir
        self.checked = checked
        self.diags = diags
        self.columns = sheet_columns()
        self.records: dict[str, tuple[str, Any, dict]] = {}  # id -> (collection, model, raw)
        self.links: dict[str, list[dict]] = {}
        for name, obj, raw in raw_records(checked):
            self.records.setdefault(obj.id, (name, obj, raw))
            if name == "allegations":
                self.links[obj.id] = list(raw.get("links") or [])
        self.audience = LEVELS[-1]
        self.changes: list[Change] = []
        self.seen: dict[str, set[str]] = {}
        self.unchanged = 0
        self.reported = 0

    def error(self, code: str, message: str, sheet: Sheet, row: int, col: int = 1) -> None:
        self.reported += 1
        if self.reported <= MAX_REPORTED:
            self.diags.error(code, message, Location(sheet.display, row, col))

    # -- sheets
    def read(self, sheets: list[Sheet]) -> None:
        about = next((s for s in sheets if s.name == ABOUT), None)
        if about is not None:
            for _, cells in about.rows:
                if len(cells) >= 2 and cells[0].value == "audience" and cells[1].value in LEVELS:
                    self.audience = cells[1].value
        for s in sheets:
            if s.name == ABOUT:
                continue
            if s.name not in self.columns:
                self.error("unknown-key", f"unknown sheet {s.name!r}; the sheets are "
                           f"{', '.join(self.columns)}", s, 1)
                continue
            self._sheet(s)

    def _sheet(self, s: Sheet) -> None:
        cols = {c.name: c for c in self.columns[s.name]}
        header: list[Column | None] = []
        for k, h in enumerate(s.header, start=1):
            if h == "":
                header.append(None)
                continue
            if h not in cols:
                close = difflib.get_close_matches(h, cols, n=1, cutoff=0.6)
                self.error("unknown-key", f"unknown column {h!r} in sheet {s.name}"
                           + (f"; did you mean {close[0]!r}?" if close else ""), s, 1, k)
                header.append(None)
                continue
            if cols[h] in header:
                self.error("duplicate-key", f"column {h!r} appears twice", s, 1, k)
            header.append(cols[h])
        key = ["allegation", "link"] if s.name == LINKS else ["id"]
        missing = [k for k in key if k not in s.header]
        if missing:
            self.error("missing-field", f"sheet {s.name} has no {' and '.join(repr(m) for m in missing)} column", s, 1)
            return
        seen = self.seen.setdefault(s.name, set())
        for n, cells in s.rows:
            if n - 1 > MAX_ROWS:
                self.error("value-too-large", f"sheet {s.name} has more than {MAX_ROWS:,} rows; split it into "
                           "several imports", s, n)
                return
            if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
                continue
            self._row(s, n, header, cells, seen)

    def _row(self, s: Sheet, n: int, header: list[Column | None], cells: list[Cell], seen: set[str]) -> None:
        values: dict[str, tuple[int, Column, Any]] = {}
        bad = False
        for k, col in enumerate(header, start=1):
            cell = cells[k - 1] if k - 1 < len(cells) else Cell(None)
            if col is None:
                continue
            if cell.formula:
                self.error("invalid-value", f"{col.name}: a formula ({cell.value}); type the value itself", s, n, k)
                bad = True
                continue
            values[col.name] = (k, col, cell.value)
        if len(cells) > len(header) and any(c.value not in (None, "") for c in cells[len(header):]):
            self.error("unknown-key", "a value in a column with no header", s, n, len(header) + 1)
            bad = True
        if s.name == LINKS:
            self._link_row(s, n, values, seen, bad)
            return
        rid = values.get("id", (1, None, None))[2]
        rid = str(rid).strip() if rid is not None else ""
        if not rid:
            self.error("missing-field", "the row has no id", s, n, values.get("id", (1,))[0])
            return
        if rid in seen:
            self.error("duplicate-id", f"id {rid!r} appears on two rows of sheet {s.name}", s, n, values["id"][0])
            return
        seen.add(rid)
        known = self.records.get(rid)
        if known is not None and known[0] != s.name:
            self.error("duplicate-id", f"id {rid!r} is already a record of {known[0]}, not of {s.name}",
                       s, n, values["id"][0])
            return
        if bad:
            return
        if known is None:
            self._create(s, n, rid, values)
        else:
            self._update(s, n, rid, known, values)

    def _parse(self, s: Sheet, n: int, k: int, col: Column, value: Any) -> tuple[bool, Any]:
        try:
            return True, from_cell(col, value)
        except CellError as e:
            code = "invalid-date" if col.kind == "date" else "invalid-value"
            self.error(code, f"{col.name}: {e}", s, n, k)
            return False, None

    def _create(self, s: Sheet, n: int, rid: str, values: dict) -> None:
        record: dict = {}
        ok = True
        for name, (k, col, value) in values.items():
            if isinstance(value, str) and WITHHELD in value:
                self.error("invalid-value", f"{col.name}: a new record cannot hold {WITHHELD}", s, n, k)
                ok = False
                continue
            good, v = self._parse(s, n, k, col, value)
            ok &= good
            if good and v is not None:
                _plain_set(record, col.path, v)
        if ok and self._valid(s, n, record, values):
            self.changes.append(Change(s.name, rid, None, None, new=record, where=f"{s.display} row {n}"))

    def _update(self, s: Sheet, n: int, rid: str, known: tuple, values: dict) -> None:
        name, obj, raw = known
        if not allows(self.audience, level_of(self.checked, obj)):
            self.error("invalid-value", f"record {rid!r} is above this workbook's audience ({self.audience}); "
                       "it cannot be edited from it", s, n, values["id"][0])
            return
        sets = []
        ok = True
        shown = dict(zip((c.name for c in self.columns[name]), record_cells(self.checked, self.audience, name, obj, raw)))
        for cname, (k, col, value) in values.items():
            if cname == "id":
                continue
            old = shown.get(cname)
            if _same(old, value):
                continue
            if WITHHELD in str(value or "") or WITHHELD in str(old or ""):
                self.error("invalid-value", f"{col.name}: this cell holds {WITHHELD} values, which this workbook's "
                           "audience may not see; edit it in an export for an audience that may", s, n, k)
                ok = False
                continue
            good, v = self._parse(s, n, k, col, value)
            ok &= good
            if good and not _same(to_cell(col, v), old):
                sets.append((col.path, v))
        if not ok:
            return
        if not sets:
            self.unchanged += 1
            return
        new = copy.deepcopy(raw)
        for path, v in sets:
            _plain_set(new, path, v)
        if self._valid(s, n, new, values):
            sf, where = self.checked.case.origin[id(obj)]
            self.changes.append(Change(name, rid, sf.path, where[1], sets=sets, where=f"{s.display} row {n}"))

    def _link_row(self, s: Sheet, n: int, values: dict, seen: set[str], bad: bool) -> None:
        aid_cell = values.get("allegation", (1, None, None))
        aid = str(aid_cell[2]).strip() if aid_cell[2] is not None else ""
        ok, pos = self._parse(s, n, values["link"][0], values["link"][1], values["link"][2]) \
            if "link" in values else (False, None)
        if not aid or pos is None or not ok:
            if ok:
                self.error("missing-field", "a link row needs its allegation and its position (link)", s, n)
            return
        key = f"{aid}#{pos}"
        if key in seen:
            self.error("duplicate-id", f"link {pos} of allegation {aid!r} appears on two rows", s, n, values["link"][0])
            return
        seen.add(key)
        known = self.records.get(aid)
        if known is None or known[0] != "allegations":
            self.error("unknown-reference", f"allegation {aid!r} does not exist", s, n, aid_cell[0])
            return
        if bad:
            return
        links = self.links[aid]
        link = {c.path[0]: None for c in self.columns[LINKS][2:]}
        current = links[pos - 1] if 1 <= pos <= len(links) else None
        sets = []
        okall = True
        shown = dict(zip((c.name for c in self.columns[LINKS]),
                         link_cells(self.checked, self.audience, aid, pos, current))) if current is not None else {}
        for cname, (k, col, value) in values.items():
            if cname in ("allegation", "link"):
                continue
            old = shown.get(cname)
            if current is not None and not _same(old, value) and (WITHHELD in str(value or "")
                                                                  or WITHHELD in str(old or "")):
                self.error("invalid-value", f"{col.name}: this cell holds {WITHHELD} values, which this workbook's "
                           "audience may not see; edit it in an export for an audience that may", s, n, k)
                okall = False
                continue
            if current is not None and _same(old, value):
                continue
            good, v = self._parse(s, n, k, col, value)
            okall &= good
            if good and (current is None or not _same(to_cell(col, v), old)):
                sets.append((("links", pos - 1, col.path[0]), v))
                link[col.path[0]] = v
        if not okall:
            return
        if current is None:
            if pos != len(links) + 1 + sum(1 for c in self.changes if c.record_id == aid and c.new is None
                                           and any(p[1] >= len(links) for p, _ in c.sets if p[0] == "links")):
                self.error("invalid-value", f"allegation {aid!r} has {len(links)} links; a new one is number "
                           f"{len(links) + 1}", s, n, values["link"][0])
                return
        if not sets:
            self.unchanged += 1
            return
        _, obj, raw = known
        sf, where = self.checked.case.origin[id(obj)]
        self.changes.append(Change("allegations", aid, sf.path, where[1], sets=sets, where=f"{s.display} row {n}"))

    def _valid(self, s: Sheet, n: int, record: dict, values: dict) -> bool:
        model = COLLECTIONS[s.name]
        rec = record
        if s.name == "allegations":
            rec = {**record, "links": []}
        try:
            model.model_validate(rec)
            return True
        except ValidationError as e:
            cols = {c.path: (k, c) for _, (k, c, _) in values.items()}
            for err in e.errors():
                loc = tuple(str(x) for x in err["loc"])
                k = next((cols[p][0] for p in cols if loc[:len(p)] == p), 1)
                field_name = ".".join(loc) or "record"
                code = "missing-field" if err["type"] == "missing" else \
                    "invalid-date" if err["type"] == "invalid_date" else "invalid-value"
                self.error(code, f"{field_name}: {err['msg']}", s, n, k)
            return False

    def deletions(self, collections: Iterable[str]) -> None:
        for rid, (name, obj, raw) in self.records.items():
            if name in collections and rid not in self.seen.get(name, set()) \
                    and allows(self.audience, level_of(self.checked, obj)):
                sf, where = self.checked.case.origin[id(obj)]
                self.changes.append(Change(name, rid, sf.path, where[1], delete=True))


def _same(old: Any, new: Any) -> bool:
    return _norm(old) == _norm(new)


def _norm(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        v = v.date()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).replace("\r\n", "\n").strip()


# ----------------------------------------------------------------------------- applying
def _styled(old: Any, value: Any) -> Any:
    """The new value in the style of the one it replaces (quotes, block scalars, flow lists)."""
    if isinstance(value, str):
        if isinstance(old, ScalarString):
            return type(old)(value)
        if "\n" in value:
            return LiteralScalarString(value)
        return value
    if isinstance(value, list):
        seq = CommentedSeq(_styled(None, v) for v in value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        elif old is None and all(isinstance(v, str) and "\n" not in v for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        m = CommentedMap((k, _styled(None, v)) for k, v in value.items())
        m.fa.set_flow_style() if isinstance(old, CommentedMap) and old.fa.flow_style() else None
        return m
    return value


def _order(collection: str, parent_path: tuple) -> list[str]:
    cols = sheet_columns()["links" if parent_path[:1] == ("links",) else collection]
    depth = len(parent_path) - (2 if parent_path[:1] == ("links",) else 0)
    names: list[str] = []
    for c in cols:
        p = c.path[depth:] if parent_path[:1] != ("links",) else c.path
        if parent_path[:1] != ("links",) and c.path[:depth] != parent_path:
            continue
        if p and p[0] not in names:
            names.append(p[0])
    return names


def _rt_set(record, collection: str, path: tuple, value: Any) -> None:
    cur = record
    for k, p in enumerate(path[:-1]):
        if isinstance(cur, list):
            while len(cur) <= p:
                cur.append(CommentedMap())
            cur = cur[p]
            continue
        if p not in cur or cur[p] is None:
            if value is None:
                return
            _insert(cur, p, CommentedMap() if not isinstance(path[k + 1], int) else CommentedSeq(),
                    _order(collection, path[:k]))
        cur = cur[p]
    last = path[-1]
    if value is None:
        if last in cur:
            del cur[last]
        return
    if last in cur:
        cur[last] = _styled(cur[last], value)
    else:
        _insert(cur, last, _styled(None, value), _order(collection, tuple(x for x in path[:-1]
                                                                            if not isinstance(x, int))))


def _insert(m, key: str, value: Any, order: list[str]) -> None:
    """Insert a key where the case format's order puts it (after the fields that come before it)."""
    if not hasattr(m, "insert"):
        m[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(m.keys())
    pos = len(keys)
    for i, k in enumerate(keys):
        if (order.index(k) if k in order else len(order)) > rank:
            pos = i
            break
    m.insert(pos, key, value)


def _plain_set(record: dict, path: tuple, value: Any) -> None:
    cur = record
    for k, p in enumerate(path[:-1]):
        if isinstance(cur, list):
            while len(cur) <= p:
                cur.append({})
            cur = cur[p]
            continue
        if p not in cur or cur[p] is None:
            if value is None:
                return
            cur[p] = [] if isinstance(path[k + 1], int) else {}
        cur = cur[p]
    if value is None:
        if isinstance(cur, dict):
            cur.pop(path[-1], None)
    else:
        cur[path[-1]] = value


def _new_record(collection: str, record: dict, flow: bool) -> CommentedMap:
    order = _order(collection, ())
    m = CommentedMap()
    for k in sorted(record, key=lambda k: order.index(k) if k in order else len(order)):
        m[k] = _styled(None, record[k])
    if flow:
        m.fa.set_flow_style()
    return m


def _new_file(changes: list[Change]) -> str:
    """A new case file holding only new records (block style, as `casebuilder new` writes)."""
    import io
    from ruamel.yaml import YAML
    doc = CommentedMap()
    for c in changes:
        seq = doc.setdefault(c.collection, CommentedSeq())
        seq.append(_new_record(c.collection, c.new, flow=False))
    y = YAML(typ="rt")
    y.width = 1 << 16
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    buf.write("# Records added by `casebuilder import`.\n")
    y.dump(doc, buf)
    return buf.getvalue()


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.M)


def _append_fast(text: str, changes: list[Change]) -> str | None:
    """New records only, for the collection that ends the file: their lines appended as they would be
    dumped (a round trip of a whole large file costs far more than the records it adds).  None when
    that shortcut does not apply."""
    colls = {c.collection for c in changes}
    if len(colls) != 1 or not all(c.new is not None for c in changes) or "\r" in text or text.startswith("\ufeff"):
        return None
    coll = colls.pop()
    keys = _TOP_KEY.findall(text)
    if not keys or keys[-1] != coll or keys.count(coll) != 1:
        return None
    tail = text[[m.start() for m in _TOP_KEY.finditer(text)][-1]:]
    items = [ln for ln in tail.splitlines()[1:] if ln.lstrip().startswith("- ")]
    if not items or tail.splitlines()[0].strip() != f"{coll}:":
        return None
    first = min(len(ln) - len(ln.lstrip()) for ln in items)
    last_item = [ln for ln in items if len(ln) - len(ln.lstrip()) == first][-1]
    if last_item.lstrip()[2:].lstrip().startswith("{"):
        return None  # a file of one-line records: the round trip matches their style
    import io
    from ruamel.yaml import YAML
    order = _order(coll, ())
    records = [{k: c.new[k] for k in sorted(c.new, key=lambda k: order.index(k) if k in order else len(order))}
               for c in changes]
    y = YAML(typ="safe", pure=False)  # the C emitter: a round-trip dump of 10,000 records takes seconds
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 1 << 16
    y.sort_base_mapping_type_on_output = False
    buf = io.StringIO()
    y.dump(records, buf)
    if YAML(typ="safe", pure=False).load(buf.getvalue()) != records:  # what is appended reads back as the rows
        return None
    pad = " " * first
    lines = [pad + ln if ln.strip() else ln for ln in buf.getvalue().splitlines(keepends=True)]
    sep = "" if text.endswith("\n") or not text else "\n"
    return text + sep + "".join(lines)


def _edit_file(text: str, changes: list[Change]) -> str:
    if not text.strip() and all(c.new is not None for c in changes):
        return _new_file(changes)
    fast = _append_fast(text, changes)
    if fast is not None:
        return fast

    def mutate(doc) -> None:
        deleted: dict[str, list[int]] = {}
        for c in changes:
            if c.new is not None:
                seq = doc.setdefault(c.collection, CommentedSeq())
                if seq is None:
                    seq = doc[c.collection] = CommentedSeq()
                flow = bool(len(seq)) and isinstance(seq[-1], CommentedMap) and seq[-1].fa.flow_style()
                seq.append(_new_record(c.collection, c.new, flow))
                continue
            rec = doc[c.collection][c.index]
            if rec.get("id") != c.record_id:
                raise EditConflict(f"item {c.index} of {c.collection} is not {c.record_id!r}: the file changed")
            if c.delete:
                deleted.setdefault(c.collection, []).append(c.index)
                continue
            for path, v in c.sets:
                _rt_set(rec, c.collection, path, v)
        for coll, idx in deleted.items():
            for i in sorted(idx, reverse=True):
                del doc[coll][i]

    def expected(data):
        data = data if isinstance(data, dict) else {}
        deleted: dict[str, list[int]] = {}
        for c in changes:
            if c.new is not None:
                if data.get(c.collection) is None:
                    data[c.collection] = []
                data[c.collection].append(copy.deepcopy(c.new))
            elif c.delete:
                deleted.setdefault(c.collection, []).append(c.index)
            else:
                for path, v in c.sets:
                    _plain_set(data[c.collection][c.index], path, v)
        for coll, idx in deleted.items():
            for i in sorted(idx, reverse=True):
                del data[coll][i]
        return data

    return edit_document(text, mutate, expected)


# ----------------------------------------------------------------------------- the command
def import_sheets(case_dir, sheets: list[Path | str], *, into: str | None = None, delete: bool = False,
                  dry_run: bool = False, frameworks_dir=None, uwazi_mapping: Path | str | None = None,
                  now: dt.datetime | None = None) -> ImportResult:
    case_dir = Path(case_dir)
    if not case_dir.is_dir():
        raise UsageError(f"{case_dir}: no such case folder")
    res = ImportResult()
    checked = check(case_dir, frameworks_dir)
    if checked.case.info is None:
        res.diagnostics.extend(checked.diagnostics)
        return res
    reader = _Reader(case_dir, checked, res.diagnostics)
    opened: list[Sheet] = []
    for p in sheets:
        if uwazi_mapping is not None:
            from .uwazi import uwazi_sheets
            opened.extend(uwazi_sheets(Path(p), Path(uwazi_mapping), res.diagnostics))
        else:
            opened.extend(open_sheets(Path(p)))
    reader.read(opened)
    if delete:
        reader.deletions({s.name for s in opened if s.name in COLLECTIONS})
    if reader.reported > MAX_REPORTED:
        res.diagnostics.error("value-too-large", f"{reader.reported - MAX_REPORTED:,} further problems not listed")
    if res.diagnostics.has_errors():
        return res
    changes = reader.changes
    _place_new_records(case_dir, checked, changes, into)
    by_file: dict[Path, list[Change]] = {}
    for c in changes:
        by_file.setdefault(c.file, []).append(c)
    texts: dict[Path, tuple[str | None, str]] = {}
    for path, cs in by_file.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        try:
            new = _edit_file(old if old is not None else "", cs)
        except EditConflict as e:
            res.diagnostics.error("edit-refused", f"{_rel(path, case_dir)} cannot be edited line by line: {e.reason}; "
                                  f"the rows concerned: {', '.join(c.where for c in cs if c.where)[:300]}",
                                  Location(_rel(path, case_dir), 1, 1))
            continue
        texts[path] = (old, new)
    if res.diagnostics.has_errors():
        return res
    _check_after(case_dir, texts, frameworks_dir, res.diagnostics)
    if res.diagnostics.has_errors():
        return res
    res.created = sum(1 for c in changes if c.new is not None)
    res.deleted = sum(1 for c in changes if c.delete)
    res.updated = len({(c.collection, c.record_id) for c in changes if c.new is None and not c.delete})
    res.unchanged = reader.unchanged
    for path, (old, new) in texts.items():
        if old == new:
            continue
        res.files.append(path)
        rel = _rel(path, case_dir)
        res.diffs[path] = "".join(difflib.unified_diff((old or "").splitlines(keepends=True),
                                                       new.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"))
    if dry_run:
        return res
    for path, (old, new) in texts.items():
        if old == new:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, new.encode("utf-8"), expect=old.encode("utf-8") if old is not None else None)
    _log(case_dir, sheets, res, now)
    return res


def _rel(path: Path, case_dir: Path) -> str:
    try:
        return str(Path(case_dir) / path.relative_to(case_dir))
    except ValueError:
        return str(path)


def _place_new_records(case_dir: Path, checked, changes: list[Change], into: str | None) -> None:
    """Where new records go: --into, else the file of the collection's last record, else <collection>.yaml."""
    out: dict[str, Path] = {}
    if into is not None:
        p = (case_dir / into).resolve()
        if not p.is_relative_to(case_dir.resolve()) or p.suffix not in (".yaml", ".yml"):
            raise UsageError(f"--into {into}: name a .yaml file inside the case folder")
        if p.exists() and p.is_symlink():
            raise UsageError(f"--into {into}: is a symlink; name the file itself")
    for c in changes:
        if c.new is None:
            continue
        if c.collection not in out:
            if into is not None:
                out[c.collection] = case_dir / into
            else:
                last = getattr(checked.case, c.collection)
                out[c.collection] = checked.case.origin[id(last[-1])][0].path if last else \
                    case_dir / f"{c.collection}.yaml"
        c.file = out[c.collection]


def _check_after(case_dir: Path, texts: dict[Path, tuple[str | None, str]], frameworks_dir, diags: Diagnostics) -> None:
    """Check the case as it would be after the import, in a scratch copy; report at the real paths."""
    root = case_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="casebuilder-import-") as tmp:
        scratch = Path(tmp) / case_dir.name
        shutil.copytree(case_dir, scratch, symlinks=True,
                        ignore=shutil.ignore_patterns("exhibits", "build", ".*"))
        for path, (_, new) in texts.items():
            dest = scratch / path.resolve().relative_to(root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(new, encoding="utf-8")
        from ..api import frameworks
        from ..load import load_case
        from ..resolve import resolve
        fs, _ = frameworks(frameworks_dir)
        after = Diagnostics()  # not through the check cache: a scratch copy is checked once
        resolve(load_case(scratch, after), fs, after, None)
        prefix = str(scratch)
        for d in after.errors:
            loc = d.location
            if loc is not None and loc.path.startswith(prefix):
                loc = Location(str(case_dir) + loc.path[len(prefix):], loc.line, loc.column)
            diags.error(d.code, f"after the import: {d.message}", loc)


def _log(case_dir: Path, sheets: list, res: ImportResult, now: dt.datetime | None) -> None:
    now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    names = ", ".join(Path(p).name for p in sheets)
    line = (f"{now.isoformat()}\t{names}\tcreated {res.created}\tupdated {res.updated}\t"
            f"unchanged {res.unchanged}\tdeleted {res.deleted}\n")
    log = case_dir / LOG
    if log.is_symlink():
        raise UsageError(f"{log}: is a symlink; the import log is written only to a file of the case")
    old = log.read_bytes() if log.exists() else b"# casebuilder import log: date, files, records created, updated, unchanged, deleted\n"
    write_atomic(log, old + line.encode("utf-8"))
