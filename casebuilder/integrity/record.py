"""hash: record the SHA-256, size and media type of exhibits that have none, in the case's YAML.

Each newly hashed exhibit also gets a ``verified`` custody entry carrying the hash, dated by the
caller (``--date``) or today: the date is the one thing here that depends on the clock, so it is
explicit and documented.  An exhibit whose custody log already names a different hash, whose
recorded size disagrees, or whose new entry would predate the log's last one is not recorded (that
is a finding to investigate, not to paper over).  Files are edited only if something is added to
them, through :mod:`.yamledit` (comments and layout kept) and :func:`casebuilder.write.write_atomic`.
"""
from __future__ import annotations

import datetime as dt
import difflib
import mimetypes
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..errors import UsageError
from ..load import Case, display_path
from ..resolve import expected_sha256
from ..write import write_atomic
from .findings import report_missing, report_unreadable
from .hashing import Digest, hash_with_progress
from .loading import load_failed, open_case
from .vault import Located, locate_exhibits
from .yamledit import Addition, EditRefused, apply_additions, line_map


@dataclass
class Recorded:
    evidence: str
    path: str  # exhibit path, relative to the vault
    sha256: str
    size: int
    file: str  # the case file edited


@dataclass
class HashResult:
    case: Case
    vault: Path
    diagnostics: Diagnostics
    recorded: list[Recorded] = field(default_factory=list)
    already: int = 0  # exhibits that had a hash and were left alone
    files_changed: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)  # dry run: file -> unified diff

    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


def parse_day(text: str | None) -> str:
    """The custody date: ``text`` if it is an exact YYYY-MM-DD day, today when None."""
    if text is None:
        return dt.date.today().isoformat()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise UsageError(f"--date {text!r}: expected a day as YYYY-MM-DD, such as 2026-11-25")


def hash_case(case_dir: Path | str, exhibits: Path | str | None = None, *, date: str | None = None,
              by: str | None = None, jobs: int | None = None, require_exhibits: bool = False,
              dry_run: bool = False, progress_stream=None) -> HashResult:
    """Record missing exhibit hashes in the case files under ``case_dir`` (``dry_run``: only compute diffs)."""
    day = parse_day(date)
    case, vault, diags = open_case(case_dir, exhibits)
    result = HashResult(case, vault, diags)
    if load_failed(diags):
        return result  # never edit a case that could not be read
    by = by or (case.info.prepared_by if case.info else None)
    if not by:
        raise UsageError("say who verified the exhibits with --by NAME (the case has no prepared_by)")
    todo = []
    for loc in locate_exhibits(case, vault):
        if loc.evidence.exhibit.sha256:
            result.already += 1
        elif loc.state != "unsafe":  # unsafe paths were reported by resolve
            todo.append(loc)
    files = [loc.real for loc in todo if loc.state == "file"]
    digests = hash_with_progress(files, jobs, progress_stream)
    per_file: dict[Path, list[tuple[Located, Addition]]] = defaultdict(list)
    for loc in todo:
        add = _addition(case, loc, digests.get(loc.real), day, by, diags, require_exhibits, vault)
        if add is not None:
            per_file[case.origin[id(loc.evidence)][0].path].append((loc, add))
    for path, pairs in per_file.items():
        _edit_file(case, path, pairs, result, dry_run)
    return result


def _addition(case: Case, loc: Located, digest, day: str, by: str, diags: Diagnostics, require: bool,
              vault: Path) -> Addition | None:
    e = loc.evidence
    ctx = f"in evidence {e.id}"
    if loc.state == "missing":
        report_missing(case, loc, vault, diags, require, "; its hash was not recorded")
        return None
    if not isinstance(digest, Digest):
        report_unreadable(case, loc, digest, diags)
        return None
    expected = expected_sha256(e)
    if expected and expected != digest.sha256:
        i = next(i for i, c in enumerate(e.custody) if c.sha256)
        diags.error("exhibit-mismatch", f"exhibit {loc.raw!r} has sha256 {digest.sha256} but its custody log "
                    f"records {expected}; not recorded", case.locate(e, "custody", i, "sha256"), context=ctx)
        return None
    if e.exhibit.size is not None and e.exhibit.size != digest.size:
        diags.error("exhibit-mismatch", f"exhibit {loc.raw!r} is {digest.size:,} bytes but the case records size "
                    f"{e.exhibit.size:,}; not recorded", case.locate(e, "exhibit", "size"), context=ctx)
        return None
    if e.custody and e.custody[-1].date.start > dt.date.fromisoformat(day):
        diags.error("custody-order", f"the new `verified` custody entry would be dated {day}, before the last "
                    f"entry ({e.custody[-1].date.text}); pass a later --date",
                    case.locate(e, "custody", len(e.custody) - 1, "date"), context=ctx)
        return None
    exhibit = {"sha256": digest.sha256}
    if e.exhibit.size is None:
        exhibit["size"] = digest.size
    if e.exhibit.media_type is None:
        exhibit["media_type"] = mimetypes.guess_type(loc.raw, strict=False)[0] or "application/octet-stream"
    custody = {"date": day, "by": by, "action": "verified", "sha256": digest.sha256}
    return Addition(case.origin[id(e)][1][1], e.id, exhibit, custody)


def _edit_file(case: Case, path: Path, pairs: list[tuple[Located, Addition]], result: HashResult,
               dry_run: bool) -> None:
    shown = display_path(path)
    raw = path.read_bytes()
    old = raw.decode("utf-8")
    try:
        new = apply_additions(old, [a for _, a in pairs])
    except EditRefused as refused:
        for loc, a in pairs:
            by_hand = ", ".join(f"{k}: {v}" for k, v in a.exhibit.items())
            entry = ", ".join(f"{k}: {v}" for k, v in a.custody.items())
            result.diagnostics.error(
                "edit-refused", f"{shown} was not edited ({refused.reason}); add by hand to the exhibit: {by_hand}; "
                f"and to its custody log: {{{entry}}}", case.locate(loc.evidence, "exhibit"),
                context=f"in evidence {loc.evidence.id}")
        return
    if dry_run:
        result.diffs[shown] = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                          shown, shown))
    else:
        write_atomic(path, new.encode("utf-8"), expect=raw)
        _follow_lines(result.diagnostics, shown, line_map(old, new))
    result.files_changed.append(shown)
    for loc, a in pairs:
        result.recorded.append(Recorded(loc.evidence.id, loc.raw, a.exhibit["sha256"],
                                        a.exhibit.get("size", loc.evidence.exhibit.size), shown))


def _follow_lines(diags: Diagnostics, shown: str, moved: dict[int, int]) -> None:
    """Point diagnostics found before ``shown`` was edited at the same lines in the edited file."""
    def follow(loc: Location | None) -> Location | None:
        if loc is None or loc.path != shown or loc.line not in moved:
            return loc
        return Location(loc.path, moved[loc.line], loc.column)

    for d in diags:
        d.location = follow(d.location)
        d.related = [(follow(loc), msg) for loc, msg in d.related]
