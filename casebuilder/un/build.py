"""The UN brief's steps inside ``build``: plan, check, apply consent (before protection), extend the view."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..errors import UsageError
from .checks import check_sourcing
from .consent import apply_consent
from .i18n import LANGUAGES, N_, translations
from .submission import Plan, plan as make_plan

# What the UN brief keeps of the common view: the gap analysis (statuses) is not part of a submission,
# and the other briefs' lists quote excerpts that may name a person who has not consented to be named.
# Its registers: the victims it submits, the evidence, and the incidents of a large case.
KEPT_KEYS = ("meta", "situation", "figures", "registers", "charts", "un", "evidence", "chronology", "victims",
             "suspects")  # persons alleged to bear responsibility (casebuilder/render/view_suspects.py)


@dataclass
class UnBuild:
    plan: Plan
    kept: list
    lang: str
    translations: object
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    def extend(self, view: dict, checked, protector, audience: str, register_limit: int | None = None) -> None:
        from ..render.registers import registers, view_rows
        from ..render.view import EvidenceRefs, _person_row
        from .view import un_view

        refs = EvidenceRefs(checked.case, protector)
        view["un"] = un_view(view, checked, self.plan, self.kept, protector, refs, audience, self.translations,
                             self.lang)
        view["un"]["lang"] = self.lang
        _ = self.translations.gettext
        view["meta"]["language"] = self.lang
        view["meta"]["brief_title"] = _("Submission to the United Nations special procedures")
        view["meta"]["subject"] = f'{view["meta"]["brief_title"]}: {view["meta"]["title"]}'
        view["meta"]["marking"] = _(view["meta"]["marking"])
        for key in [k for k in view if k not in KEPT_KEYS]:
            del view[key]
        # the victims register holds the submitted victims only, as the consent-adjusted protector shows them
        submitted = {x.id for x in self.plan.submitted}
        for row in view["evidence"]:  # the register cites; its excerpts may name a person who did not consent
            row.pop("excerpt", None)
        view["persons"] = []
        view["victims"] = [_person_row(protector, x) for x in sorted(checked.case.persons, key=lambda x: x.id)
                           if x.id in submitted]
        view["registers"] = registers("un", view_rows(view), register_limit, incidents=view["chronology"]["compact"])
        for f in view["figures"]:
            f["evidence"] = []


MARKINGS = (N_("PUBLIC"), N_("RESTRICTED"), N_("CONFIDENTIAL"), N_("STRICTLY CONFIDENTIAL"))  # for the catalogues


def prepare(checked, lang: str | None, submission: str | None):
    """The consent-adjusted case and the UN build context; raise BuildFailed when a mandate would
    reject an allegation (see :mod:`.checks`)."""
    from ..api import Checked
    from ..build import BuildFailed

    case, fs = checked.case, checked.frameworks
    lang = lang or next((x for x in (case.info.languages or []) if x in LANGUAGES), "en")
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; the UN submission is available in {', '.join(LANGUAGES)}")
    if submission is not None and not any(s.id == submission for s in case.submissions):
        known = ", ".join(s.id for s in case.submissions) or "none recorded"
        raise UsageError(f"unknown submission {submission!r}; the case records: {known}")
    p = make_plan(case, fs, submission)
    diags = Diagnostics()
    if p.submission is None:
        diags.warning("un-no-submission", "the case records no submission (submissions:): the UN brief has no "
                      "submitter, requests or questions; see docs/case-format.md")
    kept = check_sourcing(case, p, diags)
    if diags.has_errors():
        raise BuildFailed(diags, "the UN submission would carry an allegation a mandate rejects; nothing was written")
    adjusted = Checked(apply_consent(case, p), fs, checked.diagnostics)
    return adjusted, UnBuild(p, kept, lang, translations(lang), diags)
