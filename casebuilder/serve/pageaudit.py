"""The leak audit of the workspace's pages, remembering the table rows it has already found clean.

Every page the workspace sends passes the leak audit (:func:`casebuilder.audit.audit_bytes` with
the snapshot's matcher).  After an edit the matrix page of a large case is 1.6 MB, and almost every
row of it is the row that was audited a moment before.  An HTML page's audit has three tiers
(:func:`casebuilder.audit.extract.extract_html`):

* *primary*: each block's text and each attribute value, each searched on its own — so the page
  finds a protected string in this tier exactly when one of its pieces does;
* *joined*: the text of every block, joined (a name split over two blocks);
* *fallback*: the whole source, entities decoded (a name hidden in the markup).

:class:`PageAudit` cuts an HTML page before each ``<tr`` tag (a block: nothing is buffered across
it, so the pieces' primary segments are the page's), searches the primary tier only of pieces it
has not seen clean with this matcher, and searches the joined and fallback tiers of the WHOLE page
as before — so a string spanning two rows is found as the full audit finds it.  The answer (does
the page leak?) is the full audit's (tests/serve/test_pageaudit.py compares them).  A page holding
a comment, a script, a style or CDATA is not cut (a ``<tr`` there would not be a tag).

The whole-page tiers read the page anew every time, but not everything is computed anew: their
loose readings (:func:`casebuilder.protect.match.readings`) are what costs, and

* the joined text's readings, and those of each other reading of the source (markup stripped, …),
  are kept for the next page whose text is the same (the page after an edit that changed no row,
  say: only the version in ``<body data-version>`` differs, and it is in neither of those texts);
* the source *as written*, entities decoded, is read (:func:`normalise.loose`) piece by piece, each
  piece's reading kept: ``loose(html.unescape(page))`` is the pieces' readings joined by a space,
  because every piece after the first begins with ``<`` — no entity holds a ``<`` (so none spans a
  cut, and each piece decodes alone to what it decodes to in the page), no word holds one (so
  none spans a cut), and folding never joins a ``<`` to what precedes it (it composes with no
  character before it, and is its own fold).  The other readings (percent-decoded, an override
  undone, markup stripped) are NOT read piece by piece: a right-to-left override, a ``<bdo>``, a
  Markdown reference or a decoded ``&lt;`` can run across rows; they are read from the whole page.

The clean pieces outlive the matcher: an edit of a withheld text, or a person added, builds a
matcher seeking other forms.  A piece found clean stays clean for a matcher that seeks no form the
one before did not (whether a form is found in a text does not depend on the other forms sought);
for the forms added, the loose readings kept of each piece's primary segments are searched for
those alone (a small automaton), and only the pieces holding one are searched again in full.
"""
from __future__ import annotations

import html
import re
from operator import itemgetter

from ..protect.match import readings

_CUT = re.compile(r"(?=<tr[\s>])")
# What makes HTMLParser read ``<tr`` as something other than a tag: raw-text elements, comments,
# declarations, processing instructions.  Allowed before the first cut if closed there (the head's
# title and script), nowhere after it.
_RAW = ("script", "style", "title", "textarea", "plaintext", "xmp", "noscript", "iframe", "noembed", "noframes")
MAX_PIECES = 100_000  # pieces remembered per matcher (a large case's matrix has a few thousand rows)
READINGS_KEPT = 8     # whole-page texts (joined, markup stripped, ...) whose readings are kept


def cuttable(text: str) -> bool:
    """True when cutting ``text`` before each ``<tr`` cuts it between tags, as HTMLParser reads it."""
    first = _CUT.search(text)
    if first is None:
        return False
    for m in _CUT.finditer(text):  # each cut between tags: the last "<" before it was closed by a ">"
        if text.rfind("<", 0, m.start()) > text.rfind(">", 0, m.start()):
            return False
    head, rest = text[:first.start()].lower(), text[first.start():].lower()
    if "<!" in rest or "<?" in rest or any(f"<{t}" in rest for t in _RAW):
        return False
    return _head_closed(head)


def _head_closed(head: str) -> bool:
    """Whether the text before the first cut (lower case) closes every comment and raw-text element
    it opens, and holds no CDATA or processing instruction."""
    if head.count("<!--") != head.count("-->") or "<![" in head or "<?" in head:
        return False
    return all(head.count(f"<{t}") == head.count(f"</{t}") and head.rfind(f"<{t}") < head.rfind(f"</{t}") + 1
               for t in _RAW)


