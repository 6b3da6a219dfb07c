"""Pydantic models of frameworks and cases."""
from .case import (COLLECTIONS, Actor, Allegation, CaseFile, CaseInfo, CustodyEntry, Evidence, Exhibit,
                   Figure, Incident, Link, Person, Situation, Source, Victims, Charge, Position, Suspect,
                   Whereabouts)
from .common import LEVELS, Citation, Model, level_rank
from .dates import DateSpec, parse_date
from .framework import (Applicability, Definition, Element, Framework, Group, Provision, Standard,
                        StandardsFile, State, StatesFile)

__all__ = [
    "COLLECTIONS", "Actor", "Allegation", "CaseFile", "CaseInfo", "CustodyEntry", "Evidence", "Exhibit",
    "Figure", "Incident", "Link", "Person", "Situation", "Source", "Victims", "Charge", "Position", "Suspect",
    "Whereabouts", "LEVELS", "Citation", "Model",
    "level_rank", "DateSpec", "parse_date", "Applicability", "Definition", "Element", "Framework", "Group",
    "Provision", "Standard", "StandardsFile", "State", "StatesFile",
]
