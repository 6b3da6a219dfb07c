"""Stable stand-ins: generated pseudonyms for persons and opaque references for withheld items.

Numbers are given in the order of ids (sorted), over *all* persons of a role or all evidence items,
whatever the audience: "Witness W-03" is the same witness in the public and the confidential brief,
and moving a person to another YAML file does not renumber anyone.  Adding a person with a smaller id
does renumber those after it; give a ``pseudonym`` to anyone whose label must never change.
"""
from __future__ import annotations

from ..models import Evidence, Incident, Person

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "victim": ("Victim", "V"),
    "witness": ("Witness", "W"),
    "detainee": ("Detainee", "D"),
    "medical-worker": ("Medical worker", "M"),
    "official": ("Official", "O"),
    "group": ("Group", "G"),
    "other": ("Person", "P"),
}
WITHHELD_PREFIX = "X"  # withheld persons are numbered apart, so not even their role shows

EVIDENCE_KIND_LABELS: dict[str, str] = {
    "testimony": "testimony", "document": "document", "video": "video recording", "photo": "photograph",
    "audio": "audio recording", "medical": "medical record", "forensic": "forensic report",
    "official-statement": "official statement", "report": "report", "media-report": "media report",
    "dataset": "dataset", "social-media": "social-media post", "other": "item",
}
LEVEL_WORDS = {"public": "Public", "restricted": "Restricted", "confidential": "Confidential",
               "strictly-confidential": "Strictly confidential"}
ON_FILE = "on file with the submitting organisation"


def _numbered(ids: list[str]) -> dict[str, int]:
    return {i: n for n, i in enumerate(sorted(ids), start=1)}


def person_numbers(persons: list[Person], withheld: set[str]) -> dict[str, str]:
    """person id → generated label: 'Witness W-03', or 'Person X-02 (identity withheld)'."""
    out: dict[str, str] = {}
    by_role: dict[str, list[str]] = {}
    for p in persons:
        if p.id not in withheld:
            by_role.setdefault(p.role, []).append(p.id)
    for role, ids in by_role.items():
        word, prefix = ROLE_LABELS.get(role, ROLE_LABELS["other"])
        for pid, n in _numbered(ids).items():
            out[pid] = f"{word} {prefix}-{n:02d}"
    for pid, n in _numbered([p.id for p in persons if p.id in withheld]).items():
        out[pid] = f"Person {WITHHELD_PREFIX}-{n:02d} (identity withheld)"
    return out


def item_numbers(items: list, prefix: str) -> dict[str, str]:
    """id → opaque reference ('E-07', 'I-02'), numbered over all items in id order."""
    return {i: f"{prefix}-{n:02d}" for i, n in _numbered([x.id for x in items]).items()}


def withheld_text(obj, ref: str, level: str) -> str:
    """'Confidential testimony E-07, on file with the submitting organisation' — kind and level only."""
    if isinstance(obj, Evidence):
        what = EVIDENCE_KIND_LABELS.get(obj.kind, "item")
    elif isinstance(obj, Incident):
        what = "incident"
    else:
        what = "item"
    return f"{LEVEL_WORDS.get(level, 'Withheld')} {what} {ref}, {ON_FILE}"
