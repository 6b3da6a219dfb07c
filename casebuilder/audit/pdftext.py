"""Fast page text for PDFs whose fonts map their codes to Unicode (``/ToUnicode``).

pypdf's general text extraction parses content streams in pure Python, object by object: about
0.3 s a page for WeasyPrint output, which draws every glyph as its own string (a 100-page brief took
30 s to audit).  Here the content stream is tokenised with one regular expression, codes are mapped
through each font's ToUnicode CMap with ``str.translate``, and Form XObjects (where WeasyPrint puts
most text) are followed, each once.  Glyph widths are tracked along a line, so text placed piece by
piece (SVG labels, glyph by glyph) gets a space only where the page shows a gap.  Text order is paint
order; runs of right-to-left script, painted in visual order, are turned back into reading order
(as pypdf does; the matcher also searches the reversed form, for producers that differ).

Not modelled (a small error in gap detection at worst): character and word spacing (Tc, Tw),
horizontal scaling (Tz), rotated text.  A font without a ToUnicode map, or a Type 3 font, is not
guessed at: :meth:`Extractor.page_text` raises :class:`Unsupported` and the caller uses pypdf.
"""
from __future__ import annotations

import re
import sys
from array import array

from pypdf.generic import IndirectObject

_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
# A literal string: escapes (a backslash before any byte, a line break included: the patterns below are
# compiled with DOTALL) and balanced parentheses, which need no escape (four deep, the outer pair counted;
# a stream with a deeper one is left to pypdf: see _literals_read).  A string the tokens missed would be
# dropped from the page text while the stream counts as read.
_LIT = rb"\((?:\\.|[^\\()])*\)"
for _ in range(3):
    _LIT = rb"\((?:\\.|[^\\()]|" + _LIT + rb")*\)"
_LITERAL = re.compile(_LIT, re.S)
_STR = _LIT + rb"|<[0-9A-Fa-f\s]*>"
_TOKENS = re.compile(rb"\[(?P<arr>(?:" + _STR + rb"|[^\]])*)\]\s*TJ"
                     rb"|(?P<str>" + _STR + rb")\s*(?:Tj|'|\")"
                     rb"|/(?P<font>[^\s/\[\]()<>{}%]+)\s+(?P<size>" + _NUM + rb")\s+Tf"
                     rb"|\b(?P<pos>Tm|Td|TD)\b"
                     rb"|/(?P<xobj>[^\s/\[\]()<>{}%]+)\s+Do\b"
                     rb"|(?P<brk>\bT\*|\bET\b)", re.S)
_ELEMENT = re.compile(rb"(?P<s>" + _STR + rb")|(?P<n>" + _NUM + rb")", re.S)
_HEX_ONLY = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_ODD_HEX = rb"<\s*(?:[0-9A-Fa-f]\s*[0-9A-Fa-f]\s*)*[0-9A-Fa-f]\s*>"
_WIDE_GAP = rb"-0*(?:[2-9]\d\d|[1-9]\d{3,})"  # an adjustment of -200 or wider: see SPACE_GAP
_SLOW_ARRAY = re.compile(rb"\(|" + _ODD_HEX + rb"|" + _WIDE_GAP)  # what the fast path of a TJ array cannot take
_NUMBER = re.compile(_NUM)
_OCTAL = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r\n": b"", b"\n": b"", b"\r": b""}
_HEX = rb"<([0-9A-Fa-f]+)>"
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks (any script)
_RTL_RUN = re.compile(f"[{_RTL}][{_RTL}{_MARKS}]*(?:[ \u200c\u200d{_MARKS}]+[{_RTL}][{_RTL}{_MARKS}]*)*")
SPACE_GAP = 0.2  # a gap wider than this (in ems) between two pieces of one line is a word space
MAX_DEPTH = 20


class Unsupported(Exception):
    """The page uses a font this extractor cannot decode faithfully."""


def _unescape(lit: bytes) -> bytes:
    def sub(m):
        g = m.group(1)
        return bytes([int(g, 8) & 0xFF]) if g[:1].isdigit() else _ESC.get(g, g)
    return _OCTAL.sub(sub, lit)


def _literals_read(data: bytes) -> bool:
    """Whether every literal string of a content stream is one the tokens read: from each ``(`` outside a
    string, a whole string nested at most four deep.  One nested deeper would be dropped (or read in part)
    while the stream counts as read, so such a stream is left to pypdf, which follows any depth."""
    pos = data.find(b"(")
    while pos >= 0:
        m = _LITERAL.match(data, pos)
        if m is None:
            return False
        pos = data.find(b"(", m.end())
    return True


def _utf16(h: bytes) -> str:
    return bytes.fromhex(h.decode()).decode("utf-16-be", errors="replace")


