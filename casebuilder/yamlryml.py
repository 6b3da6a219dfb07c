"""Reading a case file at rapidyaml's speed, or declining so that the position-aware loader reads it.

:func:`load` parses a file with rapidyaml (the C++ ``ryml`` library's Python wrapper), has it
written out as JSON, and builds the values with Python's C JSON decoder: no Python object per YAML
node, no resolver call per scalar.  :func:`load_json` stops at the JSON, for a caller that validates
it itself (:func:`casebuilder.load._take_json`: pydantic reads a case file's JSON into the models in
one call) and :func:`decode` finishes the job if it cannot.  It answers only when it is sure that today's loader
(:mod:`casebuilder.yamlsrc`: ruamel's C parser and our converter) would give *the same values and no
diagnostic*; for anything else it returns :data:`DECLINE` and the caller reads the file the usual
way, which reports every problem at its exact ``path:line:col``.  So the rules of the case format
are today's by construction (YAML 1.2 core scalars, no anchors, aliases, merge keys or tags,
duplicate keys an error, the size and nesting limits, one document per file), and a file that is
wrong in any way is read once more, alone, by the loader that knows where things are.

What is checked, and why (rapidyaml is more lenient than libyaml in places, and its JSON writer
re-spells some scalars):

* bytes libyaml refuses or reads differently — control characters, tabs and a carriage return
  that is not part of a Windows line end, C1 controls and the
  Unicode line separators libyaml counts as line breaks, a byte order mark or non-character inside
  the file, ``%`` directives, ``<<``, a surrogate written as an escape, a block scalar that may end
  the file without a line break — and a long line (libyaml refuses an implicit key over 1,024
  characters): decline, or look closer;
* a node property (``&anchor``, ``*alias``, ``!tag``) or a reserved indicator (``@``, `````, ``%``) where a
  node may begin: the tree is searched for anchors, aliases and tags, and the file declined if
  there is any or if such a character begins a value; ``]`` or ``}`` where a block node may
  begin (rapidyaml reads ``]x`` there as text): decline;
* in flow collections (``[...]``, ``{...}``), libyaml refuses a ``:`` inside a plain scalar and
  reads a leading ``?`` as a key indicator, rapidyaml takes both as text: a flow collection that
  goes on past its line is declined, and so is a file with a colon that a non-blank follows, or a
  ``?``, where a flow collection may be open;
* more than one document, a top level that is not a mapping, a parse error: decline;
* JSON strings: a string that YAML 1.2 would read as something other than text when unquoted
  (``~``, ``True``, ``0x1F``, ``.inf`` ...) is ambiguous in JSON, which no longer says whether the
  scalar was quoted: decline.  The patterns are ruamel's own 1.2 resolvers.  Not ambiguous: ``"7"``
  or ``"1.5"`` (unquoted, rapidyaml writes them as numbers) and ``""`` (unquoted: null);
* JSON numbers: only plain decimal forms are taken, converted exactly as today
  (:func:`casebuilder.yamlfast.plain_value`); ``true``, ``false`` and ``null`` are written only for
  those very words and for an empty value, which YAML 1.2 reads the same way;
* duplicate keys (the mappings the decoder builds hold fewer entries than the JSON has keys),
  nesting deeper than the limit (counted on the JSON's brackets), values longer than the limit,
  more values than the limit: decline.

rapidyaml prints a parse error on stderr before raising it; file descriptor 2 is pointed at
``/dev/null`` for the call (see :func:`_quietly`).  Without the ``rapidyaml`` wheel (a platform it
does not support), :data:`ryml` is None and every file is read the usual way; so it is with
``CASEBUILDER_NO_RAPIDYAML=1``.
"""
from __future__ import annotations

import functools
import json
import os
import re
import threading
from typing import Any

from ruamel.yaml.resolver import implicit_resolvers

from .yamlfast import plain_value

try:  # the rapidyaml wheel; optional at run time (see the module docstring)
    import ryml
except ImportError:  # pragma: no cover - exercised by a test that hides the module
    ryml = None

