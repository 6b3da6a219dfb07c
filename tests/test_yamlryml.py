"""The rapidyaml fast path gives exactly what the position-aware loader gives: values, models, diagnostics.

``SourceFile.read`` tries rapidyaml first (casebuilder/yamlryml.py) and falls back to the ruamel
loader whenever it cannot be sure; ``read(..., fast=False)`` is the ruamel loader alone (the
loader of every earlier version).  A property test writes case files in every scalar form, valid
and broken, and compares the two; the error corpus and the good cases are checked both ways
through the command line; and the tool runs as it would on a platform without the wheel.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import BAD, FRAMEWORKS, GOOD, REPO, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casebuilder.api
from casebuilder import yamlryml
from casebuilder.diagnostics import Diagnostics
from casebuilder.models import COLLECTIONS
from casebuilder.yamlfast import resolve_plain
from casebuilder.yamlsrc import MAX_DEPTH, MAX_VALUE_CHARS, SourceFile

needs_ryml = pytest.mark.skipif(not yamlryml.available(), reason="rapidyaml is not installed on this platform")


# ------------------------------------------------------------------ reading one file both ways
def _same(a, b) -> bool:
    """Equal values of equal types (NaN equal to NaN, 1 not equal to 1.0 or True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _read(path: Path, fast: bool) -> tuple:
    diags = Diagnostics()
    sf = SourceFile(path, "case.yaml")
    data = sf.read(diags, fast=fast)
    return data, [d.as_dict() for d in diags], sf.read_fast


def both_ways(tmp_path: Path, raw: bytes) -> tuple[tuple, tuple]:
    path = tmp_path / "case.yaml"
    path.write_bytes(raw)
    return _read(path, True), _read(path, False)


def assert_same_reading(tmp_path: Path, raw: bytes) -> bool:
    """Both readings agree; returns whether rapidyaml read the file."""
    (fast, fast_diags, was_fast), (slow, slow_diags, _) = both_ways(tmp_path, raw)
    assert _same(fast, slow), (raw, fast, slow)
    assert fast_diags == slow_diags, raw
    if was_fast:
        assert slow_diags == [] and isinstance(slow, dict), raw
    return was_fast


# ------------------------------------------------------------------ generated files
WORDS = ["yes", "no", "on", "off", "y", "n", "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null",
         "NULL", "~", "", "0", "-0", "7", "12", "-3", "+4", "007", "0o17", "017", "0x1F", "0b101", "1_000", "1.5",
         "0.5", "-0.5", "1.50", "1.", ".5", "5.", "-.5", "+.5", "1e3", "1E3", "1e-3", ".5e3", "1.5e3", "-1e3",
         "1.e3", ".inf", "-.inf", "+.inf", ".Inf", ".INF", "inf", "Infinity", "nan", ".nan", ".NaN", ".NAN", "NaN",
         "2026-01-04", "2026-1-4", "2026-01-04T10:00:00Z", "2026-01-04 10:00:00", "~2026-01-08",
         "1404-10-14 SH", "1:20", "12:30:45", "=", "<<", "a: b", "a:b", "#x", "a #b", "@x", "`x", "&a", "*a",
         "!t", "!!str", "- x", "? x", "[a]", "{a}", "a, b", "it's", 'say "hi"', "back\\slash", "ایلام",
         "Ilam", "é", "😀", "p-01", "ev-report", "[[p-victim]]", "\u00a0", "\u2028", "\u0085", "\ufeff",
         "\t", "a\tb", " lead", "trail ", "a\nb", "a\n\nb", "line\n", "%x", "|", ">", "x" * 70, "0123456789" * 3]
PROSE = st.text(alphabet="abcdefghij klmnop.;()'-0123456789ایلامé😀", max_size=24)  # what case files hold
TEXTS = st.one_of(PROSE, PROSE, PROSE, st.sampled_from(WORDS), st.text(max_size=12),
                  st.text(alphabet="ab:-#'\" \n\t\\[]{},&*!|>?%@`~.0123456789eé😀", max_size=10))


def _dquote(t: str, draw) -> str:
    out = []
    for ch in t:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(draw(st.sampled_from(["\\t", "\t"])))
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}")
        elif code > 0x7F and draw(st.booleans()):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@st.composite
