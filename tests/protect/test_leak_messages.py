"""What the build and `check` say about a protected identity, word for word: the leak errors (one per
protected value, counting the other places; or one per typed place the output printed, at the name)
and the name-in-text errors with their fix.  None of them shows the value."""
from __future__ import annotations

import pytest

from casebuilder.audit import audit_output, format_leak, leak_diagnostics
from casebuilder.audit.report import typed_diagnostics
from casebuilder.audit.scan import extract
from casebuilder.protect.typed import typed_identities

from .casefiles import case_info, evidence, incident, load, person, write_case

NAME = "Parisa Fictional"
AUDIENCES = ("which briefs for the public, restricted and confidential audiences print; it may be shown only to "
             "strictly-confidential and above")
WRITE_REF = "Write [[p-a]] instead (briefs print the name or pseudonym each audience may see), or remove it"


@pytest.fixture
def case_dir(tmp_path):
    info = case_info()
    info["description"] = f"As {NAME} said."
    return write_case(tmp_path, [
        person("p-a", name=NAME, protection="pseudonym", pseudonym="Nurse P", clearance="strictly-confidential",
               sensitive={"phone": "+98 912 345 6789"}),
        person("p-w", name="Withheld Witness", pseudonym=f"{NAME} the nurse", protection="withheld")],
        [evidence("ev-1", title=f"Talk with {NAME}", locator="call +98 912 345 6789")],
        [incident("inc-1", f"Seen by {NAME}.")], info=info)


def at(case_dir, marker: str, nth: int = 0) -> tuple[int, int]:
    lines = (case_dir / "case.yaml").read_text(encoding="utf-8").split("\n")
    return [(n + 1, line.index(marker) + 1) for n, line in enumerate(lines) if marker in line][nth]


def shown(diags) -> list[tuple[tuple[int, int], str]]:
    return [((d.location.line, d.location.column), d.message) for d in diags]


def test_check_says_where_each_name_is_typed_whose_it_is_and_how_to_fix_it(case_dir):
    case = load(case_dir)
    diags = typed_diagnostics(typed_identities(case)).items
    # (a phone number is located at its first digit: the '+' is no part of what is matched)
    assert sorted(shown(diags)) == sorted([
        (at(case_dir, f"As {NAME}", 0)[:1] + (at(case_dir, NAME, 0)[1],),
         f"protected name of person p-a (name) is typed in the description of the case block, {AUDIENCES}. {WRITE_REF}"),
        (at(case_dir, NAME, 2), "protected name of person p-a (name) is typed in the pseudonym of person p-w, which "
         "briefs for the confidential audience print; it may be shown only to strictly-confidential and above. "
         "Choose a pseudonym that does not contain it"),
        (at(case_dir, NAME, 3), f"protected name of person p-a (name) is typed in the title of evidence item ev-1, "
         f"{AUDIENCES}. {WRITE_REF}, or give evidence item ev-1 `confidentiality: strictly-confidential`"),
        (at(case_dir, "98 912 345 6789", 1), "protected detail of person p-a (sensitive.phone) is typed in the "
         f"locator of evidence item ev-1, {AUDIENCES}. Remove it, or give evidence item ev-1 "
         "`confidentiality: strictly-confidential`"),
        (at(case_dir, NAME, 4), f"protected name of person p-a (name) is typed in the description of incident inc-1, "
         f"{AUDIENCES}. {WRITE_REF}, or give incident inc-1 `confidentiality: strictly-confidential`"),
    ])
    assert all(d.code == "name-in-text" and d.quote is False for d in diags)


def test_a_leak_no_typed_place_explains_is_one_error_per_value_at_the_owner(case_dir):
    case = load(case_dir)
    data = f"<p title='{NAME}'>{NAME}</p><!-- {NAME} --><p>Withheld Witness</p>".encode()
    leaks = audit_output(data, "html", case, "public")
    got = shown(leak_diagnostics(leaks, case, "out.html"))
    assert got[:2] == [
        (at(case_dir, '"p-a"'), "protected identity of person p-a (name) found in HTML attribute 'title' on line 1 "
                                "(and 2 other places) of out.html; nothing was written"),
        (at(case_dir, '"p-w"'), "protected identity of person p-w (name) found in HTML text near line 1 of out.html; "
                                "nothing was written")]
    first = next(lk for lk in leaks if lk.person_id == "p-w")
    assert format_leak("out.html", first) == \
        "out.html: error[leak]: protected identity of person p-w (name) found in HTML text near line 1"
    one_more = audit_output(f"<p>{NAME}</p><!-- {NAME} -->".encode(), "html", case, "public")
    assert shown(leak_diagnostics(one_more, case, "b.html"))[0][1] == (
        "protected identity of person p-a (name) found in HTML text near line 1 (and 1 other place) of b.html; "
        "nothing was written")


def test_the_errors_of_another_output_are_added_to_the_diagnostics_given(case_dir):
    """A caller auditing several outputs gathers their leak errors in one report: the diagnostics given are
    the ones returned, holding the first output's errors and then the next one's."""
    case = load(case_dir)
    data = f"<p>{NAME}</p>".encode()
    first = leak_diagnostics(audit_output(data, "html", case, "public"), case, "a.html")
    both = leak_diagnostics(audit_output(data, "html", case, "public"), case, "b.html", diags=first)
    assert both is first
    assert [message for _, message in shown(both)] == [
        f"protected identity of person p-a (name) found in HTML text near line 1 of {out}; nothing was written"
        for out in ("a.html", "b.html")]


