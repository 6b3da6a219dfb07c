"""The UN special procedures and investigative mandates a submission may be addressed to, as data."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Id, Model


class Resolution(Model):
    """One resolution that established, renewed, extended or changed a mandate."""

    symbol: str = Field(description="The resolution, e.g. 'HRC res. S-35/1' or 'CHR res. 1985/33'.")
    date: str | None = Field(None, description="Date of adoption (ISO 8601), where known.")
    action: Literal["establishes", "renews", "extends", "expands", "converts"] = "establishes"
    until: str | None = Field(None, description="End of the mandate period it sets, in words.")
    source: str = Field(description="Where this was checked (the official record or a named report of it).")
    unverified: str | None = Field(None, description="What could not be checked, and why.")


class Mandate(Model):
    id: Id = Field(description="Stable id, e.g. 'sr-executions'; cases refer to mandates by it.")
    title: str = Field(description="The official title.")
    titles: dict[str, str] = Field(default_factory=dict, description="The official title in other UN languages, "
                                   "by language code (fr, es).")
    kind: Literal["thematic", "country", "investigative"]
    body: Literal["special-rapporteur", "working-group", "independent-expert", "fact-finding-mission",
                  "commission-of-inquiry"]
    communications: bool = Field(True, description="True if it sends communications (urgent appeals, "
                                 "allegation letters) to Governments; an investigative mission only receives information.")
    states: list[str] = Field(default_factory=list, description="For a country mandate: ISO 3166-1 alpha-2 codes.")
    covers: str = Field(description="What the mandate covers, in the words of its resolutions where possible.")
    rights: list[Id] = Field(default_factory=list,
                             description="Provision ids in the human-rights frameworks that fall within the mandate.")
    resolutions: list[Resolution] = Field(min_length=1)
    note: str | None = None


class MandatesFile(Model):
    id: Literal["mandates"]
    title: str
    kind: Literal["mandates"]
    note: str | None = None
    mandates: list[Mandate]
