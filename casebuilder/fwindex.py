"""Finding things inside a framework by id: a provision, an element, or a named group of elements.

Used by ``casebuilder frameworks FRAMEWORK ITEM`` (one provision or element with its parents), by
``--index`` (provision id -> title -> leaf ids) and by ``check``'s "did you mean" for an inner node.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .models import Element, Framework, Group, Provision


@dataclass
class Found:
    """A node of a framework and the chain above it (outermost first).

    ``provision`` is None for the framework's contextual elements."""

    node: object  # Provision | Group | Element
    provision: Provision | None
    parents: list[Group] = field(default_factory=list)

    @property
    def leaves(self) -> list[Element]:
        return list(self.node.leaves())


def _walk(node, provision: Provision | None, parents: list[Group]):
    yield node, provision, parents
    if isinstance(node, Group):
        for c in node.children:
            yield from _walk(c, provision, parents + [node])


def find(fw: Framework, item: str) -> Found | None:
    """The provision, group or element of ``fw`` whose id is ``item`` (None if there is none)."""
    for p in fw.provisions:
        if p.id == item:
            return Found(p, p)
    trees = ([(fw.contextual, None)] if fw.contextual is not None else []) + [(p.elements, p) for p in fw.provisions]
    for root, prov in trees:
        for node, p, parents in _walk(root, prov, []):
            if getattr(node, "id", None) == item:
                return Found(node, p, parents)
    return None


def index(fw: Framework) -> list[dict]:
    """One row per provision (the contextual elements first): its id, title and leaf element ids."""
    rows = []
    if fw.contextual is not None:
        rows.append({"provision": None, "title": "Contextual elements (shared by every provision)",
                     "elements": [e.id for e in fw.contextual_leaves()]})
    for p in fw.provisions:
        rows.append({"provision": p.id, "title": p.title, "elements": [e.id for e in p.leaves()]})
    return rows


def _quoted(ids: list[str], conj: str) -> str:
    q = [repr(i) for i in ids]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + f" {conj} " + q[-1]


def inner_node_hint(fw: Framework, item: str, allowed: set[str]) -> str | None:
    """When ``item`` names a provision or group (not an element), what to link instead; else None.

    Only nodes whose leaves are all in ``allowed`` (the elements the link may use) are explained."""
    found = find(fw, item)
    if found is None or isinstance(found.node, Element):
        return None
    leaves = [e.id for e in found.leaves]
    if not leaves or not set(leaves) <= allowed:
        return None
    if isinstance(found.node, Provision):
        return (f"{item!r} is a provision, not an element; link each element the evidence bears on: "
                + _quoted(leaves, "and"))
    if found.node.op == "any_of":
        return (f"{item!r} is a group of alternatives, not an element; link the alternative the evidence "
                f"bears on: " + _quoted(leaves, "or"))
    return f"{item!r} is a group of elements, not an element; link each one the evidence bears on: " + _quoted(leaves, "and")
