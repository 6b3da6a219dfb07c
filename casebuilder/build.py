"""build: the whole pipeline for one brief, read top to bottom like a table of contents.

load → resolve → analyse → protect → render → audit → write.  All input is gathered and checked
before anything is written; the output is written atomically, or not at all.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .api import check
from .diagnostics import Diagnostics, Location
from .errors import UsageError, UserError
from .models import LEVELS
from .write import output_problem, write_output

FORMATS = ("pdf", "html", "json", "docx", "odt")


class BuildFailed(UserError):
    """The case has errors, a template failed, or the audit found a leak: nothing was written."""

    def __init__(self, diagnostics: Diagnostics, message: str = ""):
        super().__init__(message)
        self.diagnostics = diagnostics


@dataclass
class BuildResult:
    path: Path
    data: bytes
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


def default_output(case_id: str, brief: str, audience: str, fmt: str) -> Path:
    return Path("build") / f"{case_id}-{brief}-{audience}.{fmt}"


def build(case_dir, brief: str = "legal", audience: str | None = None, fmt: str = "pdf", output=None,
          templates=None, frameworks_dir=None, exhibits=None, standard: str | None = None, strict: bool = False,
          detail_limit: int | None = None, register_limit: int | None = None, lang: str | None = None,
          submission: str | None = None, forum: str | None = None) -> BuildResult:
    """Build one brief of a case for one audience and write it; raise BuildFailed if anything is wrong.
    ``detail_limit``: incidents described in full before the chronology is summarised (default 50);
    ``register_limit``: rows an annex register prints before it is summarised and only attached
    as CSV (default 2,000).  ``lang`` (en, fr, es) and ``submission`` (a submission id) apply to
    the UN brief only."""
    from .analyse import analyse
    from .render.view import BRIEF_TITLES

    if brief not in BRIEF_TITLES:
        raise UsageError(f"unknown brief {brief!r}; expected one of {', '.join(BRIEF_TITLES)}")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if forum is not None and brief != "legal":
        raise UsageError(f"--forum applies to the legal brief only, not to --brief {brief}")
    if detail_limit is not None and detail_limit < 0:
        raise UsageError(f"--detail-limit must be 0 or more, not {detail_limit}")
    if register_limit is not None and register_limit < 0:
        raise UsageError(f"--register-limit must be 0 or more, not {register_limit}")
    if audience is not None and audience not in LEVELS:
        raise UsageError(f"unknown audience {audience!r}; expected one of {', '.join(LEVELS)}")

    if lang is not None and brief != "un":
        raise UsageError("--lang applies to the UN submission only (--brief un)")
    checked = check(case_dir, frameworks_dir, exhibits)                              # load + resolve
    if checked.diagnostics.has_errors():
        raise BuildFailed(checked.diagnostics)
    un = None
    if brief == "un":                                  # consent and sourcing, before protection (docs/briefs.md)
        from .un.build import prepare
        checked, un = prepare(checked, lang, submission)
    case, fs = checked.case, checked.frameworks
    if forum is not None and forum not in fs.forums:
        raise UsageError(f"unknown forum {forum!r}; expected one of {', '.join(sorted(fs.forums))} "
                         "(the forums in frameworks/forums/)")
    audience = audience or case.info.audience
    standard = standard or case.info.standard

    path = Path(output) if output else default_output(case.info.id, brief, audience, fmt)
    problem = output_problem(path, case_dir, exhibits)                              # refuse early
    if problem:
        raise UserError(f"{path}: {problem}; nothing was written")

    analysis = analyse(case, fs, standard)                                          # analyse
    by_standard = compared(case, fs, analysis, brief)

    view, matcher = _protect(checked, analysis, by_standard, brief, audience,        # protect
                               detail_limit, register_limit, un, forum)
    if brief == "review":  # open notes from the workspace (casebuilder/reviews.py)
        from .render.view import name_note_targets
        view["review_notes"] = name_note_targets(view, _review_notes(case_dir, checked.case, audience))
    data, diags = _render(view, analysis, checked, brief, audience, fmt, templates, un)  # render
    if un is not None:
        diags.items[:0] = un.diagnostics.items
    _audit(data, fmt, matcher, case, path, audience)                                 # audit
    if strict and diags.items:
        raise BuildFailed(diags, "warnings are errors under --strict")

    write_output(path, data, case_dir, exhibits)                                     # write
    return BuildResult(path, data, diags)


def compared(case, fs, analysis, brief: str) -> dict:
    """Standard id → analysis: every standard for the review brief (its readiness matrix), only the
    brief's own for the others, which show one standard (analysing all four would double the work)."""
    from .analyse import analyse

    if brief != "review":
        return {analysis.standard: analysis}
    return {s.id: (analysis if s.id == analysis.standard else analyse(case, fs, s.id)) for s in fs.standards_by_rank()}