def scalars(draw, indent: int, flow: bool = False, typical: bool = False) -> str:
    """A scalar in one of YAML's forms (the text need not make a valid scalar in that form)."""
    t = draw(PROSE if typical else TEXTS)
    forms = ["plain", "squote", "dquote"] + ([] if flow else ["literal", "folded"])
    form = draw(st.sampled_from(forms))
    if form == "plain":
        return t.replace("\n", " ")
    if form == "squote":
        return "'" + t.replace("'", "''") + "'"
    if form == "dquote":
        return _dquote(t, draw)
    pad = " " * (indent + 2)
    head = ("|" if form == "literal" else ">") + draw(st.sampled_from(["", "-", "+"]))
    lines = t.split("\n") if t else [""]
    return head + "\n" + "\n".join(pad + line if line else "" for line in lines)


KEYS = st.one_of(st.sampled_from(["id", "kind", "title", "date", "note", "summary", "12", "~", "<<", "true",
                                  "a b", "é", "'q'", '"d"', "? x", "-k", ".nan", "nan", "k"]),
                 st.text(alphabet="abcxyz_-", min_size=1, max_size=5))


TYPICAL_KEYS = st.sampled_from(["id", "kind", "title", "date", "note", "summary", "source", "persons", "k"])


@st.composite
def nodes(draw, indent: int, depth: int, typical: bool = False) -> tuple[str, bool]:
    """(text, inline): a node's text; inline nodes follow 'key: ' on the same line."""
    kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "flow", "seq", "map"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return draw(scalars(indent, typical=typical)), True
    if kind == "flow":
        items = draw(st.lists(scalars(indent, flow=True, typical=typical), max_size=4))
        if draw(st.booleans()):
            return "[" + ", ".join(items) + "]", True
        keys = draw(st.lists(TYPICAL_KEYS if typical else KEYS, max_size=len(items), unique=typical))
        return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items)) + "}", True
    pad = " " * (indent + 2)
    if kind == "seq":
        lines = []
        for _ in range(draw(st.integers(0, 3))):
            text, inline = draw(nodes(indent + 2, depth + 1, typical))
            lines.append(f"{pad}- {text.lstrip()}" if inline else f"{pad}-\n{text}")
        return ("\n".join(lines) or pad + "[]"), False
    return draw(mappings(indent + 2, depth + 1, typical)), False


@st.composite
def mappings(draw, indent: int = 0, depth: int = 0, typical: bool = False) -> str:
    pad = " " * indent
    lines = []
    for key in draw(st.lists(TYPICAL_KEYS if typical else KEYS, min_size=1, max_size=4, unique=typical)):
        text, inline = draw(nodes(indent, depth, typical))
        lines.append(f"{pad}{key}: {text}" if inline else f"{pad}{key}:\n{text}")
    return "\n".join(lines)


