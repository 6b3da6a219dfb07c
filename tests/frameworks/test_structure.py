"""Structural rules every bundled framework must keep (see docs/frameworks.md, "Rules the tests enforce")."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from casebuilder.models import Element, Group
from clirun import run

from .fwdata import FRAMEWORKS_DIR, all_frameworks, bundled, framework_files, read_yaml, walk

FRAMEWORK_IDS = [fw.id for fw in all_frameworks()]


def test_every_file_was_loaded():
    fs = bundled()
    loaded = set(fs.frameworks) | ({"standards-of-proof"} if fs.standards else set()) | {k for k in fs.files if k.startswith("states/")}
    on_disk = {p.relative_to(FRAMEWORKS_DIR).with_suffix("").as_posix() for p in framework_files()}
    assert on_disk == loaded


@pytest.mark.parametrize("path", framework_files(), ids=lambda p: p.name)
def test_file_path_agrees_with_id(path):
    assert read_yaml(path)["id"] == path.relative_to(FRAMEWORKS_DIR).with_suffix("").as_posix()


def test_a_misplaced_file_is_rejected(tmp_path):
    """The path/id rule is enforced by the loader, not only by this test: a moved file is an error."""
    shutil.copytree(FRAMEWORKS_DIR, tmp_path / "fw")
    (tmp_path / "fw" / "rome-statute" / "article-7.yaml").rename(tmp_path / "fw" / "rome-statute" / "art7.yaml")
    res = run("frameworks", "--frameworks-dir", tmp_path / "fw")
    assert res.code == 1
    assert "framework-id-mismatch" in res.err and "art7.yaml" in res.err


def test_ids_are_unique_across_all_frameworks():
    ids = Counter()
    for fw in all_frameworks():
        ids.update(d.id for d in fw.definitions)
        ids.update(p.id for p in fw.provisions)
        ids.update(n.node.id for n in walk(fw) if n.node.id)
    ids.update(s.id for s in bundled().standards.values())
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_leaves_have_text_and_a_located_citation(fid):
    fw = bundled().frameworks[fid]
    bad = []
    for n in walk(fw):
        if isinstance(n.node, Element):
            el = n.node
            if not el.text.strip() or not el.citation.instrument.strip() or not el.citation.locators():
                bad.append(el.id)
            bad += [f"{el.id} fn. {f.number}" for f in el.footnotes if not (f.number.strip() and f.text.strip())]
    bad += [p.id for p in fw.provisions if not p.citation.locators()]
    bad += [d.id for d in fw.definitions if not (d.text.strip() and d.citation.locators())]
    assert bad == []


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_groups_are_well_formed(fid):
    bad = []
    for n in walk(bundled().frameworks[fid]):
        g = n.node
        if not isinstance(g, Group):
            continue
        name = g.id or g.label or f"group under {n.provision_id or 'contextual'}"
        if (g.all_of is None) == (g.any_of is None):
            bad.append(f"{name}: needs exactly one of all_of / any_of")
        elif g.any_of is not None and len(g.any_of) < 2:
            bad.append(f"{name}: any_of with {len(g.any_of)} child (an alternative needs two)")
        elif not g.children:
            bad.append(f"{name}: empty all_of")
    assert bad == []


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_definition_references_resolve(fid):
    fw = bundled().frameworks[fid]
    known = {d.id for d in fw.definitions}
    missing = [(n.node.id, ref) for n in walk(fw) if isinstance(n.node, Element)
               for ref in n.node.definitions if ref not in known]
    assert missing == []


ARMED_CONFLICT_BY_PARAGRAPH = {"rs.8.2.b.": ["international"], "rs.8.2.c.": ["non-international"],
                               "rs.8.2.e.": ["non-international"]}


def _war_crimes_and_ihl():
    return [(fw, p) for fw in all_frameworks() if fw.id.startswith("ihl/") or fw.id == "rome-statute/article-8-medical"
            for p in fw.provisions]


@pytest.mark.parametrize("fw,p", _war_crimes_and_ihl(), ids=lambda x: getattr(x, "id", None))
def test_armed_conflict_applicability_is_explicit(fw, p):
    """IHL and Art. 8 never silently inherit the framework default: each provision says when it binds."""
    a = p.applicability
    assert a is not None, f"{p.id} has no applicability of its own"
    assert "none" not in a.armed_conflict, f"{p.id}: IHL and war crimes need an armed conflict"
    if fw.id == "rome-statute/article-8-medical":
        prefix = next(k for k in ARMED_CONFLICT_BY_PARAGRAPH if p.id.startswith(k))
        assert list(a.armed_conflict) == ARMED_CONFLICT_BY_PARAGRAPH[prefix]
        assert a.treaty == "rome-statute"
    else:
        assert a.treaty in bundled().treaties or a.custom, f"{p.id}: a treaty rule names its treaty, a customary rule says so"
        if a.treaty:
            assert a.treaty in {"gc", "ap1", "ap2"}


def test_every_treaty_named_by_a_framework_is_in_states():
    fs = bundled()
    named = {fw.applicability.treaty for fw in fs.frameworks.values()} | {
        p.applicability.treaty for fw in fs.frameworks.values() for p in fw.provisions if p.applicability}
    assert named - {None} <= set(fs.treaties)
