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


_CYRILLIC = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
                           "x": "\u0445", "i": "\u0456", "K": "\u041a", "M": "\u041c", "T": "\u0422"})
_GREEK = str.maketrans({"o": "\u03bf", "v": "\u03bd", "i": "\u0131", "a": "\u03b1", "K": "\u039a", "Z": "\u0396"})


def variant(value: str, how: str) -> str:
    """The same identity as a careless author, a keyboard, a word processor, a browser or a
    hostile author might write it."""
    if how == "percent-encoded":     # copied out of a URL
        from urllib.parse import quote
        return f"https://news.example/q={quote(value)}"
    if how == "hangul-filler":       # a letter that draws nothing, inside the name
        return value[:2] + "\u3164" + value[2:]
    if how == "cyrillic":            # look-alike letters of another script
        return value.translate(_CYRILLIC)
    if how == "greek":
        return value.translate(_GREEK)
    if how == "zwnj-suffix":         # a Persian suffix after a ZWNJ ('the Kazemis')
        return value + ZWNJ + "ها"
    if how == "glued-suffix":        # ... or glued on
        return value + "ها"
    if how == "linked-first-name" and " " in value:  # markup between first name and surname
        first, rest = value.split(" ", 1)
        return f"[{first}](https://x.org/{first[:2]}) {rest}"
    if how == "bold-first-name" and " " in value:
        first, rest = value.split(" ", 1)
        return f"**{first}** {rest}"
    if how == "emphasis-inside":
        return f"{value[:3]}*{value[3:]}*"
    if how in ("phone-00", "phone-national") and value.startswith("+98 "):
        digits = value[4:]
        grouped = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
        return f"0098 {grouped}" if how == "phone-00" else f"0{grouped}"
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
# the variants issue #24 added, by what they apply to
NAME_HOWS = ["percent-encoded", "hangul-filler", "cyrillic", "greek", "linked-first-name", "bold-first-name",
             "emphasis-inside"]
PERSIAN_HOWS = ["percent-encoded", "zwnj-suffix", "glued-suffix", "linked-first-name", "bold-first-name"]
PHONE_HOWS = ["phone-00", "phone-national", "percent-encoded"]


def hows_for(fld: str) -> list[str]:
    if fld == "name":
        return HOWS + NAME_HOWS
    if fld == "name_original":
        return HOWS + PERSIAN_HOWS
    if fld == "sensitive":
        return HOWS[:-1] + PHONE_HOWS
    return HOWS[:-1] + NAME_HOWS[:5]  # aliases: 'Karzun Joon'


@dataclass
class Spec:
    """A generated case, and which identities were written raw into which object's text."""

    info_level: str
    persons: list[dict]
    evidence: list[dict]
    incidents: list[dict]
    injected: list[tuple[str, str, str]] = field(default_factory=list)  # (person id, field, object id)
    #: a fixed case whose every injected text reaches the output: a refusal must name exactly the persons
    #: injected, and a build that writes anything has let a leak through
    exact: bool = False


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
            words_.insert(draw(st.integers(0, len(words_))), variant(value, draw(st.sampled_from(hows_for(fld)))))
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


FIXED_PERSONS = [
    {"id": "p-0", "role": "witness", "name": "Karzun Melrid", "name_original": "پریسا کاظمی",
     "aliases": ["Tavshor Joon"], "sensitive": {"phone": "+98 9123456789"}, "protection": "pseudonym",
     "clearance": "confidential"},
    {"id": "p-1", "role": "victim", "name": "Lekvosh Darqim", "name_original": "مهرکیا نوشیار",
     "aliases": ["Bexpan Joon"], "sensitive": {"phone": "+98 9351234567"}, "protection": "withheld",
     "clearance": "strictly-confidential"},
]


def example(how: str, fld: str = "name", level: str = "public", persons: int = 1) -> Spec:
    """A fixed case for ``@example``: ``persons`` protected persons (one or two), each of whose ``fld``
    is written, as ``how`` makes it, into the title of its own evidence item at ``level`` — exactly one
    leaked identity per person, in a text every audience from ``level`` up is shown."""
    ps = [dict(p) for p in FIXED_PERSONS[:persons]]
    evidence, injected = [], []
    for n, p in enumerate(ps):
        value = {"aliases": p["aliases"][0], "sensitive": p["sensitive"]["phone"]}.get(fld) or p[fld]
        evidence.append({"id": f"ev-{n}", "kind": "testimony", "source": "src-ngo", "confidentiality": level,
                         "title": f"Tagtitle{n} the crowd {variant(value, how)} gathered",
                         "summary": f"Tagsummary{n} the crowd gathered"})
        injected.append((p["id"], fld, f"ev-{n}"))
    return Spec("public", ps, evidence, [], injected, exact=True)


NEW_EXAMPLES = [("percent-encoded", "name"), ("hangul-filler", "name"), ("cyrillic", "name"), ("greek", "name"),
                ("linked-first-name", "name"), ("bold-first-name", "name"), ("emphasis-inside", "name"),
                ("zwnj-suffix", "name_original"), ("glued-suffix", "name_original"),
                ("percent-encoded", "name_original"), ("phone-00", "sensitive"), ("phone-national", "sensitive"),
                ("percent-encoded", "sensitive")]

#: One leaked identity, written plainly, of each kind (the cases a refusal that lets one name through misses),
#: and the same with two persons (a refusal that names only one of them)
ONE_LEAK_EXAMPLES = [("as-is", "name", 1), ("as-is", "name_original", 1), ("as-is", "aliases", 1),
                     ("as-is", "sensitive", 1), ("surname-first", "name", 1), ("as-is", "name", 2),
                     ("as-is", "name_original", 2)]
