"""#26 item 6: value lists use one spelling (hyphens); the old spelling is read with a warning."""
from __future__ import annotations

import json
import shutil
import typing
from pathlib import Path

from pydantic import BaseModel

from casebuilder.models import COLLECTIONS
from casebuilder.models import framework as framework_models
from casebuilder.models.common import OLD_SPELLINGS
from clirun import FRAMEWORKS, GOOD, REPO, run


def _values(t, seen: set) -> set[str]:
    """Every string of every Literal reachable from the type ``t`` (through models, lists, unions)."""
    out: set[str] = set()
    origin = typing.get_origin(t)
    if origin is typing.Literal:
        return {a for a in typing.get_args(t) if isinstance(a, str)}
    if origin is not None:
        for a in typing.get_args(t):
            out |= _values(a, seen)
        return out
    if isinstance(t, type) and issubclass(t, BaseModel) and t not in seen:
        seen.add(t)
        for f in t.model_fields.values():
            out |= _values(f.annotation, seen)
    return out


def test_every_value_list_of_the_case_and_frameworks_is_spelled_with_hyphens():
    seen: set = set()
    values = set()
    for model in COLLECTIONS.values():
        values |= _values(model, seen)
    for name in dir(framework_models):
        obj = getattr(framework_models, name)
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            values |= _values(obj, seen)
    assert {"official-statement", "media-report", "social-media", "medical-worker"} <= values
    assert not [v for v in values if "_" in v]
    assert set(OLD_SPELLINGS.values()) <= values


def test_the_old_spelling_is_read_as_the_new_with_a_warning_at_its_place(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    shutil.copytree(GOOD / "minimal", new)
    shutil.copytree(GOOD / "minimal", old)
    p = old / "evidence.yaml"
    text = p.read_text(encoding="utf-8")
    assert "kind: official-statement" in text
    p.write_text(text.replace("kind: official-statement", "kind: official_statement"), encoding="utf-8")
    r = run("check", old, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert r.code == 0
    (d,) = r.diagnostics()
    line = text.split("\n").index("    kind: official-statement") + 1
    assert (d["code"], d["severity"], d["line"], d["column"]) == ("old-spelling", "warning", line, 11)
    assert "write kind: official-statement" in d["message"]
    assert run("check", old, "--strict", "--frameworks-dir", FRAMEWORKS).code == 1
    gaps = [json.loads(run("gaps", c, "--format", "json", "--frameworks-dir", FRAMEWORKS).out) for c in (new, old)]
    assert gaps[0] == gaps[1]  # analysed exactly as if written in the new spelling


def test_new_docs_and_the_bundled_case_use_the_new_spelling(tmp_path):
    case = tmp_path / "case"
    assert run("new", case).code == 0
    texts = [p.read_text(encoding="utf-8") for p in [*case.rglob("*.yaml"), *(REPO / "cases").rglob("*.yaml"),
                                                     *(REPO / "docs").glob("*.md")]]
    for old in OLD_SPELLINGS:
        assert not any(f"kind: {old}" in t for t in texts), old
