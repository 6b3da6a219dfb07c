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


class Place:
    """Where a merged segment sits ('attachment analysis.json › JSON $.note'), spelled out only when
    something is found there: an output can hold millions of segments."""

    __slots__ = ("head", "where")

    def __init__(self, head: str, where):
        self.head, self.where = head, where

    def __str__(self) -> str:
        return f"{self.head}{self.where}"


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
        head = f"{prefix} › "
        for tier in TIERS:
            getattr(self, tier).extend((Place(head, w), t) for w, t in getattr(other, tier))
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


class _Named:
    """A document whose keys, values or cells are searched as distinct texts, and named by their
    place only for a hit: the JSON and CSV attached to the brief of a large case hold millions of
    them but few distinct ones (statuses, ids, reason codes), and naming every one up front took
    longer than searching them all.  A hit is named by its first place and how many more hold the
    same text.  Subclasses list ``(text key, place)`` in document order."""

    def __init__(self):
        self._places: dict | None = None

    def _every_place(self):
        raise NotImplementedError

    def place(self, key) -> str:
        if self._places is None:  # one walk names every text, on the first hit
            self._places = {}
            for k, where in self._every_place():
                hit = self._places.get(k)
                if hit is None:
                    self._places[k] = [where, 1]
                else:
                    hit[1] += 1
        first, count = self._places[key]
        more = count - 1
        return first + (f" (and {more:,} more place{'s' if more > 1 else ''})" if more else "")


class _Place:
    """Where a text of a :class:`_Named` document sits, spelled out when printed."""

    __slots__ = ("doc", "key")

    def __init__(self, doc: _Named, key):
        self.doc, self.key = doc, key

    def __str__(self) -> str:
        return self.doc.place(self.key)


class _JsonDoc(_Named):
    """A parsed JSON document; a text's key is ``(is a key, text)``."""

    def __init__(self, doc):
        super().__init__()
        self.doc = doc

    def texts(self) -> list[tuple[bool, str]]:
        """(is a key, text) of every key and every string or number value, each once."""
        keys: dict[str, None] = {}
        values: dict[str, None] = {}
        stack = [self.doc]
        pop, push = stack.pop, stack.extend
        while stack:  # iterative: a deep document must not exhaust the recursion limit
            value = pop()
            kind = type(value)
            if kind is str:
                values[value] = None
            elif kind is dict:
                keys.update(dict.fromkeys(value))
                push(value.values())
            elif kind is list:
                push(value)
            elif kind is int or kind is float:
                values[str(value)] = None
        return [(True, k) for k in keys] + [(False, v) for v in values]

    def _every_place(self):
        stack = [(self.doc, "$")]
        while stack:
            value, path = stack.pop()
            if isinstance(value, dict):
                items = []
                for k, v in value.items():
                    sub = f"{path}.{k}" if k.isidentifier() else f"{path}[{json.dumps(k, ensure_ascii=False)}]"
                    yield (True, k), f"JSON key {sub}"
                    items.append((v, sub))
                stack.extend(reversed(items))
            elif isinstance(value, list):
                stack.extend(reversed([(v, f"{path}[{i}]") for i, v in enumerate(value)]))
            elif isinstance(value, str):
                yield (False, value), f"JSON {path}"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                yield (False, str(value)), f"JSON {path}"


def extract_json(data: bytes) -> Extracted:
    text = decode(data)
    try:
        doc = json.loads(text)
    except ValueError:
        ex = extract_text(data)
        ex.notes.append("not valid JSON; scanned as text")
        return ex
    ex = Extracted()
    jd = _JsonDoc(doc)  # every key and value: the parsed form undoes \u escapes
    ex.primary.extend((_Place(jd, (key, t)), t) for key, t in jd.texts() if t)
    return ex


class _CsvDoc(_Named):
    """CSV rows; a text's key is the cell's text, its place the row and column header."""

    def __init__(self, rows: list[list[str]]):
        super().__init__()
        self.rows = rows

    def texts(self) -> list[str]:
        return list(dict.fromkeys(cell for row in self.rows for cell in row if cell))

    def _every_place(self):
        header = self.rows[0] if self.rows else []
        for r, row in enumerate(self.rows, start=1):
            for c, cell in enumerate(row):
                col = header[c] if r > 1 and c < len(header) and header[c] else str(c + 1)
                yield cell, f"CSV row {r}, column {col!r}"


def extract_csv(data: bytes) -> Extracted:
    text = decode(data)
    ex = Extracted()
    doc = _CsvDoc(list(csv.reader(io.StringIO(text, newline=""))))
    ex.primary.extend((_Place(doc, cell), cell) for cell in doc.texts())
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
