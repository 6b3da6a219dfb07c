"""Markdown from case files → safe HTML fragments.

Raw HTML is off (it is shown as text), images are never emitted (an image would be a fetch), and
links are printed as their text followed by the address in brackets: shown, never followed or
fetched.  Person references ``[[id]]`` are replaced after rendering by the label the audience may
see, so a protected name never enters the HTML.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from markdown_it import MarkdownIt

_PERSON_REF = re.compile(r"\[\[([^\[\]\s<>&\"]+)\]\]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])

    def link_open(self, tokens, idx, options, env):
        env.setdefault("hrefs", []).append(tokens[idx].attrGet("href") or "")
        return ""

    def link_close(self, tokens, idx, options, env):
        href = env["hrefs"].pop() if env.get("hrefs") else ""
        return f' <span class="url">[{html.escape(href)}]</span>' if href else ""

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    return md


_MD = _md()


def bidi(text: str) -> str:
    """Escape text and isolate right-to-left runs so Persian names shape and order correctly."""
    esc = html.escape(text)
    if _RTL.search(text):
        return f'<bdi dir="auto">{esc}</bdi>'
    return esc


_DESCRIPTIVE = re.compile(r"^[A-Z][\w'-]*(?: [a-z][\w'-]*)+$")  # 'Rasht medical worker', not 'Shiva Amelirad'
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:the|a|an|The|A|An|this|This|that|That)\s+)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|>\s*)$")


def with_article(name: str, before: str) -> str:
    """A descriptive pseudonym ('Rasht medical worker') reads as a noun phrase: 'the Rasht medical
    worker', 'The Rasht medical worker' at the start of a sentence.  Names and codes are left as
    they are."""
    if not _DESCRIPTIVE.match(name) or _ARTICLE_BEFORE.search(before):
        return name
    return ("The " if _SENTENCE_START.search(before) else "the ") + name


def substitute_persons(rendered_html: str, label: Callable[[str], str]) -> str:
    def one(m: re.Match) -> str:
        before = rendered_html[max(0, m.start() - 12):m.start()]
        return bidi(with_article(label(m.group(1)), before))
    return _PERSON_REF.sub(one, rendered_html)


def render_block(text: str | None, label: Callable[[str], str]) -> str:
    """Markdown (block) → HTML with person labels."""
    if not text:
        return ""
    return substitute_persons(_MD.render(text, {}), label)


def render_inline(text: str | None, label: Callable[[str], str]) -> str:
    """Markdown (one line) → inline HTML with person labels."""
    if not text:
        return ""
    return substitute_persons(_MD.renderInline(text, {}), label)


def plain(text: str | None, label: Callable[[str], str]) -> str:
    """Plain text with person labels (for JSON, CSV and PDF metadata)."""
    if not text:
        return ""
    return _PERSON_REF.sub(lambda m: label(m.group(1)), text)
