"""Turn pydantic validation errors into diagnostics in the user's language, at the exact place."""
from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostics
from .models.common import NORMALISED_GRADES, OLD_SPELLINGS
from .yamlsrc import SourceFile

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def _unwrap(tp: Any) -> list[Any]:
    """All classes a field annotation may resolve to (through Optional, list, Annotated, Union)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for a in typing.get_args(tp):
            out.extend(_unwrap(a))
        return out
    if origin in (list, tuple, set, dict):
        args = typing.get_args(tp)
        return _unwrap(args[-1]) if args else []
    return [tp]


def _models_at(model: type[BaseModel], loc: tuple) -> list[type[BaseModel]]:
    """Candidate model classes of the mapping at ``loc`` (used for 'did you mean')."""
    current: list[Any] = [model]
    for step in loc:
        if isinstance(step, int):
            continue
        nxt: list[Any] = []
        for cls in current:
            if isinstance(cls, type) and issubclass(cls, BaseModel):
                f = cls.model_fields.get(step)
                if f is not None:
                    nxt.extend(_unwrap(f.annotation))
        if nxt:
            current = nxt
        # else: a union tag or validator name in the loc; stay where we are
    return [c for c in current if isinstance(c, type) and issubclass(c, BaseModel)]


def _data_path(data: Any, loc: tuple) -> tuple:
    """Keep only the loc steps that exist in the data (drops union tags and validator names)."""
    out = []
    cur = data
    for step in loc:
        if isinstance(cur, dict) and isinstance(step, str) and step in cur:
            out.append(step)
            cur = cur[step]
        elif isinstance(cur, list) and isinstance(step, int) and 0 <= step < len(cur):
            out.append(step)
            cur = cur[step]
    return tuple(out)


def _comma_hint(data: Any, path: tuple, key: str) -> str:
    """The hint for a key that is most likely the rest of the value before it, cut at a comma."""
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    prev = None
    if isinstance(parent, dict):
        keys = list(parent)
        i = keys.index(key) if key in keys else 0
        prev = keys[i - 1] if i > 0 else None
    if prev is not None and isinstance(parent[prev], str):
        return (f"; if it is the rest of {prev!r} after a comma, put the whole value in double quotes "
                f"({prev}: \"{parent[prev]}, {key}\")")
    return "; if it is the rest of the value before it after a comma, put that whole value in double quotes"


def _known_keys(model: type[BaseModel], parent: tuple) -> list[str]:
    known: list[str] = []
    for cls in _models_at(model, parent):
        known.extend(cls.model_fields)
    return known


def _suggest(key: Any, known: list[str]) -> str | None:
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
    return close[0] if close else None


def report(err: ValidationError, data: Any, model: type[BaseModel], sf: SourceFile, base: tuple,
           diags: Diagnostics, context: str | None = None) -> None:
    """Report every error of ``err`` (from validating ``data`` found at ``base`` in ``sf``)."""
    errors = err.errors(include_url=False)
    # A misspelt required key shows up twice (unknown 'reliabilty', missing 'reliability'); the
    # "did you mean" on the unknown key says it all, so the missing field is not reported again.
    misspelt = {(tuple(e["loc"][:-1]), _suggest(e["loc"][-1], _known_keys(model, tuple(e["loc"][:-1]))))
                for e in errors if e["type"] == "extra_forbidden"}
    for e in errors:
        etype, loc, inp = e["type"], tuple(e["loc"]), e.get("input")
        path = _data_path(data, loc)
        where = base + path
        field = next((s for s in reversed(loc) if isinstance(s, str) and not s.startswith(("function-", "tagged-"))), None)
        if etype == "extra_forbidden":
            key = loc[-1]
            known = _known_keys(model, loc[:-1])
            msg = f"unknown key {key!r}"
            close = _suggest(key, known)
            if close:
                msg += f"; did you mean {close!r}?"
            elif known:
                msg += f"; expected one of: {', '.join(sorted(set(known)))}"
            if inp is None and isinstance(key, str) and " " in key.strip():
                # `{note: shots, arrests and raids}`: the comma ended the value, the rest became a key
                msg += _comma_hint(data, path, key)
            diags.error("unknown-key", msg, sf.locate(base + path, key=True), context=context)
        elif etype == "missing":
            if (loc[:-1], loc[-1]) in misspelt:
                continue
            diags.error("missing-field", f"missing required field {loc[-1]!r}", sf.locate(where), context=context)
        elif etype == "invalid_date":
            diags.error("invalid-date", e["msg"], sf.locate(where), context=context)
        elif etype in _TYPE_WORDS:
            diags.error("wrong-type", f"{field or 'value'}: expected {_TYPE_WORDS[etype]}, got {_describe(inp)}",
                        sf.locate(where), context=context)
        elif etype == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"{field or 'value'}: expected {expected}, got {_describe(inp)}"
            if isinstance(inp, str):
                options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
                close = difflib.get_close_matches(inp, options, n=1, cutoff=0.75)
                if close:
                    msg += f"; did you mean {close[0]!r}?"
            diags.error("invalid-value", msg, sf.locate(where), context=context)
        elif etype in ("union_tag_invalid", "union_tag_not_found"):
            diags.error("wrong-type", f"{field or 'value'}: expected a mapping, got {_describe(inp)}",
                        sf.locate(where), context=context)
        else:
            msg = e["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, "):]
            diags.error("invalid-value", f"{field or 'value'}: {msg[0].lower() + msg[1:] if msg else msg}"
                        + (f" (got {_describe(inp)})" if etype.startswith(("string_", "greater", "less", "too_")) else ""),
                        sf.locate(where), context=context)


def validate(model: type[BaseModel], data: Any, sf: SourceFile, base: tuple, diags: Diagnostics,
             context: str | None = None) -> Any:
    """Validate ``data`` into ``model``; on failure report at exact places and return None."""
    before = NORMALISED_GRADES[0]
    try:
        obj = model.model_validate(data)
    except ValidationError as err:
        report(err, data, model, sf, base, diags, context)
        return None
    if NORMALISED_GRADES[0] != before:  # rare: a grade in lower case was read as a capital
        warn_lower_grades(data, sf, base, diags, context)
    return obj


def warn_lower_grades(data: Any, sf: SourceFile, base: tuple, diags: Diagnostics, context: str | None = None) -> None:
    """``grade-case`` at every lower-case reliability grade in ``data``, and ``old-spelling`` at every
    value-list entry in its old spelling (call it when NORMALISED_GRADES moved)."""
    for path, value in _lower_grades(data, ()):
        diags.warning("grade-case", f"reliability {value!r} is read as {value.upper()!r}: the Admiralty grades are "
                      f"capital letters A-F; write {path[-1]}: {value.upper()}", sf.locate(base + path), context=context)
    for path, value in _old_spellings(data, ()):
        new = OLD_SPELLINGS[value]
        diags.warning("old-spelling", f"{path[-1]} {value!r} is read as {new!r}: value lists are spelled with "
                      f"hyphens; write {path[-1]}: {new}", sf.locate(base + path), context=context)


def _lower_grades(data: Any, path: tuple):
    """(path, value) of every ``...reliability: c`` (a lower-case grade) in ``data``."""
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(k, str) and k.endswith("reliability") and isinstance(v, str) and len(v) == 1 and v in "abcdef":
                yield (*path, k), v
            else:
                yield from _lower_grades(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _lower_grades(v, (*path, i))


def _old_spellings(data: Any, path: tuple):
    """(path, value) of every ``kind: official_statement`` (a value-list entry in its old spelling)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "kind" and isinstance(v, str) and v in OLD_SPELLINGS:
                yield (*path, k), v
            else:
                yield from _old_spellings(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _old_spellings(v, (*path, i))
