"""A small but complete case for brief tests: a Persian name, a protected witness, hostile text."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest

from casebuilder.cli import main
from casebuilder.commands.new import scaffold

HOSTILE = ('<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
           ' <span style="background: url(file:///etc/shadow)">x</span> ![pic](file:///etc/hostname)'
           ' [a link](http://127.0.0.1:9/track)')


def make_case(root: Path) -> Path:
    case = root / "case"
    scaffold(case)
    persons = case / "persons.yaml"
    persons.write_text(persons.read_text(encoding="utf-8") + """\
  - id: p-named
    role: victim
    name: Mahsa Example
    name_original: "مهسا نمونه"
    protection: none
""", encoding="utf-8")
    inc = case / "incidents.yaml"
    text = inc.read_text(encoding="utf-8")
    text = text.replace("killing [[p-victim]].", "killing [[p-victim]] and [[p-named]].\n      " + HOSTILE.replace('"', '\\"'))
    text = text.replace("persons: [p-victim, p-witness]", "persons: [p-victim, p-witness, p-named]")
    text = text.replace('date: "2026-01-03"', 'date: "1404-10-13 SH"')
    inc.write_text(text, encoding="utf-8")
    return case


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pdf_reader(data).pages]


def outline_titles(data: bytes) -> list[str]:
    out: list[str] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append(it.title)
    walk(pdf_reader(data).outline)
    return out


def run_build(case: Path, out: Path, *extra: str) -> int:
    return main(["build", str(case), "-o", str(out), *extra])


@pytest.fixture(scope="session")
def small_case(tmp_path_factory) -> Path:
    return make_case(tmp_path_factory.mktemp("briefcase"))


@pytest.fixture(scope="session")
def built(small_case, tmp_path_factory) -> dict[str, bytes]:
    """Every brief of the small case, built once per test session."""
    out = tmp_path_factory.mktemp("built")
    result = {}
    for brief in ("legal", "un", "review"):
        path = out / f"{brief}.pdf"
        assert run_build(small_case, path, "--brief", brief) == 0
        result[brief] = path.read_bytes()
    path = out / "legal.html"
    assert run_build(small_case, path, "--format", "html") == 0
    result["html"] = path.read_bytes()
    path = out / "legal.json"
    assert run_build(small_case, path, "--format", "json") == 0
    result["json"] = path.read_bytes()
    return result


def attachment_json(data: bytes) -> dict:
    atts = pdf_reader(data).attachments
    assert "analysis.json" in atts
    return json.loads(atts["analysis.json"][0])
