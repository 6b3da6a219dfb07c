"""The incremental resolve (casebuilder.resolve.resolve_parts, through the workspace's re-check):
after every edit of a sequence — ids added and removed, references broken and repaired (in the
edited file and into it from others), a loop made and undone, an item moved between files, a
duplicate id, text references, stances, grades, the case's frameworks — the diagnostics, in their
order, and the case's models equal a fresh ``check``'s; and only what an edit can affect was
checked again."""
from __future__ import annotations

import re
import shutil

import pytest

from casebuilder.models import COLLECTIONS
from casebuilder.serve import recheck

from .conftest import BUNDLED
from .test_recheck import _write


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")  # the reference is a check from scratch
    dst = tmp_path / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    return dst


class Session:
    def __init__(self, case):
        self.case = case
        self.loaded = recheck.recheck(case, None)
        self.check()

    def edit(self, path, text: str | None):
        """Write (or remove, with None) one file, re-check incrementally, compare with a fresh check."""
        if text is None:
            path.unlink()
        else:
            _write(path, text)
        self.before = self.loaded
        self.loaded = recheck.recheck(self.case, self.loaded.parts, resolved=self.loaded.resolved)
        return self.check()

    def check(self):
        from casebuilder.api import check

        fresh = check(self.case)
        got = self.loaded.checked
        assert [d.as_dict() for d in got.diagnostics.items] == [d.as_dict() for d in fresh.diagnostics.items]
        assert got.diagnostics.items == fresh.diagnostics.items  # contexts and quoting too
        assert got.case.info == fresh.case.info
        for name in COLLECTIONS:
            assert getattr(got.case, name) == getattr(fresh.case, name), name
        assert got.case.broken_ids == fresh.case.broken_ids and got.case.incomplete == fresh.case.incomplete
        return {(d.code, d.message) for d in got.diagnostics.items}

    def kept(self, path) -> bool:
        """Whether the part of ``path`` contributed what it did before, without being checked again."""
        part = self.loaded.parts[path].case
        before = self.before.resolved.parts.get(id(part))
        return before is not None and self.loaded.resolved.parts[id(part)][1] is before[1]


def _codes(found) -> set[str]:
    return {code for code, _ in found}


def _block(text: str, item: str) -> tuple[int, int]:
    """Where the list entry ``- id: item`` starts and ends in a YAML file's text."""
    start = text.index(f"  - id: {item}\n")
    nxt = re.compile(r"^  - id: |^\S", re.M).search(text, start + 4)
    return start, nxt.start() if nxt else len(text)


