"""Add exhibit hashes and custody entries to a case file, keeping everything else byte for byte.

The edit itself is a ruamel.yaml round trip (``typ="rt"``, quotes preserved, indentation guessed
from the file, no line folding), which knows where a key or a list item goes and how to write it.
A round trip can still re-flow text it does not own (a plain scalar continued on a second line, an
unusual indent, a missing ``---``), so its output is not written as is.  The document is dumped
twice, before and after the edit; the difference between the two dumps is exactly the edit, and
only that difference is applied to the original text (a three-way merge, line by line).  Every
other line stays the original's.  The merged text is parsed again and must hold exactly the old
data plus the additions; otherwise :class:`EditRefused` is raised and the caller writes nothing.
"""
from __future__ import annotations

import copy
import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

WIDTH = 1 << 16  # never fold a line: new values go on one line, old ones are kept as written


@dataclass(frozen=True)
class Addition:
    """What to add to the evidence item at ``index`` in the file's ``evidence`` list."""

    index: int
    evidence_id: str
    exhibit: dict  # keys to add to `exhibit`, in order (sha256, then size / media_type if absent)
    custody: dict  # the custody entry to append (date, by, action, sha256)


class EditRefused(Exception):
    def __init__(self, evidence_id: str, reason: str):
        super().__init__(reason)
        self.evidence_id = evidence_id
        self.reason = reason


def apply_additions(text: str, additions: list[Addition]) -> str:
    """The new text of a file; raises EditRefused when the edit cannot be made cleanly."""
    def add(doc) -> None:
        for a in additions:
            _apply_rt(doc, a)

    try:
        new = edit_document(text, add, lambda old: _expected(old, additions))
    except EditConflict as e:
        raise EditRefused(additions[0].evidence_id if len(additions) == 1 or e.reformat else "", e.reason) from None
    return new


