"""Protection attacked as a hostile or careless author would (issue #24, defects 1, 2, 5, 8, 9, 10).

Each test writes a case, runs the command a user would run (`casebuilder build`), and reads the
output as a reader would.  A case that puts a protected identity into something the audience is
shown must fail with ``error[leak]`` and write nothing; a case that does not must build, and its
output must not hold what the audience may not see.
"""
from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from casebuilder.commands.new import scaffold

from clirun import FRAMEWORKS, run

NAME = "Parisa Fictional-Example"
NAME_FA = "پریسا کاظمی"
PHONE = "+98 912 345 6789"
ZWNJ = "\u200c"


def make_case(root: Path, description: str, *, persons=(), evidence=(), person_extra: dict | None = None) -> Path:
    """The `new` scaffold, plus a protected witness and a public incident whose description is
    ``description`` (the place the attack is written)."""
    case = root / "case"
    scaffold(case)
    witness = {"id": "p-w9", "role": "witness", "name": NAME, "name_original": NAME_FA, "protection": "pseudonym",
               "clearance": "confidential", "sensitive": {"phone": PHONE}, **(person_extra or {})}
    extra = {
        "persons": [witness, *persons],
        "evidence": list(evidence),
        "incidents": [{"id": "inc-attack", "title": "Alleged beating at a checkpoint", "date": "2026-01-04",
                       "location": {"place": "Example Road"}, "description": description,
                       "persons": ["p-w9"], "evidence": ["ev-report"]}],
        "allegations": [{"id": "al-attack", "framework": "rome-statute/article-7", "provision": "rs.7.1.a",
                         "incidents": ["inc-attack"],
                         "links": [{"element": "rs.7.1.a.1", "evidence": ["ev-report", *[e["id"] for e in evidence]],
                                    "stance": "supports"}]}],
    }
    (case / "attack.yaml").write_text(json.dumps(extra, ensure_ascii=False, indent=1), encoding="utf-8")
    return case


def build(case: Path, fmt: str, audience: str = "public"):
    out = case.parent / f"brief-{audience}.{fmt}"
    res = run("build", case, "--format", fmt, "--audience", audience, "-o", out, "--frameworks-dir", FRAMEWORKS)
    return res, out


def assert_refused(case: Path, fmt: str, who: str = "p-w9") -> None:
    res, out = build(case, fmt)
    assert res.code == 1, f"exit {res.code}: the attack reached the {fmt} output\n{res.out}\n{res.err[-2000:]}"
    assert "error[leak]" in res.err and who in res.err, res.err
    assert not out.exists()
    for secret in (NAME, NAME_FA, PHONE, "Parisa", "912 345"):
        assert secret not in res.err  # the report never repeats the value


# ------------------------------------------------------------------------- defect 2: inline Markdown
MARKDOWN_SPLITS = [
    f"Seen by **Parisa** Fictional-Example at the gate.",
    f"Seen by `Parisa` Fictional-Example at the gate.",
    f"Seen by Pari*sa* Fictional-Example at the gate.",
    f"Seen by _Parisa_ __Fictional__-Example at the gate.",
    f"Seen by **پریسا** کاظمی at the gate.",
    f"Reached at +98 **912** 345 6789 that night.",
]


@pytest.mark.parametrize("text", MARKDOWN_SPLITS)
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_names_split_by_inline_markdown_are_refused(tmp_path, text, fmt):
    assert_refused(make_case(tmp_path, text), fmt)


# ------------------------------------------------------------------------- defect 8: real-world variants
PERSIAN_URL = "https://news.example/fa/" + urllib.parse.quote(NAME_FA.replace(" ", "-"))
REAL_WORLD = [
    "Her number, 0098 912 345 6789, was on the list.",
    "Her number, 0912 345 6789, was on the list.",
    "Her number, 0912-345-6789, was on the list.",
    "Her number (+989123456789) was on the list.",
    "See https://news.example/search?q=Parisa%20Fictional-Example for the report.",
    "See https://news.example/search?q=Parisa%2520Fictional-Example for the report.",
    f"See {PERSIAN_URL} for the report.",
    f"See {PERSIAN_URL.lower()} for the report.",
    f"خانواده‌ی پریسا کاظمی{ZWNJ}ها شکایت کردند.",
    "خانواده‌ی پریسا کاظمیها شکایت کردند.",
    f"پریسا کاظمی{ZWNJ}ای که دیده شد.",
]