def test_a_typed_name_the_output_printed_is_one_error_at_the_name(case_dir):
    case = load(case_dir)
    data = f"<p>Seen by {NAME}.</p><p title='x {NAME}'>y</p>".encode()
    leaks = audit_output(data, "html", case, "public")
    typed = typed_identities(case, "public")
    printed = leak_diagnostics(leaks, case, "out.html", typed=typed, printed=extract("html", data)).items
    appears = "in out.html it appears in HTML text near line 1 (and 1 other place), and nothing was written"
    assert shown(printed) == [(at(case_dir, NAME, 4), (
        f"protected name of person p-a (name) is typed in the description of incident inc-1, {AUDIENCES}; {appears}. "
        f"{WRITE_REF}, or give incident inc-1 `confidentiality: strictly-confidential`"))]
    assert printed[0].quote is False
    # without the output's text, every typed place of the leaked value is named
    every = leak_diagnostics(leaks, case, "out.html", typed=typed).items
    assert sorted(loc for loc, _ in shown(every)) == sorted(
        [at(case_dir, f"As {NAME}")[:1] + (at(case_dir, NAME, 0)[1],), at(case_dir, NAME, 3), at(case_dir, NAME, 4)])


def test_a_name_inside_another_persons_name_is_fixed_by_renaming_not_by_a_level(tmp_path):
    case = load(write_case(tmp_path, [person("p-a", name=NAME, protection="pseudonym"),
                                      person("p-senior", "victim", name=f"{NAME} Senior")]))
    assert [d.message for d in typed_diagnostics(typed_identities(case)).items] == [
        "protected name of person p-a (name) is typed in the name of person p-senior, which briefs for the public "
        "and restricted audiences print; it may be shown only to confidential and above. Write [[p-a]] instead "
        "(briefs print the name or pseudonym each audience may see), or remove it"]


def test_a_typed_name_printed_once_and_a_leak_no_typed_place_explains_are_both_reported(case_dir):
    """The output prints the incident's description (a typed name, found once) and the withheld witness's
    name (typed nowhere): one error at the typed name, saying where it appears with no other place, and one
    at the witness's entry."""
    case = load(case_dir)
    data = f"<p>Seen by {NAME}.</p><p>Withheld Witness</p>".encode()
    leaks = audit_output(data, "html", case, "public")
    typed = typed_identities(case, "public")
    got = shown(leak_diagnostics(leaks, case, "out.html", typed=typed, printed=extract("html", data)).items)
    assert got == [
        (at(case_dir, NAME, 4), f"protected name of person p-a (name) is typed in the description of incident inc-1, "
         f"{AUDIENCES}; in out.html it appears in HTML text near line 1, and nothing was written. {WRITE_REF}, "
         "or give incident inc-1 `confidentiality: strictly-confidential`"),
        (at(case_dir, '"p-w"'), "protected identity of person p-w (name) found in HTML text near line 1 of out.html; "
                                "nothing was written")]


def test_a_text_typing_a_name_twice_is_printed_when_the_output_holds_either_place(tmp_path):
    """The output holds the words around the first of two places where a text types the name (a copy cut
    short, say): the leak is that text's, reported at the name, not as a leak no typed place explains."""
    case_dir = write_case(tmp_path, [person("p-a", name=NAME, protection="pseudonym", pseudonym="Nurse P",
                                            clearance="strictly-confidential")],
                          incidents=[incident("inc-1", f"Seen by {NAME} at dawn. Later {NAME} left the ward.")])
    case = load(case_dir)
    data = f"<p>Seen by {NAME} at dawn.</p>".encode()
    got = shown(leak_diagnostics(audit_output(data, "html", case, "public"), case, "out.html",
                                 typed=typed_identities(case, "public"), printed=extract("html", data)).items)
    assert got and all(msg.startswith("protected name of person p-a (name) is typed in the description of incident "
                                      "inc-1") for _, msg in got)
    assert at(case_dir, NAME, 1) in [loc for loc, _ in got] and at(case_dir, '"p-a"') not in [loc for loc, _ in got]


def test_a_name_and_an_alias_typed_at_one_spot_are_one_place_naming_both_fields(tmp_path):
    case = load(write_case(tmp_path, [person("p-a", name=NAME, aliases=["Fictional"], protection="pseudonym",
                                             pseudonym="Nurse P")],
                           incidents=[incident("inc-1", f"Seen by {NAME}.")]))
    assert [d.message.split(" is typed")[0] for d in typed_diagnostics(typed_identities(case)).items] == [
        "protected name of person p-a (name; aliases[0])"]


def test_a_name_typed_in_an_item_of_a_list_is_placed_by_its_index(tmp_path):
    """A list's items are named as the case file reads them, ``whereabouts.charges[1]``, not by a dotted number."""
    case_dir = write_case(tmp_path, [
        person("p-a", name=NAME, protection="pseudonym", pseudonym="Nurse P", clearance="strictly-confidential"),
        person("p-d", "detainee", name="Open Detainee", protection="none",
               whereabouts={"status": "detained", "charges": ["Acting against national security",
                                                              f"Helping {NAME} reach the border"]})],
        info=case_info())
    diags = typed_diagnostics(typed_identities(load(case_dir))).items
    assert [d.message.split(", which")[0] for d in diags] == [
        "protected name of person p-a (name) is typed in the whereabouts.charges[1] of person p-d"]