@st.composite
def case_files(draw) -> bytes:
    """A case-like file: a mapping of collections of items, then maybe a change of form or a mistake."""
    typical = draw(st.booleans())  # half the files as a case's usually are: ordinary keys and prose
    text = draw(mappings(typical=typical))
    if draw(st.booleans()):  # something like a real collection in front
        items = draw(st.lists(mappings(4, 1, typical), min_size=1, max_size=2))
        text = "evidence:\n" + "\n".join("  -" + item[3:] for item in items) + "\n" + text
    extra = draw(st.sampled_from(["", "", "", "", "", "", "comment", "document-start", "document-end", "two-documents",
                                  "anchor", "tag", "merge", "tab", "directive", "insert", "delete"]))
    if extra == "comment":
        text = "# a comment\n" + text.replace("\n", "  # note\n", 1)
    elif extra == "document-start":
        text = "---\n" + text
    elif extra == "document-end":
        text += "\n..."
    elif extra == "two-documents":
        text += "\n---\nmore: 1"
    elif extra == "anchor":
        text += "\nfirst: &a value\nsecond: *a"
    elif extra == "tag":
        text += "\ntagged: " + draw(st.sampled_from(["!!str 12", "!custom x", "!!int '3'", "!<tag:x> y", "! z"]))
    elif extra == "merge":
        text += "\nbase: {a: 1}\nderived:\n  <<: {b: 2}"
    elif extra == "tab":
        text += "\n\tindented: 1"
    elif extra == "directive":
        text = "%YAML 1.1\n---\n" + text
    elif extra in ("insert", "delete") and text:
        at = draw(st.integers(0, len(text) - 1))
        text = (text[:at] + draw(st.sampled_from(list(":-[]{}'\"#&*!|>? \n\t,%@`\\"))) + text[at:]
                if extra == "insert" else text[:at] + text[at + 1:])
    raw = (text + draw(st.sampled_from(["\n", "", "\n\n"]))).encode("utf-8")
    if draw(st.integers(0, 4)) == 0:
        raw = raw.replace(b"\n", b"\r\n")
    if draw(st.integers(0, 4)) == 0:
        raw = b"\xef\xbb\xbf" + raw
    return raw


@needs_ryml
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=case_files())
def test_fast_path_reads_every_file_as_the_position_aware_loader_does(tmp_path: Path, raw: bytes) -> None:
    assert_same_reading(tmp_path, raw)


# ------------------------------------------------------------------ the rules, one by one
TYPICAL = """\
# evidence from the field
evidence:
  - id: ev-0001
    kind: witness-statement
    title: 'Statement of W-01: "the doors were shut"'
    date: 2026-01-08
    credibility: 2
    weight: 0.75
    protected: true
    tags: [hospital, night, "2026"]
    summary: |
      The witness describes the raid on the ward.
      Staff were told to leave: "now".
    excerpt: >-
      Folded text that goes on
      over two lines.
    note:
    sensitive: {phone: "+98 21 0000", address: ~2026}
    quote: "caf\\u00e9 \\U0001F600 \\x41 \\t tab"
    place: ایلام
"""


@needs_ryml
def test_an_ordinary_file_is_read_by_rapidyaml(tmp_path: Path) -> None:
    assert assert_same_reading(tmp_path, TYPICAL.encode())
    assert assert_same_reading(tmp_path, TYPICAL.replace("\n", "\r\n").encode())  # CRLF
    assert assert_same_reading(tmp_path, b"\xef\xbb\xbf" + TYPICAL.encode())  # byte order mark
    assert assert_same_reading(tmp_path, ("---\n" + TYPICAL + "...\n").encode())


@needs_ryml
def test_a_file_with_more_nodes_than_lines_and_commas_is_read_the_same(tmp_path: Path) -> None:
    """rapidyaml's tree is given room for about one and a half nodes per line and comma before it
    parses (yamlryml._parse); a file with more (here three a line, no comma) makes it grow, and is
    read the same."""
    text = "".join(f"k{i}: [[x{i}]]\nm{i}: {{a: {{b: c{i}}}}}\n" for i in range(3000))
    assert assert_same_reading(tmp_path, text.encode())


@needs_ryml
@pytest.mark.parametrize("value, expected", [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("y", "y"), ("True", True), ("FALSE", False), ("~", None),
    ("Null", None), ("", None), ("0o17", 15), ("017", 17), ("0x1F", 31), ("0b101", "0b101"), ("1_000", 1000),
    ("12", 12), ("-0", 0), ("1.50", 1.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), (".5e3", ".5e3"),
    ("-.inf", -math.inf), (".NaN", math.nan), ("nan", "nan"), ("inf", "inf"), ("2026-01-04", "2026-01-04"),
    ("=", "="), ("'12'", "12"), ('"true"', "true"), ("''", ""), ("'~'", "~"),
])
def test_yaml_1_2_core_scalars(tmp_path: Path, value: str, expected) -> None:
    raw = f"a: {value}\nb: [{value or 'x'}]\n".encode()
    assert_same_reading(tmp_path, raw)
    data = _read(tmp_path / "case.yaml", True)[0]
    assert _same(data["a"], expected)


