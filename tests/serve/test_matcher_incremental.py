"""The workspace's leak matcher is kept up to date from what an edit changed
(casebuilder/protect/incremental.py, serve/workspace._snapshot_matcher): after every edit of a
sequence made to the case files, it equals the matcher a fresh build makes of the same case, and
the pages the workspace serves never show a protected name (a name planted in a visible text is
refused, as with a fresh matcher)."""
from __future__ import annotations

import os
import shutil

import pytest

from .conftest import AUDIENCE, BUNDLED, client_for

_clock = [0]
NEW_NAME = "Placeholder Tavshor-Melrid (fictional)"


def _write(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    _clock[0] += 1
    t = 1_950_000_000_000_000_000 + _clock[0] * 1_000_000_000
    os.utime(path, ns=(t, t))


def _fresh(checked):
    """What a build makes: a fresh matcher, and the copies it refuses."""
    from casebuilder.build import review_matcher_and_copies
    from casebuilder.protect import Protector

    return review_matcher_and_copies(checked, Protector(checked.case, AUDIENCE), AUDIENCE)


def _needles(m) -> list:
    return [(n.item, m.keys[n.key]) for n in m.needles]


def _corpus(case) -> list[tuple[str, str]]:
    from tests.protect.strategies import hows_for, variant

    out = [(f"{p.id} {fld} {how}", f"Seen: {variant(v, how)}.")
           for p in case.persons for fld, v in (("name", p.name), ("name_original", p.name_original)) if v
           for how in ["as-is", *hows_for(fld)]]
    return out + [(e.id, e.summary) for e in case.evidence if e.summary]


def _same_as_fresh(ws):
    """The workspace's matcher is a fresh build's, needle for needle, and finds the same."""
    from casebuilder.serve.pageaudit import signature

    snap = ws.snapshot
    checked = snap.checked
    if checked is None:  # an error snapshot (a copy): compared with a fresh check's
        from casebuilder.api import check
        checked = check(ws.case_dir)
    fresh, copied = _fresh(checked)
    case = checked.case
    m = snap.matcher
    assert _needles(m) == _needles(fresh)
    assert set(m.keys) >= set(fresh.keys) and len(set(m.keys)) == len(m.keys)  # (forms no longer sought find nothing)
    assert signature(m) == signature(fresh)
    texts = _corpus(case)
    assert m.scan(texts) == fresh.scan(texts)
    return m, copied


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")
    dst = tmp_path / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    from casebuilder.serve import Workspace, create_app

    ws = Workspace(dst, AUDIENCE)
    ws.prepare()
    with client_for(create_app(dst, workspace=ws, watch=False)) as client:
        yield ws, client


def _edit(ws, path, text):
    _write(path, text)
    assert ws.refresh()


def _sought_while_edited(ws, path, original, edited, owner):
    """``path`` edited so that ``owner``'s strings are sought, then restored: the matcher equals a fresh
    one at each step, and seeks ``owner``'s strings while the edit stands."""
    assert edited != original
    _edit(ws, path, edited)
    m, _ = _same_as_fresh(ws)
    assert any(n.item.owner == owner for n in m.needles)
    _edit(ws, path, original)
    _same_as_fresh(ws)


def test_edits_keep_the_matcher_equal_to_a_fresh_one_and_pages_safe(served):
    ws, client = served
    case = ws.case_dir
    items, persons = case / "evidence" / "origins.yaml", case / "persons.yaml"
    original_items, original_persons = items.read_text(encoding="utf-8"), persons.read_text(encoding="utf-8")
    m0, _ = _same_as_fresh(ws)

    # a visible item's summary reworded: the same matcher (the page audit keeps its clean rows)
    _edit(ws, items, original_items.replace("Interview in which the nurse", "An interview in which the nurse", 1))
    m, _ = _same_as_fresh(ws)
    assert m is m0 and ws._matchers.last["objects made"] >= 1 and not ws._matchers.last["automaton rebuilt"]
    page = client.get("/items/ev-dw-shirin-interview")
    assert page.status_code == 200 and "Ilam nurse" in page.text

    # a protected person added: sought at once; planted in a visible item, the item's page is refused
    entry = (f"\n  - id: p-zz-new-witness\n    role: witness\n    name: \"{NEW_NAME}\"\n"
             "    protection: pseudonym\n    pseudonym: New Witness\n")
    _edit(ws, persons, original_persons.rstrip("\n") + "\n" + entry)
    m, _ = _same_as_fresh(ws)
    assert ws._matchers.last["forms added"] > 0 and not ws._matchers.last["automaton rebuilt"]
    assert any(n.item.owner == "p-zz-new-witness" for n in m.needles)
    planted = original_items.replace('interview with the Ilam nurse \\"Shirin\\"', f"interview with {NEW_NAME.upper()}", 1)
    assert planted != original_items
    _edit(ws, items, planted)
    _same_as_fresh(ws)
    page = client.get("/items/ev-dw-shirin-interview")
    assert page.status_code == 500 and "Tavshor" not in page.text and "TAVSHOR" not in page.text
    _edit(ws, items, original_items)
    _same_as_fresh(ws)
    _edit(ws, persons, original_persons)
    m, _ = _same_as_fresh(ws)
    assert not any(n.item.owner == "p-zz-new-witness" for n in m.needles)

    # a named person protected, then named again
    _sought_while_edited(ws, persons, original_persons, original_persons.replace(
        "    name: Reza Azimzadeh\n    name_original: رضا عظیم‌زاده\n    gender: male\n    protection: none",
        "    name: Reza Azimzadeh\n    name_original: رضا عظیم‌زاده\n    gender: male\n    protection: pseudonym", 1),
        "p-reza-azimzadeh")

    # an item withheld from the audience, then shown again
    _sought_while_edited(ws, items, original_items, original_items.replace(
        "    summary: \"An unnamed witness told Deutsche Welle",
        "    confidentiality: confidential\n    summary: \"An unnamed witness told Deutsche Welle", 1),
        "ev-dw-witness-account")

    # a withheld item's sentence copied into a visible text: the workspace shows the error (as a
    # build refuses), its matcher still the fresh one; mended, the case is shown again
    copy = original_items.replace('summary: "Interview in which the nurse',
                                  'summary: "Restricted: the excerpt names children in custody. Interview in which the nurse', 1)
    _edit(ws, items, copy)
    snap = ws.snapshot
    assert not snap.ok and len(snap.errors) == 1 and "error[withheld-copied]" in snap.errors[0]
    assert "origins.yaml:" in snap.errors[0] and "children in custody" not in snap.errors[0]
    _, copied = _same_as_fresh(ws)
    assert len(copied.errors) == 1
    page = client.get("/matrix")
    assert "withheld-copied" in page.text and "children in custody" not in page.text
    _edit(ws, items, original_items)
    assert ws.snapshot.ok
    _same_as_fresh(ws)


def test_a_copy_at_start_shows_the_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")
    dst = tmp_path / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    items = dst / "evidence" / "origins.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        'summary: "Interview in which the nurse', 'summary: "Restricted: the excerpt names children in custody. Interview', 1),
        encoding="utf-8")
    from casebuilder.serve import Workspace

    ws = Workspace(dst, AUDIENCE)
    assert not ws.snapshot.ok and "error[withheld-copied]" in ws.snapshot.errors[0]
    assert ws.snapshot.matcher is not None
