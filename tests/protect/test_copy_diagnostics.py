"""The build's `withheld-copied` errors: one per copy, at the visible object's id, with a note at the
withheld item's, saying whose text went where; never the text itself."""
from __future__ import annotations

from casebuilder.audit.report import copy_diagnostics
from casebuilder.protect.strings import withheld_copies

from .casefiles import case_info, evidence, incident, load, person, write_case

SECRET = "She saw the commander order the guards to fire at the crowd near the hospital gate."
ACCOUNT = "He was taken from the ward at night by four men in plain clothes and never seen again."


def at(case_dir, oid: str) -> tuple[int, int]:
    """(line, column) of the id value ``oid`` in case.yaml."""
    lines = (case_dir / "case.yaml").read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if f'"id": "{oid}"' in line)
    return n + 1, lines[n].index(f'"{oid}"') + 1


def test_each_copy_is_one_error_at_the_visible_owner_with_a_note_at_the_withheld_item(tmp_path):
    info = case_info()
    info["description"] = f"In short: {SECRET}"
    case_dir = write_case(tmp_path, [person("p-open", "victim", name="Open Person", description=SECRET),
                                     person("p-hidden", "detainee", name="Hidden Person", description=ACCOUNT,
                                            confidentiality="confidential")],
                          [evidence("ev-s", excerpt=SECRET, confidentiality="confidential")],
                          [incident("inc-a", f"According to a witness, {SECRET} {ACCOUNT}")], info=info)
    case = load(case_dir)
    diags = copy_diagnostics(withheld_copies(case, "public"), case, "public")
    got = [(d.code, d.severity, (d.location.line, d.location.column), d.message,
            [((loc.line, loc.column), why) for loc, why in d.related]) for d in diags.items]
    ev_note = [(at(case_dir, "ev-s"), "the evidence withheld from the public audience")]
    person_note = [(at(case_dir, "p-hidden"), "the person withheld from the public audience")]
    tail = "which the public audience is shown: the copy would publish it. Remove it there, or give that"
    assert sorted(got) == sorted([  # the case block's level is the others' default: no level to give it
        ("withheld-copied", "error", at(case_dir, "t-case"), "text of withheld evidence ev-s (excerpt) is copied into "
         "case t-case (description), which the public audience is shown: the copy would publish it. Remove it there",
         ev_note),
        ("withheld-copied", "error", at(case_dir, "p-open"), "text of withheld evidence ev-s (excerpt) is copied into "
         f"person p-open (description), {tail} person the withheld item's level", ev_note),
        ("withheld-copied", "error", at(case_dir, "inc-a"), "text of withheld evidence ev-s (excerpt) is copied into "
         f"incident inc-a (description), {tail} incident the withheld item's level", ev_note),
        ("withheld-copied", "error", at(case_dir, "inc-a"), "text of withheld person p-hidden (description) is copied "
         f"into incident inc-a (description), {tail} incident the withheld item's level", person_note),
    ])
    for d in diags.items:
        assert "commander" not in d.message and "plain clothes" not in d.message
    assert copy_diagnostics(withheld_copies(case, "confidential"), case, "confidential").items == []


def test_a_withheld_place_that_is_the_cases_territory_is_no_copy(tmp_path):
    """The case block names its territory to every reader: a restricted incident at a place of the
    same words shows nothing new.  The same words in a visible description are a copy."""
    from casebuilder.protect import protected_strings

    territory = "The northern districts of Example Province"
    info = case_info()
    info["situation"]["territory"] = territory
    case = load(write_case(tmp_path, incidents=[
        incident("inc-r", "Patients were removed from the wards at night.", confidentiality="restricted",
                 location={"place": territory})], info=info))
    assert withheld_copies(case, "public") == []
    assert territory not in {p.value for p in protected_strings(case, "public")}
    # and the audit's matcher does not look for it: a brief that prints the territory is not refused
    from casebuilder.protect import protected_matcher

    assert protected_matcher(case, "public")[1].scan([("page 1", f"Events in {territory}.")]) == []


def test_a_copy_into_an_actors_description_names_the_actor_and_field(tmp_path):
    import json

    case_dir = write_case(tmp_path, evidence=[evidence("ev-s", excerpt=SECRET, confidentiality="confidential")])
    doc = json.loads((case_dir / "case.yaml").read_text(encoding="utf-8"))
    doc["actors"] = [{"id": "act-unit", "name": "Example Unit", "kind": "unit", "description": f"Accused: {SECRET}"}]
    (case_dir / "case.yaml").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    case = load(case_dir)
    assert [d.message for d in copy_diagnostics(withheld_copies(case, "public"), case, "public").items] == [
        "text of withheld evidence ev-s (excerpt) is copied into actor act-unit (description), which the public "
        "audience is shown: the copy would publish it. Remove it there"]  # an actor has no level to give