def BLOCKS(n: int) -> str:
    """n mappings, each nested in the one before (block style), and the indentation inside the last."""
    return "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n


@needs_ryml
@pytest.mark.parametrize("text, code", [
    ("a: &x 1\nb: *x\n", "yaml-alias"),
    ("a: &x 1\n", None),  # an anchor never used: today's loader lets it pass, and so it still does
    ("a: [&x 1, 2]\n", None),
    ("base: {a: 1}\nmore:\n  <<: {b: 2}\n", "yaml-alias"),
    ("a: !!str 12\n", None),  # text tagged as text: today's loader takes it
    ("a: !custom x\n", "yaml-tag"),
    ("a: !\n", None),
    ("]a: 1\n", "yaml-syntax"),  # rapidyaml takes a plain scalar beginning with ] or } in block context
    ("a: ]x\n", "yaml-syntax"),
    ("a:\n  }x\n", "yaml-syntax"),
    ("--- !t\na: 1\n", "yaml-tag"),
    ("a: 1\na: 2\n", "duplicate-key"),
    ("a: {b: 1, b: 2}\n", "duplicate-key"),
    ("a: 1\n---\nb: 2\n", "yaml-syntax"),
    ("a:\n\tb: 1\n", "yaml-syntax"),
    ("a: @x\n", "yaml-syntax"),
    ("a: `x\n", "yaml-syntax"),
    ('a: "\\ud800"\n', "yaml-syntax"),
    ("a: [1, 2\n", "yaml-syntax"),
    ("a: x\x01\n", "yaml-syntax"),
    ("a: x\u0085y\n", None),  # NEL: a line break to libyaml, not to rapidyaml
    ("a: x\u2028y\n", None),
    ("%YAML 1.1\n---\na: 1\n", None),
    ("k" * 1100 + ": v\n", "yaml-syntax"),  # libyaml: an implicit key of over 1,024 characters
    ("a: " + "[" * (MAX_DEPTH + 1) + "x" + "]" * (MAX_DEPTH + 1) + "\n", "value-too-large"),
    (BLOCKS(MAX_DEPTH + 1) + "x: 1\n", "value-too-large"),
    (BLOCKS(MAX_DEPTH - 20) + "x: " + "[" * 21 + "]" * 21 + "\n", "value-too-large"),  # block, then flow
    ("a: " + "x" * (MAX_VALUE_CHARS + 1) + "\n", "value-too-large"),
    ("- a\n- b\n", None),  # not a mapping: load.py reports it
    ("", None),
    ("# only a comment\n", None),
])
def test_what_rapidyaml_does_not_read_is_read_the_usual_way(tmp_path: Path, text: str, code: str | None) -> None:
    (fast, diags, was_fast), (slow, slow_diags, _) = both_ways(tmp_path, text.encode())
    assert not was_fast
    assert _same(fast, slow) and diags == slow_diags
    if code is not None:
        assert code in {d["code"] for d in diags}


@needs_ryml
@pytest.mark.parametrize("indicator", list("%|>#-'\"@`!&*?=~<.^:,[]{}"))
def test_an_indicator_beginning_a_scalar_in_every_context(tmp_path: Path, indicator: str) -> None:
    """rapidyaml takes "[%x]", "[@x]", "{b: ?x}", "[a:b]" and the like as text; libyaml refuses them
    or reads them otherwise: such files are read the usual way, with the usual result."""
    for text in ("a: [{c}]", "a: [{c}x]", "a: [b, {c}x]", "a: {{b: {c}x}}", "- {c}x", "a: {c}x", "a: [{c} x]",
                 "a: {{b: {c} x}}", "a: [x{c}y]", "a: {{x{c}y: 1}}", "{c}x: 1", "a:\n  {c}x"):
        assert_same_reading(tmp_path, (text.format(c=indicator) + "\n").encode())