def _protect(checked, analysis, by_standard, brief, audience, detail_limit=None, register_limit=None, un=None,
             forum=None):
    from . import gcpause
    from .protect import Protector
    from .render.view import build_view

    with gcpause.paused():  # the view and the protected strings: no cycles (see gcpause)
        protector = Protector(checked.case, audience)
        view = build_view(checked, analysis, by_standard, protector, brief, audience, detail_limit, register_limit, forum)
        if un is not None:
            un.extend(view, checked, protector, audience, register_limit)
        matcher = review_matcher(checked, protector, audience)
    return view, matcher


def review_matcher(checked, protector, audience, incremental=None):
    """The leak audit's matcher for a brief to ``audience`` (raises BuildFailed when withheld text
    is copied into text the audience is shown).  ``incremental``: an
    :class:`~casebuilder.protect.incremental.IncrementalMatcher` that made the matcher of an earlier
    version of the case (the workspace's); it makes this one from what changed, equal to a fresh
    one.  A build never passes one: a brief never depends on state."""
    matcher, copied = review_matcher_and_copies(checked, protector, audience, incremental)
    if copied.has_errors():
        raise BuildFailed(copied, "withheld text is copied into text the audience is shown; nothing was written")
    return matcher


def review_matcher_and_copies(checked, protector, audience, incremental=None):
    """:func:`review_matcher`, and the ``withheld-copied`` errors (a Diagnostics, empty when none)
    instead of raising them (the workspace shows them as the case's errors)."""
    from . import gcpause
    from .audit.report import copy_diagnostics
    from .protect import protected_matcher

    with gcpause.paused():
        fs = checked.frameworks
        law = [leaf.text for fid in checked.case.info.frameworks if fid in fs.frameworks
               for leaf in _leaves(fs.frameworks[fid])]  # the law's own words are never a secret
        copies = []
        if incremental is not None:
            matcher = incremental.update(checked.case, audience, law, protector, copies)[1]
        else:
            matcher = protected_matcher(checked.case, audience, visible_texts=law, protector=protector, copies=copies)[1]
    return matcher, copy_diagnostics(copies, checked.case, audience) if copies else Diagnostics()


def _review_notes(case_dir, case, audience: str) -> list[dict]:
    from .protect import Protector
    from .reviews import load_notes, notes_view

    prot = Protector(case, audience)
    return notes_view(load_notes(case_dir), prot.text, {e.id for e in case.evidence if prot.evidence_visible(e)})


def _leaves(fw):
    yield from fw.contextual_leaves()
    for p in fw.provisions:
        yield from p.leaves()


