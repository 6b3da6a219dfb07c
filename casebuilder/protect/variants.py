"""Other readings of one text: what a reader sees where the bytes say something else.

The audit searches every text as written, and also as a reader would read it:

* **percent-decoded** — a browser copies a URL with the name encoded (``Parisa%20Fictional``,
  ``%D9%BE%D8%B1%DB%8C%D8%B3%D8%A7`` for پریسا), sometimes twice (``%2520``);
* **with a right-to-left override undone** — ``U+202E`` (or HTML's ``<bdo dir="rtl">``) makes
  ``asiraP`` display as ``Parisa``;
* **without markup and link targets** — HTML tags (inline ones joined: ``Pari<b>sa</b>`` is
  ``Parisa``), Markdown link targets and references (``[Parisa](https://x.org/) Fictional``),
  footnote marks (``[^1]``) and bare URLs between two words of a name.

Each reading is an extra text at the same place; only texts holding the trigger ('%', the
override, '<', '://', '[') get one, so ordinary text costs nothing more.
"""
from __future__ import annotations

import html
import re
from urllib.parse import unquote

_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_RLO, _PDF = "\u202e", "\u202c"
_OVERRIDDEN = re.compile(r"\u202e([^\u202c\n]*)")
_BLOCK = ("p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article", "header",
          "footer", "title", "table", "ul", "ol", "dt", "dd", "blockquote", "pre", "figcaption", "caption", "body", "head",
          "hr")
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(_BLOCK)})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^<>]{0,2000}>")
# ](url "title"); a line break is allowed before the '(' and inside the target, where a PDF's lines wrap a
# Markdown link printed as written ("[Parisa]\n(https://x.org/\nPa) Fictional")
# (a break is one newline before a character of the target: a run of blank space stays the title's separator)
_MD_CHAR = r"(?:[^()\s]|\n(?!\s))"
_MD_TARGET = re.compile(rf"\]\n?\({_MD_CHAR}*(?:\({_MD_CHAR}*\){_MD_CHAR}*)*(?:\s+\"[^\"]*\")?\)")
_MD_REF = re.compile(r"\]\s?\[[^\[\]]{0,100}\]|\[\^[^\[\]]{0,100}\]")  # ][ref], [^1]
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,20}://|\bwww\.)[^\s<>\[\]()\"']*", re.I)
_MARKUP_TRIGGER = re.compile(r"<[a-zA-Z/]|://|www\.|\]\s?[(\[]|\[\^")  # a tag, a URL, a link target or reference
_BDO = re.compile(r"<bdo\b[^>]*\bdir\s*=\s*[\"']?rtl\b[^>]*>(.*?)</bdo\s*>", re.I | re.S)  # drawn right to left


def variants(text: str) -> list[str]:
    """The other readings of ``text`` (none for ordinary text)."""
    out: list[str] = []
    if "%" in text and _PERCENT.search(text):
        decoded = text
        for _ in range(3):  # encoded twice happens (%2520); more is not a copy-and-paste
            nxt = unquote(decoded, errors="replace")
            if nxt == decoded:
                break
            decoded = nxt
            out.append(decoded)
    if _RLO in text:
        out.append(_OVERRIDDEN.sub(lambda m: m.group(1)[::-1], text))
    if _MARKUP_TRIGGER.search(text):
        stripped = strip_markup(text)
        if stripped != text:
            out.append(stripped)
        if "<bdo" in text.lower():  # a hand-edited HTML file: <bdo dir="rtl">asiraP</bdo> shows 'Parisa'
            out.append(strip_markup(_BDO.sub(lambda m: strip_markup(m.group(1))[::-1], text)))
    return [v for v in dict.fromkeys(out) if v != text]


def strip_markup(text: str) -> str:
    """``text`` without HTML tags (inline tags joined, block tags a space), Markdown link targets,
    references and footnote marks, and URLs."""
    s = _BLOCK_TAG.sub(" ", text)
    s = _TAG.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    s = _MD_TARGET.sub("]", s)
    s = _MD_REF.sub("]", s)
    return _URL.sub(" ", s)
