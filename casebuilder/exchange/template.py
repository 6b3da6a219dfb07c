"""casebuilder export --template: an empty workbook for documenters, with the allowed values as lists."""
from __future__ import annotations

import io
from pathlib import Path

from ..api import check, frameworks
from ..models import LEVELS
from ..write import write_atomic
from .columns import LINKS, sheet_columns

ROWS = 2000  # rows the drop-down lists cover
INSTRUCTIONS = [
    "How to fill in this workbook",
    "",
    "One sheet per kind of record: sources, persons, actors, incidents, evidence, figures, allegations, links.",
    "One row per record. The first column is the record's id: short, unique across the whole case, letters, digits, "
    "'-', '.', '_' (ev-ngo-report-3). Never reuse or change an id: it is how the import finds the record again.",
    "Lists (derived_from, persons, evidence, categories...): the ids or words separated by '; '.",
    "Dates: 2026-01-04, 2026-01 (a month), ~2026-01-08 (approximate), 1404-10-14 SH (Solar Hijri); a range as "
    "2026-01-03/2026-01-04.",
    "Columns with a drop-down accept only the listed values (kinds, reliability A-F, credibility 1-6, "
    "confidentiality levels, element ids of the case's frameworks).",
    "A person whose identity must be protected: fill 'protection' (pseudonym or withheld) and 'clearance'; never "
    "type their name in another column — refer to them as [[person-id]].",
    "links: one row per link between evidence and an element of the law: the allegation's id, the link's number "
    "(1, 2, ...), the element id, the evidence ids, supports or contradicts, and a note on how the evidence bears on it.",
    "Import with: casebuilder import CASE this-workbook.xlsx --dry-run (shows the change), then without --dry-run.",
]


def template_bytes(element_ids: list[str], levels: tuple[str, ...] = LEVELS) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = wb.active
    info.title = "instructions"
    for line in INSTRUCTIONS:
        info.append([line])
    info.column_dimensions["A"].width = 120
    lists = wb.create_sheet("lists")
    lists.sheet_state = "hidden"
    list_cols: dict[tuple[str, ...], str] = {}

    def list_range(values: tuple[str, ...]) -> str:
        if values not in list_cols:
            k = len(list_cols) + 1
            from openpyxl.utils import get_column_letter
            letter = get_column_letter(k)
            for i, v in enumerate(values, start=1):
                lists.cell(row=i, column=k, value=v)
            list_cols[values] = f"lists!${letter}$1:${letter}${max(1, len(values))}"
        return list_cols[values]

    from openpyxl.utils import get_column_letter
    for name, cols in sheet_columns().items():
        ws = wb.create_sheet(name)
        ws.append([c.name for c in cols])
        ws.freeze_panes = "B2"
        for i, c in enumerate(cols, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = 14 if c.kind in ("int", "bool") else 26
            values: tuple[str, ...] = ()
            if c.choices:
                values = c.choices
            elif c.kind == "bool":
                values = ("true", "false")
            elif c.name in ("confidentiality", "clearance"):
                values = levels
            elif c.name == "credibility":
                values = tuple(str(n) for n in range(1, 7))
            elif name == LINKS and c.name == "element" and element_ids:
                values = tuple(element_ids)
            if not values:
                continue
            dv = DataValidation(type="list", formula1=list_range(values), allow_blank=True, showErrorMessage=True,
                                errorTitle=c.name, error=f"Choose one of the listed values for {c.name}.")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{ROWS + 1}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def element_ids_of(case_dir, frameworks_dir=None) -> list[str]:
    """Element ids of the frameworks the case selects (all frameworks when the case cannot be read)."""
    fs, _ = frameworks(frameworks_dir)
    selected = None
    if case_dir is not None and Path(case_dir).is_dir():
        checked = check(case_dir, frameworks_dir)
        if checked.case.info is not None:
            selected = set(checked.case.info.frameworks)
    out: list[str] = []
    for fid, fw in fs.frameworks.items():
        if selected is not None and fid not in selected:
            continue
        out.extend(_leaves(fw))
    return out


def _leaves(fw) -> list[str]:
    from ..build import _leaves as leaves
    return [leaf.id for leaf in leaves(fw)]


def write_template(case_dir, output=None, frameworks_dir=None) -> Path:
    data = template_bytes(element_ids_of(case_dir, frameworks_dir))
    path = Path(output) if output else Path("build") / "casebuilder-template.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path