@given(st.from_regex(r"[0-9]+-[-+.0-9_a-zA-Z:~<=!&* ]*", fullmatch=True))
def test_a_text_of_digits_then_a_dash_is_text_to_every_resolver(text: str) -> None:
    """yamlryml sets such strings (dates) aside before trying YAML 1.2's resolvers on them."""
    assert resolve_plain(text) in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")


@needs_ryml
def test_rapidyaml_prints_nothing(tmp_path: Path, capfd) -> None:
    """rapidyaml writes its parse errors to stderr before raising them; the user sees ours only."""
    (tmp_path / "case.yaml").write_bytes(b"a: [1, 2\nb: 'x' y\n")
    _read(tmp_path / "case.yaml", True)
    assert capfd.readouterr().err == ""


# ------------------------------------------------------------------ whole cases, both ways
def _check_json(case: Path, monkeypatch, fast: bool, frameworks: Path | None = FRAMEWORKS) -> tuple[int, list]:
    if fast:
        monkeypatch.delenv("CASEBUILDER_NO_RAPIDYAML", raising=False)
    else:
        monkeypatch.setenv("CASEBUILDER_NO_RAPIDYAML", "1")
    args = ["check", case, "--format", "json"] + (["--frameworks-dir", frameworks] if frameworks else [])
    res = run(*args)
    assert res.code in (0, 1), res.err
    return res.code, json.loads(res.out)


CORPUS = sorted(p.parent for p in BAD.glob("*/*/expected.yaml"))


