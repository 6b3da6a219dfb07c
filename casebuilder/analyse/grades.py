"""The two grading scales and how the decision rule reads them.

Reliability (of a source, Admiralty scale): A completely reliable ... E unreliable, F cannot be
judged.  Credibility (of an item): 1 confirmed ... 5 improbable, 6 cannot be judged.  For meeting a
standard, F and 6 rank worst: what cannot be judged cannot carry a finding.  For weighing
*contradicting* items, F weighs like D: an unjudged denial is neither ignored nor taken at face value.
Weights are kept in tenths so that every comparison is exact integer arithmetic.
"""
from __future__ import annotations

RELIABILITY: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
RELIABILITY_LABEL = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "cannot be judged"}
CREDIBILITY_LABEL = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
                     5: "improbable", 6: "cannot be judged"}
#: Weight of an origin on the contradicting side, in tenths of one independent origin.
WEIGHT_TENTHS = {"A": 10, "B": 8, "C": 6, "D": 4, "E": 2, "F": 4}


def rel_rank(grade: str) -> int:
    return RELIABILITY.index(grade)


def meets_reliability(grade: str, minimum: str) -> bool:
    index = RELIABILITY.index  # (rel_rank's, called directly: weighing calls this for every item)
    return index(grade) <= index(minimum)


def meets_credibility(grade: int | None, maximum: int) -> bool:
    return grade is not None and grade <= maximum


def best_reliability(grades) -> str | None:
    grades = list(grades)
    return min(grades) if grades else None  # the letters' own order is the rank's (RELIABILITY is A to F)


def best_credibility(grades) -> int | None:
    graded = [g for g in grades if g is not None]
    return min(graded) if graded else None


def weight(grade: str) -> float:
    return WEIGHT_TENTHS[grade] / 10


def tenths(x: float) -> str:
    """A weight for messages: '0.2', '1', '1.6'."""
    return f"{x:.1f}".removesuffix(".0")
