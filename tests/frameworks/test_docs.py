"""docs/frameworks.md stays true to the data: the framework table, the worked example, the unverified list."""
from __future__ import annotations

import json
import re
import shutil

from clirun import run

from . import unverified_list
from .fwdata import FRAMEWORKS_DIR, UPDATE_ENV, update_requested

DOC = unverified_list.DOC


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def between(name: str) -> str:
    text = doc_text()
    return text[text.index(f"<!-- {name}:start -->"):text.index(f"<!-- {name}:end -->")]


def test_unverified_section_is_the_list_the_data_holds():
    expected = unverified_list.render(unverified_list.entries())
    if update_requested():
        unverified_list.sync(DOC)
    assert unverified_list.current_section(doc_text()) == expected, (
        f"docs/frameworks.md section 9 is out of date: run `python -m tests.frameworks.unverified_list` "
        f"(or the tests with {UPDATE_ENV}=1)")


def test_unverified_section_names_every_marked_datum():
    section = unverified_list.current_section(doc_text())
    for e in unverified_list.entries():
        assert f"| `{e.id}` |" in section


def test_bundled_table_lists_every_framework():
    listed = re.findall(r"^\| `([^`]+)` \|", between("bundled"), re.M)
    res = run("frameworks", "--format", "json")
    assert res.code == 0, res.err
    assert sorted(listed) == sorted(it["id"] for it in json.loads(res.out))


def test_worked_example_skeleton_loads(tmp_path):
    """The VStGB skeleton is valid framework YAML (placeholders only) next to the bundled frameworks."""
    block = re.search(r"```yaml\n(.*?)```", between("example"), re.S).group(1)
    assert "[PASTE" in block, "the skeleton must carry placeholders, never invented legal text"
    root = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS_DIR, root)
    (root / "de").mkdir()
    (root / "de" / "vstgb-7.yaml").write_text(block, encoding="utf-8")
    res = run("frameworks", "de/vstgb-7", "--format", "json", "--frameworks-dir", root)
    assert res.code == 0, res.err
    data = json.loads(res.out)
    leaves = [el for p in data["provisions"] for el in p["elements"]["all_of"]]
    assert leaves and all(el["analytical"] and el["unverified"] for el in leaves)
    shown = run("frameworks", "de/vstgb-7", "--frameworks-dir", root)
    assert shown.code == 0 and "unverified: PLACEHOLDER" in shown.out