@needs_ryml
@pytest.mark.parametrize("fixture", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_diagnostic_of_the_error_corpus_is_the_same_both_ways(fixture: Path, tmp_path: Path, monkeypatch) -> None:
    from test_check_corpus import load_spec, materialise

    spec = load_spec(fixture)
    if spec.get("subprocess"):
        pytest.skip("inputs that could crash the interpreter run in test_check_corpus")
    work = materialise(fixture, spec, tmp_path)
    monkeypatch.chdir(work)
    fast = _check_json(Path("case"), monkeypatch, True, Path("frameworks"))
    slow = _check_json(Path("case"), monkeypatch, False, Path("frameworks"))
    assert fast == slow  # paths, lines, columns, codes, messages, related places: everything


def _models(case: Path, frameworks: Path | None) -> tuple:
    checked = casebuilder.api.check(case, frameworks_dir=frameworks)
    c = checked.case
    dump = {name: [m.model_dump(mode="json") for m in getattr(c, name)] for name in COLLECTIONS}
    dump["case"] = c.info.model_dump(mode="json") if c.info else None
    origins = sorted((sf.display, where) for sf, where in c.origin.values())
    return dump, origins, [d.as_dict() for d in checked.diagnostics]


@needs_ryml
@pytest.mark.parametrize("case", [REPO / "cases" / "iran-2026", *sorted(p for p in GOOD.iterdir() if p.is_dir())],
                         ids=lambda p: p.name)
def test_good_cases_give_the_same_models_both_ways(case: Path, monkeypatch) -> None:
    frameworks = None if case.parent.name == "cases" else FRAMEWORKS
    monkeypatch.delenv("CASEBUILDER_NO_RAPIDYAML", raising=False)
    fast = _models(case, frameworks)
    monkeypatch.setenv("CASEBUILDER_NO_RAPIDYAML", "1")
    assert _models(case, frameworks) == fast


@needs_ryml
def test_a_clean_case_is_read_without_the_position_aware_loader(monkeypatch) -> None:
    """No position is needed when nothing is wrong: no file of a clean case is composed by ruamel."""
    from casebuilder import yamlsrc

    composed = []
    real = yamlsrc.SourceFile._compose
    monkeypatch.setattr(yamlsrc.SourceFile, "_compose", lambda self, d: composed.append(self.display) or real(self, d))
    code, diags = _check_json(GOOD / "minimal", monkeypatch, True)
    assert (code, diags, composed) == (0, [], [])


@needs_ryml
def test_a_file_with_a_mistake_is_read_again_by_the_position_aware_loader(tmp_path: Path, monkeypatch) -> None:
    """A mistake only validation sees (rapidyaml read the file) is reported at today's place,
    and the file's other items are kept once, not twice."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "evidence.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("excerpt: No one was killed.", "excerpt: No one was killed.\n    excrept: typo"),
                 encoding="utf-8")
    fast = _check_json(case, monkeypatch, True)
    assert fast == _check_json(case, monkeypatch, False)
    assert [d["code"] for d in fast[1]][:1] == ["unknown-key"]
    loaded = casebuilder.api.check(case, frameworks_dir=FRAMEWORKS).case
    ids = [e.id for e in loaded.evidence]
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------ without the wheel
HIDE_RYML = "import sys; sys.modules['ryml'] = None; from casebuilder.cli import main; raise SystemExit(main(sys.argv[1:]))"


def _without_wheel(*args: str | os.PathLike, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CASEBUILDER_NO_RAPIDYAML", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", HIDE_RYML, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_without_the_rapidyaml_wheel_the_results_are_the_same(tmp_path: Path, monkeypatch) -> None:
    """A platform without the wheel: the module cannot be imported, the ruamel loader reads every
    file, and `check` prints what it prints with the wheel (a broken case and a clean one)."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "evidence.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("source: src-", "source: src-x", 1) + "extra: &a 1\n",
                 encoding="utf-8")
    probe = _without_wheel("--version", cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    for folder in (case, GOOD / "minimal"):
        args = ("check", folder, "--format", "json", "--frameworks-dir", FRAMEWORKS)
        hidden = _without_wheel(*args, cwd=tmp_path)
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("CASEBUILDER_NO_RAPIDYAML", raising=False)
        usual = run(*args)
        assert hidden.returncode == usual.code, hidden.stderr
        assert json.loads(hidden.stdout) == json.loads(usual.out)
    code = "import sys; sys.modules['ryml'] = None; from casebuilder import yamlryml; print(yamlryml.available())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip() == "False", out.stderr


# ------------------------------------------------------------------ whole files validated from JSON
# casebuilder.load._take_json validates a file rapidyaml read in one call from its JSON (pydantic's
# JSON mode), finding duplicate keys by counting them; the usual path validates each item of the
# decoded values.  Generated case files whose values take every form the models meet (numbers for
# texts and texts for numbers, dates in every form and as ranges, duplicate keys at every level,
# unknown keys, grades in lower case, mappings in the models) give the same models, the same
# origins and the same diagnostics both ways.
def _pick(draw, valid: bool, good: list, bad: list = ()) -> str:
    """One of ``good`` (or of ``bad`` too, when not ``valid``); None: a generated scalar."""
    v = draw(st.sampled_from(good if valid else good + list(bad)))
    return v if v is not None else draw(scalars(6, flow=True, typical=True))


DATES = (['"2026-01-04"', "2026-01-04", "2026", '"2026-01"', "~2026-01-08", '"1404-10-14 SH"',
          "{start: 2026-01-01, end: 2026-01-31}", "{start: 2026-01-01}",
          "{start: 2026-01-01, end: 2026-01-03, approximate: true}", "{end: 2026-01-02, start: 2026-01-01}"],
         ["2026-13-01", "x", "{start: 2026-02-01, end: 2026-01-01}", "{start: 2026-01-01, start: 2026-01-02}",
          "{start: {start: 2026-01-01}}", "{end: 2026-01-01}", "null", "1.5e3", "2026.0", "{start: 2026, colour: x}"])
INTS = (["2", '"2"', "2.0", "3", "1"], ["1e1", "0x1F", "007", "true", "7", "-1", "null", "2_0", ".5e3", "1.5e3",
                                         "99999999999999999999", "2.5", '"two"'])
TEXTS_OK = (["Ilam", '"12"', "'quoted'", "ایلام", '"caf\\u00e9"', "|\n        two\n        lines",
             ">-\n        folded\n        text", '"a: b"', "no", "'2026-01-04'", None],
            ["12", "1.5", "true", "null", "[a]", "{a: b}"])


@st.composite
def _case_item(draw, kind: str, n: int, valid: bool) -> list[str]:
    def pick(good, bad=()):
        return _pick(draw, valid, good, bad)

    if kind == "sources":
        fields = {"id": f"src-{n}", "name": pick(*TEXTS_OK), "kind": pick(["ngo", "un"], ["nope"]),
                  "reliability": pick(["B", "F"], ["c", "Z", "1"]), "reliability_reason": pick(*TEXTS_OK)}
    elif kind == "persons":
        fields = {"id": f"p-{n}", "role": "victim", "name": pick(*TEXTS_OK), "age": pick(*INTS),
                  "sensitive": pick(["{phone: '1'}", "{}", "{phone: '1', street: x}"], ["{phone: '1', phone: '2'}", "{a: 1}"]),
                  "consent": pick(["unknown", "{}", "{naming: {status: given, date: 2026-01-02, by: victim}}"],
                                  ["{naming: {status: given}}", "{naming: {status: given, status: refused}}", "yes"]),
                  "violation": pick(["{date: 2026-01-01, place: x}", "{place: x}"], ["{place: x, place: y}"]),
                  "aliases": pick(["[A, B]", "[]"], ["A", "[1]"])}
    else:
        fields = {"id": f"ev-{n}", "kind": pick(["report", "testimony", "official-statement"], ["nope", "official_statement"]),
                  "source": "src-0",
                  "date": pick(*DATES), "credibility": pick(*INTS), "summary": pick(*TEXTS_OK),
                  "persons": pick(["[p-0]", "[p-0, p-0]", "[]"], ["p-0", "[p 0]"]),
                  "exhibit": pick(["{path: a.txt, size: 3}"], ["{path: a.txt, path: b.txt}", "{path: a.txt, size: -1}"]),
                  "first_hand": pick(['"no"', "no", "percipient"], ["yes"]),
                  "custody": pick(["[{date: 2026-01-05, by: NGO, action: collected}]"],
                                  ["[{date: 2026-01-05, by: NGO, action: collected, by: x}]"])}
    required = {"sources": ["id", "name", "kind", "reliability", "reliability_reason"], "persons": ["id", "role"],
                "evidence": ["id", "kind", "source"]}[kind]
    names = draw(st.lists(st.sampled_from(sorted(fields)), max_size=len(fields), unique=True))
    names = [k for k in required if k not in names or not valid] + names
    lines = [f"{k}: {fields[k]}" for k in names]
    extra = draw(st.sampled_from([""] * (30 if valid else 8) + ["duplicate", "unknown", "null"]))
    if extra == "duplicate":
        lines.append(draw(st.sampled_from(lines)))
    elif extra == "unknown":
        lines.append("colour: blue")
    elif extra == "null":
        lines.append(f"{draw(st.sampled_from(names))}:")
    return lines


@st.composite
def _case_file(draw) -> bytes:
    valid = draw(st.booleans())  # half the files with nothing to report (but the rare mistake)
    parts = []
    if draw(st.booleans()):
        parts.append(MINIMAL_CASE)
    for kind in draw(st.lists(st.sampled_from(["sources", "persons", "evidence", "evidence"]), min_size=1, max_size=3)):
        parts.append(f"{kind}:")
        for n in range(draw(st.integers(0, 3))):
            lines = draw(_case_item(kind, n, valid))
            parts.append("  - " + "\n    ".join(lines))
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from([f"{kind}: []", f"{kind}: null", f"{kind}: {{}}", f"{kind}:"])))
    return ("\n".join(parts) + "\n").encode("utf-8")