class EditConflict(Exception):
    """The edit cannot be made by changing only its own lines (``reformat``: it falls on text the
    round trip re-formats; otherwise the file would change in more than the edit)."""

    def __init__(self, reason: str, reformat: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.reformat = reformat


def edit_document(text: str, mutate, expected) -> str:
    """Edit a YAML file's text through a ruamel round trip, changing only the lines the edit changes.

    ``mutate(doc)`` edits the round-trip document in place; ``expected(data)`` returns the plain data
    the file must hold afterwards, given the plain data it holds now.  The byte order mark, CRLF line
    ends and a missing final newline are kept.  Raises :class:`EditConflict` when the edit cannot be
    placed line by line, or when the edited file would not hold exactly the expected data.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    had_final_newline = body.endswith("\n")
    if body and not had_final_newline:
        body += "\n"
    y = _rt_yaml(body)
    try:
        doc = y.load(body)
        base = _dump(y, doc)
        mutate(doc)
        spliced = _merge(body, base, _dump(y, doc))
    except _Conflict:
        raise EditConflict("the place to add the lines is in text that would be re-formatted", reformat=True)
    except YAMLError as e:  # the round-trip parser is stricter than the reader in a few corners
        raise EditConflict(f"ruamel.yaml cannot round-trip it: {str(e).splitlines()[0]}", reformat=True)
    _check_data(body, spliced, expected)
    if not had_final_newline and spliced.endswith("\n"):
        spliced = spliced[:-1]  # keep the file's convention
    if crlf:
        spliced = spliced.replace("\n", "\r\n")
    return bom + spliced


# ----------------------------------------------------------------------------- the round trip
def _dump(y: YAML, doc) -> str:
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def _rt_yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = WIDTH
    mapping, sequence, offset = guess_indent(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


_KEY_ONLY = re.compile(r"^(- )?[^#{\[\]}]*:\s*(#.*)?$")  # `key:` (or `- key:`) whose value starts below


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel wants them, from the most common steps in the file."""
    maps: Counter[int] = Counter()
    seqs: Counter[tuple[int, int]] = Counter()
    parent = None  # column of the last `key:` line whose value starts on the next line
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        ind = len(line) - len(stripped)
        if parent is not None:
            if stripped.startswith("- ") and ind >= parent:
                after = stripped[2:]
                seqs[(ind - parent, 2 + len(after) - len(after.lstrip(" ")))] += 1
            elif ind > parent:
                maps[ind - parent] += 1
        parent = None
        if _KEY_ONLY.match(stripped):
            parent = ind + 2 if stripped.startswith("- ") else ind
    mapping = maps.most_common(1)[0][0] if maps else 2
    offset, dash_width = seqs.most_common(1)[0][0] if seqs else (2, 2)
    return mapping, offset + dash_width, offset


def _apply_rt(doc, a: Addition) -> None:
    item = doc["evidence"][a.index]
    if item.get("id") != a.evidence_id:  # the file changed under us; never edit the wrong item
        raise EditRefused(a.evidence_id, f"item {a.index} of `evidence` is not {a.evidence_id!r}")
    ex = item["exhibit"]
    pos = list(ex.keys()).index("path") + 1
    for k, v in a.exhibit.items():
        if k not in ex:
            ex.insert(pos, k, v)
        pos = list(ex.keys()).index(k) + 1
    log = item.get("custody")
    entry = CommentedMap(a.custody)
    if log is None:
        log = CommentedSeq()
        log.fa.set_block_style()
        entry.fa.set_flow_style()
        entry["date"] = DoubleQuotedScalarString(a.custody["date"])
        item.insert(list(item.keys()).index("exhibit") + 1, "custody", log)
    else:
        last = log[-1] if len(log) else None
        if last is None or last.fa.flow_style():
            entry.fa.set_flow_style()
        quote = SingleQuotedScalarString if isinstance(last and last.get("date"), SingleQuotedScalarString) \
            else DoubleQuotedScalarString
        entry["date"] = quote(a.custody["date"])
    log.append(entry)


# ----------------------------------------------------------------------------- the merge
def _merge(original: str, base: str, edited: str) -> str:
    """Apply the changes ``base`` → ``edited`` (both ruamel dumps) to ``original``, line by line.

    ``base`` is the unedited document dumped with the same settings, so the two dumps differ only
    by the edit; ``original`` differs from ``base`` only where ruamel re-formats.  A change is
    carried over where its lines map one to one onto the original; one that lands in re-formatted
    text cannot be placed and refuses the edit.
    """
    orig, old, new = (t.splitlines(keepends=True) for t in (original, base, edited))
    to_orig: dict[int, int] = {}
    for blk in difflib.SequenceMatcher(None, old, orig, autojunk=False).get_matching_blocks():
        to_orig.update((blk.a + k, blk.b + k) for k in range(blk.size))
    out = list(orig)
    edits: list[tuple[int, int, list[str]]] = []  # (start, end) in `orig`, replacement lines
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            if i1 in to_orig:
                at = to_orig[i1]
            elif i1 - 1 in to_orig:
                at = to_orig[i1 - 1] + 1
            elif i1 == len(old):  # after the dump's last line: after the original's (re-formatted) last line
                at = len(orig)
            else:
                raise _Conflict(i1)
            while at > 0 and (not orig[at - 1].strip() or orig[at - 1].lstrip().startswith("#")):
                at -= 1  # ruamel hangs trailing comments on the last item; the new one goes above them
            edits.append((at, at, new[j1:j2]))
            continue
        mapped = [to_orig.get(i) for i in range(i1, i2)]
        if None in mapped or mapped != list(range(mapped[0], mapped[0] + len(mapped))):
            raise _Conflict(i1)
        edits.append((mapped[0], mapped[-1] + 1, new[j1:j2]))
    for start, stop, lines in sorted(edits, reverse=True):
        out[start:stop] = lines
    return "".join(out)


class _Conflict(Exception):
    """An edit falls on text that the round trip re-formats: it cannot be placed safely."""


def _expected(data, additions: list[Addition]):
    for a in additions:
        item = data["evidence"][a.index]
        item["exhibit"] = {**a.exhibit, **item["exhibit"]}
        item["custody"] = (item.get("custody") or []) + [dict(a.custody)]
    return data


def _check_data(old: str, new: str, expected) -> None:
    load = YAML(typ="safe", pure=False).load
    want = expected(copy.deepcopy(load(old)))
    try:
        got = load(new)
    except Exception:  # noqa: BLE001 - any parse failure means the splice went wrong
        got = None
    if got != want:
        raise EditConflict("rewriting the file would change more than the lines added")


def line_map(old: str, new: str) -> dict[int, int]:
    """1-based line numbers of ``old`` → the same lines in ``new`` (for diagnostics found before an edit)."""
    a, b = old.splitlines(), new.splitlines()
    out: dict[int, int] = {}
    for blk in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        out.update((blk.a + k + 1, blk.b + k + 1) for k in range(blk.size))
    return out
