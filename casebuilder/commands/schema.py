"""casebuilder schema: the JSON Schema of case files, for editors."""
from __future__ import annotations

import json

from ..models import CaseFile

HELP = "print the JSON Schema of case files (for editor autocompletion)"


def configure(p) -> None:
    pass


def case_schema() -> dict:
    schema = CaseFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "casebuilder case file"
    return schema


def run(args) -> int:
    print(json.dumps(case_schema(), indent=2, ensure_ascii=False))
    return 0
