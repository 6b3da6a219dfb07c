"""The submission to the UN special procedures, read back from the PDF as a mandate's legal officer would.

The bundled case is built in English, French and Spanish: addressees, the kind of communication,
victims with their particulars and consent-driven naming, the ICCPR and CRC claims, requests and
questions, domestic remedies, and no gap status.  Small scaffolded cases test the refusals (an
allegation resting only on an interested party; media-only sourcing), the consent gate against the
leak audit, and the catalogues (complete, compiled, shipped; a missing entry never fails a build).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from clirun import REPO, run

from casebuilder.api import check
from casebuilder.commands.new import scaffold
from casebuilder.un import plan
from casebuilder.un.submission import people
from casebuilder.un.i18n import LOCALE_DIR, extract, translations

from .conftest import page_texts, pdf_reader, run_build

IRAN = REPO / "cases" / "iran-2026"
GAP_WORDS = ("insufficient", "unsupported", "independent origin", "standard of proof", "under the standard",
             "reasonable basis", "insuffisant", "insuficiente")


def _text(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())  # words as a reader copies them, one space apart


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> dict[str, str]:
    """The bundled UN submission: public in en/fr/es, restricted and confidential in English."""
    out = tmp_path_factory.mktemp("un")
    texts = {}
    for key, extra in (("en", ()), ("fr", ("--lang", "fr")), ("es", ("--lang", "es")),
                       ("restricted", ("--audience", "restricted")), ("confidential", ("--audience", "confidential"))):
        path = out / f"{key}.pdf"
        assert run_build(IRAN, path, "--brief", "un", *extra) == 0
        texts[key] = _text(path.read_bytes())
        if key == "en":
            texts["_metadata"] = pdf_reader(path.read_bytes()).metadata.title
    return texts


@pytest.fixture(scope="module")
def iran_plan():
    checked = check(IRAN)
    assert checked.ok()
    return checked, plan(checked.case, checked.frameworks)


# ------------------------------------------------------------------ the bundled submission, in English
def test_names_its_addressees_and_the_kind_of_communication(bundled):
    en = bundled["en"]
    assert "Urgent appeal: Killings, mass arrests" in en
    for mandate in ("Special Rapporteur on the situation of human rights in the Islamic Republic of Iran",
                    "Special Rapporteur on extrajudicial, summary or arbitrary executions",
                    "Working Group on Arbitrary Detention", "Working Group on Enforced or Involuntary Disappearances",
                    "Special Rapporteur on the rights to freedom of peaceful assembly and of association",
                    "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression"):
        assert mandate in en, mandate
    # the Fact-Finding Mission receives the information; its mandate is dated from S-35/1
    assert "Independent International Fact-Finding Mission on the Islamic Republic of Iran" in en
    assert "HRC res. S-35/1" in en
    # the urgent appeal says which recorded harm makes it one
    assert "Amir Mehdi Razm (incommunicado detention or unknown whereabouts)" in en
    assert bundled["_metadata"].startswith("Submission to the United Nations special procedures")


def test_claims_the_core_iccpr_and_crc_violations(bundled):
    en = bundled["en"]
    for citation in ("International Covenant on Civil and Political Rights, art. 6(1)",
                     "International Covenant on Civil and Political Rights, art. 6(2)",
                     "International Covenant on Civil and Political Rights, art. 9",
                     "International Covenant on Civil and Political Rights, art. 14",
                     "International Covenant on Civil and Political Rights, art. 19",
                     "International Covenant on Civil and Political Rights, art. 21",
                     "International Covenant on Civil and Political Rights, art. 24(1)",
                     "Convention on the Rights of the Child, art. 37",
                     "Declaration on the Protection of All Persons from Enforced Disappearance"):
        assert citation in en, citation
    assert "No one shall be arbitrarily deprived of his life." in en
    assert "The right of peaceful assembly shall be recognized." in en
    assert "Human Rights Committee, General Comment No. 36" in en  # interpretive sources are cited
    # information is attributed, with the authorities' position beside it
    assert "Information to the contrary, including the authorities' position:" in en
    assert "Amnesty International" in en


def test_lists_victims_with_particulars_and_consent_driven_naming(bundled, iran_plan):
    en = bundled["en"]
    _, p = iran_plan
    # named with consent to be named, with particulars
    assert "Reza Azimzadeh" in en and "Mohammad Reza Karami" in en
    assert "3 January 2026, Malekshahi, Ilam Province" in en
    assert "given by a family member on 10 February 2026" in en
    # submitted, but without consent to be named: a pseudonym in the public version
    assert "Mehdi Emamipour" not in en and "Sepehr Salehi" not in en
    assert "pseudonym: no consent to be named publicly" in en
    # no consent to submit: left out and counted
    assert "Ali Karimi Bavolaki" not in en and "Nemat Heydari" not in en
    # the brief's statement about consent is true of the data
    left = sum(people(v) for v in p.left_out.values())
    assert (f"The cases of {people(p.submitted)} of the {people(p.victims)} persons concerned are submitted with the "
            "recorded consent") in en
    assert f"{left} are left out of this communication for want of that consent" in en
    assert f"{people(p.named)} consented to be named in the public communications report" in en
    # a group of victims is one row with its count, counted in people above (#26)
    assert "Group of 2 persons" in en and "shown 'confessing' on Tasnim" in en
    assert "Groupe de 2 personnes" in bundled["fr"] and "Grupo de 2 personas" in bundled["es"]
    assert people(p.submitted) > len(p.submitted)
    # withheld children are never named; their status is
    assert "Kourosh Nouri" not in en and "Person X-05 (identity withheld)" in en


def test_the_version_for_the_mandate_holders_names_those_who_did_not_consent_to_publication(bundled):
    restricted, confidential = bundled["restricted"], bundled["confidential"]
    assert "Mehdi Emamipour" in restricted and "Sepehr Salehi" in restricted
    assert "Dehloran, Ilam Province" in restricted  # the residence beside the name, not beside a pseudonym
    assert "Dehloran, Ilam Province" not in bundled["en"].split("5. Facts")[0]
    # still left out: their case is not submitted at any level below the top one
    assert "Ali Karimi Bavolaki" not in restricted
    # the submitter's contact only at its level
    assert "un-submissions@example.org" not in restricted
    assert "un-submissions@example.org" in confidential


def test_carries_requests_questions_and_domestic_remedies(bundled):
    en = bundled["en"]
    assert "9. Requests to the mandate-holders" in en and "10. Questions to the Government" in en
    assert "halt any execution and any capital prosecution" in en
    assert "whereabouts and legal status of each detainee named in this communication" in en
    assert "preserve hospital, morgue and burial records" in en
    assert "Families of persons killed or detained have no effective remedy" in en


def test_prints_no_gap_status(bundled):
    for key in ("en", "fr", "es", "restricted"):
        low = bundled[key].lower()
        for word in GAP_WORDS:
            assert word not in low, (key, word)
    # ("Contested." may open a sentence of the analyst's own account of the facts: case content, not a status)


def test_the_view_carries_no_analysis(tmp_path):
    out = tmp_path / "un.json"
    assert run("build", IRAN, "--brief", "un", "--format", "json", "-o", out).code == 0
    view = json.loads(out.read_text(encoding="utf-8"))
    assert not {"allegations", "gaps", "matrix", "summary", "quality"} & set(view)
    for n in view["un"]["norms"]:
        assert not {"status", "status_label", "elements"} & set(n)
        assert all("status" not in it for it in n["supporting"] + n["contradicting"])


# ------------------------------------------------------------------ French and Spanish
def test_renders_in_french_and_spanish(bundled):
    fr, es = bundled["fr"], bundled["es"]
    for phrase in ("Appel urgent", "Destinataires et type de communication", "Victimes présumées",
                   "Questions au Gouvernement", "Recours internes", "Normes relatives aux droits de l'homme en cause",
                   "Rapporteur spécial sur les exécutions extrajudiciaires, sommaires ou arbitraires",
                   "donné par un membre de la famille le 10 février 2026", "Page 2 sur",
                   "Personne X-05 (identité non divulguée)", "Victime V-0"):
        assert phrase in fr, phrase
    for phrase in ("Llamamiento urgente", "Presuntas víctimas", "Preguntas al Gobierno", "Recursos internos",
                   "Grupo de Trabajo sobre la Detención Arbitraria", "otorgado por un familiar el 10 de febrero de 2026",
                   "Página 2 de", "Persona X-05 (identidad reservada)"):
        assert phrase in es, phrase
    # case content stays in its own language
    for text in (fr, es):
        assert "Families of persons killed or detained have no effective remedy" in text
        assert "Reza Azimzadeh" in text and "Mehdi Emamipour" not in text
    assert "Alleged victims" not in fr and "Alleged victims" not in es


def test_lang_is_refused_for_other_briefs(tmp_path):
    res = run("build", IRAN, "--brief", "legal", "--lang", "fr", "-o", tmp_path / "x.pdf")
    assert res.code == 2 and "UN submission only" in res.err
    res = run("build", IRAN, "--brief", "un", "--submission", "un-nope", "-o", tmp_path / "x.pdf")
    assert res.code == 2 and "un-sp-2026-01" in res.err
    assert not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------ catalogues
def test_every_message_is_translated_in_french_and_spanish():
    from babel.messages.pofile import read_po

    ids = extract()
    assert len(ids) > 80 and "Alleged victims" in ids and "Urgent appeal" in ids
    for lang in ("fr", "es"):
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / "casebuilder.po", "rb") as f:
            catalog = read_po(f)
        entries = {m.id: m for m in catalog if m.id}
        missing = [i for i in ids if i not in entries or not entries[i].string or entries[i].fuzzy]
        assert not missing, f"{lang}: translate {missing} (python -m casebuilder.un.i18n update)"
        stale = [i for i in entries if i not in ids]
        assert not stale, f"{lang}: unused entries {stale} (python -m casebuilder.un.i18n update)"
        for i in ids:  # placeholders survive translation
            assert sorted(re.findall(r"%\(\w+\)s|\{\w+\}", i)) == sorted(re.findall(r"%\(\w+\)s|\{\w+\}", entries[i].string)), i


def test_compiled_catalogues_match_their_sources():
    from babel.messages.pofile import read_po

    for lang in ("fr", "es"):
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / "casebuilder.po", "rb") as f:
            catalog = read_po(f)
        t = translations(lang)
        for m in catalog:
            if m.id:
                assert t.gettext(m.id) == m.string, f"{lang}: recompile (python -m casebuilder.un.i18n compile): {m.id}"


def test_catalogues_ship_in_the_package():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text and "babel" in text
    assert LOCALE_DIR.parent == REPO / "casebuilder"


def test_a_missing_catalogue_entry_never_fails_a_build(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    t = templates / "un.html.j2"
    t.write_text(t.read_text(encoding="utf-8").replace(
        "<main>", '<main><p>{{ _("A phrase no catalogue has") }}</p>', 1), encoding="utf-8")
    out = tmp_path / "fr.html"
    assert run("build", IRAN, "--brief", "un", "--lang", "fr", "--format", "html", "--templates", templates,
               "-o", out).code == 0
    html = out.read_text(encoding="utf-8")
    assert "A phrase no catalogue has" in html and "Victimes présumées" in html


# ------------------------------------------------------------------ refusals and the consent gate
def _case(tmp_path: Path, allegation_evidence: str, extra: str = "") -> Path:
    case = tmp_path / "case"
    scaffold(case)
    (case / "un.yaml").write_text(f"""\
