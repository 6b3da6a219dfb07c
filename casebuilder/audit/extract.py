"""Text out of output bytes: every place a reader (or a search engine) could find a name.

Each extractor returns :class:`Extracted`, segments in three tiers:

* *primary*: each labelled with where it sits ('page 3 text', 'JSON $.allegations[0].note');
* *fallback*: raw data the precise extraction may not surface (PDF objects and streams, HTML
  source); reported only for protected strings no primary segment revealed;
* *joined*: the whole document as one text, for a name broken across two pages, paragraphs or
  lines.  Searched for persons' identities only: a withheld item's sentence could otherwise be
  "found" across the boundary of two unrelated visible texts.
"""
from __future__ import annotations

import codecs
import csv
import html
import io
import json
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import UserError

MAX_UNZIPPED = 512 * 1024 * 1024


class AuditError(UserError):
    """The file cannot be audited (encrypted, corrupt, too large): it must not pass as clean."""


TIERS = ("primary", "fallback", "joined")


@dataclass
class Extracted:
    primary: list[tuple[str, str]] = field(default_factory=list)
    fallback: list[tuple[str, str]] = field(default_factory=list)
    joined: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, where: str, text, tier: str = "primary") -> None:
        if text:
            getattr(self, tier).append((where, str(text)))

    def merge(self, other: "Extracted", prefix: str) -> None:
        for tier in TIERS:
            getattr(self, tier).extend((f"{prefix} › {w}", t) for w, t in getattr(other, tier))
        self.notes += [f"{prefix}: {n}" for n in other.notes]


def decode(data: bytes) -> str:
    """Bytes of a text file as text: BOM first, then UTF-8, then Windows-1252 (what word
    processors export); never fails, since an undecodable file must still be scanned."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def extract_text(data: bytes) -> Extracted:
    """Paragraphs (blocks between blank lines, so that hard-wrapped sentences stay whole)."""
    ex = Extracted()
    text = decode(data)
    lines = text.splitlines()
    start = None
    for n, line in enumerate([*lines, ""], start=1):
        if line.strip() and start is None:
            start = n
        elif not line.strip() and start is not None:
            where = f"line {start}" if n - 1 == start else f"lines {start}-{n - 1}"
            ex.add(where, "\n".join(lines[start - 1:n - 1]))
            start = None
    ex.add("text", text, "joined")
    return ex


_BLOCK = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article",
          "header", "footer", "title", "table", "ul", "ol", "dt", "dd", "blockquote", "pre", "figcaption",
          "caption", "body", "head", "nav", "aside", "main", "hr", "w:p", "text:p", "text:h", "a:p", "w:br"}


class _Collector(HTMLParser):
    """Text by block (inline pieces joined with nothing, as a reader sees 'Pari<b>sa</b>'),
    every attribute value, and comments."""

    def __init__(self, label: str):
        super().__init__(convert_charrefs=True)
        self.label, self.ex, self.buf, self.line, self.all = label, Extracted(), [], 1, []

    def flush(self) -> None:
        if self.buf:
            text = "".join(self.buf)
            self.ex.add(f"{self.label} text near line {self.line}", text)
            self.all.append(text)
            self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK:
            self.flush()
        for name, value in attrs:
            self.ex.add(f"{self.label} attribute {name!r} on line {self.getpos()[0]}", value)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in _BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.buf:
            self.line = self.getpos()[0]
        self.buf.append(data)

    def handle_comment(self, data):
        self.ex.add(f"{self.label} comment on line {self.getpos()[0]}", data)

    handle_pi = handle_decl = handle_comment


def extract_html(data: bytes, label: str = "HTML") -> Extracted:
    text = decode(data)
    c = _Collector(label)
    c.feed(text)
    c.close()
    c.flush()
    c.ex.add(f"{label} document text", " ".join(c.all), "joined")
    c.ex.add(f"{label} source", html.unescape(text), "fallback")
    return c.ex


def _walk_json(value, path: str, ex: Extracted) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            sub = f"{path}[{json.dumps(k, ensure_ascii=False)}]" if not k.isidentifier() else f"{path}.{k}"
            ex.add(f"JSON key {sub}", k)
            _walk_json(v, sub, ex)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk_json(v, f"{path}[{i}]", ex)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        ex.add(f"JSON {path}", value)


def extract_json(data: bytes) -> Extracted:
    text = decode(data)
    try:
        doc = json.loads(text)
    except ValueError:
        ex = extract_text(data)
        ex.notes.append("not valid JSON; scanned as text")
        return ex
    ex = Extracted()
    _walk_json(doc, "$", ex)  # every key and value: the parsed form undoes \u escapes
    return ex


def extract_csv(data: bytes) -> Extracted:
    text = decode(data)
    ex = Extracted()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            col = header[c] if r > 1 and c < len(header) and header[c] else str(c + 1)
            ex.add(f"CSV row {r}, column {col!r}", cell)
    ex.add("CSV source", text, "joined")
    return ex


def extract_zip(data: bytes, sub) -> Extracted:
    """Office documents (DOCX, ODT, XLSX, EPUB...) are zips of XML: audit every member."""
    ex = Extracted()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise AuditError(f"not a readable zip/office file ({e})") from None
    if sum(m.file_size for m in members) > MAX_UNZIPPED:
        raise AuditError("the archive unpacks to more than 512 MB; it cannot be audited safely")
    for m in members:
        ex.add(f"member name {m.filename!r}", m.filename)
        if m.is_dir():
            continue
        try:
            body = zf.read(m)
        except (zipfile.BadZipFile, RuntimeError, OSError) as e:
            raise AuditError(f"member {m.filename} cannot be read ({e})") from None
        ex.merge(sub(body, m.filename), f"member {m.filename}")
    return ex
