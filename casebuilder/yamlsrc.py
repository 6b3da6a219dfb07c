"""Reading YAML safely and knowing where every value came from.

The fast path composes the file with ruamel.yaml's C parser (``typ="safe"`` + ``ruamel.yaml.clib``)
and converts the node tree to plain Python values ourselves, which lets us enforce the rules of the
case format in the same pass:

* duplicate mapping keys are errors (both places named);
* anchors, aliases and merge keys are refused at the first reuse, so an alias bomb is rejected in
  linear time and never expanded;
* explicit tags are refused; timestamps stay strings so that our own date parser reads them;
  YAML 1.2 scalars only (``no`` and ``on`` stay strings, and so does a bare ``=``, which YAML's
  type repository calls a "value" key);
* sizes are bounded (file, single value, nesting depth).

Positions are not stored per value: :meth:`SourceFile.locate` finds the exact line and column of any
value by its path (``("evidence", 3, "date")``) when a diagnostic needs it, re-composing the file
once.  This keeps loading near the parser's own cost on very large cases.  What a file keeps is its
UTF-8 bytes, which libyaml reads as they are (its marks count characters, so positions do not
change): the decoded text would take two bytes a character for any file with a non-Latin name in
it, and a large case holds hundreds of such files until the end of a build.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostics, Location
from . import yamlryml
from .yamlfast import SHARED_TAGS, TAG_NAMES, UNKNOWN_TAG, compose, scalar_value

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_VALUE_CHARS = 200_000
MAX_DEPTH = 40
MAX_ITEMS = 2_000_000
# ruamel.yaml.clib composes recursively in C and overflows the C stack (a segfault, not an error)
# somewhere past 10,000 nesting levels; a text that might nest past this bound is measured first.
_NESTING_GUARD = 1000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_VALUE = "tag:yaml.org,2002:value"  # what YAML resolves a plain `=` to; it is text here
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _VALUE}
_TEXT_TAGS = (_STR, _TIMESTAMP, _VALUE)  # scalars whose value is their text
_BOM = "\ufeff".encode()
# The composer's own tag objects (yamlfast): a node carrying one is recognised by identity.
_STR_TAG, _SEQ_TAG, _MAP_TAG = SHARED_TAGS[_STR], SHARED_TAGS[_SEQ], SHARED_TAGS[_MAP]


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.version = (1, 2)
    return y


class _Stop(Exception):
    """Conversion aborted after an unrecoverable problem (already reported)."""


class SourceFile:
    """One YAML file: its display path, its bytes and lazy position index.

    ``read`` returns the converted data without keeping it (``data`` stays None), and the node
    tree is dropped after conversion: ``locate`` composes the bytes again when a position is needed.
    """

    def __init__(self, path: Path, display: str):
        self.path = path
        self.display = display
        self.raw: bytes | None = None  # valid UTF-8, without a byte order mark
        self.data: Any = None
        self._root: Node | None = None
        self._root_loaded = False
        self.read_fast = False  # whether the last read() went through rapidyaml

    @property
    def text(self) -> str | None:
        """The file's text (decoded on each use: only diagnostics need it)."""
        return None if self.raw is None else self.raw.decode("utf-8")

    def __getstate__(self) -> dict:
        """For pickling (the check cache): the bytes travel; the node tree is composed again on demand."""
        state = self.__dict__.copy()
        state.update(data=None, _root=None, _root_loaded=False)
        return state

    def __setstate__(self, state: dict) -> None:
        if "text" in state:  # pickled before files kept their bytes
            text = state.pop("text")
            state["raw"] = None if text is None else text.encode("utf-8")
        self.__dict__.update(state)

    # ------------------------------------------------------------------ reading
    def read(self, diags: Diagnostics, fast: bool = True, as_json: bool = False) -> Any:
        """Read, check the encoding, compose and convert; report every problem to ``diags``. Returns data or None.

        With ``fast``, rapidyaml reads the file when it can be sure of today's result with nothing
        to report (:mod:`casebuilder.yamlryml`); ``read_fast`` then says so, and the caller reads
        the file again with ``fast=False`` if its values turn out to have a problem.  With
        ``as_json`` too, what rapidyaml read is returned as :class:`yamlryml.Json`, not decoded."""
        self.read_fast = False
        try:
            size = self.path.stat().st_size
        except OSError as e:
            diags.error("unsafe-path", f"cannot read file: {e.strerror}", Location(self.display, 1, 1))
            return None
        if size > MAX_FILE_BYTES:
            diags.error("file-too-large", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                        Location(self.display, 1, 1))
            return None
        raw = self.path.read_bytes()
        if not raw.isascii():
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                line = raw.count(b"\n", 0, e.start) + 1
                col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
                diags.error("not-utf8", f"byte 0x{raw[e.start]:02x} is not valid UTF-8; save the file as UTF-8",
                            Location(self.display, line, col))
                return None
        if raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        self.raw = raw
        if fast:  # (rapidyaml parses any depth without recursing, and refuses to write JSON past 64)
            data = (yamlryml.load_json if as_json else yamlryml.load)(raw, MAX_DEPTH, MAX_VALUE_CHARS, MAX_ITEMS)
            if data is not yamlryml.DECLINE:
                self.read_fast = True
                return data  # exactly what the lines below would return, with nothing to report
        root = self._compose(diags)
        if root is None:
            return None
        # Anchors need an '&'; without one no node can be reached twice, and nothing need be tracked.
        conv = _Converter(self.display, diags, aliases_possible=b"&" in raw, at=self.at)
        try:
            data = conv.convert(root)
        except _Stop:
            return None
        finally:
            # The node tree is the largest thing a big case holds (half the memory of a check);
            # locate() composes the file again, once, only when a diagnostic needs a position.
            self._root, self._root_loaded = None, False
        if conv.failed:
            return None
        return data  # returned, not kept in self.data: on a large case it would double the memory

    def _compose(self, diags: Diagnostics | None) -> Node | None:
        try:
            if _may_nest_deeply(self.raw):
                deep = _first_too_deep(self.text)
                if deep is not None:
                    if diags is not None:
                        diags.error("value-too-large", f"nesting is deeper than {MAX_DEPTH} levels",
                                    Location(self.display, deep.line + 1, deep.column + 1))
                    return None
            root = compose(self.raw)
        except MarkedYAMLError as e:
            if diags is not None:
                mark = e.problem_mark or e.context_mark
                line, col = self.at(mark) if mark else (1, 1)
                # Two places, like a compiler: where the parser gave up, and what it was reading
                # ("while parsing a flow sequence") where that construct began.
                related = []
                cm = e.context_mark
                if (e.problem and e.context and cm and not e.problem.startswith("but ")
                        and (cm.line, cm.column) != (line - 1, col - 1)):
                    related.append((Location(self.display, cm.line + 1, cm.column + 1),
                                    e.context.replace("\n", " ")))
                    msg = e.problem
                else:
                    msg = " ".join(x for x in (e.context, e.problem) if x) or "invalid YAML"
                msg = msg.replace("\n", " ") + flow_quote_hint((self.text or "").split("\n")[line - 1:line], col)
                diags.error("yaml-syntax", msg, Location(self.display, line, col), related=related)
            return None
        except YAMLError as e:
            if diags is not None:
                diags.error("yaml-syntax", str(e).splitlines()[0] if str(e) else "invalid YAML",
                            Location(self.display, 1, 1))
            return None
        except RecursionError:
            if diags is not None:
                diags.error("value-too-large", f"nesting is deeper than {MAX_DEPTH} levels",
                            Location(self.display, 1, 1))
            return None
        self._root, self._root_loaded = root, True
        return root

    # ---------------------------------------------------------------- positions
    def at(self, mark) -> tuple[int, int]:
        """(line, column), 1-based, of a parser mark, counted in lines that end with "\\n" as every
        editor and the diagnostics' source excerpt count them.  The parser also breaks lines at
        CR, NEL, U+2028 and U+2029; in a text that holds any of them its mark is re-counted from
        its character index."""
        idx = getattr(mark, "index", None)
        shape = self.__dict__.get("_shape")
        if shape is None:  # once per file: a file can carry tens of thousands of diagnostics
            text = self.text or ""
            shape = self.__dict__["_shape"] = (bool(_OTHER_BREAKS.search(text)), text.count("\n") + 1)
        other, lines = shape
        if idx is None or not other:
            if mark.line + 1 <= lines:
                return mark.line + 1, mark.column + 1
            return self._clamp(mark.line + 1, mark.column + 1)
        text = self.text or ""
        idx = max(0, min(idx - (1 if text.startswith("\ufeff") else 0), len(text)))
        start = text.rfind("\n", 0, idx) + 1
        return text.count("\n", 0, idx) + 1, idx - start + 1

    def _clamp(self, line: int, col: int) -> tuple[int, int]:
        """A parser mark inside the text: libyaml puts "end of stream" on a line past a last line
        that has no newline; point at the end of that last line instead."""
        lines = (self.text or "").split("\n")
        if line > len(lines):
            return len(lines), len(lines[-1]) + 1
        return line, col

    def locate(self, path: tuple, key: bool = False) -> Location:
        """Exact place of the value at ``path`` (or of its key when ``key``); nearest ancestor if absent."""
        if not self._root_loaded:
            if self.raw is None:
                return Location(self.display, 1, 1)
            self._compose(None)
        node = self._root
        if node is None:
            return Location(self.display, 1, 1)
        best = node.start_mark
        for i, step in enumerate(path):
            last = i == len(path) - 1
            nxt = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(step):
                        if last and key:
                            return Location(self.display, *self.at(k.start_mark))
                        nxt = v
                        break
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nxt = node.value[step]
            if nxt is None:
                break
            node = nxt
            best = node.start_mark
        return Location(self.display, *self.at(best))


