"""Where `check` points for a protected name typed in disguise at the very start of a text (a plain
YAML scalar: the value's first character is the file's), and in a value only its escapes spell."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clirun import FRAMEWORKS, GOOD, run

TITLE = "    title: Alleged shooting at a demonstration\n"  # incident inc-shooting, public; p-witness is confidential


def typed_at(tmp_path: Path, title_line: str) -> list[tuple[int, int]]:
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "incidents.yaml"
    text = p.read_text(encoding="utf-8")
    assert TITLE in text
    p.write_text(text.replace(TITLE, title_line, 1), encoding="utf-8")
    r = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert r.code == 1
    return [(d["line"], d["column"]) for d in json.loads(r.out) if d["code"] == "name-in-text"]


@pytest.mark.parametrize("title", [
    "Fictional <b>Witness</b> Name recalls the shooting",  # markup inside the name
    "Fictional%20Witness%20Name recalls the shooting",  # percent-encoded
])
def test_a_disguised_name_at_the_start_of_a_plain_scalar_is_located_at_its_first_letter(tmp_path, title):
    line = TITLE.replace("Alleged shooting at a demonstration", title)
    assert typed_at(tmp_path, line) == [(3, 12)]  # line 3, after '    title: '


def test_a_name_only_escapes_spell_is_located_at_the_value(tmp_path):
    line = '    title: "Alleged: \\u0046ictional Witness Name recalls"\n'
    assert typed_at(tmp_path, line) == [(3, 12)]  # the value's opening quote


def test_a_name_in_the_last_value_of_a_file_without_a_final_line_break(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "incidents.yaml"  # ends with a public figure: its note is the file's last value
    p.write_text(p.read_text(encoding="utf-8").rstrip("\n") + "\n    note: as Fictional Witness Name recalls",
                 encoding="utf-8")
    r = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    found = [(d["line"], d["column"]) for d in json.loads(r.out) if d["code"] == "name-in-text"]
    lines = p.read_text(encoding="utf-8").split("\n")
    assert found == [(len(lines), lines[-1].index("Fictional") + 1)]



DESCRIPTION = "    description: According to [[p-witness]], security forces opened fire, killing [[p-victim]].\n"


@pytest.mark.parametrize("disguise", ["Fictional <b>Witness</b> Name", "Fictional%20Witness%20Name"])
def test_a_disguised_name_on_a_later_line_of_a_block_text_is_located_on_its_line(tmp_path, disguise):
    """A description written as a block: the name, disguised, on its third line is found at that line of the
    file, at its first letter (each line before it counted with its line break)."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "incidents.yaml"
    text = p.read_text(encoding="utf-8")
    assert DESCRIPTION in text
    block = ("    description: |\n      According to [[p-witness]], security forces opened fire.\n"
             "      A second line of the account.\n"
             f"      Then {disguise} recalls the shooting.\n")
    p.write_text(text.replace(DESCRIPTION, block, 1), encoding="utf-8")
    r = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert r.code == 1
    assert [(d["line"], d["column"]) for d in json.loads(r.out) if d["code"] == "name-in-text"] == [(9, 12)]


def test_an_openly_named_persons_phone_typed_into_a_public_text_is_found(tmp_path):
    """A victim named openly keeps her telephone number confidential (sensitive details default to
    confidential): the number typed into a public title is reported, the name beside it is not."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    parties = case / "parties.yaml"
    text = parties.read_text(encoding="utf-8")
    victim = "    name: Example Victim\n"
    assert victim in text
    parties.write_text(text.replace(victim, victim + "    sensitive: {phone: \"+98 912 345 6789\"}\n", 1), encoding="utf-8")
    p = case / "incidents.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        TITLE, "    title: Example Victim called 0912 345 6789 that night\n", 1), encoding="utf-8")
    r = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS)
    found = [(d["line"], d["column"], d["message"]) for d in json.loads(r.out) if d["code"] == "name-in-text"]
    assert [(line, col) for line, col, _ in found] == [(3, 34)] and "p-victim" in found[0][2], found
