"""The result values briefs and exports read: a reason renders its ids through a label, never ships with an
undocumented code, and an analysis names persons and withheld items as the caller asks."""
from __future__ import annotations

import pytest

from casebuilder.analyse import REASON_CODES, Phrase, Reason, Ref, analyse
from casebuilder.api import check

from .gapfixtures import GAP_FRAMEWORKS, case_dir


def test_a_reason_with_an_undocumented_code_is_refused():
    with pytest.raises(ValueError, match=r"^undocumented reason code 'no-such-code'$"):
        Reason.of("no-such-code", "{0}", "x")
    assert "no-evidence" in REASON_CODES and Reason.of("no-evidence", "none").code == "no-evidence"


def test_a_phrase_labels_the_ids_it_names_and_keeps_a_fixed_sentence_verbatim():
    p = Phrase("{0} relays {1}; {2}", (Ref(("ev-a", "ev-b")), Ref(("p-w",)), 3))
    assert p.render() == str(p) == "ev-a, ev-b relays p-w; 3"
    assert p.render(lambda i: i.upper()) == "EV-A, EV-B relays P-W; 3"
    assert p.refs() == {"ev-a", "ev-b", "p-w"}
    fixed = Phrase("records, footage {for example}")
    assert fixed.render() == fixed.render(str.upper) == "records, footage {for example}" and fixed.refs() == set()
    r = Reason.of("single-origin", "rests on {0}", Ref(("src-a",)))
    assert (r.code, r.template, r.args, r.message) == ("single-origin", "rests on {0}", (Ref(("src-a",)),), "rests on src-a")


@pytest.fixture(scope="module")
def analysis():
    c = check(case_dir("withheld-item"), GAP_FRAMEWORKS)
    return analyse(c.case, c.frameworks, "reasonable-grounds", label=lambda pid: f"<{pid}>")


def test_an_allegation_is_found_by_id_and_an_unknown_one_is_none(analysis):
    assert analysis.allegation("al-murder").id == "al-murder"
    assert analysis.allegation("al-none") is None


def test_to_json_names_persons_by_the_analysis_label_and_withheld_items_as_asked(analysis):
    def murder(doc):
        al = next(a for a in doc["allegations"] if a["id"] == "al-murder")
        e = next(e for e in al["elements"] if e["id"] == "cah.murder.1")
        return e["origins"], [i["evidence"] for i in e["supporting"]], e["supporting"][0]["note"]
    assert murder(analysis.to_json()) == (["<p-pseudo>", "<p-secret-witness-name>", "src-ngo"],
                                          ["ev-ngo-quotes-pseudo", "ev-report", "ev-secret-testimony"], "<p-pseudo> saw it.")
    assert murder(analysis.to_json("public", item=lambda eid: "E-03")) == (
        ["<p-pseudo>", "withheld origin", "src-ngo"], ["ev-ngo-quotes-pseudo", "ev-report", "E-03"], "<p-pseudo> saw it.")
    assert murder(analysis.to_json("public")) == (
        ["<p-pseudo>", "withheld origin", "src-ngo"], ["ev-ngo-quotes-pseudo", "ev-report", "withheld item"],
        "<p-pseudo> saw it.")
    assert murder(analysis.to_json(label=lambda pid: "[person]")) == (
        ["[person]", "[person]", "src-ngo"], ["ev-ngo-quotes-pseudo", "ev-report", "ev-secret-testimony"], "[person] saw it.")


def test_an_incremental_reanalysis_takes_what_reuse_returns_allegations_and_contexts_alike():
    c = check(case_dir("context-shared"), GAP_FRAMEWORKS)
    first = analyse(c.case, c.frameworks, "reasonable-basis")
    asked = []

    def reuse(al):
        asked.append(al.id if al is not None else None)
        return first.allegation(al.id) if al is not None else list(first.contexts)
    again = analyse(c.case, c.frameworks, "reasonable-basis", reuse=reuse)
    assert again.allegations == first.allegations and again.contexts == first.contexts
    assert sorted(asked, key=str) == sorted(["al-murder", "al-imprisonment", None], key=str)
    # what reuse returns is taken as it is: here, no contexts at all
    bare = analyse(c.case, c.frameworks, "reasonable-basis", reuse=lambda al: [] if al is None else None)
    assert bare.contexts == () and bare.allegations == first.allegations


def test_an_analysis_is_ready_unless_its_standard_needs_an_identified_person():
    c = check(case_dir("context-shared"), GAP_FRAMEWORKS)
    an = analyse(c.case, c.frameworks, "reasonable-basis")
    assert (an.readiness, an.readiness_reason, an.person) == ("applicable", None, None)
    assert an.to_json()["readiness"] == {"status": "applicable", "person": None, "reason": None}
    trial = analyse(c.case, c.frameworks, "beyond-reasonable-doubt")
    assert trial.readiness == "not_applicable" and trial.readiness_reason.code == "no-identified-person"