def _piece_syntax(piece: str) -> tuple[int, bool]:
    """What :func:`cuttable` reads of one piece: whether its last bracket opens (1) or closes (-1) a
    tag, or it has none (0); and whether, read after the first cut, it holds a comment, declaration,
    processing instruction or raw-text element."""
    lt, gt = piece.rfind("<"), piece.rfind(">")
    low = piece.lower()
    bad = "<!" in low or "<?" in low or any(f"<{t}" in low for t in _RAW)
    return (1 if lt > gt else -1 if gt > lt else 0), bad


def cuttable_pieces(pieces: list[str], memo: dict | None = None) -> bool:
    """:func:`cuttable` of ``"".join(pieces)``, where ``pieces`` is that text cut before each ``<tr``
    (``_CUT.split``), from each piece's own syntax (``memo``: piece -> it, kept between pages).
    The same answer: the last bracket before a cut is the last one of the nearest piece before it
    that has one, and no string looked for in the rest spans two pieces (every piece after the
    first starts with ``<tr``, and none of them has a ``<`` after its first character)."""
    if len(pieces) < 2:
        return False
    memo = {} if memo is None else memo
    state = 0
    for i, piece in enumerate(pieces):
        syn = memo.get(piece)
        if syn is None:
            syn = memo[piece] = _piece_syntax(piece)
        if i and (syn[1] or state == 1):
            return False  # a cut inside a tag, or a piece after the first holding what is not cut
        state = syn[0] or state
    return _head_closed(pieces[0].lower())


def signature(matcher) -> tuple[frozenset, frozenset]:
    """What decides whether ``matcher`` finds anything in a text: the forms it reports, and those
    of identity strings (the joined tier reports only those).  A protected string's form is
    searched for on its own (the automaton reports every occurrence of every form, and each is
    tried alone), so two matchers with one signature find something in the same texts."""
    keys, needles = matcher.keys, matcher.needles
    return (frozenset(keys[n.key] for n in needles), frozenset(keys[n.key] for n in needles if n.item.identity))