DECLINE = object()  # "read this file the usual way"

_MAX_KEY_LINE = 1000  # libyaml: an implicit key spans at most 1,024 characters on one line

# Bytes that libyaml refuses, or reads otherwise than rapidyaml: every C0 control but the line
# breaks (tab included: legal YAML in places, and rare in case files); a carriage return only
# before a newline (Windows line ends, which both read alike).
_CONTROL = bytes(range(0, 10)) + bytes((11, 12)) + bytes(range(14, 32)) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
# In UTF-8: C1 controls and NEL (U+0080-U+009F), LINE/PARAGRAPH SEPARATOR, a BOM inside the file,
# the non-characters U+FFFE/U+FFFF, and an escaped surrogate (libyaml refuses it).
# Each pattern is searched only in a file that holds its lead byte (a search for one byte is the
# fastest there is; most files that are not ASCII hold none of the three).
_ODD_UTF8 = [(b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")), (b"\xe2", re.compile(rb"\xe2\x80[\xa8\xa9]")),
             (b"\xef", re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"))]
_SURROGATE_ESCAPE = re.compile(rb"\\(?:u|U0000)[dD][89a-fA-F]")
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}\\ntrbfu/')  # see _too_deep
_ESCAPES_AS_E = bytes.maketrans(b"ntrbfu/", b"eeeeeee")
_OPENS_AS_BRACKET = bytes.maketrans(b"{", b"[")  # with _NOT_OPEN_OR_LINE: see _shallow_by_layout
_NOT_OPEN_OR_LINE = bytes(b for b in range(256) if b not in b"[{\n")
_QUOTES_MARKED = bytes(0 if b == 34 else 1 for b in range(256))
_RESERVED_START = re.compile(rb'"[@`%&*!]')  # a string beginning with one (quoted ones too: rare)
# Flow collections: libyaml refuses a ":" that a non-blank follows there ("[a:b]", "{a:}"), and
# reads a "?" as a key indicator (or refuses it); rapidyaml takes both as text.  Each bracket is
# made "(" or ")" and each line break kept, all else dropped, to see whether every flow collection
# ends on its line; then a tight colon, or any "?", with a bracket before it on its line is
# declined (inside quotes too: conservatively; both are rare).
_TIGHT_COLON = re.compile(rb":(?=[^ \r\n])")  # (the next byte is not taken: "::]" is two)
_COLON_CLOSES = b"]},"  # after a colon (":]", ":}", ":,"): declined wherever it stands
_BRACKETS_BY_LINE = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKET_OR_LINE = bytes(b for b in range(256) if b not in b"[]{}\n")
_LONG_KEY = re.compile(rb'"[^"]{%d,}+": ' % _MAX_KEY_LINE)


def _ambiguous() -> re.Pattern:
    """A JSON string whose text YAML 1.2 reads as a non-text scalar when it is written unquoted.

    Built from ruamel's own implicit resolvers of YAML 1.2 (those whose tag is not text: bool,
    int, float, null, merge and the "yaml" indicators), so that it follows them exactly; each
    resolver's patterns are tried only on a string that begins with one of its first characters."""
    groups, first = [], set()
    for versions, tag, regexp, chars in implicit_resolvers:
        if (1, 2) not in versions or tag.rsplit(":", 1)[-1] in ("str", "timestamp", "value"):
            continue
        pattern = re.sub(r"\s+", "", getattr(regexp, "pattern", regexp))  # ruamel writes them verbose
        if not (pattern.startswith("^") and pattern.endswith("$")):
            raise RuntimeError(f"unexpected resolver pattern for {tag}: {pattern}")
        lead = "".join(re.escape(c) for c in sorted(c if c else '"' for c in chars))  # '': the empty text
        groups.append(f"(?=[{lead}]){pattern[1:-1]}")
        first.update(chars)
    lead = "".join(re.escape(c) for c in sorted(c if c else '"' for c in first))  # '': "" (see below)
    # Not ambiguous, though the patterns match them: a decimal integer or decimal without a leading
    # zero, and the empty string (see _QUOTED_ONLY; set aside by _ambiguous_string, not here: a
    # lookahead tried at every candidate costs more than looking at the few strings it would keep).
    # Nor a text of digits and then "-" (a date, mostly): no resolver but text and timestamp takes
    # it (test_yamlryml checks this against the resolvers), and it is quickly set aside here.
    dated = r"(?![0-9]+-)"
    return re.compile(('"(?=[' + lead + '])' + dated + "(?:" + "|".join(groups) + ')"').encode())


_AMBIGUOUS = _ambiguous()
# Strings the resolvers' patterns match that are not ambiguous all the same: a decimal integer or
# decimal without a leading zero, which rapidyaml writes as a JSON number when it is unquoted (so a
# JSON string of one was quoted), and the empty string, which it writes as null when unquoted.
_QUOTED_ONLY = re.compile(rb'"(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)?"')


def _ambiguous_string(js: bytes) -> bool:
    """Whether a JSON string is one YAML 1.2 reads as something other than text when it is written
    unquoted (see _ambiguous), or an empty key (``"": ``: rapidyaml takes ``: x`` with no key
    before it, libyaml does not).  One pass over the JSON for both: every ``""`` the pass finds is
    looked at.  (A match set aside here cannot hide another: it ends with a string's closing
    quote, which only punctuation or a line break follows.)"""
    for m in _AMBIGUOUS.finditer(js):
        if _QUOTED_ONLY.fullmatch(js, m.start(), m.end()) is None:
            return True
        if m.end() - m.start() == 2 and js.startswith(b": ", m.end()):
            return True
    return False
# JSON numbers taken as they are: plain decimal integers and decimals, or an exponent without a
# point (rapidyaml writes ".5" as 0.5 and "5." as 5.0, the same numbers in YAML 1.2, but also
# ".5e3", which YAML 1.2 reads as text, as 0.5e3: a point with an exponent is declined).
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+|[eE][-+]?[0-9]+)?")


class _Decline(Exception):
    pass


@functools.lru_cache(maxsize=4096)  # the same few numbers recur (grades, counts, years)
def _number(text: str) -> Any:
    if _PLAIN_NUMBER.fullmatch(text) is None:
        raise _Decline
    return plain_value(text)


def _constant(text: str) -> Any:
    raise _Decline  # NaN, Infinity: never written for a YAML scalar we take


def _decoder() -> tuple[json.JSONDecoder, list[int]]:
    """A JSON decoder, and a counter of the entries of every mapping it builds.

    Python's C decoder builds each mapping itself (a hook given the pairs costs as much again on a
    large case); a duplicate key leaves one entry fewer than the JSON has keys, which
    :func:`keys_in` counts (see decode).  The texts are not interned (the usual reading of a case
    validates the JSON itself, see casebuilder.load._take_json; this one is for the files it
    leaves, the frameworks, and files with something to report)."""
    entries = [0]

    def count(d: dict, entries: list = entries, len=len) -> dict:
        entries[0] += len(d)
        return d

    return json.JSONDecoder(object_hook=count, parse_float=_number, parse_int=_number,
                            parse_constant=_constant, strict=False), entries


def keys_in(js: bytes) -> int:
    """How many keys the JSON holds: rapidyaml writes every key as ``"key": `` (a quote, a colon and
    a space), and no string holds an unescaped quote (see _escapes_kept_long).  Where no backslash
    stands before a ``": ``, making the escapes letters would change none of them: they are counted
    in the JSON as it is, without the copy."""
    if b'\\": ' in js:
        js = _escapes_kept_long(js)
    return js.count(b'": ')


_STDERR_LOCK = threading.Lock()


def available() -> bool:
    """Whether the rapidyaml fast path is in use: the wheel imports on this platform, and
    ``CASEBUILDER_NO_RAPIDYAML`` (set to anything but 0) does not turn it off."""
    return ryml is not None and os.environ.get("CASEBUILDER_NO_RAPIDYAML", "").strip() in ("", "0")


def _quietly(fn, *args) -> Any:
    """``fn(*args)``, or None if it raises; rapidyaml prints its errors on file descriptor 2 before
    raising them, so the descriptor points at /dev/null meanwhile (the user sees today's
    diagnostics instead, from the loader that reads the file again)."""
    with _STDERR_LOCK:
        try:
            saved = os.dup(2)
        except OSError:
            saved = None
        try:
            if saved is not None:
                with open(os.devnull, "wb") as null:
                    os.dup2(null.fileno(), 2)
            try:
                return fn(*args)
            except Exception:
                return None
        finally:
            if saved is not None:
                os.dup2(saved, 2)
                os.close(saved)


def _at_node_start(raw: bytes, at: int, after: bytes) -> bool:
    """Whether a node may begin at ``at``: only spaces before it on its line, or one of ``after``
    and spaces (conservatively: inside a scalar too)."""
    before = raw[raw.rfind(b"\n", 0, at) + 1:at].rstrip(b" ")
    return not before or before[-1:] in after


def _begins_a_node(raw: bytes, chars: bytes, after: bytes) -> bool:
    """Whether any of ``chars`` stands where a node may begin, after one of ``after`` (see
    _at_node_start)."""
    for c in chars:
        c = bytes((c,))
        at = raw.find(c)
        while at >= 0:
            if _at_node_start(raw, at, after):
                return True
            at = raw.find(c, at + 1)
    return False


def _closer_begins_a_node(raw: bytes) -> bool:
    """Whether ``]`` or ``}`` stands where a block node may begin.  Only those just after a space
    or line break (or at the very start) can: each closer is looked at where a search finds it
    (a search for one byte is the fastest there is; a flow collection's closer follows a value)."""
    if raw.lstrip(b" ")[:1] in (b"]", b"}"):
        return True
    for closer in b"]}":
        at = raw.find(closer)
        while at >= 0:
            if raw[at - 1] in b" \n" and _at_node_start(raw, at, b"-?:"):
                return True
            at = raw.find(closer, at + 1)
    return False


def _has_long_line(raw: bytes, n: int = _MAX_KEY_LINE) -> bool:
    """Whether a line has ``n`` bytes or more: whether some ``n`` bytes in a row hold no line break.
    Each step looks for the last line break among the next ``n`` bytes and goes on after it (a run
    that began before it would hold it), so it reads each byte about once, ``n`` at a time, with no
    copy of the file."""
    pos, last, rfind = 0, len(raw) - n, raw.rfind
    while pos <= last:
        nl = rfind(b"\n", pos, pos + n)
        if nl < 0:
            return True
        pos = nl + 1
    return False


def _has_properties(tree) -> bool:
    mask = ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
    kind = tree.type
    return any(kind(i) & mask for i in range(tree.size()))


def _escapes_kept_long(js: bytes) -> bytes:
    """The JSON with every escaped backslash or quote replaced by two letters: each quote left
    delimits a string, and no string is shorter than it was.  (Without a backslash before a quote,
    every quote delimits a string already.)"""
    if b'\\"' not in js:
        return js
    if b"\\\\" in js:
        js = js.replace(b"\\\\", b"__")
    if b'\\"' in js:
        js = js.replace(b'\\"', b"__")
    return js


def _shallow_by_layout(js: bytes, limit: int) -> bool:
    """Whether rapidyaml's layout of the JSON shows at once that it nests at most ``limit`` deep.

    It writes a container that began in block style over several lines, each item on a line of
    its own, two spaces further in per level; one that was written in flow style on the line of
    its key.  So when no line is indented ``limit`` spaces and none has ``limit // 2`` opening
    brackets, nothing is nested deeper than ``limit // 2 - 1`` (block) plus ``limit // 2 - 1``
    (flow) levels.  Otherwise the exact count of _too_deep decides.  (test_yamlryml nests blocks
    and flows past the limit: a later rapidyaml that wrote otherwise would fail it.)"""
    if b"\n" + b" " * limit in js:
        return False
    # only the opening brackets (each as "[") and the line breaks are kept
    return b"[" * (limit // 2) not in js.translate(_OPENS_AS_BRACKET, _NOT_OPEN_OR_LINE)


def _too_deep(js: bytes, limit: int) -> bool:
    """Conservatively: could the JSON nest deeper than ``limit`` containers?

    Its brackets are counted outside strings.  One pass keeps only quotes, brackets, backslashes
    and the letters that may follow a backslash (those as "e"): then an escaped backslash, an
    escaped quote and any other escape can be told apart and dropped, and every quote left
    delimits a string."""
    if _shallow_by_layout(js, limit):
        return False
    s = js.translate(_ESCAPES_AS_E, _NOT_STRUCTURE)
    if b"\\" in s:
        s = s.replace(b"\\\\", b"").replace(b'\\"', b"").replace(b"\\e", b"")
    s = s.translate(None, b"e").replace(b'""', b"")  # empty strings (and the space between two) go
    if b'"' in s:  # strings with brackets in them: drop their contents
        s = b"".join(s.split(b'"')[::2])
    # Each round removes the innermost one or two levels of every branch.
    for _ in range(limit // 2):
        if not s:
            return False
        s = s.replace(b"[]", b"").replace(b"{}", b"")
    return bool(s)


def _has_long_string(js_kept: bytes, limit: int) -> bool:
    """Whether a key or value of the JSON may be longer than ``limit`` characters: a run of more than
    ``limit`` bytes without a quote that delimits a string (``js_kept``: escaped quotes and
    backslashes made letters, see _escapes_kept_long), found by one search in a copy where a quote
    is a 0 byte and all else a 1."""
    return b"\1" * (limit + 1) in js_kept.translate(_QUOTES_MARKED)


def _flow_spans_lines(raw: bytes) -> bool:
    """Whether a flow collection may go on past its line: some line's brackets do not pair up."""
    s = raw.translate(_BRACKETS_BY_LINE, _NOT_BRACKET_OR_LINE)  # (a line break parts two lines' brackets)
    for _ in range(64):
        shorter = s.replace(b"()", b"")
        if len(shorter) == len(s):
            return b"(" in s or b")" in s
        s = shorter
    return True


def _flow_refusal(raw: bytes) -> bool:
    """Whether a tight colon or a "?" may stand in a flow collection (see _TIGHT_COLON), or a colon
    stands just before a closer or a comma (see _COLON_CLOSES), on any line: one search finds
    every tight colon for both."""
    for m in _TIGHT_COLON.finditer(raw):
        at = m.start()
        if raw[at + 1] in _COLON_CLOSES:
            return True
        line = raw[raw.rfind(b"\n", 0, at) + 1:at]
        if b"[" in line or b"{" in line:
            return True
    at = raw.find(b"?")
    while at >= 0:
        before = raw[raw.rfind(b"\n", 0, at) + 1:at]
        if b"[" in before or b"{" in before:
            return True
        at = raw.find(b"?", at + 1)
    return False


_MAX_RESERVED = 1 << 18  # nodes (some 35 MB): about four times the largest file of the L case


def _parse(raw: bytes, max_items: int):
    """rapidyaml's tree of ``raw``, its room for nodes reserved first: a tree that grows as it parses
    copies its nodes at each step (a third of the parse on a large case).  A node is a key, a
    value or an item: on a line, or after a comma in a flow collection.  The guess is generous
    (case files hold fewer than 1.5 nodes per line and comma; a file with more only grows), and
    never above _MAX_RESERVED nodes: a file of blank lines or comments holds few nodes for its
    lines, and a larger tree grows as it did without the reservation."""
    tree = ryml.Tree()
    tree.reserve(min((raw.count(b"\n") + raw.count(b",")) * 3 // 2, max_items, _MAX_RESERVED) + 64)
    return ryml.parse_in_arena(raw, tree=tree)


def _emit(tree, node: int, size_hint: int) -> bytearray | None:
    """The JSON of ``node`` (rapidyaml refuses some trees, e.g. nesting past its own limit: None)."""
    buf = bytearray(size_hint)
    out = _quietly(ryml.emit_json_in_place, tree, buf, node)
    if out is None:  # too small for the buffer, or refused: ask for the exact size and try once more
        size = _quietly(ryml.compute_json_length, tree, node)
        if size is None:
            return None
        buf = bytearray(size)
        out = _quietly(ryml.emit_json_in_place, tree, buf, node)
        if out is None:
            return None
    n = len(out)
    out.release()  # a view of buf: released before buf is cut to the JSON's length
    del buf[n:]
    return buf


class Json(bytes):
    """A file's values as rapidyaml writes them in JSON, with every check above passed but those on
    decoding (duplicate keys, numbers): see :func:`decode`, and :func:`casebuilder.load._take_json`,
    which validates it in one call when it can."""


def load(raw: bytes, max_depth: int, max_value_chars: int, max_items: int) -> Any:
    """The values of a one-document YAML file whose top level is a mapping, or :data:`DECLINE`.

    ``raw`` is valid UTF-8 without a byte order mark (:meth:`SourceFile.read` checks that first).
    A value is returned only when today's loader would return the same and report nothing."""
    js = load_json(raw, max_depth, max_value_chars, max_items)
    return js if js is DECLINE else decode(js)


def decode(js: Json) -> Any:
    """The values of :func:`load_json`'s JSON, or :data:`DECLINE` (a duplicate key, a number that
    YAML 1.2 reads otherwise)."""
    decoder, entries = _decoder()
    try:
        data = decoder.decode(js.decode("utf-8"))
    except (_Decline, ValueError, RecursionError):
        return DECLINE
    if entries[0] != keys_in(js):
        return DECLINE  # a duplicate key (today's loader names both places)
    return data if isinstance(data, dict) else DECLINE


def load_json(raw: bytes, max_depth: int, max_value_chars: int, max_items: int) -> Json | Any:
    """:func:`load`'s checks but those of decoding, and the JSON; or :data:`DECLINE`."""
    if not raw or not available():
        return DECLINE
    if raw.translate(None, _NOT_CONTROL) or (b"<" in raw and b"<<" in raw) or (b"%" in raw and (raw.startswith(b"%") or b"\n%" in raw)):
        return DECLINE
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return DECLINE
    if not raw.endswith(b"\n") and (b"|" in raw or b">" in raw):
        return DECLINE  # a block scalar at the very end: rapidyaml gives it the line break it lacks
    if not raw.isascii() and any(lead in raw and p.search(raw) for lead, p in _ODD_UTF8):
        return DECLINE
    if b"\\" in raw and _SURROGATE_ESCAPE.search(raw) is not None:
        return DECLINE
    long_lines = _has_long_line(raw)
    # ] or } where a block node may begin: libyaml refuses it, rapidyaml reads "]x" as text.
    if _closer_begins_a_node(raw):
        return DECLINE
    # & * ! (anchor, alias, tag) or the reserved @ ` % where a node may begin: looked into below.
    properties = _begins_a_node(raw, b"&*!@`%", b"-?:[{,")
    if _flow_spans_lines(raw) or _flow_refusal(raw):
        return DECLINE
    tree = _quietly(_parse, raw, max_items)
    if tree is None:
        return DECLINE
    if tree.size() > max_items:
        return DECLINE
    node = tree.root_id()
    if tree.is_stream(node):
        if tree.num_children(node) != 1:
            return DECLINE
        node = tree.first_child(node)
    if not tree.is_map(node):
        return DECLINE
    if properties and _has_properties(tree):
        return DECLINE
    js = _emit(tree, node, 2 * len(raw) + 4096)
    if js is None:
        return DECLINE
    if _ambiguous_string(js):
        return DECLINE
    del tree
    if properties and _RESERVED_START.search(js) is not None:
        return DECLINE  # a reserved character that may have begun a plain scalar (libyaml refuses it)
    if long_lines and _LONG_KEY.search(_escapes_kept_long(js)) is not None:
        return DECLINE
    if _too_deep(js, max_depth):
        return DECLINE
    if len(js) > max_value_chars and _has_long_string(_escapes_kept_long(js), max_value_chars):
        return DECLINE
    return Json(js)