sources:
  - id: src-ministry
    name: Example Ministry of the Interior
    kind: state
    reliability: D
    reliability_reason: Organ of the State concerned.
    interested_party: true
  - id: src-paper
    name: Example Daily
    kind: media
    reliability: C
    reliability_reason: National newspaper.
evidence:
  - id: ev-ministry
    kind: official-statement
    source: src-ministry
    date: "2026-01-06"
    summary: The ministry says the police fired in self-defence.
  - id: ev-paper
    kind: media-report
    source: src-paper
    date: "2026-01-04"
    summary: The paper reports shots fired at the demonstrators.
  - id: ev-paper-relays
    kind: media-report
    source: src-paper
    derived_from: [ev-ministry]
    date: "2026-01-07"
    summary: The paper reports the ministry's statement.
allegations:
  - id: al-life
    framework: ihrl/core-rights
    provision: ihrl.core.iccpr.6.1
    title: Killing of a demonstrator
    incidents: [inc-shooting]
    victims: [p-victim]
    links:
      - {{element: ihrl.core.iccpr.6.1.2, evidence: [{allegation_evidence}]}}
{extra}""", encoding="utf-8")
    cy = case / "case.yaml"
    cy.write_text(cy.read_text(encoding="utf-8").replace("frameworks: [rome-statute/article-7]",
                                                         "frameworks: [rome-statute/article-7, ihrl/core-rights]"),
                  encoding="utf-8")
    return case


def test_refuses_an_allegation_resting_only_on_an_interested_party(tmp_path):
    case = _case(tmp_path, "ev-ministry, ev-paper-relays")
    res = run("build", case, "--brief", "un", "--format", "html", "-o", tmp_path / "un.html")
    assert res.code == 1
    assert re.search(r"un\.yaml:\d+:\d+: error\[un-interested-only\]: allegation 'al-life' rests only on "
                     r"statements of interested parties", res.err)
    assert "art. 9(d)" in res.err and not (tmp_path / "un.html").exists()
    # the other briefs are not concerned
    assert run("build", case, "--brief", "legal", "--format", "html", "-o", tmp_path / "l.html").code == 0


def test_warns_when_every_item_is_a_media_report(tmp_path):
    case = _case(tmp_path, "ev-paper")
    res = run("build", case, "--brief", "un", "--format", "html", "-o", tmp_path / "un.html")
    assert res.code == 0, res.err
    assert "warning[un-media-only]" in res.err and "art. 9(e)" in res.err
    assert "warning[un-no-submission]" in res.err
    assert run("build", case, "--brief", "un", "--format", "html", "--strict", "-o", tmp_path / "s.html").code == 1


def test_consent_decides_who_is_named_and_the_audit_enforces_it(tmp_path):
    submission = """\
