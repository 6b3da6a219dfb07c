"""load: YAML files → models.  Collects every problem; never raises on bad input."""
from __future__ import annotations

import functools
import os
import pickle
import re
import stat
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, Optional

from pydantic import ConfigDict, TypeAdapter, ValidationError
from typing_extensions import NotRequired, TypedDict

from . import gcpause, progress, yamlryml
from .diagnostics import Diagnostics, Location
from .models import COLLECTIONS, CaseInfo, Forum, Framework, StandardsFile, StatesFile
from .models.common import JSON_KEYS, NORMALISED_GRADES, Model
from .models.framework import Element, Standard, State
from .models.mandates import Mandate, MandatesFile
from .validation import _describe, report, validate, warn_lower_grades
from .yamlsrc import SourceFile

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FRAMEWORKS = PACKAGE_ROOT / "frameworks"
MAX_CASE_FILES = 20_000


def display_path(p: Path) -> str:
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


# --------------------------------------------------------------------------- frameworks
@dataclass
class FrameworkSet:
    """All legal frameworks, standards of proof and treaty participation, indexed."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    standards_note: str = ""
    states: dict[str, State] = field(default_factory=dict)
    treaties: dict[str, Any] = field(default_factory=dict)
    declarations_12_3: list = field(default_factory=list)  # Rome Statute art. 12(3) declarations
    state_places: dict[tuple, Any] = field(default_factory=dict)  # (state, treaty) -> loadstates.Place of its row
    elements: dict[str, tuple[Framework, Element]] = field(default_factory=dict)
    files: dict[str, SourceFile] = field(default_factory=dict)
    mandates: dict[str, Mandate] = field(default_factory=dict)  # frameworks/mandates.yaml (UN submissions)
    forums: dict[str, Forum] = field(default_factory=dict)  # by code (icc, de, ...): frameworks/forums/

    def standards_by_rank(self) -> list[Standard]:
        return sorted(self.standards.values(), key=lambda s: s.rank)


def load_frameworks(root: Path | None, diags: Diagnostics) -> FrameworkSet:
    root = Path(root) if root else DEFAULT_FRAMEWORKS
    fs = FrameworkSet()
    if not root.is_dir():
        diags.error("unknown-framework", f"frameworks folder {display_path(root)} does not exist")
        return fs
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).with_suffix("").as_posix()
        if rel.startswith("states/"):
            continue  # the folder form of treaty participation: read by loadstates below
        sf = SourceFile(path, display_path(path))
        data = sf.read(diags)
        if data is None:
            continue
        if not isinstance(data, dict):
            diags.error("not-a-mapping", "a framework file must be a mapping", Location(sf.display, 1, 1))
            continue
        model = StandardsFile if rel == "standards-of-proof" else StatesFile if rel == "states" else \
            Forum if rel.startswith("forums/") else Framework
        model = MandatesFile if rel == "mandates" else model
        if sf.read_fast:  # as for case files: a file with a problem is read again by the position-aware loader
            own = Diagnostics()
            obj = validate(model, data, sf, (), own)
            if len(own):
                data = sf.read(diags, fast=False)
                obj = validate(model, data, sf, (), diags) if isinstance(data, dict) else None
        else:
            obj = validate(model, data, sf, (), diags)
        if obj is None:
            continue
        if obj.id != rel:
            diags.error("framework-id-mismatch", f"id {obj.id!r} does not agree with the file's path; expected {rel!r}",
                        sf.locate(("id",)))
            continue
        fs.files[obj.id] = sf
        if isinstance(obj, StandardsFile):
            fs.standards = {s.id: s for s in obj.standards}
            fs.standards_note = obj.note
        elif isinstance(obj, MandatesFile):
            fs.mandates = {m.id: m for m in obj.mandates}
        elif isinstance(obj, StatesFile):
            fs.states = {s.code: s for s in obj.states}
            fs.treaties = {t.id: t for t in obj.treaties}
            fs.declarations_12_3 = list(obj.declarations_12_3)
        elif isinstance(obj, Forum):
            fs.forums[obj.code] = obj
        else:
            fs.frameworks[obj.id] = obj
            _index_elements(obj, sf, fs, diags)
    if (root / "states").is_dir():
        from .loadstates import load_states_dir
        load_states_dir(root / "states", fs, diags)
    _check_mandates(fs, diags)
    return fs


def _check_mandates(fs: FrameworkSet, diags: Diagnostics) -> None:
    """Every right a mandate names is a provision of a loaded human-rights framework."""
    if not fs.mandates or "mandates" not in fs.files:
        return
    known = {p.id for fw in fs.frameworks.values() for p in fw.provisions}
    sf = fs.files["mandates"]
    for i, m in enumerate(fs.mandates.values()):
        for j, r in enumerate(m.rights):
            if r not in known:
                diags.error("unknown-provision", f"mandate {m.id} names right {r!r}, which no framework defines",
                            sf.locate(("mandates", i, "rights", j)))


def _index_elements(fw: Framework, sf: SourceFile, fs: FrameworkSet, diags: Diagnostics) -> None:
    defs = {d.id for d in fw.definitions}
    seen_prov: set[str] = set()
    leaves = [(("contextual",), e) for e in fw.contextual_leaves()]
    for i, p in enumerate(fw.provisions):
        if p.id in seen_prov:
            diags.error("duplicate-id", f"provision {p.id!r} is defined twice", sf.locate(("provisions", i, "id")))
        seen_prov.add(p.id)
        leaves.extend((("provisions", i), e) for e in p.leaves())
    for where, el in leaves:
        if el.id in fs.elements:
            diags.error("duplicate-id", f"element {el.id!r} is defined twice", sf.locate(where))
            continue
        fs.elements[el.id] = (fw, el)
        for d in el.definitions:
            if d not in defs:
                diags.error("unknown-reference", f"element {el.id} uses definition {d!r}, which the framework does not define",
                            sf.locate(where))


# --------------------------------------------------------------------------- cases
@dataclass
class Case:
    """A loaded case: the models, and where each came from (for diagnostics at any later stage)."""

    root: Path
    info: CaseInfo | None = None
    sources: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    incidents: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    allegations: list = field(default_factory=list)
    submissions: list = field(default_factory=list)
    proceedings: list = field(default_factory=list)
    suspects: list = field(default_factory=list)
    charges: list = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    origin: dict[int, tuple[SourceFile, tuple]] = field(default_factory=dict)
    broken_ids: set[str] = field(default_factory=set)  # items that failed validation (already reported)
    # True when a file or collection could not be read at all (already reported): its items are
    # unknown, so "unknown reference" and "unused" findings would be noise caused by that one mistake.
    incomplete: bool = False

    def __getstate__(self) -> dict:
        """For pickling (the check cache): ``origin`` is keyed by ``id()``, which does not survive a
        round trip, so it travels as (object, file, path) triples and is keyed again on load."""
        state = self.__dict__.copy()
        objs = ([self.info] if self.info is not None else []) + [o for n in COLLECTIONS for o in getattr(self, n)]
        state["origin"] = [(o, *self.origin[id(o)]) for o in objs if id(o) in self.origin]
        if len(state["origin"]) != len(self.origin):
            raise pickle.PicklingError("Case.origin names objects outside the case's collections")
        return state

    def __setstate__(self, state: dict) -> None:
        state["origin"] = {id(o): (sf, where) for o, sf, where in state["origin"]}
        self.__dict__.update(state)

    def locate(self, obj: Model, *path: Any, key: bool = False) -> Location | None:
        """Exact place of ``obj`` (or of a value inside it) in its file."""
        o = self.origin.get(id(obj))
        if o is None:
            return None
        sf, base = o
        return sf.locate(base + tuple(path), key=key)

    def index(self) -> dict[str, Model]:
        out: dict[str, Model] = {}
        for name in COLLECTIONS:
            for obj in getattr(self, name):
                out.setdefault(obj.id, obj)
        return out


def case_files(folder: Path, diags: Diagnostics) -> list[Path]:
    """Every *.yaml / *.yml in the folder (recursively, not under exhibits/, build/ or reviews/ — review
    notes, casebuilder/reviews.py), never outside it.

    A refused entry (a symlink leading out of the case or looping, a device, a FIFO) is reported
    and never opened: its diagnostic quotes no line of it (a link to /etc/shadow must not print
    /etc/shadow's first line into a CI log)."""
    real_root = folder.resolve()
    out: list[Path] = []

    def refuse(p: Path, what: str) -> None:
        d = diags.error("unsafe-path", f"{what}; not read", Location(display_path(p), 1, 1))
        d.quote = False

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        d = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            if name.startswith(".") or (d == folder and name in ("exhibits", "build", "reviews")):
                continue
            sub = d / name
            if sub.is_symlink():
                problem = _link_problem(sub, real_root, "folder")
                if problem:
                    refuse(sub, problem)
                    continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            p = d / name
            problem = _link_problem(p, real_root, "file") if p.is_symlink() else None
            if problem is None:
                try:
                    regular = stat.S_ISREG(p.stat().st_mode)
                except OSError:
                    regular = True  # a dangling link: reading reports "cannot read file"
                if not regular:
                    problem = "file is not a regular file (a device, FIFO or socket)"
            if problem:
                refuse(p, problem)
                continue
            out.append(p)
    return sorted(out)[:MAX_CASE_FILES]


def _link_problem(p: Path, real_root: Path, what: str) -> str | None:
    """Why a symlink in the case must not be followed (leads outside, loops), or None."""
    try:
        target = Path(os.path.realpath(p, strict=True))
    except FileNotFoundError:
        target = Path(os.path.realpath(p))
    except (OSError, RuntimeError):
        return f"{what} is a symlink loop"
    if not target.is_relative_to(real_root):
        return f"{what} is a symlink leading outside the case folder"
    return None


def load_case(folder: Path, diags: Diagnostics) -> Case:
    """Read every case file into models; collects every problem into ``diags``."""
    with gcpause.paused():  # millions of short-lived containers, no cycles: see gcpause
        case = _load_case(folder, diags)
        gcpause.settle()
        return case


def _load_case(folder: Path, diags: Diagnostics) -> Case:
    folder = Path(folder)
    case = Case(root=folder)
    if not folder.is_dir():
        diags.error("missing-case", f"{display_path(folder)} is not a folder")
        return case
    state = _Reading()
    for path in progress.track(case_files(folder, diags), "reading case files"):
        read_file(case, path, diags, state)
    if state.case_where is None and not diags.has_errors():
        diags.error("missing-case", f"no file in {display_path(folder)} has a `case:` block")
    return case


def read_file(case: Case, path: Path, diags: Diagnostics, state: _Reading) -> None:
    """Read one case file into ``case``, as :func:`load_case` reads each file in turn (the
    workspace's incremental re-check reads a changed file alone with it: casebuilder/serve/recheck.py)."""
    sf = SourceFile(path, display_path(path))
    reported = len(diags)
    data = sf.read(diags, as_json=True)
    case.files.append(sf)
    if not sf.read_fast:
        _take_file(case, sf, data, diags, state, reported)
        return
    if _take_json(case, sf, data, state):
        return
    data = yamlryml.decode(data)
    if data is yamlryml.DECLINE:  # (a duplicate key, say): read as if rapidyaml had declined it
        _take_file(case, sf, sf.read(diags, fast=False), diags, state, reported)
        return
    # Read by rapidyaml (yamlryml), which knows no positions. A file with anything to report
    # is read again, alone, by the position-aware loader, so that every diagnostic is exactly
    # today's; its partial results are dropped first.
    own = Diagnostics()
    mark = _Mark(case, state)
    _take_file(case, sf, data, own, state, 0)
    if len(own):
        mark.rewind(case, state)
        reported = len(diags)
        _take_file(case, sf, sf.read(diags, fast=False), diags, state, reported)


@dataclass
class _Reading:
    """What reading the files so far has found that the next file's reading depends on."""

    case_where: tuple[SourceFile, tuple] | None = None


class _Mark:
    """The state of a case before one file was taken, to take the file back (see _load_case)."""

    def __init__(self, case: Case, state: _Reading):
        self.lengths = {name: len(getattr(case, name)) for name in COLLECTIONS}
        self.info, self.case_where = case.info, state.case_where
        self.incomplete, self.broken = case.incomplete, set(case.broken_ids)

    def rewind(self, case: Case, state: _Reading) -> None:
        for name, n in self.lengths.items():
            items = getattr(case, name)
            for obj in items[n:]:
                case.origin.pop(id(obj), None)
            del items[n:]
        if case.info is not self.info:
            case.origin.pop(id(case.info), None)
        case.info, state.case_where = self.info, self.case_where
        case.incomplete, case.broken_ids = self.incomplete, self.broken


@functools.cache
def _file_values() -> TypeAdapter:
    """The values of one case file: the case block and the collections, each a list of its models."""
    fields: dict[str, Any] = {"case": NotRequired[CaseInfo]}
    fields.update((key, NotRequired[Optional[list[model]]]) for key, model in COLLECTIONS.items())
    values = TypedDict("CaseFileValues", fields)  # type: ignore[misc]
    values.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    return TypeAdapter(values)


# JSON numbers that rapidyaml may write for a scalar YAML 1.2 reads otherwise (".5e3" is text): their
# files are decoded by yamlryml.decode, which looks at each.  (JSON's NaN and Infinity, which
# rapidyaml does not write, would be read as floats, and no field of a case file takes a float: such
# a file fails validation here and is read the usual way; test_yamlryml holds the schema to that.)
_ODD_NUMBER = re.compile(rb"\.[0-9]+[eE]")  # (a literal first: a fast search)


def _take_json(case: Case, sf: SourceFile, js: yamlryml.Json, state: _Reading) -> bool:
    """Validate a whole file from rapidyaml's JSON in one call, and take its models, if nothing in it
    is to be reported; otherwise take nothing and return False (read_file goes on as before).

    pydantic reads the JSON itself: no Python dict per item, and its cache of short strings shares
    the texts that recur (ids, references).  A duplicate key is found by counting: every model
    counts the names it was given and the entries of its mappings, every date range its keys
    (see common.JSON_KEYS), and their sum must be the number of keys in the JSON."""
    if _ODD_NUMBER.search(js) is not None:
        return False
    keys = [0]
    graded = NORMALISED_GRADES[0]
    try:
        values = _file_values().validate_json(js, context={JSON_KEYS: keys})
    except ValueError:  # ValidationError: reported, at its place, by the usual path
        return False
    if NORMALISED_GRADES[0] != graded or keys[0] + len(values) != yamlryml.keys_in(js):
        return False  # a grade to warn about; a duplicate key
    if state.case_where is not None and "case" in values:
        return False  # a second case block: reported by the usual path
    origin = case.origin
    for key, items in values.items():
        if key == "case":
            case.info = items
            state.case_where = origin[id(items)] = (sf, ("case",))
        elif items is not None:  # each item, and where it is: (sf, (key, i)), in loops that run in C
            getattr(case, key).extend(items)
            origin.update(zip(map(id, items), zip(repeat(sf), _places(key, len(items)))))
    return True


_PLACES: dict[str, list[tuple[str, int]]] = {}  # collection -> [(collection, 0), (collection, 1), ...]


def _places(key: str, n: int) -> list[tuple[str, int]]:
    """The places (key, 0) ... (key, n - 1) of a collection's items in a file, the same tuples for
    every file (they are not changed: a place inside an item is a new tuple): on 20,000 incidents
    250,000 tuples fewer to build and keep."""
    places = _PLACES.get(key)
    if places is None:
        places = _PLACES[key] = []
    if len(places) < n:
        places.extend(zip(repeat(key), range(len(places), n)))
    return places[:n]


def _take_file(case: Case, sf: SourceFile, data: Any, diags: Diagnostics, state: _Reading, reported: int) -> None:
    """Validate one file's values into the case's collections; report every problem to ``diags``."""
    if data is None:
        case.incomplete |= len(diags) > reported
        return
    if not isinstance(data, dict):
        case.incomplete = True
        diags.error("not-a-mapping", "the top level of a case file must be a mapping "
                    "(case, sources, persons, actors, incidents, evidence, figures, allegations, submissions, suspects, charges)",
                    Location(sf.display, 1, 1))
        return
    for key, value in data.items():
        if key == "case":
            if state.case_where is not None:
                first = state.case_where[0].locate(state.case_where[1], key=True)
                diags.error("multiple-case", "the case block is defined more than once",
                            sf.locate(("case",), key=True), related=[(first, "first defined here")])
                continue
            info = validate(CaseInfo, value, sf, ("case",), diags, context="in case")
            state.case_where = (sf, ("case",))
            if info is not None:
                case.info = info
                case.origin[id(info)] = (sf, ("case",))
            continue
        model = COLLECTIONS.get(key)
        if model is None:
            import difflib
            close = difflib.get_close_matches(str(key), ["case", *COLLECTIONS], n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else \
                "; expected case, sources, persons, actors, incidents, evidence, figures, allegations, proceedings, submissions, suspects or charges"
            diags.error("unknown-key", f"unknown top-level key {key!r}{hint}", sf.locate((key,), key=True))
            case.incomplete |= isinstance(value, (list, dict))
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            diags.error("wrong-type", f"{key}: expected a list of items, got {_describe(value)}",
                        sf.locate((key,)))
            case.incomplete = True
            continue
        target = getattr(case, key)
        check = model.__pydantic_validator__.validate_python  # model_validate without its wrapper, once per item
        origin = case.origin
        for i, item in enumerate(value):
            graded = NORMALISED_GRADES[0]
            try:  # (validate() below reports the problems; the context is worded only then)
                obj = check(item)
            except ValidationError as err:
                label = item.get("id") if isinstance(item, dict) else None
                ctx = f"in {key[:-1] if key.endswith('s') else key} {label}" if isinstance(label, str) else None
                report(err, item, model, sf, (key, i), diags, context=ctx)
                if isinstance(label, str):
                    case.broken_ids.add(label)
                continue
            if NORMALISED_GRADES[0] != graded:  # `reliability: c` read as C: warn where it is (#26)
                label = item.get("id") if isinstance(item, dict) else None
                warn_lower_grades(item, sf, (key, i), diags, f"in {key[:-1] if key.endswith('s') else key} {label}")
            target.append(obj)
            origin[id(obj)] = (sf, (key, i))
