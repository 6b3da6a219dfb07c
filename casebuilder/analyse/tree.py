"""Element trees, evaluated bottom-up: all_of takes its weakest child, any_of its strongest.

"Widespread or systematic" is therefore met when either alternative is; an allegation is as strong
as the weakest element its tree requires.  The order is results.RANK (unsupported < contested <
insufficient < met); a tree whose leaves are all ``not_applicable`` is ``not_applicable``.
"""
from __future__ import annotations

from ..models.framework import Group
from .results import RANK, NodeResult


def evaluate(node, leaf_status: dict[str, str]) -> NodeResult | None:
    """The evaluated tree; leaves missing from ``leaf_status`` are left out (a group left empty is
    left out too: None).  ``leaf_status`` holds the status each leaf takes in the tree (for a
    derived leaf, that of the elements it follows from: see :func:`tree_statuses`)."""
    if not isinstance(node, Group):
        if node.id not in leaf_status:
            return None
        return NodeResult("element", leaf_status[node.id], element_id=node.id)
    kids = tuple(k for k in (evaluate(c, leaf_status) for c in node.children) if k is not None)
    if not kids:
        return None
    return NodeResult(node.op, combine(node.op, [k.status for k in kids]), kids, label=node.label)


def tree_statuses(elements) -> dict[str, str]:
    """Element id → the status it takes in a tree: its own, or for a derived leaf the best status
    among the elements it follows from (they are alternative ways of showing it: any one suffices)."""
    own = {e.id: e.status for e in elements}
    out = {}
    for e in elements:
        if e.status == "derived":
            src = [own[f] for f in e.follows_from if f in own and own[f] in RANK]
            out[e.id] = max(src, key=RANK.__getitem__) if src else "unsupported"
        else:
            out[e.id] = e.status
    return out


def combine(op: str, statuses: list[str]) -> str:
    ranked = [s for s in statuses if s in RANK]
    if not ranked:
        return "not_applicable"
    pick = min if op == "all_of" else max
    return pick(ranked, key=RANK.__getitem__)


def join(op: str, children: list[NodeResult], label: str | None = None) -> NodeResult:
    return NodeResult(op, combine(op, [c.status for c in children]), tuple(children), label=label)


def alternatives_met(node: NodeResult) -> dict[str, list[str]]:
    """Leaves that are not met but sit under an any_of met through another alternative,
    with the ids of the met leaves of the met alternatives (to say why the gap does not matter): an
    alternative met through alternatives of its own is met through those of its leaves that are met."""
    out: dict[str, list[str]] = {}
    if node.op == "any_of" and node.status == "met":
        met_leaves = [leaf for c in node.children if c.status == "met" for leaf in _met_leaves(c)]
        for c in node.children:
            if c.status != "met":
                for leaf in leaves(c):
                    out.setdefault(leaf, met_leaves)
    for c in node.children:
        for k, v in alternatives_met(c).items():
            out.setdefault(k, v)
    return out


def _met_leaves(node: NodeResult) -> list[str]:
    if node.op == "element":
        return [node.element_id] if node.status == "met" else []
    return [leaf for c in node.children for leaf in _met_leaves(c)]


def blocking(node: NodeResult) -> list[str]:
    """Leaf ids that keep the node from being met (every leaf of an unmet any_of counts)."""
    if node.status == "met":
        return []
    if node.op == "element":
        return [node.element_id] if node.element_id else []
    return [leaf for c in node.children if c.status != "met" for leaf in blocking(c)]


def leaves(node: NodeResult) -> list[str]:
    if node.op == "element":
        return [node.element_id] if node.element_id else []
    return [leaf for c in node.children for leaf in leaves(c)]
