"""Property: whatever happens to a valid case's files, `check` answers with diagnostics, never a crash.

Random mutations of ``tests/fixtures/good/minimal`` (deleted keys, values of another type, truncated
files, random bytes, YAML-ish garbage) must end in exit 1 with at least one error, or exit 0 when
the mutation happens to leave a valid case; never exit 3 (a traceback turned into a bug report)
and never a hang. Every diagnostic must point inside the file it names.
"""
from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
import yaml
from clirun import DIAGNOSTIC_KEYS, FRAMEWORKS, GOOD, load_yaml, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE = GOOD / "minimal"
FILES = sorted(p.name for p in BASE.glob("*.yaml"))
HANG_GUARD_SECONDS = 60  # a guard against hangs, not a speed requirement


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", "~2026-13-40", "1404-12-31 SH", "2026-02-30", "[[p-nobody]]", "../../etc", "/abs",
                     "ev-report", "p-victim", "src-ngo", "rs.7.1.a.1", "no", "on", "null", "0x1F"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=3)),
                      max_leaves=6)
GARBAGE = st.text(alphabet=":-[]{}&*!|>'\"#%@`?,<=~ \n\t\\abcxyz019\u00e9\u0627\u2028", max_size=200)


def _containers(node, path=()):
    """Every (path, container) in a loaded YAML document: where a key can go or a value change."""
    yield path, node
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        if isinstance(v, (dict, list)):
            yield from _containers(v, path + (k,))


def _structured(draw, text: str) -> str:
    """Delete a key, or give a value another type, somewhere in the document."""
    doc = load_yaml(text)
    places = [(p, c) for p, c in _containers(doc) if c]
    _, container = draw(st.sampled_from(places))
    key = draw(st.sampled_from(sorted(container) if isinstance(container, dict) else range(len(container))))
    if draw(st.booleans()) and isinstance(container, dict):
        del container[key]
    else:
        container[key] = draw(VALUES)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@st.composite
def mutations(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    raw = (BASE / name).read_bytes()
    kind = draw(st.sampled_from(["structure", "truncate", "bytes", "insert-bytes", "garbage", "insert-garbage"]))
    if kind == "structure":
        return name, _structured(draw, raw.decode("utf-8")).encode("utf-8")
    if kind == "truncate":
        return name, raw[: draw(st.integers(0, len(raw)))]
    if kind == "bytes":
        return name, draw(st.binary(max_size=300))
    at = draw(st.integers(0, len(raw)))
    extra = draw(st.binary(min_size=1, max_size=20)) if kind == "insert-bytes" else draw(GARBAGE).encode("utf-8")
    if kind == "garbage":
        return name, extra
    return name, raw[:at] + extra + raw[at:]


@contextlib.contextmanager
def hang_guard(seconds: int):
    def _hung(signum, frame):
        raise AssertionError(f"check did not finish within {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_case_ends_in_diagnostics_never_a_crash(mutation: tuple[str, bytes]) -> None:
    name, content = mutation
    with tempfile.TemporaryDirectory() as td:
        case = Path(td) / "case"
        shutil.copytree(BASE, case)
        (case / name).write_bytes(content)
        with hang_guard(HANG_GUARD_SECONDS):
            res = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
        assert res.code in (0, 1), res.err
        diags = res.diagnostics()
        assert all(DIAGNOSTIC_KEYS <= set(d) for d in diags)
        errors = [d for d in diags if d["severity"] == "error"]
        assert res.code == (1 if errors else 0)
        for d in diags:
            if d["path"] is None:
                assert d["code"] == "missing-case"
                continue
            where = Path(d["path"])
            assert where.exists(), d
            assert d["line"] >= 1 and d["column"] >= 1, d
            if where.is_file():
                assert d["line"] <= _line_count(where), d


@pytest.mark.parametrize("text", ["\u2028?", "sources:\u2028  - x\u2029?", "sources:\r  - {id: [\r", "\x85? a"])
def test_positions_count_lines_as_editors_do(tmp_path: Path, text: str) -> None:
    """The parser also breaks lines at CR, NEL, U+2028 and U+2029; a diagnostic still points inside the file."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    (case / "allegations.yaml").write_text(text, encoding="utf-8", newline="")
    res = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert res.code == 1
    for d in res.diagnostics():
        if d["path"].endswith("allegations.yaml"):
            assert 1 <= d["line"] <= _line_count(case / "allegations.yaml"), d
