"""A tiny deterministic YAML writer for the synthetic cases.

The generator writes tens of megabytes; a general YAML dumper is slow and its style (quoting,
wrapping) depends on its version.  This writer produces the block style people write by hand:
plain scalars where they are safe, double quotes elsewhere, ``|`` blocks for multi-line text and
flow lists for short id lists.
"""
from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith(" ") and ": " not in s and " #" not in s:
        return s
    return json.dumps(s, ensure_ascii=False)


def _is_flat_list(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, (str, int)) and "\n" not in str(x) for x in v) \
        and sum(len(str(x)) for x in v) < 160


def _flow_map(d: dict) -> str | None:
    parts = []
    for k, v in d.items():
        if isinstance(v, (dict, list)) and not _is_flat_list(v):
            return None
        if isinstance(v, str) and "\n" in v:
            return None
        parts.append(f"{k}: {_inline(v)}")
    text = "{" + ", ".join(parts) + "}"
    return text if len(text) < 110 else None


def _inline(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_inline(x)}" for k, x in v.items()) + "}"
    return scalar(v)


def _emit_value(out: list[str], key: str, v, ind: str) -> None:
    if isinstance(v, str) and "\n" in v:
        out.append(f"{ind}{key}: |")
        for line in v.rstrip("\n").split("\n"):
            out.append(f"{ind}  {line}" if line else "")
    elif isinstance(v, dict):
        flow = _flow_map(v)
        if flow is not None:
            out.append(f"{ind}{key}: {flow}")
        else:
            out.append(f"{ind}{key}:")
            _emit_map(out, v, ind + "  ")
    elif isinstance(v, list):
        if _is_flat_list(v):
            out.append(f"{ind}{key}: {_inline(v)}")
        else:
            out.append(f"{ind}{key}:")
            _emit_items(out, v, ind + "  ")
    else:
        out.append(f"{ind}{key}: {scalar(v)}")


def _emit_map(out: list[str], d: dict, ind: str) -> None:
    for k, v in d.items():
        if v is None or v == [] or v == {}:
            continue
        _emit_value(out, k, v, ind)


def _emit_items(out: list[str], items: list, ind: str) -> None:
    for item in items:
        if isinstance(item, dict):
            flow = _flow_map(item) if len(item) <= 4 else None
            if flow is not None:
                out.append(f"{ind}- {flow}")
                continue
            sub: list[str] = []
            _emit_map(sub, item, ind + "  ")
            sub[0] = f"{ind}- " + sub[0][len(ind) + 2:]
            out.extend(sub)
        else:
            out.append(f"{ind}- {scalar(item)}")


def dump(collections: dict[str, object], header: str = "") -> str:
    """YAML text of a case file: ``{"evidence": [...], "persons": [...]}`` in that order."""
    out: list[str] = [f"# {line}" for line in header.splitlines()] if header else []
    for key, value in collections.items():
        if isinstance(value, list) and not value:
            continue
        if out:
            out.append("")
        _emit_value(out, key, value, "")
    return "\n".join(out) + "\n"
