"""Auditing a file on disk, and turning leaks into the tool's diagnostics."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..diagnostics import Diagnostics
from ..protect import protected_strings
from .extract import AuditError
from .scan import Leak, audit_bytes, kind_of


def audit_file(path: Path | str, case, audience: str, notes: list[str] | None = None,
               visible_texts: Iterable[str] = ()) -> list[Leak]:
    """Scan any file (a brief exported from a word processor, say) as the build scans its outputs."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise AuditError(f"{p}: cannot read ({e.strerror})") from None
    return audit_bytes(data, kind_of(p.name, data), protected_strings(case, audience, visible_texts), notes)


def format_leak(path: Path | str, leak: Leak) -> str:
    """'brief.pdf: error[leak]: protected identity of person p-04 (name) found in page 3 text'."""
    return f"{path}: error[leak]: {leak.message()}"


def leak_diagnostics(leaks: Iterable[Leak], case, output: str, diags: Diagnostics | None = None,
                     typed=(), printed=None) -> Diagnostics:
    """The build's ``leak`` errors: one per place in the case text where a leaked identity is typed
    (``typed``: :func:`casebuilder.protect.typed.typed_identities` for the build's audience), at the
    name itself, unquoted; and for a leak no typed place explains, one per protected value, at the
    owner's ``id`` — deliberately not at the value, so that the terminal (or a CI log) never shows
    it.  However many places of the output hold it (page text, outline, attachment...), each is one
    error that names the first and counts the others.  ``printed`` (the output's :class:`Extracted`
    text) keeps only the typed places whose words around the name the output holds: a name typed
    in a text this brief does not print is not what leaked."""
    diags = diags if diags is not None else Diagnostics()
    index = case.index()
    grouped: dict[tuple, list[Leak]] = {}
    for leak in leaks:
        grouped.setdefault((leak.kind, leak.person_id, leak.field), []).append(leak)
    explained: set[tuple] = set()
    typed = _printed(typed, printed)
    for t in typed:
        keys = [k for k in grouped if k[0] == "person" and k[1] == t.person_id and k[2] in t.fields]
        if not keys:
            continue
        explained.update(keys)
        d = diags.error("leak", f"{typed_message(t)}; in {output} it appears in "
                        f"{_found_in([x for k in keys for x in grouped[k]])}, and nothing was written. "
                        f"{_capital(typed_fix(t))}", t.location)
        d.quote = False
    for key, group in grouped.items():
        if key in explained:
            continue
        leak = group[0]
        owner = index.get(leak.person_id)
        loc = case.locate(owner, "id") if owner is not None else None
        message = leak.message()
        if len(group) > 1:
            message += f" (and {_places(len(group) - 1)})"
        diags.error("leak", f"{message} of {output}; nothing was written", loc)
    return diags


def _printed(typed, printed) -> list:
    """The typed places the output printed (all of them when it is not known)."""
    typed = list(typed)
    if printed is None or not typed:
        return typed
    from ..protect import Matcher

    class _Window:
        __slots__ = ("value", "n")

        def __init__(self, value, n):
            self.value, self.n = value, n

    windows = [_Window(w, n) for n, t in enumerate(typed) for w in t.windows]
    segments = [*printed.primary, *printed.fallback, *printed.joined]
    seen = {item.n for item, _ in Matcher(windows).scan(segments)} if windows else set()
    return [t for n, t in enumerate(typed) if n in seen or not t.windows]


def _places(n: int) -> str:
    return f"{n} other place{'s' * (n != 1)}"


def _found_in(leaks: list[Leak]) -> str:
    wheres = list(dict.fromkeys(x.where for x in leaks))
    return wheres[0] + (f" (and {_places(len(wheres) - 1)})" if len(wheres) > 1 else "")


