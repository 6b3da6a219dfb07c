"""Review notes: what reviewers write about an element, an item or an allegation.

Notes live in the case folder, one file per reviewer, ``reviews/<reviewer>.yaml``, so they travel
with the case in version control::

    reviews:
      - id: n-20261202-003015-1a2b
        on: element                 # element | item | allegation
        allegation: al-art7-murder  # for element and allegation notes
        element: rs.7.1.a.1         # for element notes
        evidence: ev-...            # for item notes
        status: open                # open | answered | closed
        author: A. Reviewer
        date: 2026-12-02T00:30:15Z
        text: Who took the video?  Ask the NGO for the original file.

The ``reviews/`` folder is *not* part of the case: the loader skips it (as it skips ``exhibits/``
and ``build/``), so a note never changes an analysis, a cache key or a brief's evidence, and a
malformed notes file never stops ``check``.  Notes are read here, with positions, and a bad entry
is a warning ``path:line:col`` that skips that entry only.  Writes go through round-trip YAML
(comments and order kept) and :func:`~casebuilder.write.write_atomic`.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostics, Location
from .errors import UserError

FOLDER = "reviews"
KINDS = ("element", "item", "allegation")
STATUSES = ("open", "answered", "closed")
REVIEWER = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
MAX_TEXT = 4000
MAX_AUTHOR = 80


class NoteError(UserError):
    """A note that cannot be saved (bad field, unsafe folder); nothing was written."""


@dataclass
class Note:
    id: str
    on: str
    status: str
    author: str
    date: str
    text: str
    reviewer: str
    allegation: str | None = None
    element: str | None = None
    evidence: str | None = None
    location: Location | None = None

    def target(self) -> tuple:
        return (self.on, self.allegation, self.element, self.evidence)

    def target_label(self) -> str:
        if self.on == "element":
            return f"{self.allegation} › {self.element}"
        if self.on == "item":
            return f"item {self.evidence}"
        return f"{self.allegation}"


@dataclass
class Notes:
    notes: list[Note] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    def open(self) -> list[Note]:
        return [n for n in self.notes if n.status == "open"]

    def on(self, kind: str, allegation: str | None = None, element: str | None = None,
           evidence: str | None = None) -> list[Note]:
        return [n for n in self.notes if n.target() == (kind, allegation, element, evidence)]


def reviewer_slug(author: str) -> str:
    """The file name a reviewer's notes go to: their name in lower-case letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", author.lower()).strip("-")[:40].strip("-")
    return slug or "reviewer"


def folder(case_dir: Path | str) -> Path:
    return Path(case_dir) / FOLDER


def _files(case_dir: Path) -> list[Path]:
    d = folder(case_dir)
    if not d.is_dir() or not _inside(d, case_dir):
        return []
    return sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                  and p.is_file() and _inside(p, case_dir) and REVIEWER.match(p.stem))


def _inside(path: Path, case_dir: Path | str) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(case_dir)))


def load_notes(case_dir: Path | str) -> Notes:
    """Every note of every reviewer; a malformed file or entry is a warning and is skipped."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    case_dir = Path(case_dir)
    out = Notes()
    for path in _files(case_dir):
        shown = str(path)
        try:
            data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError, OSError) as e:
            mark = getattr(e, "problem_mark", None)
            loc = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown, 1, 1)
            out.diagnostics.warning("invalid-value", f"review notes not read: {str(e).splitlines()[0]}", loc)
            continue
        if data is None:
            continue
        items = data.get("reviews") if hasattr(data, "get") else None
        if not isinstance(items, list):
            out.diagnostics.warning("invalid-value", "a review notes file holds one key, `reviews`: a list of notes",
                                    Location(shown, 1, 1))
            continue
        for i, raw in enumerate(items):
            loc = _loc(items, i, shown)
            note, problem = _note(raw, path.stem, loc)
            if problem:
                out.diagnostics.warning("invalid-value", f"review note skipped: {problem[0]}",
                                        _field_loc(raw, problem[1], shown) or loc)
            else:
                out.notes.append(note)
    out.notes.sort(key=lambda n: (n.date, n.reviewer, n.id))
    return out


def _loc(seq, i: int, shown: str) -> Location:
    try:
        line, col = seq.lc.item(i)
        return Location(shown, line + 1, col + 1)
    except Exception:  # noqa: BLE001 - positions are a courtesy; plain lists have none
        return Location(shown, 1, 1)


def _field_loc(raw, key: str | None, shown: str) -> Location | None:
    """Where ``key``'s value sits in a note (round-trip YAML keeps positions)."""
    try:
        line, col = raw.lc.value(key)
        return Location(shown, line + 1, col + 1)
    except Exception:  # noqa: BLE001 - a missing key or a plain mapping: the note's own position
        return None


def _note(raw, reviewer: str, loc: Location) -> tuple[Note | None, tuple[str, str | None] | None]:
    """A note, or (problem, the key it is about)."""
    if not hasattr(raw, "get"):
        return None, ("each note is a mapping", None)
    vals = {k: (str(raw.get(k)) if raw.get(k) is not None else None)
            for k in ("id", "on", "status", "author", "date", "text", "allegation", "element", "evidence")}
    for k in ("id", "on", "status", "author", "date", "text"):
        if not vals[k]:
            return None, (f"`{k}` is missing", None)
    if vals["on"] not in KINDS:
        return None, (f"`on` must be one of {', '.join(KINDS)}, not {vals['on']!r}", "on")
    if vals["status"] not in STATUSES:
        return None, (f"`status` must be one of {', '.join(STATUSES)}, not {vals['status']!r}", "status")
    need = {"element": ("allegation", "element"), "item": ("evidence",), "allegation": ("allegation",)}[vals["on"]]
    for k in need:
        if not vals[k]:
            return None, (f"a note on an {vals['on']} needs `{k}`", None)
    keep = {k: vals[k] if k in need else None for k in ("allegation", "element", "evidence")}
    return Note(id=vals["id"], on=vals["on"], status=vals["status"], author=vals["author"], date=vals["date"],
                text=vals["text"], reviewer=reviewer, location=loc, **keep), None


