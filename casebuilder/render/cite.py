"""Short-form citations: each item in full once, then by a short form with its pinpoint.

Every evidence item has a number in the evidence annex (Annex A), where it is described in full with
the passage it quotes.  In the text, the first citation of an item gives the full form (source,
title, date, pinpoint) with its annex number; every later citation gives only the short form —
source, date, pinpoint and annex number.  Footnotes quote nothing by default (``quote=True`` quotes
an item's passage the first time): the annex and the text quote, the notes cite.  A footnote
WeasyPrint cannot fit on its page is deferred with every footnote after it, so notes stay short.  Items cited together (the support of one element) share one
footnote, so the text carries one marker where it used to carry nine.

:class:`Citer` keeps the "already cited" state for one rendering, in document order: templates call
it while Jinja renders top to bottom, which is reading order.  A withheld item is cited only by its
opaque reference: never its exhibit hash, kind, source or date (review §3.2 item 13).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .words import inner_quotes

EXCERPT_CHARS = 240


def _cut(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    cut = text[:n].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "\u2026"


def short_name(name: str) -> str:
    """A source's name without its parenthetical description, for narrow table cells:
    'News report datelined Erbil, Kurdistan Region of Iraq (publisher not named…)' → 'News report
    datelined Erbil, Kurdistan Region of Iraq'."""
    if not name or not name.endswith(")") or "(" not in name:
        return name
    head = name[: name.rfind("(")].rstrip()
    return head if len(head) >= 4 else name


class Citer:
    """``mode``:

    * ``"notes"`` (the PDF edition): each item is a numbered note, the group's call shown once as a
      range ("4\u20139"), and the notes are printed at the end of the section (:meth:`flush`).
      WeasyPrint's page floats defer a footnote that does not fit, and every footnote after it, so
      that a dense brief ends with its notes in the annexes; notes at the end of each section keep
      every note within a few pages of its call and typeset seven times faster.
    * ``"footnotes"`` (DOCX/ODT): one real footnote per group; a word processor breaks long ones.
    * ``"inline"`` (huge briefs): the group as a numbered list under the sentence that cites it.
    """

    def __init__(self, numbers: dict[str, int] | None = None, mode: str = "footnotes"):
        self.annex = numbers or {}
        self.mode = mode
        self.footnotes = 0
        self.pending: list[tuple[int, Markup]] = []
        self.seen: set[str] = set()    # cited in full (title) once
        self.quoted: set[str] = set()  # its passage quoted once

    def annex_no(self, it: dict) -> str:
        n = self.annex.get(it["id"])
        return f"A{n}" if n else ""

    def one(self, it: dict, quote: bool = False) -> Markup:
        """One item's citation text (no trailing full stop)."""
        no = self.annex_no(it)
        if it.get("withheld"):
            first = it["id"] not in self.seen
            self.seen.add(it["id"])
            where = (Markup(f" (Annex A, no. {no[1:]})") if first else Markup(f" ({no})")) if no else ""
            return Markup("Item {} of the case, withheld from this edition{}").format(it.get("ref") or it["id"], where)
        first = it["id"] not in self.seen
        self.seen.add(it["id"])
        # the short form names the source without its description ("… (publisher not named in the document)"),
        # which the full form and Annex A give
        parts = [escape(it.get("source") or "") if first else escape(short_name(it.get("source") or ""))]
        if first and it.get("title"):
            parts.append(Markup("<i>{}</i>").format(it["title"]))
        if it.get("date"):
            parts.append(escape(it["date"]))
        if it.get("locator"):
            parts.append(escape(it["locator"]))
        out = Markup(", ").join(p for p in parts if p)
        if it.get("relayed_by"):
            out += Markup(", as relayed by {}").format(it["relayed_by"])
        if quote and it.get("excerpt") and it["id"] not in self.quoted:
            self.quoted.add(it["id"])
            out += Markup(": \u201c{}\u201d").format(inner_quotes(_cut(it["excerpt"], EXCERPT_CHARS)))
        if no:
            out += Markup(" ({})").format(no) if not first else Markup(" (Annex A, no. {})").format(no[1:])
        return out

    def numbers(self, items) -> Markup:
        """'Annex A, nos. 3, 7 and 12': a reference to the annex, for a list of evidence in the text."""
        nos = [str(n) for n in sorted({int(self.annex_no(it)[1:]) for it in items if self.annex_no(it)})]  # in order, once
        if not nos:
            return Markup("")
        if len(nos) == 1:
            return Markup("Annex A, no. {}").format(nos[0])
        return Markup("Annex A, nos. {} and {}").format(", ".join(nos[:-1]), nos[-1])

    def group(self, items, quote: bool = False, limit: int | None = None) -> Markup:
        """Several items in one footnote text, separated by semicolons, ending in a full stop.  Above
        ``limit`` items, the rest are referred to by their annex numbers only."""
        items = list(items)
        if not items:
            return Markup("")
        shown, rest = (items, []) if limit is None else (items[:limit], items[limit:])
        out = Markup("; ").join(self.one(it, quote) for it in shown)
        if rest:
            out += Markup("; further items: {}").format(self.numbers(rest))
        return out + Markup(".")

    def note(self, items, quote: bool = False, lead: str = "", limit: int | None = None) -> Markup:
        """The citation of ``items`` at this point of the text: a call (notes), or a footnote."""
        items = list(items)
        if not items:
            return Markup("")
        if self.mode == "notes":
            shown, rest = (items, []) if limit is None else (items[:limit], items[limit:])
            texts = [self.one(it, quote) for it in shown]
            if rest:
                texts[-1] += Markup("; further items: {}").format(self.numbers(rest))
            first = self.footnotes + 1
            for t in texts:
                self.footnotes += 1
                self.pending.append((self.footnotes, t + Markup(".")))
            call = str(first) if len(texts) == 1 else f"{first}\u2013{self.footnotes}"
            return Markup('<sup class="call"><a href="#note-{}">{}</a></sup>').format(first, call)
        body = self.group(items, quote, limit)
        if lead:
            body = escape(lead) + Markup(" ") + body
        self.footnotes += 1
        return Markup('<span class="fn">{}</span>').format(body)

    def flush(self) -> Markup:
        """The notes cited since the last flush, as a numbered list (notes mode; else nothing)."""
        if not self.pending:
            return Markup("")
        first = self.pending[0][0]
        # the number is text, not a list counter: it survives copying, Pandoc and any list styling
        rows = Markup("").join(Markup('<li id="note-{}"><span class="note-no">{}.</span> {}</li>').format(n, n, t)
                               for n, t in self.pending)
        self.pending = []
        return Markup('<ol class="notes" start="{}">{}</ol>').format(first, rows)
