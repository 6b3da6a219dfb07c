"""render (DOCX, ODT): the brief a lawyer edits, from the same HTML as the PDF, through Pandoc.

Pandoc comes with the ``pypandoc-binary`` wheel, so ``pip install`` is all a user needs.  The HTML is
rendered for the *office* edition (no printed contents list or drawn charts: a word processor makes
its own contents field from the headings); a Lua filter turns each ``<span class="fn">`` into a real
footnote; headings become the Heading 1-3 styles, tables real tables, and ``--toc`` inserts the
table-of-contents field.  Pandoc runs with ``--sandbox``: it reads and fetches nothing but the HTML
given on its standard input.  The output is reproducible: Pandoc takes its document dates and zip
timestamps from ``SOURCE_DATE_EPOCH``, which is set to the case date while it runs.
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from ..errors import UserError
from .pdf import _source_date

FILTER = Path(__file__).with_name("office.lua")
_MAIN = re.compile(r"<(/?)main\b([^>]*)>")
OFFICE_FORMATS = ("docx", "odt")


class OfficeFailed(UserError):
    """Pandoc could not write the document (not installed, or it failed)."""


def render_office(html: str, fmt: str, date: dt.date, language: str = "en") -> bytes:
    """HTML → DOCX or ODT bytes."""
    if fmt not in OFFICE_FORMATS:
        raise ValueError(f"unknown office format {fmt!r}")
    try:
        import pypandoc
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise OfficeFailed("writing DOCX or ODT needs Pandoc: pip install pypandoc-binary") from e
    # Pandoc reads only the <main> element of a page that has one: the cover and the annexes would
    # be lost.  The element is ours (case text is escaped), so it is renamed, not parsed.
    html = _MAIN.sub(r"<\1div\2>", html)
    with tempfile.TemporaryDirectory(prefix="casebuilder-office-") as tmp:
        out = Path(tmp) / f"brief.{fmt}"
        args = ["--sandbox", "--toc", "--toc-depth=2", f"--lua-filter={FILTER}",
                f"--metadata=lang:{language}", f"--metadata=date:{date.isoformat()}"]
        try:
            with _source_date(date):
                pypandoc.convert_text(html, fmt, format="html", extra_args=args, outputfile=str(out))
        except (RuntimeError, OSError) as e:
            raise OfficeFailed(f"Pandoc could not write the {fmt.upper()} document: {str(e).strip()[:300]}") from None
        return out.read_bytes()