_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")

# A line that begins with _NESTING_GUARD // 2 indentation or indicator bytes, found by one search
# in a copy where a line break is a 0 byte, each of " ?-" a 1 byte and any other byte a 2 byte.
_INDENT_MARKED = bytes(0 if b == 10 else 1 if b in b" ?-" else 2 for b in range(256))
_DEEP_INDENT = b"\0" + b"\1" * (_NESTING_GUARD // 2)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def _may_nest_deeply(raw: bytes) -> bool:
    """Cheap and conservative: could ``raw`` nest deeper than _NESTING_GUARD (brackets or indentation)?"""
    half = _NESTING_GUARD // 2
    if _DEEP_INDENT in b"\0" + raw.translate(_INDENT_MARKED):
        return True
    if raw.count(b"[") + raw.count(b"{") < half:
        return False
    # The deepest point of the brackets (of either kind, wherever they stand): each round removes
    # every innermost pair and lowers it by at most one; what is left at the end is ")...)(...(".
    s = raw.translate(None, _NOT_BRACKET).translate(_AS_PARENS)
    for rounds in range(half):
        shorter = s.replace(b"()", b"")
        if len(shorter) == len(s):
            return rounds + shorter.count(b"(") >= half
        s = shorter
    return True


_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")


def _first_too_deep(text: str):
    """The mark of the first node nested deeper than MAX_DEPTH, found on the event stream (no recursion)."""
    depth = 0
    for ev in _yaml().parse(text):
        if isinstance(ev, NodeEvent) and depth > MAX_DEPTH:
            return ev.start_mark
        if isinstance(ev, CollectionStartEvent):
            depth += 1
        elif isinstance(ev, CollectionEndEvent):
            depth -= 1
    return None


_intern = sys.intern
_INTERN_MAX = 64  # characters: ids, kinds, names; prose is rarely written twice


def _tag(node: Node) -> str:
    return TAG_NAMES.get(id(node.ctag)) or node.tag  # the shared tags are named without formatting


class _Converter:
    """Node tree → plain values, enforcing the case format's rules (module docstring) on the way.

    Most values of a case are plain text: a scalar carrying the composer's shared ``str`` tag is
    taken by its container through :meth:`_text` alone when no alias is possible
    (``aliases_possible`` false: the file has no ``&``), with the checks every value gets (count,
    depth, length) and none of the generic ones; on 2,000 incidents that halved the conversion.

    Short texts are interned: ids, kinds, grades and names recur thousands of times in a large
    case (each reference to an item repeats its id); one object per occurrence was 10 MB of the
    51 MB that 2,000 incidents keep loaded, and equal ids that are one object compare at once.
    """

    def __init__(self, display: str, diags: Diagnostics, aliases_possible: bool = True, at=None):
        self.display = display
        self.at = at
        self.diags = diags
        self.seen: set[int] | None = set() if aliases_possible else None
        self.count = 0
        self.failed = False

    def _loc(self, node: Node) -> Location:
        if self.at is not None:
            return Location(self.display, *self.at(node.start_mark))
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, code: str, msg: str, node: Node) -> None:
        self.failed = True
        self.diags.error(code, msg, self._loc(node))

    def _too_many(self, node: Node) -> _Stop:
        self._fail("value-too-large", f"the file has more than {MAX_ITEMS:,} values", node)
        return _Stop()

    def _too_long(self, node: ScalarNode) -> str:
        v = node.value
        self._fail("value-too-large", f"value is {len(v):,} characters; the limit is {MAX_VALUE_CHARS:,}", node)
        return ""

    def convert(self, node: Node, depth: int = 0) -> Any:
        seen = self.seen
        if seen is not None:
            nid = id(node)
            if nid in seen:
                self._fail("yaml-alias", "this value is anchored (&name) and reused by an alias (*name); aliases are not allowed in case files, write the value out", node)
                raise _Stop
            seen.add(nid)
        self.count += 1
        if self.count > MAX_ITEMS:
            raise self._too_many(node)
        if depth > MAX_DEPTH:
            self._fail("value-too-large", f"nesting is deeper than {MAX_DEPTH} levels", node)
            raise _Stop
        if seen is not None and getattr(node, "anchor", None):
            self._fail("yaml-alias", "anchors (&name) are not allowed in case files", node)
        if isinstance(node, ScalarNode):
            return self._scalar(node, _tag(node))
        if isinstance(node, SequenceNode):
            if node.ctag is not _SEQ_TAG and _tag(node) != _SEQ:
                self._fail("yaml-tag", f"explicit tag {_tag(node)} is not allowed", node)
            return self._sequence(node.value, depth + 1)
        if isinstance(node, MappingNode):
            if node.ctag is not _MAP_TAG and _tag(node) != _MAP:
                self._fail("yaml-tag", f"explicit tag {_tag(node)} is not allowed", node)
            return self._mapping(node.value, depth + 1)
        self._fail("yaml-syntax", "unsupported YAML node", node)
        raise _Stop

    def _text(self, v: ScalarNode) -> str:
        """A plain-text value (see the class docstring): counted, bounded, short ones interned."""
        self.count += 1
        if self.count > MAX_ITEMS:
            raise self._too_many(v)
        t = v.value
        if len(t) <= _INTERN_MAX:
            return _intern(t)
        return t if len(t) <= MAX_VALUE_CHARS else self._too_long(v)

    def _inline(self, depth: int) -> bool:
        """Whether plain-text children at ``depth`` may be taken without :meth:`convert`."""
        return self.seen is None and depth <= MAX_DEPTH

    def _sequence(self, items: list, depth: int) -> list:
        if not self._inline(depth):
            return [self.convert(v, depth) for v in items]
        out = []
        append = out.append
        for v in items:
            if v.ctag is _STR_TAG and v.__class__ is ScalarNode:
                append(self._text(v))
            else:
                append(self.convert(v, depth))
        return out

    def _mapping(self, pairs: list, depth: int) -> dict:
        inline = self._inline(depth)
        out: dict = {}
        first: dict = {}
        for k, v in pairs:
            if k.ctag is _STR_TAG and k.__class__ is ScalarNode:
                key = k.value
            else:
                ktag = _tag(k)
                if ktag == _MERGE:
                    self._fail("yaml-alias", "merge keys (<<) are not allowed in case files", k)
                    continue
                if not isinstance(k, ScalarNode):
                    self._fail("wrong-type", "mapping keys must be plain text", k)
                    continue
                key = k.value if ktag in _TEXT_TAGS else self._scalar(k, ktag)
                if not isinstance(key, str):
                    key = str(k.value)
            if key in first:  # reported; the first value is kept so checking can go on
                prev = first[key]
                self.diags.error("duplicate-key", f"key {key!r} appears twice in this mapping",
                                 self._loc(k), related=[(self._loc(prev), "first defined here")])
                continue
            first[key] = k
            if inline and v.ctag is _STR_TAG and v.__class__ is ScalarNode:
                out[key] = self._text(v)
            else:
                out[key] = self.convert(v, depth)
        return out

    def _scalar(self, node: ScalarNode, tag: str) -> Any:
        v = node.value
        if len(v) > MAX_VALUE_CHARS:
            return self._too_long(node)
        if tag in _TEXT_TAGS:
            return v
        value = scalar_value(tag, v)
        if value is UNKNOWN_TAG:
            self._fail("yaml-tag", f"explicit tag {tag} is not allowed", node)
            return v
        return value


_FLOW_KEY = re.compile(r"[{,]\s*([A-Za-z_][\w-]*):\s")


def flow_quote_hint(lines: list[str], col: int) -> str:
    """A hint when a syntax error sits inside a flow mapping ``{...}`` at an unquoted comma or colon.

    In ``{note: He said: stop}`` a colon, and in ``{note: shots, arrests}`` a comma, ends the plain
    value; quoting the value keeps it whole."""
    if not lines:
        return ""
    before = lines[0][:max(col - 1, 0)]
    if before.count("{") <= before.count("}"):
        return ""
    keys = _FLOW_KEY.findall(before)
    key = keys[-1] if keys else None
    example = f'{key}: "..."' if key else 'key: "..."'
    return (f"; inside a flow mapping {{...}} a comma or a colon in a value ends it: put the value"
            f"{' of ' + repr(key) if key else ''} in double quotes ({example})")
