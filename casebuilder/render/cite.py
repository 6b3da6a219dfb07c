"""Short-form citations: each item in full once, then by a short form with its pinpoint.

Every evidence item has a number in the evidence annex (Annex A), where it is described in full.  In
the text, the first citation of an item gives the full form (source, title, date, pinpoint, the
quoted passage) with its annex number; every later citation gives only the short form — source,
date, pinpoint and annex number.  Items cited together (the support of one element) share one
footnote, so the text carries one marker where it used to carry nine.

:class:`Citer` keeps the "already cited" state for one rendering, in document order: templates call
it while Jinja renders top to bottom, which is reading order.  A withheld item is cited only by its
opaque reference: never its exhibit hash, kind, source or date (review §3.2 item 13).
"""
from __future__ import annotations

from markupsafe import Markup, escape

EXCERPT_CHARS = 320


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
    def __init__(self, numbers: dict[str, int] | None = None):
        self.numbers = numbers or {}
        self.seen: set[str] = set()    # cited in full (title) once
        self.quoted: set[str] = set()  # its passage quoted once

    def annex_no(self, it: dict) -> str:
        n = self.numbers.get(it["id"])
        return f"A{n}" if n else ""

    def one(self, it: dict, quote: bool = True) -> Markup:
        """One item's citation text (no trailing full stop)."""
        no = self.annex_no(it)
        if it.get("withheld"):
            self.seen.add(it["id"])
            return Markup("Item {} of the case, withheld from this edition{}").format(
                it.get("ref") or it["id"], Markup(f" (Annex A, no. {no[1:]})") if no else "")
        first = it["id"] not in self.seen
        self.seen.add(it["id"])
        parts = [escape(it.get("source") or "")]
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
            out += Markup(": \u201c{}\u201d").format(_cut(it["excerpt"], EXCERPT_CHARS))
        if no:
            out += Markup(" ({})").format(no) if not first else Markup(" (Annex A, no. {})").format(no[1:])
        return out

    def group(self, items, quote: bool = True) -> Markup:
        """Several items in one footnote text, separated by semicolons, ending in a full stop."""
        items = list(items)
        if not items:
            return Markup("")
        return Markup("; ").join(self.one(it, quote) for it in items) + Markup(".")

    def note(self, items, quote: bool = True, lead: str = "") -> Markup:
        """A footnote (one marker) citing ``items``; empty when there are none."""
        items = list(items)
        if not items:
            return Markup("")
        body = self.group(items, quote)
        if lead:
            body = escape(lead) + Markup(" ") + body
        return Markup('<span class="fn">{}</span>').format(body)
