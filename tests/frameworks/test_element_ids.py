"""Element ids are how cases cite the law: once published, an id never disappears.

``element_ids.txt`` is the golden list of every element (leaf) id of the bundled frameworks. The test
fails when an id is missing from the data (a rename or deletion would break every case citing it) and
when the data has ids the list does not know yet. New ids are accepted explicitly with

    CASEBUILDER_UPDATE_GOLDEN=1 python -m pytest tests/frameworks/test_element_ids.py

which adds them to the list; it never removes one, so a vanished id fails even then.
"""
from __future__ import annotations

from .fwdata import HERE, UPDATE_ENV, all_frameworks, leaves, update_requested

GOLDEN = HERE / "element_ids.txt"
HEADER = ("# Every published element id of the bundled frameworks, one per line, sorted.\n"
          "# Never delete a line: cases cite these ids. New ids are added with\n"
          f"#   {UPDATE_ENV}=1 python -m pytest tests/frameworks/test_element_ids.py\n")


def current_ids() -> set[str]:
    """Leaf ids, plus the ids that still resolve in a case: an element retired into an alternative of
    another element (``former_id``, e.g. a ground of persecution) and a provision's duties that are
    not elements (a link to one is reported, not lost)."""
    out = {n.node.id for fw in all_frameworks() for n in leaves(fw)}
    for fw in all_frameworks():
        out |= {a.former_id for n in leaves(fw) for a in n.node.alternatives if a.former_id}
        out |= {d.id for p in fw.provisions for d in p.duties}
    return out


def golden_ids() -> set[str]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines() if GOLDEN.exists() else []
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def test_no_published_element_id_disappears():
    gone = sorted(golden_ids() - current_ids())
    assert gone == [], (f"{len(gone)} published element id(s) no longer exist: {gone}. "
                        "Cases cite these ids; restore them (ids never change once published).")


def test_new_element_ids_are_added_explicitly():
    now, known = current_ids(), golden_ids()
    new = sorted(now - known)
    if new and update_requested() and not (known - now):
        GOLDEN.write_text(HEADER + "".join(f"{i}\n" for i in sorted(known | now)), encoding="utf-8")
        return
    assert new == [], (f"{len(new)} element id(s) are not in {GOLDEN.name} yet: {new}. "
                       f"If they are meant to be published, run with {UPDATE_ENV}=1 to add them.")


def test_golden_list_is_sorted_and_unique():
    lines = [ln for ln in GOLDEN.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert lines == sorted(set(lines))
