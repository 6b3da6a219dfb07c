"""`check`'s name-in-text search reads free text only: ids may be descriptive.

A case may call a protected person `p-parisa-fictional` and refer to her by that id from a public
incident or evidence item; an id is a reference, never printed as text, so it is no typed name.  The
same name typed into a free text (a title, a Markdown description) is one.
"""
from __future__ import annotations

from casebuilder.api import check
from casebuilder.protect.typed import typed_identities

from .casefiles import SOURCE, case_info, evidence, incident, person, write_case

PID = "p-parisa-fictional"
NAME = "Parisa Fictional"


def typed(tmp_path, ev_title="Interview", description="Shots were fired.", **more):
    src = {**SOURCE, "id": "src-parisa-fictional"}  # a source named after her, by id only
    res = check(write_case(tmp_path, [person(PID, "witness", name=NAME, protection="pseudonym", **more)],
                           [{**evidence("ev-1", title=ev_title, derived_from=[PID]), "source": src["id"]}],
                           [incident("inc-1", description, persons=[PID], evidence=["ev-1"])],
                           info=case_info(), sources=(src,)),
                tmp_path / "frameworks")
    assert res.case is not None
    return [(t.owner.id, t.path, t.fields) for t in typed_identities(res.case)]


def test_descriptive_ids_in_reference_fields_are_not_typed_names(tmp_path):
    assert typed(tmp_path) == []


def test_the_same_name_typed_into_free_text_is(tmp_path):
    assert typed(tmp_path / "a", ev_title=f"Interview with {NAME}") == [("ev-1", ("title",), ("name",))]
    assert typed(tmp_path / "b", description=f"{NAME} saw shots fired.") == [  # Markdown: free text too
        ("inc-1", ("description",), ("name",))]


def test_spans_give_where_a_typed_name_starts_and_ends_in_the_text_as_written():
    """(start, end, field) of each place, in the text's own characters: the end is one past the name's last
    letter, whatever stands between its words (two spaces, a line break) or follows it."""
    from casebuilder.protect import Protected
    from casebuilder.protect.typed import spans

    name = Protected("p-a", "name", NAME)
    text = "Dr Parisa Fictional said; later PARISA\n  FICTIONAL."
    assert spans([name], text) == [(3, 19, "name"), (32, 50, "name")]
    assert [text[s:e] for s, e, _ in spans([name], text)] == [NAME, "PARISA\n  FICTIONAL"]