def test_a_copy_into_a_figures_label_names_the_label(tmp_path):
    """A figure's label, scope and note are texts every audience is shown: a withheld sentence copied into
    the label is reported at the figure, naming the label."""
    import json

    case_dir = write_case(tmp_path, evidence=[evidence("ev-s", excerpt=SECRET, confidentiality="confidential")])
    doc = json.loads((case_dir / "case.yaml").read_text(encoding="utf-8"))
    doc["figures"] = [{"id": "fig-1", "what": "other", "label": f"Count: {SECRET}", "value": 3, "as_of": "2026-01",
                       "scope": "nationwide", "source": doc["sources"][0]["id"]}]
    (case_dir / "case.yaml").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    case = load(case_dir)
    diags = copy_diagnostics(withheld_copies(case, "public"), case, "public")
    assert [(d.location.line, d.location.column) for d in diags.items] == [at(case_dir, "fig-1")]
    assert diags.items[0].message == ("text of withheld evidence ev-s (excerpt) is copied into figure fig-1 (label), "
                                      "which the public audience is shown: the copy would publish it. Remove it there")


def test_a_copy_into_the_case_blocks_preparer_names_the_field(tmp_path):
    info = case_info()
    info["prepared_by"] = f"Team notes: {SECRET}"
    case_dir = write_case(tmp_path, evidence=[evidence("ev-s", excerpt=SECRET, confidentiality="confidential")],
                          info=info)
    case = load(case_dir)
    diags = copy_diagnostics(withheld_copies(case, "public"), case, "public")
    assert [d.message for d in diags.items] == [
        "text of withheld evidence ev-s (excerpt) is copied into case t-case (prepared_by), which the public "
        "audience is shown: the copy would publish it. Remove it there"]


def test_a_copy_into_an_evidence_items_locator_names_the_locator(tmp_path):
    case_dir = write_case(tmp_path, evidence=[evidence("ev-s", excerpt=SECRET, confidentiality="confidential"),
                                              evidence("ev-v", locator=f"p. 4: {SECRET}")])
    case = load(case_dir)
    diags = copy_diagnostics(withheld_copies(case, "public"), case, "public")
    assert [d.message for d in diags.items] == [
        "text of withheld evidence ev-s (excerpt) is copied into evidence ev-v (locator), which the public "
        "audience is shown: the copy would publish it. Remove it there, or give that evidence the withheld "
        "item's level"]


def test_a_copy_of_a_withheld_persons_record_detail_is_reported_as_their_identity(tmp_path):
    """A withheld person's residence or occupation identifies them as their name does: its copy is
    reported as a copy of their protected identity; their account (description) as a withheld text."""
    home = "Block four of the Example Street housing estate, north side"
    case_dir = write_case(tmp_path, [person("p-hidden", "detainee", name="Hidden Person", description=ACCOUNT,
                                            residence=home, confidentiality="confidential")],
                          incidents=[incident("inc-a", f"The family lived at {home}. {ACCOUNT}")])
    case = load(case_dir)
    tail = ("which the public audience is shown: the copy would publish it. Remove it there, or give that incident "
            "the withheld item's level")
    assert sorted(d.message for d in copy_diagnostics(withheld_copies(case, "public"), case, "public").items) == [
        f"text of protected identity of person p-hidden (residence) is copied into incident inc-a (description), {tail}",
        f"text of withheld person p-hidden (description) is copied into incident inc-a (description), {tail}"]


def test_an_actors_name_that_is_a_withheld_incidents_place_is_no_copy_but_a_sentence_in_it_is(tmp_path):
    """A restricted incident at the place an actor is named after ('The Example Brigade Headquarters
    Compound') shows nothing new: two labels alike, no copy, no secret. A withheld sentence typed as an
    actor's name is a copy, named by the actor's field."""
    import json

    place = "The Example Brigade Headquarters Compound"
    case_dir = write_case(tmp_path, evidence=[evidence("ev-s", excerpt=SECRET, confidentiality="confidential")],
                          incidents=[incident("inc-r", "Detainees were beaten in the yard at night.",
                                              confidentiality="restricted", location={"place": place})])
    doc = json.loads((case_dir / "case.yaml").read_text(encoding="utf-8"))
    doc["actors"] = [{"id": "act-hq", "name": place, "kind": "unit"}, {"id": "act-s", "name": SECRET, "kind": "unit"}]
    (case_dir / "case.yaml").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    case = load(case_dir)
    assert [d.message for d in copy_diagnostics(withheld_copies(case, "public"), case, "public").items] == [
        "text of withheld evidence ev-s (excerpt) is copied into actor act-s (name), which the public audience is "
        "shown: the copy would publish it. Remove it there"]
    from casebuilder.protect import protected_strings

    assert place not in {p.value for p in protected_strings(case, "public")}
