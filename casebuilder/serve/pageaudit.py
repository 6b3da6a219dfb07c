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
"""
from __future__ import annotations

import html
import re

_CUT = re.compile(r"(?=<tr[\s>])")
# What makes HTMLParser read ``<tr`` as something other than a tag: raw-text elements, comments,
# declarations, processing instructions.  Allowed before the first cut if closed there (the head's
# title and script), nowhere after it.
_RAW = ("script", "style", "title", "textarea", "plaintext", "xmp", "noscript", "iframe", "noembed", "noframes")
MAX_PIECES = 100_000  # pieces remembered per matcher (a large case's matrix has a few thousand rows)


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
    if head.count("<!--") != head.count("-->") or "<![" in head or "<?" in head:
        return False
    return all(head.count(f"<{t}") == head.count(f"</{t}") and head.rfind(f"<{t}") < head.rfind(f"</{t}") + 1
               for t in _RAW)


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
        """``previous``: the audit for the matcher before; its clean pieces are kept when the two
        matchers search for the same strings (an edit of a visible text builds the matcher again)."""
        self.matcher = matcher
        self.clean: dict[str, str] = {}  # a piece of page found clean -> its blocks' text, joined
        self._signature = None
        if previous is not None and previous.signature() == self.signature():
            self.clean = previous.clean

    def signature(self):
        if self._signature is None:
            self._signature = signature(self.matcher)
        return self._signature

    def leaks(self, data: bytes, kind: str = "html") -> bool:
        """True when ``audit_bytes(data, kind, matcher)`` finds a protected string."""
        from .. import gcpause
        from ..audit import audit_bytes
        from ..audit.extract import decode

        if kind != "html":
            return bool(audit_bytes(data, kind, self.matcher))
        text = decode(data)
        if not cuttable(text):
            return bool(audit_bytes(data, kind, self.matcher))
        with gcpause.paused():
            return self._leaks(text)

    def _leaks(self, text: str) -> bool:
        from ..audit.extract import extract_html

        m = self.matcher
        pieces = _CUT.split(text)
        fresh: dict[str, str] = {}
        primary: list = []
        for piece in pieces:  # the pieces not seen clean: their primary segments, searched in one pass
            if piece not in self.clean and piece not in fresh:
                ex = extract_html(piece.encode("utf-8"))
                primary += ex.primary
                fresh[piece] = ex.joined[0][1] if ex.joined else ""
        if primary and m.scan(primary):
            return True
        known = {**self.clean, **fresh} if fresh else self.clean
        joined = " ".join(t for t in (known[p] for p in pieces) if t)
        if m.scan([("source", html.unescape(text))]):
            return True
        if any(item.identity for item, _ in m.scan([("document text", joined)])):
            return True
        if len(self.clean) + len(fresh) > MAX_PIECES:
            self.clean.clear()
        self.clean.update(fresh)
        return False
