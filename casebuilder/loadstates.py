"""Treaty participation of states: frameworks/states/ (an index plus one file per treaty) → models.

The folder form keeps 195 states × 11 treaties maintainable: ``index.yaml`` names the states and the
treaties, and each ``<treaty>.yaml`` holds one compact row per state, inheriting the file's
depositary ``source`` and its default ``unverified`` note.  Every row keeps its place (file, line)
so that a check of the data, or an analysis that states a fact, can point at the line to correct.
The single-file form (``frameworks/states.yaml``) is still read, for small framework folders.
"""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostics, Location
from .models.framework import Participation, State, StatesIndexFile, TreatyFile
from .validation import validate
from .yamlsrc import SourceFile

INDEX = "index"


class Place:
    """Where a row is, resolved to a line only when asked: locating composes the file a second
    time, which a command that only reads the data should not pay for (2,000 rows, 11 files)."""

    __slots__ = ("sf", "path", "_loc")

    def __init__(self, sf: SourceFile, path: tuple):
        self.sf, self.path, self._loc = sf, path, None

    def resolve(self) -> Location:
        if self._loc is None:
            self._loc = self.sf.locate(self.path)
        return self._loc

    def __str__(self) -> str:
        loc = self.resolve()
        return f"{loc.path}:{loc.line}"


def _display(p: Path) -> str:
    from .load import display_path
    return display_path(p)


def load_states_dir(folder: Path, fs, diags: Diagnostics) -> None:
    """Read ``folder`` (frameworks/states/) into ``fs.states``, ``fs.treaties``, ``fs.declarations_12_3``
    and ``fs.state_places``; report every inconsistency at its line."""
    index_path = folder / f"{INDEX}.yaml"
    if not index_path.is_file():
        diags.error("missing-field", f"{_display(folder)} has no {INDEX}.yaml naming the states and treaties",
                    Location(_display(folder), 1, 1))
        return
    sf = SourceFile(index_path, _display(index_path))
    data = sf.read(diags)
    if not isinstance(data, dict):
        if data is not None:
            diags.error("not-a-mapping", "a framework file must be a mapping", Location(sf.display, 1, 1))
        return
    idx = validate(StatesIndexFile, data, sf, (), diags)
    if idx is None:
        return
    fs.files["states/index"] = sf
    fs.treaties = {t.id: t for t in idx.treaties}
    states: dict[str, State] = {}
    for i, s in enumerate(idx.states):
        if s.code in states:
            diags.error("duplicate-id", f"state {s.code} is listed twice", sf.locate(("states", i, "code")))
            continue
        states[s.code] = State(code=s.code, name=s.name, un=s.un, the=s.the, participation=[], note=s.note)
        fs.state_places[(s.code, None)] = Place(sf, ("states", i))
    for path in sorted(folder.glob("*.yaml")):
        if path.stem == INDEX:
            continue
        _treaty_file(path, states, fs, diags)
    fs.states = states


def _treaty_file(path: Path, states: dict[str, State], fs, diags: Diagnostics) -> None:
    sf = SourceFile(path, _display(path))
    data = sf.read(diags)
    if not isinstance(data, dict):
        if data is not None:
            diags.error("not-a-mapping", "a framework file must be a mapping", Location(sf.display, 1, 1))
        return
    tf = validate(TreatyFile, data, sf, (), diags)
    if tf is None:
        return
    rel = f"states/{path.stem}"
    if tf.id != rel:
        diags.error("framework-id-mismatch", f"id {tf.id!r} does not agree with the file's path; expected {rel!r}",
                    sf.locate(("id",)))
        return
    if tf.treaty not in fs.treaties:
        diags.error("unknown-reference", f"treaty {tf.treaty!r} is not named in states/index.yaml",
                    sf.locate(("treaty",)))
        return
    fs.files[rel] = sf
    seen: set[str] = set()
    for i, row in enumerate(tf.rows):
        where = Place(sf, ("rows", i))
        st = states.get(row.state)
        if st is None:
            diags.error("unknown-reference", f"state {row.state} is not listed in states/index.yaml",
                        sf.locate(("rows", i, "state")))
            continue
        if row.state in seen:
            diags.error("duplicate-id", f"{row.state} has two rows for {tf.treaty}", sf.locate(("rows", i, "state")))
            continue
        seen.add(row.state)
        if row.status == "withdrawn" and not row.withdrawal_effective:
            diags.error("invalid-value", f"{row.state} {tf.treaty}: a withdrawn state needs withdrawal_effective",
                        where.resolve())
            continue
        if row.status == "signatory" and row.ratified:
            diags.error("invalid-value", f"{row.state} {tf.treaty}: a signatory has no ratification date; use status party",
                        where.resolve())
            continue
        unverified = row.unverified if (row.verified or row.unverified is not None) else tf.unverified
        # The row is validated already (Row has the same fields and types): construct without a second pass.
        part = Participation.model_construct(
            treaty=tf.treaty, status=row.status, signed=row.signed, ratified=row.ratified, how=row.how,
            in_force=row.in_force, withdrawal_notified=row.withdrawal_notified,
            withdrawal_effective=row.withdrawal_effective, statements=row.statements,
            source=row.source or tf.source, note=row.note, unverified=unverified)
        for problem in order_problems(part):
            diags.error("invalid-date", f"{row.state} {tf.treaty}: {problem}", where.resolve())
        st.participation.append(part)
        fs.state_places[(row.state, tf.treaty)] = where
    for i, d in enumerate(tf.declarations_12_3):
        if d.state not in states:
            diags.error("unknown-reference", f"state {d.state} is not listed in states/index.yaml",
                        sf.locate(("declarations_12_3", i, "state")))
            continue
        if d.covers_to and d.covers_to < d.covers_from:
            diags.error("invalid-date", f"the declaration's period ends ({d.covers_to}) before it starts "
                        f"({d.covers_from})", sf.locate(("declarations_12_3", i)))
        fs.declarations_12_3.append(d)
        fs.state_places[(d.state, f"12(3) {d.lodged}")] = Place(sf, ("declarations_12_3", i))


def order_problems(p: Participation) -> list[str]:
    """Dates out of order: signature ≤ ratification ≤ entry into force ≤ withdrawal.  Dates of
    different precision (a year against a day) are compared on their common prefix."""
    seq = [("signed", p.signed), ("ratified", p.ratified), ("in_force", p.in_force),
           ("withdrawal_notified", p.withdrawal_notified), ("withdrawal_effective", p.withdrawal_effective)]
    have = [(n, v) for n, v in seq if v]
    out = []
    for (n1, v1), (n2, v2) in zip(have, have[1:]):
        k = min(len(v1), len(v2))
        if v1[:k] > v2[:k]:
            out.append(f"{n1} ({v1}) is after {n2} ({v2})")
    return out