submissions:
  - id: sub-1
    submitter: {organisation: Example NGO, knowledge: Interviews with the family.}
    requests: ["Ask the Government to investigate."]
"""
    case = _case(tmp_path, "ev-paper, ev-ministry", submission)
    # no consent recorded: the case is left out, the victim's name appears nowhere
    out = tmp_path / "a.pdf"
    assert run("build", case, "--brief", "un", "-o", out).code == 0
    text = _text(out.read_bytes())
    assert "Example Victim" not in text and "The cases of 0 of the 1 persons concerned" in text
    # consent to submit, not to be named: a pseudonym in public, the name for the mandate-holders
    persons = case / "persons.yaml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        "    name: Example Victim\n",
        "    name: Example Victim\n    consent:\n      submission: {status: given, date: \"2026-01-20\", by: family}\n"),
        encoding="utf-8")
    assert run("build", case, "--brief", "un", "-o", out).code == 0
    text = _text(out.read_bytes())
    assert "Example Victim" not in text and "Victim V-01" in text
    assert run("build", case, "--brief", "un", "--audience", "restricted", "-o", tmp_path / "r.pdf").code == 0
    assert "Example Victim" in _text((tmp_path / "r.pdf").read_bytes())
    # a name written out in the facts instead of [[p-victim]] is caught by the audit: nothing is written
    inc = case / "incidents.yaml"
    inc.write_text(inc.read_text(encoding="utf-8").replace("killing [[p-victim]]", "killing Example Victim"),
                   encoding="utf-8")
    res = run("build", case, "--brief", "un", "-o", tmp_path / "leak.pdf")
    assert res.code == 1 and "error[leak]" in res.err and not (tmp_path / "leak.pdf").exists()


def test_proposes_an_urgent_appeal_only_from_recorded_harm(iran_plan):
    checked, p = iran_plan
    assert p.kind == p.kind_proposed == "urgent-appeal"
    assert {h for _, h in p.harms} == {"incommunicado"}
    assert {a.mandate.id for a in p.addressees} >= {"sr-iran", "sr-executions", "wgad", "wgeid", "sr-assembly",
                                                     "sr-expression", "sr-judges", "sr-torture"}
    assert [a.mandate.id for a in p.for_information] == ["ffm-iran"]
    assert p.addressees[0].mandate.id == "sr-iran"  # the country mandate first


@pytest.mark.parametrize("key", ["en", "fr", "confidential"])
def test_the_bundled_submission_names_things_in_words(bundled, key):
    """No id, file name or reason code in the submission's text (#21): items by source and date,
    norms by their citation, victims and incidents by what they are."""
    from casebuilder.render.words import MACHINE
    found = sorted({m.group(0) for m in MACHINE.finditer(bundled[key])})
    assert found == [], f"machine words in the UN submission ({key}): {found[:20]}"