def analysis_json(analysis, checked, audience: str) -> dict:
    """The machine-readable analysis embedded in every PDF (audience-filtered, with exhibit hashes)."""
    from .protect import Protector

    protector = Protector(checked.case, audience)
    data = analysis.to_json(audience, label=protector.person_key, item=protector.evidence_ref)  # as `gaps --format json`
    data["exhibits"] = [
        {"evidence": protector.evidence_key(e),
         # a withheld item's hash would identify its document (a public one, often): never shown
         "sha256": e.exhibit.sha256 if e.exhibit and protector.evidence_visible(e) else None,
         "withheld": not protector.evidence_visible(e)}
        for e in sorted(checked.case.evidence, key=lambda e: e.id) if e.exhibit is not None
    ]
    data["audience"] = audience
    if checked.case.suspects:  # the suspects' matrix, as `gaps --suspects --format json` (analyse/liability_export.py)
        from .analyse.liability import analyse_suspects
        from .analyse.liability_export import suspects_json
        sa = analyse_suspects(checked.case, checked.frameworks, analysis.standard, analysis, protector.person_key)
        data["suspects"] = suspects_json(sa, checked.case, audience, protector.person_key, protector.evidence_ref,
                                         None, checked.frameworks)
    return data


def _render(view, analysis, checked, brief, audience, fmt, templates, un=None):
    from .render.html import render_html
    from .render.pdf import render_pdf

    diags = Diagnostics()
    if fmt == "json":
        return (json.dumps(view, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"), diags
    if fmt in ("docx", "odt"):  # the editable brief: same view, the office edition of the HTML
        from .render.office import render_office

        html = render_html(view, brief, Path(templates) if templates else None, edition="office",
                           translations=un.translations if un is not None else None)
        return render_office(html, fmt, checked.case.info.date.start, view["meta"]["language"]), diags
    html = render_html(view, brief, Path(templates) if templates else None,
                       translations=un.translations if un is not None else None)
    if fmt == "html":
        return html.encode("utf-8"), diags
    assets = (Path(templates) if templates else None)
    pdf, refused = render_pdf(html, checked.case.info.date.start, pdf_attachments(view, analysis, checked, audience),
                              assets=(assets or _default_templates()) / "assets")
    for url in refused:
        loc = _location_of(url, checked)
        diags.warning("refused-fetch", f"the brief tried to fetch {url[:120]!r}; refused"
                      + (f" (from the case text at {loc})" if loc else ""), loc)
    return pdf, diags


def pdf_attachments(view: dict, analysis, checked, audience: str) -> list[tuple[str, bytes, str]]:
    """What every PDF brief carries besides its pages: the analysis as JSON, and each of its
    registers in full as CSV (the printed annex summarises a long one)."""
    from . import gcpause
    from .render.registers import attachments

    with gcpause.paused():  # a large case's analysis is a million small dicts, no cycles (see gcpause)
        data = analysis_json(analysis, checked, audience)
        if view["meta"]["brief"] == "un":  # a submission presents information, not the element-by-element analysis:
            data = {k: data[k] for k in ("audience", "exhibits", "suspects") if k in data}  # hashes and suspects only
        # compact: ``indent`` would take Python's pure-Python encoder, five times slower than the C
        # one, for a file of 121 MB instead of 63 on 20,000 incidents; the reader is a program
        analysis_bytes = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return [("analysis.json", analysis_bytes, "Machine-readable element-by-element analysis (casebuilder)"),
                *attachments(view)]


def _default_templates() -> Path:
    from .render.html import DEFAULT_TEMPLATES
    return DEFAULT_TEMPLATES


def _location_of(url: str, checked) -> Location | None:
    """Find the case value that carried a refused URL, to name it in the warning."""
    from .resolve import _text_fields

    for obj, path, text in _text_fields(checked.case):
        if text and url in text:
            return checked.case.locate(obj, *path)
    return None


def _audit(data: bytes, fmt: str, matcher, case, output: Path, audience: str) -> None:
    from .audit import audit_bytes
    from .audit.report import leak_diagnostics

    leaks = audit_bytes(data, fmt, matcher)
    if leaks:  # one error per place the name was typed (protect/typed.py), not one per place in the output
        from .audit.scan import extract
        from .protect.typed import typed_identities
        raise BuildFailed(leak_diagnostics(leaks, case, str(output), typed=typed_identities(case, audience),
                                           printed=extract(fmt, data)),
                          "a protected identity would leak; nothing was written")
