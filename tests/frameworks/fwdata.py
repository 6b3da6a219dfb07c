"""The bundled legal frameworks, read once for the framework tests, and ways to walk them.

The tests in this folder check the *data* under ``frameworks/`` (the law as YAML), not the loader:
they read it through the public API exactly as every command does, then look at the models.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from casebuilder.api import frameworks
from casebuilder.diagnostics import Diagnostics
from casebuilder.load import DEFAULT_FRAMEWORKS, FrameworkSet
from casebuilder.models import Element, Framework, Group
from casebuilder.yamlsrc import SourceFile

HERE = Path(__file__).resolve().parent
FRAMEWORKS_DIR = DEFAULT_FRAMEWORKS
UPDATE_ENV = "CASEBUILDER_UPDATE_GOLDEN"


def update_requested() -> bool:
    """The explicit switch that lets a test rewrite its golden file (``CASEBUILDER_UPDATE_GOLDEN=1``)."""
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")


@functools.lru_cache(maxsize=1)
def bundled() -> FrameworkSet:
    """All bundled frameworks, loaded through the public API; fails loudly on any diagnostic."""
    fs, diags = frameworks(FRAMEWORKS_DIR)
    problems = [str(d) for d in diags]
    assert not diags.has_errors(), "the bundled frameworks do not load:\n" + "\n".join(problems)
    return fs


def read_yaml(path: Path):
    """A YAML file read the project's way (dates and 'no' stay strings); asserts it is clean."""
    diags = Diagnostics()
    data = SourceFile(path, str(path)).read(diags)
    assert data is not None and not diags.has_errors(), [str(d) for d in diags]
    return data


@dataclass(frozen=True)
class Node:
    """One node of an element tree with where it sits: framework, provision (None = contextual)."""

    framework: Framework
    provision_id: str | None
    node: Element | Group
    parent: Group | None


def walk(fw: Framework) -> Iterator[Node]:
    """Every node (groups and leaves) of a framework's contextual tree and provision trees, in order."""

    def rec(n, pid, parent):
        yield Node(fw, pid, n, parent)
        if isinstance(n, Group):
            for c in n.children:
                yield from rec(c, pid, n)

    if fw.contextual is not None:
        yield from rec(fw.contextual, None, None)
    for p in fw.provisions:
        yield from rec(p.elements, p.id, None)


def leaves(fw: Framework) -> Iterator[Node]:
    return (n for n in walk(fw) if isinstance(n.node, Element))


def all_frameworks() -> list[Framework]:
    return sorted(bundled().frameworks.values(), key=lambda f: f.id)


def framework_files() -> list[Path]:
    return sorted(FRAMEWORKS_DIR.rglob("*.yaml"))
