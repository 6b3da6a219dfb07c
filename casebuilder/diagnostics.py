"""Diagnostics: what went wrong in a user's files, where, and how to say it like a compiler.

Every problem found in a case or framework folder becomes a :class:`Diagnostic` carrying a stable
code from :data:`CODES`.  Stages collect diagnostics into a :class:`Diagnostics` bag and never stop at
the first one; the CLI prints them all and exits once.
"""
from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

# Every code the tool can emit, with a one-line explanation.  docs/errors.md is checked against
# this table by the test-suite, so a new code cannot ship undocumented.
CODES: dict[str, str] = {
    # reading files
    "yaml-syntax": "The file is not valid YAML.",
    "not-utf8": "The file is not UTF-8 text.",
    "file-too-large": "A file exceeds the size limit for case files.",
    "value-too-large": "A single value, list or nesting depth exceeds the sane limit.",
    "yaml-alias": "YAML anchors, aliases and merge keys (&a, *a, <<) are not allowed: they hide content and enable alias bombs.",
    "yaml-tag": "An explicit YAML tag (such as !!python/object) is not allowed.",
    "duplicate-key": "A mapping has the same key twice; YAML would silently keep only one.",
    "not-a-mapping": "A file's top level must be a mapping of collections (case, sources, persons, ...).",
    "unsafe-path": "A file or exhibit path is absolute, climbs out of its folder, or passes through a symlink leaving it.",
    # shape of values
    "unknown-key": "A key that the format does not define (often a typo).",
    "missing-field": "A required field is absent.",
    "wrong-type": "A value has the wrong type (for example a list where a text is expected).",
    "invalid-value": "A value is outside the allowed set or malformed.",
    "invalid-date": "A date is malformed or impossible (2026-02-30, 1404-13-01 SH, end before start).",
    # across the case
    "duplicate-id": "Two objects share an id; ids are unique across the whole case.",
    "multiple-case": "The `case` block appears in more than one place.",
    "missing-case": "No file in the folder has a `case` block.",
    "unknown-reference": "An id refers to nothing of the expected kind (source, person, actor, incident, evidence).",
    "unknown-framework": "A framework id that is not in frameworks/.",
    "unknown-provision": "A provision id that the framework does not define.",
    "unknown-element": "An element id that is not in the provision's element tree or the framework's contextual elements.",
    "unknown-forum": "A forum code (on the command line or in case.requested_action) that is not in frameworks/forums/.",
    "unknown-standard": "A standard of proof id that frameworks/standards-of-proof.yaml does not define.",
    "cycle": "A derived_from (hearsay) chain or a part_of chain loops back on itself.",
    "unknown-mode": "A charge's mode is not a mode of liability (a provision of a framework under frameworks/liability/).",
    "position-overlap": "A suspect holds the same office twice at once: two positions of one office whose dates overlap.",
    "framework-id-mismatch": "A framework file's id does not agree with its path under frameworks/.",
    "unknown-mandate": "A submission names a mandate that frameworks/mandates.yaml does not define.",
    "urgent-without-harm": "A submission is an urgent appeal but no submitted victim has ongoing or imminent harm recorded.",
    "un-interested-only": "The UN submission would carry an allegation resting only on statements of interested parties.",
    "unknown-state": "case.situation.state is not an ISO 3166-1 alpha-2 code.",
    # warnings
    "unused-evidence": "An evidence item that no allegation, incident or figure uses.",
    "unreferenced-person": "A person that nothing refers to.",
    "framework-not-selected": "An allegation uses a framework that the case does not list in case.frameworks.",
    "un-not-human-rights": "A submission lists an allegation under a framework that is not a human-rights framework.",
    "un-media-only": "Every item supporting an allegation of the UN submission is a mass-media report.",
    "un-unsupported": "An allegation of the UN submission has no supporting evidence and is left out.",
    "un-no-submission": "The UN brief was built from a case that records no submission (no submitter, requests or questions).",
    "state-not-recorded": "case.situation.state is a valid code with no entry in the treaty-participation data; treaty-based rules are undetermined.",
    "credibility-not-graded": "An evidence item linked from an allegation has no credibility grade; it never counts towards an element until graded.",
    "reliability-without-reason": "An evidence item's reliability differs from its source's and `reliability_reason` does not say why.",
    "unused-source": "(check --strict) A source that no evidence item or figure has as its source.",
    "grade-case": "A reliability grade written in lower case (`c`) is read as the capital (`C`); write the capital.",
    "name-in-text": "A protected person's name, alias or sensitive detail (or a suspect's name) is typed into text that briefs for an audience below its level print; the build would refuse them.",
    "old-spelling": "A value-list entry in its old spelling (`official_statement`) is read as the new one (`official-statement`); write the new one.",
    "revealing-id": "The id of a protected person contains part of their real name; ids travel into outputs, so use a neutral id.",
    "first-hand-unstated": "An original report, article, statement, post or dataset does not say `first_hand`: it now counts as unattributed, not as direct evidence.",
    "first-hand-relays": "An item says `first_hand` but relays other evidence items: it is hearsay, not first-hand.",
    "per-act-element-on-context": "Evidence for a per-act contextual element (nexus, knowledge) is linked on the context allegation: it is only offered to each act.",
    "retired-element": "A link cites an element id that is now an alternative of another element (e.g. a ground of persecution); it still counts, in the new form.",
    "not-an-element": "A link cites a duty of a provision that is not an element of a violation; the link is not weighed.",
    "unknown-alternative": "A link's `alternative` is not an alternative of its element.",
    "stance-needs-interested-party": "`stance: admits` or `disputes` on an item whose origin is not an interested party.",
    "pattern-without-reason": "`pattern: false` counts an item dated outside the allegation's period; the link's `note` must say why.",
    # exhibits and custody
    "exhibit-missing": "An exhibit file is not in the exhibits folder.",
    "exhibit-mismatch": "An exhibit's SHA-256 differs from the recorded hash: the file changed or is the wrong file.",
    "exhibit-unrecorded": "A file in the exhibits folder that no evidence item records.",
    "exhibit-moved": "An exhibit is not at its recorded path, but a file with its recorded hash is elsewhere in the exhibits folder (renamed or moved).",
    "exhibit-unhashed": "An exhibit has no recorded sha256 (and no hash in its custody log), so its integrity cannot be verified; run `casebuilder hash`.",
    "edit-refused": "`casebuilder hash` did not edit a file because rewriting it would change more than the lines it adds; add the values shown by hand.",
    "custody-order": "A chain-of-custody entry is dated before the one above it.",
    "custody-hash": "A chain-of-custody entry records a hash that differs from the exhibit's recorded hash.",
    # outputs
    "leak": "A protected identity appears in an output meant for an audience below its clearance.",
    "withheld-copied": "Text of an item withheld from the audience (an excerpt, summary, exhibit path...) is copied into text that audience is shown.",
    "refused-fetch": "Case content tried to make the renderer fetch a resource; the fetch was refused.",
    "template-error": "A brief template failed to render.",
}


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(slots=True)
class Diagnostic:
    severity: str  # "error" | "warning"
    code: str
    message: str
    location: Location | None = None
    context: str | None = None  # "in allegation al-murder › element rs.7.1.a.1"
    related: list[tuple[Location, str]] = field(default_factory=list)
    # False for a file that was refused (a symlink leading out of the case, a device...): it must
    # never be read, so its lines are never shown under the message
    quote: bool = True

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, not a user error
            raise ValueError(f"undocumented diagnostic code {self.code!r}")

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path if loc else "", loc.line if loc else 0, loc.column if loc else 0, self.code)

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "path": loc.path if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "severity": self.severity,
            "code": self.code,
            "message": self.message + (f" ({self.context})" if self.context else ""),
            "related": [
                {"path": r.path, "line": r.line, "column": r.column, "message": m} for r, m in self.related
            ],
        }


