"""Small cases for the protection tests, written as YAML (JSON flow style) into a temporary folder."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from casebuilder.api import check


def case_info(confidentiality: str = "public", audience: str = "public") -> dict:
    return {
        "id": "t-case", "title": "Test case", "date": "2026-01-31",
        "situation": {"state": "XX", "territory": "Somewhere", "period": {"start": "2026-01-01", "end": "2026-01-31"},
                      "armed_conflict": "none"},
        "frameworks": [], "confidentiality": confidentiality, "audience": audience, "prepared_by": "Test NGO",
    }


SOURCE = {"id": "src-ngo", "name": "Example NGO", "kind": "ngo", "reliability": "B",
          "reliability_reason": "Publishes its method."}


def write_case(root: Path, persons=(), evidence=(), incidents=(), info: dict | None = None,
               sources=(SOURCE,)) -> Path:
    """Write a case folder (and an empty frameworks folder beside it) and return the case path."""
    case = root / "case"
    case.mkdir(parents=True, exist_ok=True)
    (root / "frameworks").mkdir(exist_ok=True)
    doc = {"case": info or case_info(), "sources": list(sources), "persons": list(persons),
           "evidence": list(evidence), "incidents": list(incidents)}
    (case / "case.yaml").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return case


def load(case_dir: Path, frameworks: Path | None = None):
    """check() the case (against the empty frameworks folder beside it, unless given); fail loudly
    on errors."""
    res = check(case_dir, frameworks or case_dir.parent / "frameworks")
    errors = [f"{d.location}: {d.code}: {d.message}" for d in res.diagnostics.errors]
    assert not errors, errors
    return res.case


def person(pid: str, role: str = "witness", **kw) -> dict:
    return {"id": pid, "role": role, **kw}


def evidence(eid: str, **kw) -> dict:
    return {"id": eid, "kind": kw.pop("kind", "testimony"), "source": "src-ngo", **kw}


def incident(iid: str, description: str, **kw) -> dict:
    return {"id": iid, "title": kw.pop("title", f"Incident {iid}"), "date": "2026-01-03",
            "location": {"place": "Example Square"}, "description": description, **kw}


def zip_bytes(members: dict[str, str | bytes]) -> bytes:
    """A ZIP archive (a DOCX, an ODT, any archive the audit reads) holding ``members`` (name -> content), in order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()