class PageAudit:
    """The leak audit for one matcher, remembering clean pieces of the pages it has passed."""

    def __init__(self, matcher, previous: "PageAudit | None" = None):
        """``previous``: the audit for the matcher before.  A piece it found clean is clean for this
        one too when this one seeks no form that one did not (the primary tier finds a form in a
        text whatever else is sought); for the forms added (a withheld text reworded, a person
        added), the pieces remembered are searched again, for those forms alone, in the readings
        kept of their primary segments, and those where one is found are forgotten."""
        self.matcher = matcher
        self._keys = set(map(itemgetter(1), matcher.needles))  # the keys a needle points at
        self._identity_keys: set[int] | None = None  # the keys of identities' needles (see identity_keys)
        self.forms = frozenset(matcher.keys[k] for k in self._keys)
        # a piece of page found clean -> (its blocks' text joined, the loose readings of its primary segments)
        self.clean: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.syntax: dict[str, tuple] = previous.syntax if previous is not None else {}  # see cuttable_pieces
        # a piece -> the loose reading of it, entities decoded; a whole-page text -> its loose readings
        # (functions of the text alone, whatever is sought: kept from matcher to matcher)
        self.loose: dict[str, str] = previous.loose if previous is not None else {}
        self.readings: dict[tuple, list[str]] = previous.readings if previous is not None else {}
        self.last = {"pieces kept": 0, "pieces dropped": 0, "forms added": 0}
        if previous is None or not previous.clean:
            return
        if self.forms == previous.forms:
            self.clean = previous.clean  # the same strings sought: what either finds clean, both do
        else:
            added = self.forms - previous.forms
            self.clean = _without_found(previous.clean, added) if added else dict(previous.clean)
            self.last.update({"pieces dropped": len(previous.clean) - len(self.clean), "forms added": len(added)})
        self.last["pieces kept"] = len(self.clean)

    def signature(self):
        return signature(self.matcher)

    def leaks(self, data: bytes, kind: str = "html") -> bool:
        """True when ``audit_bytes(data, kind, matcher)`` finds a protected string."""
        from .. import gcpause
        from ..audit import audit_bytes
        from ..audit.extract import decode

        if kind != "html":
            return bool(audit_bytes(data, kind, self.matcher))
        text = decode(data)
        pieces = _CUT.split(text)
        if len(self.syntax) > MAX_PIECES:
            self.syntax.clear()
        if not cuttable_pieces(pieces, self.syntax):
            return bool(audit_bytes(data, kind, self.matcher))
        with gcpause.paused():
            return self._leaks(text, pieces)

    def _leaks(self, text: str, pieces: list[str]) -> bool:
        from ..audit.extract import extract_html

        m = self.matcher
        fresh: dict[str, tuple[str, tuple[str, ...]]] = {}
        read: dict[str, list[str]] = {}  # a primary segment's text -> its loose readings (match.readings)
        for piece in pieces:  # the pieces not seen clean: their primary segments, searched in one pass
            if piece not in self.clean and piece not in fresh:
                ex = extract_html(piece.encode("utf-8"))
                rs: dict[str, None] = {}
                for _, t in ex.primary:
                    if t:
                        r = read.get(t)
                        if r is None:
                            r = read[t] = readings(t)
                        rs.update(dict.fromkeys(r))
                fresh[piece] = (ex.joined[0][1] if ex.joined else "", tuple(rs))
        if read and self._keys:  # what Matcher.scan does with these segments: a hit is a needle's key found
            segs = list(dict.fromkeys(r for rs in read.values() for r in rs))
            if any(key in self._keys for key, _ in m._found(segs)):
                return True
        known = {**self.clean, **fresh} if fresh else self.clean
        joined = " ".join(t for t in (known[p][0] for p in pieces) if t)
        # what m.scan([("source", html.unescape(text))]) finds: a needle's key in the source's readings
        if m.keys and self._keys and any(key in self._keys for key, _ in m._found(self.source_readings(text, pieces))):
            return True
        # what m.scan([("document text", joined)]) finds, of identities: the joined tier reports nothing else
        if joined and m.keys and self._keys:
            found = {key for key, _ in m._found(self._readings_of(joined))} & self._keys
            if found and not found.isdisjoint(self.identity_keys()):
                return True
        if len(self.clean) + len(fresh) > MAX_PIECES:
            self.clean.clear()
        self.clean.update(fresh)
        return False


    def identity_keys(self) -> set[int]:
        """The keys that a needle of an identity points at (made when first needed: only when the
        joined text holds a form sought)."""
        if self._identity_keys is None:
            self._identity_keys = {n.key for n in self.matcher.needles if n.item.identity}
        return self._identity_keys

    def source_readings(self, text: str, pieces: list[str]) -> list[str]:
        """``readings(html.unescape(text))`` (``pieces``: ``text`` cut before each ``<tr``), the reading
        as written made from the pieces' (see the module docstring), the others from the whole."""
        from ..protect.normalise import loose
        from ..protect.variants import variants

        memo = self.loose
        if len(memo) > MAX_PIECES:
            memo.clear()
        parts = []
        for piece in pieces:
            r = memo.get(piece)
            if r is None:
                r = memo[piece] = loose(html.unescape(piece))
            if r:
                parts.append(r)
        source = html.unescape(text)
        if not source:
            return []
        return [" ".join(parts), *(self._readings_of(v, whole=False)[0] for v in variants(source))]

    def _readings_of(self, text: str, whole: bool = True) -> list[str]:
        """``readings(text)`` (``whole``) or ``[loose(text)]``, kept for the same text next time."""
        from ..protect.normalise import loose

        key = (text, whole)
        hit = self.readings.get(key)
        if hit is None:
            if len(self.readings) >= READINGS_KEPT:
                self.readings.clear()
            hit = self.readings[key] = readings(text) if whole else [loose(text)]
        return hit


def _without_found(clean: dict, added: frozenset) -> dict:
    """The pieces of ``clean`` in whose primary segments' readings none of the forms ``added`` is
    found (as :meth:`Matcher._found` finds a form: each on its own)."""
    from ..protect.match import Matcher

    keys = sorted(added)
    rows = list(clean.items())  # at once: a request may still be adding to the audit before's table
    segs, owner = [], []
    for piece, (_, rs) in rows:
        segs += rs
        owner += [piece] * len(rs)
    if not segs:
        return dict(rows)
    found = Matcher.assemble([], keys, *_prepared(keys))._found(segs)
    dirty = {owner[k] for _, k in found}
    return {p: row for p, row in rows if p not in dirty}


def _prepared(keys: list[str]) -> tuple:
    from ..protect.match import automaton

    auto, suffixes = automaton(keys)
    return (auto,), suffixes
