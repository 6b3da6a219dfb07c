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
        fs.state_places[(s.code, None)] = sf.locate(("states", i))
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
    for i, row in enumerate(tf.rows):
        where = sf.locate(("rows", i))
        st = states.get(row.state)
        if st is None:
            diags.error("unknown-reference", f"state {row.state} is not listed in states/index.yaml",
                        sf.locate(("rows", i, "state")))
            continue
        if st.status(tf.treaty) is not None:
            diags.error("duplicate-id", f"{row.state} has two rows for {tf.treaty}", sf.locate(("rows", i, "state")))
            continue
        fields = row.model_dump(exclude={"state", "verified"}, exclude_none=True)
        fields["source"] = row.source or tf.source
        if not row.verified and row.unverified is None and tf.unverified:
            fields["unverified"] = tf.unverified
        fields["statements"] = row.statements
        try:
            part = Participation(treaty=tf.treaty, **fields)
        except ValueError as e:  # a withdrawn row without an effective date, and the like
            diags.error("invalid-value", str(e).splitlines()[-1].strip(), where)
            continue
        for problem in order_problems(part):
            diags.error("invalid-date", f"{row.state} {tf.treaty}: {problem}", where)
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
        fs.state_places[(d.state, f"12(3) {d.lodged}")] = sf.locate(("declarations_12_3", i))


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