MINIMAL_CASE = (GOOD / "minimal" / "case.yaml").read_text(encoding="utf-8")


def _case_models(folder: Path) -> tuple:
    from casebuilder.load import load_case

    diags = Diagnostics()
    c = load_case(folder, diags)
    dump = {name: [(m.model_dump(), m.model_dump(exclude_unset=True)) for m in getattr(c, name)] for name in COLLECTIONS}
    dump["case"] = c.info.model_dump() if c.info else None
    origins = sorted((sf.display, where) for sf, where in c.origin.values())
    return dump, origins, sorted(c.broken_ids), c.incomplete, [d.as_dict() for d in diags]


@needs_ryml
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=st.lists(_case_file(), min_size=1, max_size=2))
def test_whole_files_validated_from_json_give_the_same_models(tmp_path: Path, monkeypatch, files: list[bytes]) -> None:
    folder = tmp_path / "case"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i, raw in enumerate(files):
        (folder / f"f{i}.yaml").write_bytes(raw)
    monkeypatch.delenv("CASEBUILDER_NO_RAPIDYAML", raising=False)
    fast = _case_models(folder)
    monkeypatch.setenv("CASEBUILDER_NO_RAPIDYAML", "1")
    assert _case_models(folder) == fast, files


@needs_ryml
def test_a_typical_file_is_validated_from_json_in_one_call(tmp_path: Path, monkeypatch) -> None:
    """The tier is in use: every file of the minimal case is validated from its JSON; a file with a
    duplicate key in a date range, a mapping or an item is not (the usual path reports it)."""
    from casebuilder import load

    taken = []
    real = load._take_json
    monkeypatch.setattr(load, "_take_json", lambda case, sf, *a: taken.append((sf.display, real(case, sf, *a))) or taken[-1][1])
    monkeypatch.chdir(GOOD / "minimal")
    load.load_case(Path("."), Diagnostics())
    assert taken and all(ok for _, ok in taken), taken
    for dup in ("violation: {date: {start: 2026-01-01, start: 2026-01-02}}", "sensitive: {a: '1', a: '2'}",
                "name: A\n    name: B"):
        folder = tmp_path / str(len(dup))
        folder.mkdir()
        (folder / "p.yaml").write_text(f"persons:\n  - id: p-1\n    role: victim\n    {dup}\n", encoding="utf-8")
        taken.clear()
        diags = Diagnostics()
        load.load_case(folder, diags)
        assert [ok for _, ok in taken] == [False], (dup, taken)
        assert [d.code for d in diags] == ["duplicate-key"], dup


@needs_ryml
@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_never_taken_from_json(token: str) -> None:
    """_take_json does not look for JSON's NaN and Infinity (rapidyaml writes ``NaN``, ``.inf`` ... as
    strings): were one written bare, pydantic would read a float, which no field of a case file takes,
    and the file would be read the usual way.  A float field added to a model must bring the search
    back (casebuilder/load.py, _ODD_NUMBER)."""
    from casebuilder import load
    from casebuilder.models.common import JSON_KEYS

    schema = repr(load._file_values().core_schema)
    assert "'type': 'float'" not in schema and "'type': 'any'" not in schema
    for field in ("age", "name", "sensitive", "violation", "consent"):
        value = {"sensitive": f'{{"a": {token}}}', "violation": f'{{"date": {token}}}',
                 "consent": f'{{"naming": {{"status": {token}}}}}'}.get(field, token)
        js = f'{{"persons": [{{"id": "p-1", "role": "victim", "{field}": {value}}}]}}'.encode()
        with pytest.raises(ValueError):
            load._file_values().validate_json(js, context={JSON_KEYS: [0]})
        case = load.Case(root=Path("."))
        assert not load._take_json(case, None, yamlryml.Json(js), load._Reading()), field
        assert not case.persons