def parse_cmap(data: bytes) -> tuple[int, dict[int, str]]:
    """(code length in bytes, code → text) from a ToUnicode CMap's bfchar and bfrange sections."""
    space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    width = max(1, len(space.group(1)) // 2) if space else 2
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = re.findall(_HEX, block)
        for src, dst in zip(pairs[0::2], pairs[1::2]):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            lo_i, hi_i = int(lo, 16), min(int(hi, 16), int(lo, 16) + 0xFFFF)
            if dst.startswith(b"["):
                for i, d in enumerate(re.findall(_HEX, dst)):
                    out[lo_i + i] = _utf16(d)
            else:
                base = _utf16(dst[1:-1])
                for i in range(hi_i - lo_i + 1):
                    out[lo_i + i] = base[:-1] + chr(min(ord(base[-1]) + i, 0x10FFFF)) if base else ""
    return width, out


class _Map(dict):
    """code point → text; codes the CMap does not map are dropped (never guessed)."""

    def __missing__(self, key):
        return None


def _widths(font) -> tuple[dict[int, float], float]:
    """Glyph widths (thousandths of an em) by code, and the default."""
    if font.get("/Subtype") == "/Type0":
        desc = font["/DescendantFonts"][0].get_object()
        out: dict[int, float] = {}
        w = [x.get_object() if isinstance(x, IndirectObject) else x for x in (desc.get("/W") or [])]
        i = 0
        while i < len(w):
            first = int(w[i])
            nxt = w[i + 1].get_object() if i + 1 < len(w) else None
            if isinstance(nxt, list):
                out.update({first + k: float(v) for k, v in enumerate(nxt)})
                i += 2
            elif i + 2 < len(w):
                out.update({c: float(w[i + 2]) for c in range(first, min(int(nxt), first + 0xFFFF) + 1)})
                i += 3
            else:
                break
        return out, float(desc.get("/DW", 1000))
    first = int(font.get("/FirstChar", 0))
    widths = font.get("/Widths")
    widths = widths.get_object() if widths is not None else []
    return {first + k: float(v) for k, v in enumerate(widths)}, 500.0


class _Widths(dict):
    """code → width, with the font's default for codes it does not list."""

    def __init__(self, widths: dict[int, float], default: float):
        super().__init__(widths)
        self.default = default

    def __missing__(self, key):
        return self.default


class _Font:
    """One font: how many bytes a code has, code → text, code → width."""

    def __init__(self, font):
        tu = font.get("/ToUnicode")
        if tu is None or font.get("/Subtype") == "/Type3":
            raise Unsupported(f"font {font.get('/BaseFont')} has no Unicode map")
        width, table = parse_cmap(tu.get_object().get_data())
        self.width = 2 if font.get("/Subtype") == "/Type0" else width
        if self.width not in (1, 2):
            raise Unsupported(f"font {font.get('/BaseFont')} uses {self.width}-byte codes")
        self.table = _Map(table)
        self.advance = _Widths(*_widths(font))

    def codes(self, body: bytes):
        if self.width == 1:
            return body
        codes = array("H", body[: len(body) // 2 * 2])
        if sys.byteorder == "little":
            codes.byteswap()
        return codes

    def show(self, body: bytes) -> tuple[str, float]:
        """Text of a string operand (C speed: codes become code points, ``translate`` maps them)
        and its advance in thousandths of an em."""
        text = (body[: len(body) // 2 * 2].decode("utf-16-be", errors="surrogatepass") if self.width == 2
                else body.decode("latin-1")).translate(self.table)
        return text, sum(map(self.advance.__getitem__, self.codes(body)))


def _bytes(raw: bytes) -> bytes:
    """A string operand, hex <…> or literal (…), as bytes."""
    if raw.startswith(b"<"):
        digits = re.sub(rb"\s", b"", raw[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    return _unescape(raw[1:-1])


class _Line:
    """Where the pen is, to tell a word gap on the same line from a continuation or a new line."""

    def __init__(self):
        self.font: _Font | None = None
        self.size, self.sx, self.sy = 1.0, 1.0, 1.0
        self.x = self.y = None
        self.line_x = self.line_y = 0.0

    def matrix(self, a: float, d: float, e: float, f: float) -> str:
        self.sx, self.sy = a or 1.0, d or 1.0
        self.line_x, self.line_y = e, f
        return self._move(e, f)

    def offset(self, tx: float, ty: float) -> str:
        self.line_x += tx * self.sx
        self.line_y += ty * self.sy
        return self._move(self.line_x, self.line_y)

    def _move(self, x: float, y: float) -> str:
        """Separator before text placed at (x, y): nothing, a space, or a line break."""
        em = self.size * abs(self.sx)
        same = self.y is not None and abs(y - self.y) < 0.01 * em
        gap = None if self.x is None else x - self.x
        self.x, self.y = x, y
        if not same:
            return "\n"
        return " " if gap is None or abs(gap) > SPACE_GAP * em else ""

    def advance(self, thousandths: float) -> None:
        if self.x is not None:
            self.x += thousandths / 1000 * self.size * self.sx

    def end(self) -> str:
        self.x = self.y = None
        return "\n"


class Extractor:
    """Text of the pages of one document (fonts and Form XObjects are shared between pages)."""

    def __init__(self):
        self.fonts: dict[int, _Font] = {}
        self.forms: dict[int, str] = {}
        self.arrays: dict[tuple, tuple[str, float]] = {}  # (font, TJ array) → (text, advance)
        self.streams: set[int] = set()  # object numbers of the content streams decoded

    def page_text(self, page) -> str:
        contents = page.get_contents()
        if contents is None:
            return ""
        text = _RTL_RUN.sub(lambda m: m.group(0)[::-1], self._stream(contents.get_data(), page.get("/Resources"), 0))
        refs = page.get("/Contents")
        for ref in (refs if isinstance(refs, list) else [refs]):
            if isinstance(ref, IndirectObject):
                self.streams.add(ref.idnum)
        return text

    def _font(self, ref) -> _Font:
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        if key not in self.fonts:
            self.fonts[key] = _Font(ref.get_object())
        return self.fonts[key]

    def _show(self, line: _Line, raw: bytes) -> str:
        if line.font is None:
            raise Unsupported("text shown before any font was selected")
        text, adv = line.font.show(_bytes(raw))
        line.advance(adv)
        return text

    @staticmethod
    def _position(line: _Line, op: bytes, before: bytes) -> str:
        """Tm / Td / TD: the operands are the numbers just before the operator (read backwards
        only here: a regular expression matching operands everywhere made tokenising 3x slower)."""
        try:
            if op == b"Tm":
                a, _, _, d, e, f = (float(v) for v in before.rsplit(None, 6)[-6:])
                return line.matrix(a, d, e, f)
            tx, ty = (float(v) for v in before.rsplit(None, 2)[-2:])
            return line.offset(tx, ty)
        except ValueError:
            return line.end()

    def _array(self, line: _Line, arr: bytes) -> str:
        """A TJ array.  Fast path (WeasyPrint: hex glyph strings, no word-wide adjustments): decode
        all glyphs at once."""
        if line.font is not None:
            key = (line.font, arr)  # headers, labels and names recur on every page: each array once
            hit = self.arrays.get(key)
            if hit is None and not _SLOW_ARRAY.search(arr):
                parts = _HEX_ONLY.split(arr)  # between, glyphs, between, glyphs, ..., between
                text, adv = line.font.show(bytes.fromhex(b"".join(parts[1::2]).decode("ascii")))
                rest = b" ".join(parts[0::2])
                kerning = sum(map(float, _NUMBER.findall(rest))) if rest.strip(b" 0\t\r\n") else 0.0
                hit = self.arrays[key] = (text, adv - kerning)
            if hit is not None:
                line.advance(hit[1])
                return hit[0]
        out = []
        for e in _ELEMENT.finditer(arr):
            if e.group("s"):
                out.append(self._show(line, e.group("s")))
            else:
                n = float(e.group("n"))
                line.advance(-n)
                if n <= -1000 * SPACE_GAP:
                    out.append(" ")  # producers that draw no space glyph move the pen instead
        return "".join(out)

    def _stream(self, data: bytes, resources, depth: int) -> str:
        resources = resources.get_object() if resources is not None else {}
        fonts = (resources.get("/Font") or {}) if resources else {}
        fonts = fonts.get_object() if hasattr(fonts, "get_object") else fonts
        if b"(" in data and not _literals_read(data):
            raise Unsupported("a literal string nested deeper than four parentheses")
        out: list[str] = []
        line = _Line()
        for m in _TOKENS.finditer(data):
            kind = m.lastgroup  # the alternative that matched (the font's is named by its last group)
            if kind == "arr":
                out.append(self._array(line, m.group("arr")))
            elif kind == "pos":
                out.append(self._position(line, m.group("pos"), data[max(0, m.start() - 200):m.start()]))
            elif kind == "size":
                ref = fonts.get("/" + m.group("font").decode("latin-1"))
                if ref is None:
                    raise Unsupported(f"unknown font {m.group('font')!r}")
                line.font, line.size = self._font(ref), abs(float(m.group("size"))) or 1.0
            elif kind == "str":
                out.append(self._show(line, m.group("str")))
            elif kind == "xobj":
                out.append(self._form(resources, m.group("xobj").decode("latin-1"), depth))
            else:
                out.append(line.end())
        return "".join(out)

    def _form(self, resources, name: str, depth: int) -> str:
        xobjects = resources.get("/XObject") if resources else None
        ref = xobjects.get_object().get("/" + name) if xobjects is not None else None
        if ref is None or depth >= MAX_DEPTH:
            return ""
        key = ref.idnum if isinstance(ref, IndirectObject) else None
        if key is not None and key in self.forms:
            return self.forms[key]
        form = ref.get_object()
        text = ""
        if form.get("/Subtype") == "/Form":
            text = "\n" + self._stream(form.get_data(), form.get("/Resources") or resources, depth + 1) + "\n"
            if key is not None:
                self.streams.add(key)
        if key is not None:
            self.forms[key] = text
        return text