@pytest.mark.parametrize("text", REAL_WORLD)
def test_real_world_variants_are_refused(tmp_path, text):
    assert_refused(make_case(tmp_path, text), "json")


# ------------------------------------------------------------------------- defect 9: look-alikes
LOOK_ALIKES = [
    "Seen by Pari\u3164sa Fictional-Example.",                   # Hangul filler
    "Seen by Pari\u115fsa Fictional-Example.",
    "Seen by Pari\u1160sa Fictional-Example.",
    "Seen by Pari\uffa0sa Fictional-Example.",
    "Seen by Par\u0131sa Fictional-Example.",                    # dotless i
    "Seen by \u0420\u0430risa Fictional-Ex\u0430mple.",          # Cyrillic Р, а
    "Seen by \u03a1arisa Fictional-Ex\u03b1mple.",               # Greek Ρ, α
    "Seen by Paris\u0251 Fictional-Example.",                    # Latin alpha
    "Seen by \u202eelpmaxE-lanoitciF asiraP\u202c at the gate.",  # right-to-left override
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_characters_are_refused(tmp_path, text):
    assert_refused(make_case(tmp_path, text), "json")


def test_look_alikes_in_a_pdf_are_refused(tmp_path):
    assert_refused(make_case(tmp_path, "Seen by \u0420\u0430ri\u3164sa Fictional-Example."), "pdf")


# ------------------------------------------------------------------------- defect 10: insertions
INSERTIONS = [
    "Seen by [Parisa](https://x.org/) Fictional-Example.",
    "Seen by [Parisa](https://x.org/a/very/long/path?with=query&and=more) Fictional-Example.",
    "Seen by Parisa <https://x.org/> Fictional-Example.",
    "Seen by Parisa [^1] Fictional-Example.",
    "Seen by [Parisa][ref] Fictional-Example.\n\n[ref]: https://x.org/",
]


@pytest.mark.parametrize("text", INSERTIONS)
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_names_with_markup_between_first_name_and_surname_are_refused(tmp_path, text, fmt):
    assert_refused(make_case(tmp_path, text), fmt)


def test_insertions_in_a_pdf_are_refused(tmp_path):
    assert_refused(make_case(tmp_path, INSERTIONS[0]), "pdf")


# ------------------------------------------------------------------------- no false alarms
ORDINARY = [
    "Parisa Fictional and Example Road are nearby places; Fictional-Examples abound.",
    "Reports came from Paris; the fictional example: the 0098 prefix dials abroad, 912 times.",
    "Сотрудники полиции задержали демонстрантов. Οι διαδηλωτές συνελήφθησαν.",  # Cyrillic, Greek text
    "گزارش‌ها از شکایت خانواده‌ها حکایت دارد.",
    "See https://news.example/search?q=protest%20Tehran%202026 for the report.",
    "Karim, Kanm and rnodel: 0 1 l I | words an ordinary brief may hold.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_still_builds(tmp_path, text):
    res, out = build(make_case(tmp_path, text), "json")
    assert res.code == 0, res.err
    shown = out.read_text(encoding="utf-8")
    assert NAME not in shown and "Witness" in shown


# ------------------------------------------------------------------------- defect 1: withheld text pasted
SECRET_EXCERPT = "She saw the commander order the guards to fire at the crowd near the hospital gate."


def withheld_statement(**kw) -> dict:
    return {"id": "ev-statement", "kind": "testimony", "source": "src-ngo", "title": "Statement of the night nurse",
            "excerpt": SECRET_EXCERPT, "confidentiality": "confidential", **kw}


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_withheld_text_pasted_into_a_visible_field_is_refused(tmp_path, fmt):
    case = make_case(tmp_path, f"According to a witness, {SECRET_EXCERPT}", evidence=[withheld_statement()])
    res, out = build(case, fmt)
    assert res.code == 1 and not out.exists(), res.out
    assert "withheld-copied" in res.err and "ev-statement" in res.err and "inc-attack" in res.err, res.err
    assert SECRET_EXCERPT not in res.err and "commander order" not in res.err


def test_a_withheld_exhibit_path_pasted_into_a_visible_field_is_refused(tmp_path):
    ev = withheld_statement(excerpt=None, exhibit={"path": "statements/night nurse interview recording part two.mp4"})
    ev.pop("excerpt")
    case = make_case(tmp_path, "The recording is kept as statements/night nurse interview recording part two.mp4 today.",
                     evidence=[ev])
    res, out = build(case, "json")
    assert res.code == 1 and not out.exists() and "withheld-copied" in res.err, res.err


def test_the_same_text_at_the_audience_level_is_no_secret(tmp_path):
    """Text of an item the audience may see, repeated in the incident: nothing to protect."""
    ev = withheld_statement(confidentiality="public")
    res, out = build(make_case(tmp_path, f"According to a witness, {SECRET_EXCERPT}", evidence=[ev]), "json")
    assert res.code == 0, res.err


# ------------------------------------------------------------------------- defect 5: every field follows the entry
def test_a_confidential_entry_shows_no_field_to_the_public(tmp_path):
    """Every field of a person's entry follows the entry's level — whatever fields the model has,
    including ones added later: each is filled with a value a reader could spot, and none may
    reach a public brief in any format."""
    from casebuilder.models import Person

    values = {"age": 117}
    for name, f in Person.model_fields.items():
        if name in values or name in ("id", "role", "protection", "clearance", "confidentiality", "pseudonym", "name"):
            continue
        ann = str(f.annotation)
        if "str" in ann and "dict" not in ann and "list" not in ann and "Literal" not in ann:
            values[name] = f"Zqv{name.replace('_', '')}marker"
    victim = {"id": "p-v7", "role": "victim", "protection": "pseudonym", "confidentiality": "confidential", **values,
              "name": "Shirin Fictional-Victim"}
    case = make_case(tmp_path, "A victim, [[p-v7]], was beaten.", persons=[victim])
    for brief in ("un", "legal"):
        for fmt in ("json", "html"):
            out = tmp_path / f"{brief}.{fmt}"
            res = run("build", case, "--brief", brief, "--format", fmt, "--audience", "public", "-o", out,
                      "--frameworks-dir", FRAMEWORKS)
            assert res.code == 0, res.err
            shown = out.read_text(encoding="utf-8")
            for name, v in values.items():
                assert str(v) not in shown, f"{name} of a confidential entry is in the public {brief} {fmt}"
            if fmt == "json":
                doc = json.loads(shown)
                ages = []
                stack = [doc]
                while stack:
                    x = stack.pop()
                    if isinstance(x, dict):
                        ages += [v for k, v in x.items() if k == "age" and v is not None]
                        stack += x.values()
                    elif isinstance(x, list):
                        stack += x
                assert 117 not in ages


def test_a_right_to_left_override_in_a_hand_edited_html_file_is_found(tmp_path):
    """`casebuilder audit` on an HTML file edited by hand: a name drawn reversed by `<bdo dir=rtl>` or
    by the override character, as a reader sees it."""
    case = make_case(tmp_path, "Nothing to see.")
    for body in ('<p>Seen by <bdo dir="rtl">elpmaxE-lanoitciF asiraP</bdo>.</p>',
                 "<p>Seen by &#x202e;elpmaxE-lanoitciF asiraP&#x202c;.</p>"):
        f = tmp_path / "edited.html"
        f.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        res = run("audit", f, "--case", case, "--audience", "public", "--frameworks-dir", FRAMEWORKS)
        assert res.code == 1 and "p-w9" in res.out + res.err, res.out + res.err
