"""render (HTML): Jinja2 with autoescape and StrictUndefined over a prepared view."""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from ..diagnostics import Diagnostics, Location
from ..errors import UserError
from ..load import PACKAGE_ROOT
from .cite import Citer, short_name
from .words import inner_quotes, without_subject

DEFAULT_TEMPLATES = PACKAGE_ROOT / "templates"
BRIEFS = ("legal", "un", "review")


class TemplateFailed(UserError):
    """A brief template failed; the diagnostics name the template and line."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__("")
        self.diagnostics = diagnostics


def environment(templates: Path | None) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or DEFAULT_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )


def _template_location(exc: BaseException, templates: Path) -> Location:
    """The template file and line where a rendering error happened (from the traceback)."""
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None)
    if filename and lineno:
        return Location(str(filename), int(lineno), 1)
    tb = exc.__traceback__
    found = None
    while tb is not None:
        fname = tb.tb_frame.f_code.co_filename
        if fname.endswith(".j2") or fname.endswith(".html"):
            found = (fname, tb.tb_lineno)
        tb = tb.tb_next
    if found:
        return Location(found[0], found[1], 1)
    return Location(str(templates), 1, 1)


def render_html(view: dict, brief: str, templates: Path | None = None, edition: str = "pdf",
                translations=None) -> str:
    """``edition``: 'pdf' (print layout) or 'office' (the HTML Pandoc turns into DOCX/ODT: no cover
    page layout, no printed contents list, which Word and LibreOffice generate as a field).
    ``translations``: a gettext catalogue for the template's ``_()`` (the UN brief; default English)."""
    import gettext

    env = environment(templates)
    env.install_gettext_translations(translations or gettext.NullTranslations(), newstyle=True)
    # citations keep their "already cited" state for one rendering, in reading order (render/cite.py)
    citations = (view.get("meta") or {}).get("citations", "footnotes")
    env.globals["cite"] = Citer(view.get("annex_numbers"),
                                mode="footnotes" if edition == "office" else "inline" if citations == "inline" else "notes")
    env.globals["edition"] = edition
    env.filters["short_name"] = short_name
    env.filters["without_subject"] = without_subject
    env.filters["inner_quotes"] = inner_quotes
    name = f"{brief}.html.j2"
    try:
        return env.get_template(name).render(**view)
    except jinja2.TemplateNotFound as e:
        d = Diagnostics()
        d.error("template-error", f"template {e.name!r} not found in {templates or DEFAULT_TEMPLATES}",
                Location(str(templates or DEFAULT_TEMPLATES), 1, 1))
        raise TemplateFailed(d) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as e:
        d = Diagnostics()
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        d.error("template-error", f"{type(e).__name__}: {msg}",
                _template_location(e, Path(templates or DEFAULT_TEMPLATES)))
        raise TemplateFailed(d) from None


if sys.version_info < (3, 11):  # pragma: no cover
    raise RuntimeError("casebuilder needs Python 3.11+")
