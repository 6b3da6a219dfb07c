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
    head, rest = text[:first.start()].lower(), text[first.start():].lower()
    if "<!" in rest or "<?" in rest or any(f"<{t}" in rest for t in _RAW):
        return False
    if head.count("<!--") != head.count("-->") or "<![" in head or "<?" in head:
        return False
    return all(head.count(f"<{t}") == head.count(f"</{t}") and head.rfind(f"<{t}") < head.rfind(f"</{t}") + 1
               for t in _RAW)


class PageAudit:
    """The leak audit for one matcher, remembering clean pieces of the pages it has passed."""

    def __init__(self, matcher):
        self.matcher = matcher
        self.clean: dict[str, str] = {}  # a piece of page found clean -> its blocks' text, joined

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
        joined: list[str] = []
        fresh: dict[str, str] = {}
        for piece in _CUT.split(text):
            seen = self.clean.get(piece)
            if seen is None:
                ex = extract_html(piece.encode("utf-8"))
                if m.scan(ex.primary):
                    return True
                seen = fresh[piece] = ex.joined[0][1] if ex.joined else ""
            if seen:
                joined.append(seen)
        if m.scan([("source", html.unescape(text))]):
            return True
        if any(item.identity for item, _ in m.scan([("document text", " ".join(joined))])):
            return True
        if len(self.clean) + len(fresh) > MAX_PIECES:
            self.clean.clear()
        self.clean.update(fresh)
        return False

