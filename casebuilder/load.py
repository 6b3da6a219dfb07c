"""load: YAML files → models.  Collects every problem; never raises on bad input."""
from __future__ import annotations

import os
import pickle
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import gcpause, progress
from .diagnostics import Diagnostics, Location
from .models import COLLECTIONS, CaseInfo, Framework, StandardsFile, StatesFile
from .models.common import Model
from .models.framework import Element, Standard, State
from .validation import _describe, validate
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
        model = StandardsFile if rel == "standards-of-proof" else StatesFile if rel == "states" else Framework
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
        elif isinstance(obj, StatesFile):
            fs.states = {s.code: s for s in obj.states}
            fs.treaties = {t.id: t for t in obj.treaties}
            fs.declarations_12_3 = list(obj.declarations_12_3)
        else:
            fs.frameworks[obj.id] = obj
            _index_elements(obj, sf, fs, diags)
    if (root / "states").is_dir():
        from .loadstates import load_states_dir
        load_states_dir(root / "states", fs, diags)
    return fs


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
    """Every *.yaml / *.yml in the folder (recursively, not under exhibits/), never outside it.

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
            if name.startswith(".") or (d == folder and name in ("exhibits", "build")):
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
    case_where: tuple[SourceFile, tuple] | None = None
    for path in progress.track(case_files(folder, diags), "reading case files"):
        sf = SourceFile(path, display_path(path))
        reported = len(diags)
        data = sf.read(diags)
        case.files.append(sf)
        if data is None:
            case.incomplete |= len(diags) > reported
            continue
        if not isinstance(data, dict):
            if data is not None:
                case.incomplete = True
                diags.error("not-a-mapping", "the top level of a case file must be a mapping "
                            "(case, sources, persons, actors, incidents, evidence, figures, allegations, suspects, charges)",
                            Location(sf.display, 1, 1))
            continue
        for key, value in data.items():
            if key == "case":
                if case_where is not None:
                    first = case_where[0].locate(case_where[1], key=True)
                    diags.error("multiple-case", "the case block is defined more than once",
                                sf.locate(("case",), key=True), related=[(first, "first defined here")])
                    continue
                info = validate(CaseInfo, value, sf, ("case",), diags, context="in case")
                case_where = (sf, ("case",))
                if info is not None:
                    case.info = info
                    case.origin[id(info)] = (sf, ("case",))
                continue
            model = COLLECTIONS.get(key)
            if model is None:
                import difflib
                close = difflib.get_close_matches(str(key), ["case", *COLLECTIONS], n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else \
                    "; expected case, sources, persons, actors, incidents, evidence, figures, allegations, suspects or charges"
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
            for i, item in enumerate(value):
                label = item.get("id") if isinstance(item, dict) else None
                ctx = f"in {key[:-1] if key.endswith('s') else key} {label}" if isinstance(label, str) else None
                obj = validate(model, item, sf, (key, i), diags, context=ctx)
                if obj is not None:
                    target.append(obj)
                    case.origin[id(obj)] = (sf, (key, i))
                elif isinstance(label, str):
                    case.broken_ids.add(label)
    if case_where is None and not diags.has_errors():
        diags.error("missing-case", f"no file in {display_path(folder)} has a `case:` block")
    return case
