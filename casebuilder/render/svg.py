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
    parts += _axis([(x(d), d.strftime("%d %b")) for d in _date_ticks(lo, hi)], 18, 12, height)
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


def _axis(ticks: list[tuple[float, str]], top: float, label_y: float, height: float) -> list[str]:
    """Vertical gridlines with their labels above the plot: ``ticks`` are (x, label)."""
    out = []
    for x, text in ticks:
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 4}" stroke="#cccccc" stroke-width="0.5"/>')
        out.append(f'<text x="{x:.1f}" y="{label_y}" font-size="8" fill="#555555" font-family="DejaVu Sans" '
                   f'text-anchor="middle">{_t(text)}</text>')
    return out


def histogram(days: dict, what: str, width: int = 640, height: int = 150) -> str:
    """Counts per day (``days``: date → count) as columns; grouped per ISO week when the span is
    longer than four months, so a chart of 20,000 incidents stays one small figure."""
    if not days:
        return ""
    lo, hi = min(days), max(days)
    weekly = (hi - lo).days > 120
    if weekly:
        lo -= dt.timedelta(days=lo.weekday())
        buckets: dict[dt.date, int] = {}
        for d, n in days.items():
            k = d - dt.timedelta(days=d.weekday())
            buckets[k] = buckets.get(k, 0) + n
        step = 7
    else:
        buckets, step = dict(days), 1
    n_slots = (hi - lo).days // step + 1
    left, right, top, bottom = 50, 20, 22, 18
    plot_w, plot_h = width - left - right, height - top - bottom
    scale = _nice(max(buckets.values()))
    slot = plot_w / n_slots
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart histogram" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{_t(what)} per {"week" if weekly else "day"}">']
    for k in range(5):  # horizontal gridlines with counts on the left
        v = scale * k / 4
        y = top + plot_h * (1 - v / scale)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#cccccc" stroke-width="0.5"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="8" fill="#555555" font-family="DejaVu Sans" '
                     f'text-anchor="end">{int(v):,}</text>')
    for d, n in sorted(buckets.items()):
        i = (d - lo).days // step
        h = plot_h * n / scale
        parts.append(f'<rect x="{left + i * slot + slot * 0.1:.2f}" y="{top + plot_h - h:.2f}" '
                     f'width="{max(slot * 0.8, 0.5):.2f}" height="{h:.2f}" fill="#2b5c8a"/>')
    for d in _date_ticks(lo, hi):
        x = left + ((d - lo).days // step + 0.5) * slot
        parts.append(f'<text x="{x:.1f}" y="{height - 5}" font-size="8" fill="#555555" font-family="DejaVu Sans" '
                     f'text-anchor="middle">{_t(d.strftime("%d %b %Y" if weekly else "%d %b"))}</text>')
    parts.append(f'<text x="{left}" y="10" font-size="8" fill="#555555" font-family="DejaVu Sans">'
                 f'{_t(what)} per {"week (weeks start on Monday)" if weekly else "day"}</text>')
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
    parts += _axis([(x(scale * k / 4), f"{int(scale * k / 4):,}") for k in range(5)], 16, 11, height)
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
