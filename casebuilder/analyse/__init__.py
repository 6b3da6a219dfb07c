"""analyse: the gap analysis — element-by-element status of each allegation under a standard of proof.

Pure functions over the models (no I/O, no clock, deterministic).  The decision rule is in
:mod:`.rule` and stated for reviewers in docs/gaps.md; corroboration follows the origin graph of
:mod:`.origins`; applicability compares each framework's conditions with the case's situation.

    from casebuilder.analyse import analyse, analyse_all
    result = analyse(checked.case, checked.frameworks, "reasonable-grounds")
    result.to_json(audience_filter="public")
"""
from .codes import REASON_CODES
from .core import Engine, analyse, analyse_all
from .figures import FigureGrade, chain_grades
from .export import CSV_COLUMNS, csv_rows, csv_text, matrix_json
from .results import (ELEMENT_STATUSES, RANK, STATUSES, AllegationResult, Analysis, ApplicabilityResult, ElementResult, ItemWeight,
                      NodeResult, Phrase, Reason, Ref)

__all__ = [
    "Engine", "FigureGrade", "chain_grades", "ELEMENT_STATUSES", "analyse", "analyse_all", "matrix_json", "csv_rows", "csv_text", "CSV_COLUMNS", "REASON_CODES", "RANK",
    "STATUSES", "Analysis", "AllegationResult", "ApplicabilityResult", "ElementResult", "ItemWeight",
    "NodeResult", "Phrase", "Reason", "Ref",
]
