"""The build's leak refusal, pinned by fixed examples (the property tests sample it at random).

One protected name, typed once into a field the public sees, in the smallest complete case: every
output format refuses with exit 1, names the person by id only, and writes nothing — no output,
no temporary file beside it, and an earlier output at the same path left as it was.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casebuilder.build import FORMATS
from clirun import FRAMEWORKS, GOOD, run

NAME = "Fictional Witness Name"  # p-witness: protection pseudonym, clearance confidential


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "incidents.yaml"
    text = p.read_text(encoding="utf-8")
    assert "Alleged shooting at a demonstration" in text
    p.write_text(text.replace("Alleged shooting at a demonstration",
                              f"Alleged shooting at a demonstration, as {NAME} recalls"), encoding="utf-8")
    return case


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("brief", ["legal", "un"])  # the briefs that print incident titles
def test_one_leaked_name_fails_every_format_and_writes_nothing(leaky: Path, tmp_path: Path, fmt: str,
                                                               brief: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"brief.{fmt}"
    out.write_bytes(b"the previous output")
    r = run("build", leaky, "--brief", brief, "--format", fmt, "--audience", "public", "-o", out,
            "--frameworks-dir", FRAMEWORKS)
    assert r.code == 1, (r.out, r.err)
    assert "error[leak]" in r.err and "p-witness" in r.err
    assert NAME not in r.err and NAME not in r.out  # the log never shows the name it refused
    assert out.read_bytes() == b"the previous output"
    assert sorted(p.name for p in out_dir.iterdir()) == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_case_builds_for_an_audience_cleared_to_see_the_name(leaky: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"brief.{fmt}"
    r = run("build", leaky, "--format", fmt, "--audience", "confidential", "-o", out, "--frameworks-dir", FRAMEWORKS)
    assert r.code == 0, r.err
    assert out.is_file()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_review_brief_either_refuses_or_does_not_carry_the_name(leaky: Path, tmp_path: Path, fmt: str) -> None:
    """The review brief shows no incident title in PDF or HTML; its JSON view model does, and refuses."""
    out = tmp_path / f"review.{fmt}"
    r = run("build", leaky, "--brief", "review", "--format", fmt, "--audience", "public", "-o", out,
            "--frameworks-dir", FRAMEWORKS)
    if r.code == 1:
        assert "error[leak]" in r.err and not out.exists()
        return
    assert r.code == 0, r.err
    data = out.read_bytes()
    if fmt == "pdf":
        import io
        import pypdf
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n".join(pg.extract_text() for pg in reader.pages)
        text += "".join(b.decode("utf-8", "replace") for bodies in reader.attachments.values() for b in bodies)
    elif fmt in ("docx", "odt"):  # a zip of XML: every member's text
        import io
        import re
        import zipfile
        z = zipfile.ZipFile(io.BytesIO(data))
        text = "".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8", "replace")) for n in z.namelist())
    else:
        text = data.decode("utf-8")
    assert NAME not in text and "Fictional" not in text
