"""The UN submission's fixed text in English, French and Spanish (gettext catalogues, read with Babel).

Catalogues live in ``casebuilder/locale/<lang>/LC_MESSAGES/casebuilder.po`` and are compiled to
``.mo`` beside them (``python -m casebuilder.un.i18n compile``; the test suite fails when a compiled
catalogue differs from its source or misses a message).  At build time a missing catalogue or entry
falls back to the English text: a user's build never fails for a translation.  Case content (names,
descriptions, the analyst's requests) stays in the language it was written in.
"""
from __future__ import annotations

import gettext
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "casebuilder"
LANGUAGES = ("en", "fr", "es")
SOURCES = (Path(__file__).resolve().parent.parent.parent / "templates" / "un.html.j2",
           *sorted(Path(__file__).resolve().parent.glob("*.py")))


def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for ``lang`` ('en' and any missing catalogue: the English text itself)."""
    if lang == "en":
        return gettext.NullTranslations()
    from babel.support import Translations
    return Translations.load(str(LOCALE_DIR), locales=[lang], domain=DOMAIN)


def extract() -> list[str]:
    """Every message id of the UN submission: ``_()`` in its template and in :mod:`casebuilder.un`."""
    from babel.messages.extract import extract as babel_extract
    ids: dict[str, None] = {}
    for path in SOURCES:
        method = "jinja2.ext:babel_extract" if path.suffix == ".j2" else "python"
        options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"} \
            if path.suffix == ".j2" else {}
        with open(path, "rb") as f:
            for _lineno, message, _comments, _context in babel_extract(method, f, keywords={"_": None, "N_": None},
                                                                       options=options):
                ids[message if isinstance(message, str) else message[0]] = None
    return list(ids)


def update_catalogues() -> dict[str, list[str]]:
    """Add every new message id to each ``.po`` (untranslated, which fails the test suite until a
    translator fills it) and drop ids no longer used; returns the untranslated ids per language."""
    from babel.messages.pofile import read_po, write_po
    ids = extract()
    todo = {}
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po, "rb") as f:
            catalog = read_po(f)
        old = {m.id: m.string for m in catalog if m.id}
        for mid in list(old):
            if mid not in ids:
                del catalog[mid]
        for mid in ids:
            if mid not in old:
                catalog.add(mid, "")
        with open(po, "wb") as f:
            write_po(f, catalog, width=100, no_location=True)
        todo[po.parent.parent.name] = [m.id for m in catalog if m.id and not m.string]
    return todo


def compile_catalogues() -> list[Path]:
    """Write each ``.mo`` from its ``.po`` (run after editing a catalogue)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    out = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po, "rb") as f:
            catalog = read_po(f)
        mo = po.with_suffix(".mo")
        with open(mo, "wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        out.append(mo)
    return out


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later."""
    return message


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    if sys.argv[1:] == ["update"]:
        for lang, missing in update_catalogues().items():
            print(f"{lang}: {len(missing)} untranslated", *missing, sep="\n  ")
    elif sys.argv[1:] == ["compile"]:
        for p in compile_catalogues():
            print(p)
    elif sys.argv[1:] == ["extract"]:
        for m in extract():
            print(m)
    else:
        print("usage: python -m casebuilder.un.i18n update|compile|extract", file=sys.stderr)
        sys.exit(2)