def test_incremental_resolve_equals_a_fresh_check_after_each_edit(case):
    s = Session(case)
    items = case / "evidence" / "origins.yaml"
    relays = case / "evidence" / "seed-002-intel-assessment.yaml"
    hr = case / "allegations-human-rights.yaml"
    alleg = case / "allegations.yaml"
    persons = case / "persons.yaml"
    sources = case / "sources.yaml"
    extra = case / "evidence" / "extra.yaml"
    cb = case / "case.yaml"
    orig = {p: p.read_text(encoding="utf-8") for p in (items, relays, hr, alleg, persons, sources, cb)}

    # a link's stance turned: only the edited file is checked again
    s.edit(alleg, orig[alleg].replace("stance: contradicts", "stance: supports", 1))
    assert not s.kept(alleg)
    assert s.kept(items) and s.kept(persons) and s.kept(hr)
    s.edit(alleg, orig[alleg])

    # an id added (an item nothing uses), then removed
    new_item = ("  - id: ev-extra-1\n    kind: document\n    title: A further report\n    source: src-dw\n"
                "    summary: Not yet linked.\n    credibility: 3\n\n")
    a, _ = _block(orig[items], "ev-dw-witness-account")
    found = s.edit(items, orig[items][:a] + new_item + orig[items][a:])
    assert ("unused-evidence", "evidence 'ev-extra-1' is not used by any allegation, incident or figure") in found
    assert s.kept(hr) and s.kept(relays)  # they refer to nothing that came or went
    s.edit(items, orig[items])

    # a reference broken (a typo), then the id it names defined in another file, then that file removed
    typo = orig[hr].replace("evidence: [ev-iranhrm-disappearances, ev-dw-witness-account]",
                            "evidence: [ev-iranhrm-disappearances, ev-dw-witness-acount]", 1)
    found = s.edit(hr, typo)
    assert any(c == "unknown-reference" and "ev-dw-witness-acount" in m and "did you mean" in m for c, m in found)
    found = s.edit(extra, "evidence:\n" + new_item.replace("ev-extra-1", "ev-dw-witness-acount"))
    assert not s.kept(hr)  # its reference now resolves
    assert "unknown-reference" not in _codes(found)
    found = s.edit(extra, None)
    assert "unknown-reference" in _codes(found)
    # ... an id closer to the typo defined elsewhere: the suggestion changes
    found = s.edit(extra, "evidence:\n" + new_item.replace("ev-extra-1", "ev-dw-witness-acount2"))
    assert any("did you mean 'ev-dw-witness-acount2'" in m for _c, m in found)
    # ... an item of that id that is invalid: reported where it is defined, not where it is named
    found = s.edit(extra, "evidence:\n" + new_item.replace("ev-extra-1", "ev-dw-witness-acount").replace("document", "no-such-kind"))
    assert not any("'ev-dw-witness-acount'" in m for c, m in found if c == "unknown-reference")
    # ... another file unreadable (the case is incomplete): unknown references are not reported
    found = s.edit(extra, "evidence:\n  - id: [unclosed\n")
    assert "yaml-syntax" in _codes(found) and "unknown-reference" not in _codes(found)
    s.edit(extra, None)
    s.edit(hr, orig[hr])  # repaired

    # an id other files refer to removed: their references into the edited file break; then restored
    a, b = _block(orig[items], "ev-dw-witness-account")
    witness = orig[items][a:b]
    found = s.edit(items, orig[items][:a] + orig[items][b:])
    broken = {m for c, m in found if c == "unknown-reference"}
    assert any("derived_from 'ev-dw-witness-account'" in m for m in broken)  # from seed-002
    assert any("evidence 'ev-dw-witness-account'" in m for m in broken)  # from the human-rights allegations
    assert not s.kept(relays) and not s.kept(hr)
    assert s.kept(persons) and s.kept(sources)

    # ... and moved into another file: everything resolves again, as it did
    found = s.edit(extra, "evidence:\n" + witness)
    assert "unknown-reference" not in _codes(found)
    s.edit(extra, None)
    s.edit(items, orig[items])

    # a loop made in the relays across two files, then undone
    looped = orig[items][:a] + witness.replace("derived_from: []", "derived_from: [ev-ia-eleven-taken]", 1) + orig[items][b:]
    found = s.edit(items, looped)
    assert any(c == "cycle" and "ev-ia-eleven-taken" in m for c, m in found)
    found = s.edit(items, orig[items])
    assert "cycle" not in _codes(found)

    # a duplicate id in a new file, then removed
    found = s.edit(extra, "evidence:\n" + new_item.replace("ev-extra-1", "ev-khrn-post"))
    assert ("duplicate-id", "id 'ev-khrn-post' is already used") in found
    s.edit(extra, None)

    # a text refers to a person who is not in the case; then the person is added in another file
    found = s.edit(items, orig[items].replace("Whether the witness is [[p-shirin]]", "Whether the witness is [[p-newcomer]]", 1))
    assert any(c == "unknown-reference" and "[[p-newcomer]]" in m for c, m in found)
    person = ("  - id: p-newcomer\n    role: witness\n    name: A Newcomer\n    protection: none\n")
    found = s.edit(persons, orig[persons].replace("persons:\n", "persons:\n" + person, 1))
    assert not s.kept(items)  # its text's reference now resolves
    assert not any("[[p-newcomer]]" in m for _c, m in found)
    s.edit(persons, orig[persons])
    s.edit(items, orig[items])

    # a stance that needs an interested party; then every source made one (another file)
    admits = orig[hr].replace("        evidence: [ev-iranhrm-disappearances]\n",
                              "        evidence: [ev-iranhrm-disappearances]\n        stance: admits\n", 1)
    assert admits != orig[hr]
    found = s.edit(hr, admits)
    assert "stance-needs-interested-party" in _codes(found)
    found = s.edit(sources, orig[sources].replace("interested_party: false", "interested_party: true"))
    assert not s.kept(hr)  # the origins' sources it reads changed
    assert "stance-needs-interested-party" not in _codes(found)
    s.edit(sources, orig[sources])
    s.edit(hr, orig[hr])

    # an item linked in support loses its grade; then the links to it are removed (another file)
    ungraded = orig[items][:a] + witness.replace("    credibility: 3\n", "", 1) + orig[items][b:]
    found = s.edit(items, ungraded)
    assert any(c == "credibility-not-graded" and "ev-dw-witness-account" in m for c, m in found)
    found = s.edit(hr, orig[hr].replace(", ev-dw-witness-account]", "]"))
    assert not any(c == "credibility-not-graded" and "ev-dw-witness-account" in m for c, m in found)
    s.edit(hr, orig[hr])
    s.edit(items, orig[items])

    # an item's reliability differs from its source's; then the source's grade changed to match
    regraded = orig[items][:a] + witness.replace("    credibility: 3\n", "    credibility: 3\n    reliability: E\n", 1) + orig[items][b:]
    found = s.edit(items, regraded)
    assert any(c == "reliability-without-reason" and "ev-dw-witness-account" in m for c, m in found)
    sa, sb = _block(orig[sources], "src-dw")
    src = re.sub(r"reliability: [A-F]", "reliability: E", orig[sources][sa:sb], count=1)
    found = s.edit(sources, orig[sources][:sa] + src + orig[sources][sb:])
    assert not any(c == "reliability-without-reason" and "ev-dw-witness-account" in m for c, m in found)
    s.edit(sources, orig[sources])
    s.edit(items, orig[items])

    # the case's list of frameworks shortened: allegations under the one left out are flagged
    found = s.edit(cb, orig[cb].replace("    - ihrl/medical-care\n", "", 1))
    assert "framework-not-selected" in _codes(found)
    s.edit(cb, orig[cb])

    # a protected person's name made part of their id
    found = s.edit(persons, orig[persons].replace("name: Kourosh Nouri", "name: Withheld Nouri", 1))
    assert "revealing-id" in _codes(found)
    s.edit(persons, orig[persons])

    # broken YAML in one file (its items unknown: the case is incomplete), then mended
    found = s.edit(hr, orig[hr] + "\n  - id: [unclosed\n")
    assert "yaml-syntax" in _codes(found)
    s.edit(hr, orig[hr])


def test_an_exhibit_path_through_a_symlink_is_checked_again_when_the_exhibits_folder_changes(case, tmp_path):
    """The exhibit checks read the exhibits folder: a part is kept only while the folder is as it was
    (as the check cache keys it), so a symlink made or removed there is seen at the next edit."""
    s = Session(case)
    vault = case / "exhibits"
    vault.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("not the exhibit\n", encoding="utf-8")
    (vault / "000_eab89ef611e01f90.txt").symlink_to(outside)
    alleg = case / "allegations.yaml"
    text = alleg.read_text(encoding="utf-8")
    found = s.edit(alleg, text.replace("stance: contradicts", "stance: supports", 1))  # an unrelated edit
    assert any(c == "unsafe-path" and "000_eab89ef611e01f90.txt" in m for c, m in found)
    (vault / "000_eab89ef611e01f90.txt").unlink()
    found = s.edit(alleg, text)
    assert "unsafe-path" not in _codes(found)
