"""Figures drawn by us as inline SVG: no network, no JavaScript, deterministic output."""
from __future__ import annotations

import datetime as dt
import html
import math


_COLOURS = {"official": "#b03a2e", "ngo": "#2b5c8a", "media": "#7a6a2b", "other": "#555555"}


def _t(s: str) -> str:
    return html.escape(s, quote=True)


def _ellipsize(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def timeline(events: list[dict], width: int = 640) -> str:
    """A vertical-label timeline. ``events``: {label, start: date, end: date, approximate}."""
    if not events:
        return ""
    events = sorted(events, key=lambda e: (e["start"], e["end"], e["label"]))
    lo = min(e["start"] for e in events)
    hi = max(e["end"] for e in events)
    span = max((hi - lo).days, 1)
    left, right, row = 190, 20, 16
    axis_w = width - left - right
    height = 40 + row * len(events)

    def x(d: dt.date) -> float:
        return left + axis_w * (d - lo).days / span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Timeline of incidents">']
    ticks = _date_ticks(lo, hi)
    for d in ticks:
        parts.append(f'<line x1="{x(d):.1f}" y1="18" x2="{x(d):.1f}" y2="{height - 4}" stroke="#cccccc" stroke-width="0.5"/>')
        parts.append(f'<text x="{x(d):.1f}" y="12" font-size="8" fill="#555555" font-family="DejaVu Sans" text-anchor="middle">{_t(d.strftime("%d %b"))}</text>')
    for i, e in enumerate(events):
        y = 30 + i * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="8.5" fill="#222222" font-family="DejaVu Sans" text-anchor="end">{_t(_ellipsize(e["label"], 34))}</text>')
        x1, x2 = x(e["start"]), x(e["end"])
        cls = 'fill="#2b5c8a" fill-opacity="0.45"' if e.get("approximate") else 'fill="#2b5c8a"'
        if x2 - x1 < 3:
            parts.append(f'<circle cx="{x1:.1f}" cy="{y}" r="4" {cls}/>')
        else:
            parts.append(f'<rect x="{x1:.1f}" y="{y - 4}" width="{x2 - x1:.1f}" height="8" rx="3" {cls}/>')
    parts.append("</svg>")
    return "".join(parts)


def _date_ticks(lo: dt.date, hi: dt.date, want: int = 6) -> list[dt.date]:
    span = max((hi - lo).days, 1)
    step = max(1, math.ceil(span / want))
    out, d = [], lo
    while d <= hi:
        out.append(d)
        d += dt.timedelta(days=step)
    return out


def ranges(rows: list[dict], width: int = 640) -> str:
    """A range chart of disagreeing estimates. ``rows``: {label, low, high, group}."""
    if not rows:
        return ""
    left, right, row = 230, 60, 18
    hi = max(r["high"] for r in rows) or 1
    axis_w = width - left - right
    height = 36 + row * len(rows)
    scale = _nice(hi)

    def x(v: float) -> float:
        return left + axis_w * v / scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart ranges" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Estimates by source">']
    for k in range(0, 5):
        v = scale * k / 4
        parts.append(f'<line x1="{x(v):.1f}" y1="16" x2="{x(v):.1f}" y2="{height - 4}" stroke="#cccccc" stroke-width="0.5"/>')
        parts.append(f'<text x="{x(v):.1f}" y="11" font-size="8" fill="#555555" font-family="DejaVu Sans" text-anchor="middle">{int(v):,}</text>')
    for i, r in enumerate(rows):
        y = 28 + i * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="8.5" fill="#222222" font-family="DejaVu Sans" text-anchor="end">{_t(_ellipsize(r["label"], 40))}</text>')
        x1, x2 = x(r["low"]), x(r["high"])
        if x2 - x1 < 3:
            parts.append(f'<circle cx="{x1:.1f}" cy="{y}" r="4" fill="{_COLOURS.get(r.get("group", ""), "#2b5c8a")}"/>')
        else:
            parts.append(f'<rect x="{x1:.1f}" y="{y - 4}" width="{x2 - x1:.1f}" height="8" rx="3" fill="{_COLOURS.get(r.get("group", ""), "#2b5c8a")}"/>')
        val = f'{r["low"]:,}' if r["low"] == r["high"] else f'{r["low"]:,}\u2013{r["high"]:,}'
        parts.append(f'<text x="{x2 + 6:.1f}" y="{y + 4}" font-size="8" fill="#222222" font-family="DejaVu Sans">{_t(val)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice(v: float) -> float:
    exp = 10 ** math.floor(math.log10(max(v, 1)))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= v:
            return m * exp
    return 10 * exp