def copy_diagnostics(copies, case, audience: str, diags: Diagnostics | None = None) -> Diagnostics:
    """One ``withheld-copied`` error per copy of a withheld item's text in a text the audience is
    shown, located at the visible object's ``id`` with a note at the withheld item's — never at the
    text itself, which would print it."""
    diags = diags if diags is not None else Diagnostics()
    index = case.index()
    for c in copies:
        s = c.secret
        owner_id = getattr(c.owner, "id", None)
        kind = type(c.owner).__name__.lower().replace("caseinfo", "case")
        what = "protected identity of person" if s.kind == "person" and s.identity else f"withheld {s.kind}"
        loc = case.locate(c.owner, "id") if owner_id is not None else None
        withheld = index.get(s.owner)
        related = [(case.locate(withheld, "id"), f"the {s.kind} withheld from the {audience} audience")] \
            if withheld is not None and case.locate(withheld, "id") is not None else []
        # Only a person, incident, item, suspect or whereabouts has a level of its own that withholds its text;
        # the case block's is the default of the others, and actors, sources, allegations and figures have none.
        fix = f"Remove it there, or give that {kind} the withheld item's level" if kind != "case" and \
            "confidentiality" in getattr(type(c.owner), "model_fields", {}) else "Remove it there"
        diags.error("withheld-copied",
                    f"text of {what} {s.owner} ({s.field}) is copied into {kind} {owner_id} ({c.field}), which the "
                    f"{audience} audience is shown: the copy would publish it. {fix}", loc, related=related)
    return diags


def field_name(path: tuple) -> str:
    """('links', 0, 'note') → 'links[0].note'."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def owner_name(owner) -> str:
    """'evidence ev-3', 'the case block'."""
    kind = type(owner).__name__
    if kind == "CaseInfo":
        return "the case block"
    kind = {"Evidence": "evidence item"}.get(kind, kind.lower())
    return f"{kind} {getattr(owner, 'id', '')}".rstrip()


def _audiences(levels: list[str]) -> str:
    return levels[0] if len(levels) == 1 else ", ".join(levels[:-1]) + " and " + levels[-1]


def typed_message(t) -> str:
    """What a ``name-in-text`` (check) or ``leak`` (build) diagnostic says of a typed identity:
    whose, which values, in which text, for which audiences — never the value."""
    fields = "; ".join(f.replace(", surname first", " written surname first") for f in t.fields)
    sensitive = all(f.startswith("sensitive.") for f in t.fields)
    what = f"protected {'detail' if sensitive else 'name'} of {t.whose} {t.person_id} ({fields})"
    return (f"{what} is typed in the {field_name(t.path)} of {owner_name(t.owner)}, which briefs for the "
            f"{_audiences(t.audiences)} audience{'s' * (len(t.audiences) > 1)} print; it may be shown only to "
            f"{t.needed} and above")


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def typed_fix(t) -> str:
    from ..models import Evidence, Incident, Person

    if isinstance(t.owner, Person) and t.path[0] == "pseudonym":
        fix = "choose a pseudonym that does not contain it"
    elif t.whose == "person" and not all(f.startswith("sensitive.") for f in t.fields):
        fix = f"write [[{t.person_id}]] instead (briefs print the name or pseudonym each audience may see), or remove it"
    else:
        fix = "remove it"
    if isinstance(t.owner, (Evidence, Incident, Person)) and t.path[0] not in ("name", "name_original", "aliases",
                                                                                "pseudonym", "sensitive"):
        fix += f", or give {owner_name(t.owner)} `confidentiality: {t.needed}`"
    return fix


def typed_diagnostics(typed, diags: Diagnostics | None = None) -> Diagnostics:
    """One ``name-in-text`` error per place where a protected identity is typed into text shown
    below its level (:func:`casebuilder.protect.typed.typed_identities`), at the name itself.  The
    line is not quoted under the message: the location is enough to open it, and a log of the check
    (a CI run, a pasted report) then never carries the name."""
    diags = diags if diags is not None else Diagnostics()
    for t in typed:
        d = diags.error("name-in-text", f"{typed_message(t)}. {_capital(typed_fix(t))}", t.location)
        d.quote = False
    return diags