class Diagnostics:
    """An ordered bag of diagnostics; stages add to it and carry on."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, code: str, message: str, location: Location | None = None, **kw) -> Diagnostic:
        d = Diagnostic("error", code, message, location, **kw)
        self.items.append(d)
        return d

    def warning(self, code: str, message: str, location: Location | None = None, **kw) -> Diagnostic:
        d = Diagnostic("warning", code, message, location, **kw)
        self.items.append(d)
        return d

    def extend(self, other: "Diagnostics") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def has_errors(self, strict: bool = False) -> bool:
        return any(d.severity == "error" or strict for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


class _Lines:
    """Where each line of one file starts, found in one pass: a report of 100,000 diagnostics on one
    file reads each line once, not the file from the top for each (which took minutes)."""

    def __init__(self, key, starts):
        self.key, self.starts = key, starts


_LINES: dict[str, _Lines] = {}  # path → offsets; the few files of the last report


def _source_line(path: str, line: int, root: Path | None) -> str | None:
    p = Path(path)
    if not p.is_absolute() and root is not None:
        p = root / p
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang the report
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as fh:
            key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            cached = _LINES.get(str(p))
            if cached is None or cached.key != key:
                import array
                starts, offset = array.array("q", [0]), 0
                for raw in iter(lambda: fh.read(1 << 20), b""):
                    i = raw.find(b"\n")
                    while i >= 0:
                        starts.append(offset + i + 1)
                        i = raw.find(b"\n", i + 1)
                    offset += len(raw)
                if len(_LINES) >= 8:
                    _LINES.clear()
                cached = _LINES[str(p)] = _Lines(key, starts)
            if not 1 <= line <= len(cached.starts) or (line == len(cached.starts) and cached.starts[-1] >= key[2]):
                return None
            fh.seek(cached.starts[line - 1])
            return fh.readline().decode("utf-8", errors="replace").rstrip("\r\n")
    except OSError:
        return None


def render_text(diag: Diagnostic, root: Path | None = None, color: bool = False) -> str:
    """Format one diagnostic the way compilers do: location, severity[code], message, line, caret."""
    sev = diag.severity
    if color:
        sev = ("\x1b[1;31m" if sev == "error" else "\x1b[1;33m") + sev + "\x1b[0m"
    head = f"{sev}[{diag.code}]: {diag.message}"
    if diag.location:
        head = f"{diag.location}: {head}"
    lines = [head]
    if diag.context:
        lines.append(f"  = {diag.context}")
    if diag.location and diag.quote:
        src = _source_line(diag.location.path, diag.location.line, root)
        if src is not None:
            if len(src) > 200:
                start = max(0, diag.location.column - 80)
                shown = src[start : start + 160]
                caret_col = diag.location.column - start
            else:
                shown, caret_col = src, diag.location.column
            gutter = f"{diag.location.line:>5} | "
            lines.append(gutter + shown.expandtabs(1))
            lines.append(" " * (len(gutter) + max(caret_col - 1, 0)) + "^")
    for loc, msg in diag.related:
        lines.append(f"{loc}: note: {msg}")
    return "\n".join(lines)


def render_json(diags: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diags], ensure_ascii=False, indent=2)
