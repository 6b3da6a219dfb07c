"""Hypothesis strategies: random cases whose protected identities are scattered through text.

Names are built from syllables no English filler word can form, every word unique across the
case, so that a name can only reach an output through a leak.  Each text field starts with its own
tag word, so no withheld sentence can reappear by accident in another field.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

LEVELS = ["public", "restricted", "confidential", "strictly-confidential"]
ROLES = ["victim", "witness", "detainee", "medical-worker", "official", "other"]
SYLLABLES = ["kar", "zun", "mel", "tav", "shor", "rid", "pan", "lek", "vosh", "dar", "qim", "bex"]
FA_SYLLABLES = ["پری", "سا", "مهر", "کیا", "نوش", "یار", "شید", "رضا", "کاوه", "ژین"]
FILLER = ["the", "crowd", "gathered", "near", "square", "and", "security", "forces", "fired", "on", "people",
          "several", "were", "taken", "to", "hospital", "later", "that", "night"]
ZWJ, ZWNJ = "\u200d", "\u200c"

latin_word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())
persian_word = st.lists(st.sampled_from(FA_SYLLABLES), min_size=2, max_size=3).map("".join)


def variant(value: str, how: str) -> str:
    """The same identity as a careless author, a keyboard or a word processor might write it."""
    if how == "upper":
        return value.upper()
    if how == "arabic-letters":
        return value.replace("ی", "ي").replace("ک", "ك")
    if how == "zero-width":
        return ZWJ.join(value[:3]) + ZWNJ + value[3:]
    if how == "accent":
        return value[:1] + "\u0301" + value[1:]
    if how == "surname-first" and " " in value:
        first, last = value.rsplit(" ", 1)
        return f"{last}, {first}"
    return value


HOWS = ["as-is", "upper", "arabic-letters", "zero-width", "accent", "surname-first"]


@dataclass
class Spec:
    """A generated case, and which identities were written raw into which object's text."""

    info_level: str
    persons: list[dict]
    evidence: list[dict]
    incidents: list[dict]
    injected: list[tuple[str, str, str]] = field(default_factory=list)  # (person id, field, object id)


@st.composite
def cases(draw, max_persons: int = 4) -> Spec:
    n = draw(st.integers(1, max_persons))
    words = draw(st.lists(latin_word, min_size=3 * n, max_size=3 * n, unique=True))
    fa = draw(st.lists(persian_word, min_size=2 * n, max_size=2 * n, unique=True))
    phones = draw(st.lists(st.integers(10 ** 9, 10 ** 10 - 1), min_size=n, max_size=n, unique=True))
    persons = []
    for i in range(n):
        p = {"id": f"p-{i}", "role": draw(st.sampled_from(ROLES)), "name": f"{words[3 * i]} {words[3 * i + 1]}",
             "protection": draw(st.sampled_from(["none", "pseudonym", "withheld"]))}
        if draw(st.booleans()):
            p["name_original"] = f"{fa[2 * i]} {fa[2 * i + 1]}"
        if draw(st.booleans()):
            p["aliases"] = [f"{words[3 * i + 2]} Joon"]
        if draw(st.booleans()):
            p["sensitive"] = {"phone": f"+98 {phones[i]}"}
        for key in ("clearance", "confidentiality"):
            level = draw(st.sampled_from([None, *LEVELS]))
            if level:
                p[key] = level
        persons.append(p)
    spec = Spec(draw(st.sampled_from(LEVELS)), persons, [], [])

    def text(obj_id: str, tag: str) -> str:
        words_ = [tag, *draw(st.lists(st.sampled_from(FILLER), min_size=3, max_size=8))]
        for _ in range(draw(st.integers(0, 2))):
            p = draw(st.sampled_from(persons))
            if draw(st.booleans()):
                words_.insert(draw(st.integers(0, len(words_))), f"[[{p['id']}]]")
                continue
            fields = [k for k in ("name", "name_original", "aliases", "sensitive") if k in p]
            fld = draw(st.sampled_from(fields))
            value = {"aliases": lambda: p["aliases"][0], "sensitive": lambda: p["sensitive"]["phone"]}.get(
                fld, lambda: p[fld])()
            hows = HOWS if fld in ("name", "name_original") else HOWS[:-1]
            words_.insert(draw(st.integers(0, len(words_))), variant(value, draw(st.sampled_from(hows))))
            spec.injected.append((p["id"], fld, obj_id))
        return " ".join(words_)

    for j in range(draw(st.integers(1, 3))):
        ev = {"id": f"ev-{j}", "kind": "testimony", "source": "src-ngo", "title": text(f"ev-{j}", f"Tagtitle{j}"),
              "summary": text(f"ev-{j}", f"Tagsummary{j}")}
        level = draw(st.sampled_from([None, *LEVELS]))
        if level:
            ev["confidentiality"] = level
        spec.evidence.append(ev)
    for j in range(draw(st.integers(0, 2))):
        inc = {"id": f"inc-{j}", "title": f"Incident {j}", "date": "2026-01-03", "location": {"place": "Square"},
               "description": text(f"inc-{j}", f"Tagdescription{j}")}
        level = draw(st.sampled_from([None, *LEVELS]))
        if level:
            inc["confidentiality"] = level
        spec.incidents.append(inc)
    return spec
