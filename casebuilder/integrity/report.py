"""How a :class:`VerifyReport` is shown: a table for people, one JSON object for programs."""
from __future__ import annotations

import json

from ..load import display_path
from .progress import human_bytes
from .verify import STATUSES, VerifyReport

SHORT = 12  # hex digits of a hash shown in the table (48 bits: enough to tell files apart by eye)


def table_rows(report: VerifyReport) -> list[tuple[str, str, str, str]]:
    rows = []
    for it in report.items:
        path = it.path
        if it.status == "moved":
            path += " -> " + next(u.path for u in report.unrecorded if it.evidence in u.moved_from)
        rows.append((it.status, it.evidence, path, it.sha256[:SHORT] if it.sha256 else "-"))
    for u in report.unrecorded:
        if not u.moved_from:
            rows.append(("unrecorded", "-", u.path, u.sha256[:SHORT] if u.sha256 else "-"))
    return rows


def render_table(report: VerifyReport) -> str:
    rows = [("STATUS", "EVIDENCE", "PATH", "SHA256")] + table_rows(report)
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows]
    return "\n".join(lines + [summary_line(report)])


def summary_line(report: VerifyReport) -> str:
    counts = report.counts()
    n = len(report.items)
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s]]
    text = f"{n} exhibit{'s' * (n != 1)}" + (f": {', '.join(parts)}" if parts else "")
    if counts["unrecorded"]:
        text += f"; {counts['unrecorded']} unrecorded file{'s' * (counts['unrecorded'] != 1)}"
    rate = report.bytes_hashed / report.seconds if report.seconds > 0 else 0
    text += (f"; {human_bytes(report.bytes_hashed)} hashed in {report.seconds:.2f} s ({human_bytes(rate)}/s) "
             f"from {display_path(report.vault)}")
    return text


def render_json(report: VerifyReport) -> str:
    info = report.case.info
    doc = {
        "case": info.id if info else None,
        "exhibits": display_path(report.vault),
        "ok": report.ok(),
        "items": [it.as_dict() for it in report.items],
        "unrecorded": [u.as_dict() for u in report.unrecorded],
        "summary": {**report.counts(), "bytes_hashed": report.bytes_hashed, "seconds": round(report.seconds, 3)},
        "diagnostics": [d.as_dict() for d in report.diagnostics.sorted()],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
