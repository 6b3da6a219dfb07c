"""Reading YAML safely and knowing where every value came from.

The fast path composes the file with ruamel.yaml's C parser (``typ="safe"`` + ``ruamel.yaml.clib``)
and converts the node tree to plain Python values ourselves, which lets us enforce the rules of the
case format in the same pass:

* duplicate mapping keys are errors (both places named);
* anchors, aliases and merge keys are refused at the first reuse, so an alias bomb is rejected in
  linear time and never expanded;
* explicit tags are refused; timestamps stay strings so that our own date parser reads them;
  YAML 1.2 scalars only (``no`` and ``on`` stay strings);
* sizes are bounded (file, single value, nesting depth).

Positions are not stored per value: :meth:`SourceFile.locate` finds the exact line and column of any
value by its path (``("evidence", 3, "date")``) when a diagnostic needs it, re-composing the file
once.  This keeps loading near the parser's own cost on very large cases.
"""
from __future__ import annotations

import math
import re
from itertools import accumulate
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostics, Location
from .yamlfast import TAG_NAMES, compose

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
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.version = (1, 2)
    return y


class _Stop(Exception):
    """Conversion aborted after an unrecoverable problem (already reported)."""


class SourceFile:
    """One YAML file: its display path, text and lazy position index.

    ``read`` returns the converted data without keeping it (``data`` stays None), and the node
    tree is dropped after conversion: ``locate`` composes the text again when a position is needed.
    """

    def __init__(self, path: Path, display: str):
        self.path = path
        self.display = display
        self.text: str | None = None
        self.data: Any = None
        self._root: Node | None = None
        self._root_loaded = False

    def __getstate__(self) -> dict:
        """For pickling (the check cache): the text travels; the node tree is composed again on demand."""
        state = self.__dict__.copy()
        state.update(data=None, _root=None, _root_loaded=False)
        return state

    # ------------------------------------------------------------------ reading
    def read(self, diags: Diagnostics) -> Any:
        """Read, decode, compose and convert; report every problem to ``diags``. Returns data or None."""
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
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
            diags.error("not-utf8", f"byte 0x{raw[e.start]:02x} is not valid UTF-8; save the file as UTF-8",
                        Location(self.display, line, col))
            return None
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        root = self._compose(diags)
        if root is None:
            return None
        conv = _Converter(self.display, diags)
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
            if _may_nest_deeply(self.text):
                deep = _first_too_deep(self.text)
                if deep is not None:
                    if diags is not None:
                        diags.error("value-too-large", f"nesting is deeper than {MAX_DEPTH} levels",
                                    Location(self.display, deep.line + 1, deep.column + 1))
                    return None
            root = compose(self.text)
        except MarkedYAMLError as e:
            if diags is not None:
                mark = e.problem_mark or e.context_mark
                line, col = self._clamp(mark.line + 1, mark.column + 1) if mark else (1, 1)
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
                diags.error("yaml-syntax", msg.replace("\n", " "), Location(self.display, line, col), related=related)
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
            if self.text is None:
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
                            return Location(self.display, k.start_mark.line + 1, k.start_mark.column + 1)
                        nxt = v
                        break
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nxt = node.value[step]
            if nxt is None:
                break
            node = nxt
            best = node.start_mark
        return Location(self.display, best.line + 1, best.column + 1)


def _may_nest_deeply(text: str) -> bool:
    """Cheap and conservative: could ``text`` nest deeper than _NESTING_GUARD (brackets or indentation)?"""
    half = _NESTING_GUARD // 2
    if re.search(r"(?m)^[ ?-]{%d}" % half, text):
        return True
    if text.count("[") + text.count("{") < half:
        return False
    brackets = re.sub(r"[^\[\]{}]+", "", text)
    return max(accumulate(1 if c in "[{" else -1 for c in brackets)) >= half


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


class _Converter:
    def __init__(self, display: str, diags: Diagnostics):
        self.display = display
        self.diags = diags
        self.seen: set[int] = set()
        self.count = 0
        self.failed = False

    def _loc(self, node: Node) -> Location:
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, code: str, msg: str, node: Node) -> None:
        self.failed = True
        self.diags.error(code, msg, self._loc(node))

    def convert(self, node: Node, depth: int = 0) -> Any:
        nid = id(node)
        if nid in self.seen:
            self._fail("yaml-alias", "this value is anchored (&name) and reused by an alias (*name); aliases are not allowed in case files, write the value out", node)
            raise _Stop
        self.seen.add(nid)
        self.count += 1
        if self.count > MAX_ITEMS:
            self._fail("value-too-large", f"the file has more than {MAX_ITEMS:,} values", node)
            raise _Stop
        if depth > MAX_DEPTH:
            self._fail("value-too-large", f"nesting is deeper than {MAX_DEPTH} levels", node)
            raise _Stop
        if getattr(node, "anchor", None):
            self._fail("yaml-alias", "anchors (&name) are not allowed in case files", node)
        tag = TAG_NAMES.get(id(node.ctag)) or node.tag  # shared tags are named without formatting
        if isinstance(node, ScalarNode):
            return self._scalar(node, tag)
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                self._fail("yaml-tag", f"explicit tag {tag} is not allowed", node)
            return [self.convert(v, depth + 1) for v in node.value]
        if isinstance(node, MappingNode):
            if tag != _MAP:
                self._fail("yaml-tag", f"explicit tag {tag} is not allowed", node)
            out: dict = {}
            first: dict = {}
            for k, v in node.value:
                ktag = TAG_NAMES.get(id(k.ctag)) or k.tag
                if ktag == _MERGE:
                    self._fail("yaml-alias", "merge keys (<<) are not allowed in case files", k)
                    continue
                if not isinstance(k, ScalarNode):
                    self._fail("wrong-type", "mapping keys must be plain text", k)
                    continue
                key = k.value if ktag in (_STR, _TIMESTAMP) else self._scalar(k, ktag)
                if not isinstance(key, str):
                    key = str(k.value)
                if key in first:  # reported; the first value is kept so checking can go on
                    prev = first[key]
                    self.diags.error("duplicate-key", f"key {key!r} appears twice in this mapping",
                                     self._loc(k), related=[(self._loc(prev), "first defined here")])
                    continue
                first[key] = k
                out[key] = self.convert(v, depth + 1)
            return out
        self._fail("yaml-syntax", "unsupported YAML node", node)
        raise _Stop

    def _scalar(self, node: ScalarNode, tag: str) -> Any:
        v = node.value
        if len(v) > MAX_VALUE_CHARS:
            self._fail("value-too-large", f"value is {len(v):,} characters; the limit is {MAX_VALUE_CHARS:,}", node)
            return ""
        if tag == _STR or tag == _TIMESTAMP:
            return v
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return v.lower() == "true"
        if tag == _INT:
            s = v.replace("_", "")
            try:
                low = s.lower()
                if "0o" in low:
                    return int(low.replace("0o", ""), 8)
                if "0x" in low:
                    return int(low, 16)
                return int(s)
            except ValueError:
                return v
        if tag == _FLOAT:
            s = v.lower()
            if s in (".inf", "+.inf"):
                return math.inf
            if s == "-.inf":
                return -math.inf
            if s == ".nan":
                return math.nan
            try:
                return float(v.replace("_", ""))
            except ValueError:
                return v
        self._fail("yaml-tag", f"explicit tag {tag} is not allowed", node)
        return v
