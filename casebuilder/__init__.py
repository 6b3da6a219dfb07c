"""casebuilder: documented human-rights incidents → element-by-element legal analysis → PDF briefs.

Public API (see :mod:`casebuilder.api`)::

    from casebuilder import check
    result = check("cases/iran-2026")
"""
from .api import Checked, check, frameworks

__version__ = "0.1.0"
__all__ = ["Checked", "check", "frameworks", "__version__"]
