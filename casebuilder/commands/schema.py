"""casebuilder schema: the JSON Schema of case files, for editors."""
from __future__ import annotations

import json

from ..models import CaseFile

HELP = "print the JSON Schema of case files (for editor autocompletion)"


def configure(p) -> None:
    pass


def case_schema(fs=None, case_frameworks: list[str] | None = None) -> dict:
    """The JSON Schema of case files.

    With a loaded framework set ``fs``, a link's ``element`` is completed from the element ids: an
    ``enum`` of every element of every framework (so that no valid link is flagged), with the elements
    of ``case_frameworks`` first and as ``examples`` (what an editor offers first)."""
    schema = CaseFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "casebuilder case file"
    link = schema.get("$defs", {}).get("Link", {}).get("properties", {}).get("element")
    if fs is not None and link is not None:
        ordered = [f for f in (case_frameworks or []) if f in fs.frameworks]
        ordered += sorted(set(fs.frameworks) - set(ordered))
        def leaves(fid: str) -> list[str]:
            fw = fs.frameworks[fid]
            return [e.id for e in fw.contextual_leaves()] + [e.id for p in fw.provisions for e in p.leaves()]

        ids = list(dict.fromkeys(i for fid in ordered for i in leaves(fid)))
        mine = list(dict.fromkeys(i for fid in ordered[:len([f for f in (case_frameworks or []) if f in fs.frameworks])]
                                  for i in leaves(fid)))
        link["enum"] = ids
        if mine:
            link["examples"] = mine
        link["description"] = (link.get("description", "") + " The element ids of the case's frameworks come first; "
                               "`casebuilder frameworks FRAMEWORK --index` lists them by provision.").strip()
    return schema


def run(args) -> int:
    print(json.dumps(case_schema(), indent=2, ensure_ascii=False))
    return 0
