"""How an analysis names persons for an audience when the caller gives no label of its own (the API's to_json
without the protect stage): a person without protection by id, a protected one by id only where the audience is
cleared, else by pseudonym, else as 'withheld person'; [[person]] references in notes alike."""
from __future__ import annotations

import pytest

from casebuilder.analyse import analyse
from casebuilder.api import check
from casebuilder.commands.new import scaffold

CASE = """\
sources:
  - {id: src-ngo, name: NGO, kind: ngo, reliability: B, reliability_reason: test}
persons:
  - {id: p-open, role: witness, name: Open Name, protection: none}
  - {id: p-cleared, role: witness, name: Cleared Name, protection: withheld, clearance: restricted}
  - {id: p-pseudo, role: witness, name: Hidden Name, protection: pseudonym, pseudonym: Witness Q, clearance: confidential}
  - {id: p-nameless, role: witness, name: Nameless Name, protection: pseudonym, clearance: confidential}
  - {id: p-secret, role: witness, name: Secret Name, protection: withheld, clearance: confidential}
  - {id: p-default, role: witness, name: Default Name, protection: withheld}
evidence:
  - {id: ev-open, kind: report, source: src-ngo, derived_from: [p-open], credibility: 2, confidentiality: public}
  - {id: ev-cleared, kind: report, source: src-ngo, derived_from: [p-cleared], credibility: 2, confidentiality: public}
  - {id: ev-pseudo, kind: report, source: src-ngo, derived_from: [p-pseudo], credibility: 2, confidentiality: public}
  - {id: ev-nameless, kind: report, source: src-ngo, derived_from: [p-nameless], credibility: 2, confidentiality: public}
  - {id: ev-secret, kind: report, source: src-ngo, derived_from: [p-secret], credibility: 2, confidentiality: public}
  - {id: ev-default, kind: report, source: src-ngo, derived_from: [p-default], credibility: 2, confidentiality: public}
"""
ALLEGATION = """\
  - id: al-naming
    framework: rome-statute/article-7
    provision: rs.7.1.a
    links:
      - {element: rs.7.1.a.1, evidence: [ev-open, ev-cleared, ev-pseudo, ev-nameless, ev-secret, ev-default],
         note: "[[p-pseudo]] saw [[p-open]] and [[p-secret]]; [[p-unknown]] is no person of the case"}
"""
ORDER = ["p-cleared", "p-default", "p-nameless", "p-open", "p-pseudo", "p-secret"]  # the origins, by id


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    case = tmp_path_factory.mktemp("naming") / "case"
    scaffold(case)
    (case / "naming.yaml").write_text(CASE, encoding="utf-8")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8") + ALLEGATION, encoding="utf-8")
    checked = check(case)
    return analyse(checked.case, checked.frameworks, "reasonable-basis")


def named(analysis, audience):
    al = next(a for a in analysis.to_json(audience)["allegations"] if a["id"] == "al-naming")
    e = next(e for e in al["elements"] if e["id"] == "rs.7.1.a.1")
    return e["origins"], e["supporting"][0]["note"]


W = "withheld person"


@pytest.mark.parametrize("audience,origins,note", [
    ("public", [W, W, W, "p-open", "Witness Q", W], "Witness Q saw p-open and withheld person"),
    ("restricted", ["p-cleared", W, W, "p-open", "Witness Q", W], "Witness Q saw p-open and withheld person"),
    ("confidential", ["p-cleared", W, "p-nameless", "p-open", "p-pseudo", "p-secret"], "p-pseudo saw p-open and p-secret"),
    ("strictly-confidential", ORDER, "p-pseudo saw p-open and p-secret"),
    (None, ORDER, "[[p-pseudo]] saw [[p-open]] and [[p-secret]]"),  # no audience, no label: the note as written
])
def test_persons_are_named_as_far_as_the_audience_is_cleared(analysis, audience, origins, note):
    assert named(analysis, audience) == (origins, note + "; [[p-unknown]] is no person of the case")