def _validate(on: str, author: str, text: str, status: str, allegation, element, evidence) -> None:
    if on not in KINDS:
        raise NoteError(f"a note is on an element, an item or an allegation, not {on!r}")
    if status not in STATUSES:
        raise NoteError(f"status must be open, answered or closed, not {status!r}")
    if not author.strip() or len(author) > MAX_AUTHOR:
        raise NoteError(f"the author's name is required (at most {MAX_AUTHOR} characters)")
    if not text.strip() or len(text) > MAX_TEXT:
        raise NoteError(f"the note is empty or longer than {MAX_TEXT} characters")
    need = {"element": (allegation, element), "item": (evidence,), "allegation": (allegation,)}[on]
    if not all(need) or not all(ID.match(x) for x in need):
        raise NoteError("the note's target is missing or malformed")


def _target_file(case_dir: Path, reviewer: str) -> Path:
    if not REVIEWER.match(reviewer):
        raise NoteError(f"reviewer {reviewer!r}: lower-case letters, digits and hyphens only")
    d = folder(case_dir)
    if d.is_symlink() or (d.exists() and not d.is_dir()):
        raise NoteError(f"{d}: not a plain folder inside the case; nothing was written")
    d.mkdir(exist_ok=True)
    path = d / f"{reviewer}.yaml"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise NoteError(f"{path}: not a plain file inside the case; nothing was written")
    return path


def _dump(data) -> bytes:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue().encode("utf-8")


def _read_rt(path: Path):
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    if not path.exists():
        data = CommentedMap()
        data.yaml_set_start_comment("Review notes (casebuilder serve). Not part of the case: `check` does not read them.")
        return data, None
    old = path.read_bytes()
    try:
        data = YAML(typ="rt").load(old.decode("utf-8"))
    except (YAMLError, UnicodeDecodeError) as e:
        raise NoteError(f"{path}: cannot be read as YAML ({str(e).splitlines()[0]}); fix it first, nothing was written")
    if data is None:
        data = CommentedMap()
    if not hasattr(data, "get") or not isinstance(data.get("reviews", []), list):
        raise NoteError(f"{path}: expected a `reviews:` list; nothing was written")
    return data, old


def add_note(case_dir: Path | str, *, on: str, author: str, text: str, status: str = "open",
             allegation: str | None = None, element: str | None = None, evidence: str | None = None,
             now: dt.datetime | None = None) -> Note:
    """Append a note to its author's file (created if need be); atomic, comments and order kept."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    from .write import write_atomic

    case_dir = Path(case_dir)
    author, text = author.strip(), text.strip().replace("\r\n", "\n")
    _validate(on, author, text, status, allegation, element, evidence)
    reviewer = reviewer_slug(author)
    path = _target_file(case_dir, reviewer)
    data, old = _read_rt(path)
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    nid = f"n-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    entry = CommentedMap()
    entry["id"] = nid
    entry["on"] = on
    for k, v in (("allegation", allegation), ("element", element), ("evidence", evidence)):
        if v and k in {"element": ("allegation", "element"), "item": ("evidence",), "allegation": ("allegation",)}[on]:
            entry[k] = v
    entry["status"] = status
    entry["author"] = author
    entry["date"] = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    entry["text"] = LiteralScalarString(text + "\n") if "\n" in text else text
    if "reviews" not in data:
        data["reviews"] = []
    data["reviews"].append(entry)
    write_atomic(path, _dump(data), expect=old)
    return Note(id=nid, on=on, status=status, author=author, date=entry["date"], text=text, reviewer=reviewer,
                allegation=entry.get("allegation"), element=entry.get("element"), evidence=entry.get("evidence"))


def set_status(case_dir: Path | str, reviewer: str, note_id: str, status: str) -> None:
    """Change one note's status in place (the rest of the file is kept as written)."""
    from .write import write_atomic

    if status not in STATUSES:
        raise NoteError(f"status must be open, answered or closed, not {status!r}")
    path = _target_file(Path(case_dir), reviewer)
    if not path.exists():
        raise NoteError(f"no notes by reviewer {reviewer!r}")
    data, old = _read_rt(path)
    for entry in data.get("reviews") or []:
        if hasattr(entry, "get") and str(entry.get("id")) == note_id:
            entry["status"] = status
            write_atomic(path, _dump(data), expect=old)
            return
    raise NoteError(f"no note {note_id!r} by reviewer {reviewer!r}")


def notes_view(notes: Notes, text=None, visible_items: set[str] | None = None, only_open: bool = True) -> list[dict]:
    """Notes as plain data for a brief or a page: ``text`` (e.g. ``Protector.text``) resolves
    ``[[person-id]]`` to what the audience may see; a note on an item the audience may not see is
    left out."""
    out = []
    for n in (notes.open() if only_open else notes.notes):
        if n.on == "item" and visible_items is not None and n.evidence not in visible_items:
            continue
        out.append({"id": n.id, "on": n.on, "target": n.target_label(), "allegation": n.allegation,
                    "element": n.element, "evidence": n.evidence, "status": n.status, "author": n.author,
                    "date": n.date, "reviewer": n.reviewer,
                    "text": text(n.text) if text else n.text})
    return out
