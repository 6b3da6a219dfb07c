"""The submission to the UN special procedures: what the analyst asks for, who it goes to, and whose
cases it may carry (see docs/briefs.md, "The UN submission").

* :mod:`.submission` picks the submission, its allegations and victims, and proposes the addressees
  and the kind of communication from the facts;
* :mod:`.checks` reports what a mandate would reject (at ``check`` time and at build time);
* :mod:`.consent` applies the recorded consents to the case before protection;
* :mod:`.view` adds the submission's own sections to the brief's view;
* :mod:`.i18n` serves the brief's fixed text from the gettext catalogues.
"""
from .consent import apply_consent
from .submission import Plan, plan

__all__ = ["Plan", "apply_consent", "plan"]
