"""Composing YAML at the C parser's speed, with ruamel's own YAML 1.2 rules.

``YAML(typ="safe", pure=False).compose`` runs libyaml in C but calls ruamel's Python resolver for
every node, and that resolver looks the YAML version up through four attribute lookups and two
caught exceptions each time: on a large case it cost more than the parsing itself (10 s of 22 s
on 2,000 incidents).  Here the same C parser (``ruamel.yaml.clib``) is driven with a resolver
that applies exactly ruamel's YAML 1.2 implicit rules — the same regular expressions, in the same
order, keyed by first character, as ``VersionedResolver`` uses — and hands out one shared tag
object per tag, so that the converter can recognise a tag by identity instead of formatting it.

Nodes, marks and error messages are those of ruamel itself.  Without the C extension (PyPy, or a
missing wheel) :func:`compose` falls back to ruamel's ordinary composer, so behaviour is the same
everywhere and only the speed differs.
"""
from __future__ import annotations

import math
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.tag import Tag

try:  # ruamel.yaml.clib, a declared dependency on CPython
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    CParser = None

_SHARED: dict[str, Tag] = {}
SHARED_TAGS = _SHARED  # tag name -> the one Tag object this composer gives every node of that tag
TAG_NAMES: dict[int, str] = {}  # id(shared tag) -> its name; the shared tags live as long as the module


def _shared(name: str) -> Tag:
    tag = _SHARED.get(name)
    if tag is None:
        tag = _SHARED[name] = Tag(suffix=name)
        TAG_NAMES[id(tag)] = name
    return tag


_BY_FIRST: dict[str, list[tuple[Tag, Any]]] = {}  # first character -> [(tag, regexp.match)]
for _versions, _name, _regexp, _first in implicit_resolvers:
    if (1, 2) in _versions:
        for _ch in _first:
            _BY_FIRST.setdefault(_ch, []).append((_shared(_name), _regexp.match))  # unwraps ruamel's lazy RegExp
_STR_TAG = _shared("tag:yaml.org,2002:str")
_SEQ_TAG = _shared("tag:yaml.org,2002:seq")
_MAP_TAG = _shared("tag:yaml.org,2002:map")


def tag_name(node: Node) -> str:
    """The node's tag as a string, without formatting it when it is one of the shared tags."""
    return TAG_NAMES.get(id(node.ctag)) or node.tag


if CParser is not None:
    class _Composer(CParser):
        """libyaml's composer with a resolver of YAML 1.2 plain scalars and no path resolvers."""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, match in _BY_FIRST.get(value[:1], ()):
                        if match(value):
                            return tag
                return _STR_TAG
            return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


def _ruamel() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.version = (1, 2)
    return y


def compose(text: str | bytes) -> Node | None:
    """The node tree of a one-document YAML text; raises ruamel's YAMLError subclasses on bad input.

    ``text`` may be the UTF-8 bytes of the file: libyaml reads those directly (a ``str`` it would
    encode to them first), and its marks count characters either way."""
    if CParser is None:
        return _ruamel().compose(text if isinstance(text, str) else text.decode("utf-8"))
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


# ------------------------------------------------------------------ plain scalars to values
UNKNOWN_TAG = object()  # scalar_value's answer for a tag that is not one of YAML 1.2's scalars


def resolve_plain(text: str) -> str:
    """The tag YAML 1.2 gives a plain (unquoted) scalar ``text``: ruamel's implicit resolvers."""
    for tag, match in _BY_FIRST.get(text[:1], ()):
        if match(text):
            return TAG_NAMES[id(tag)]
    return "tag:yaml.org,2002:str"


def scalar_value(tag: str, v: str) -> Any:
    """The value of a scalar ``v`` resolved to ``tag``: text, None, a bool, an int or a float
    (an int or float that Python cannot read stays text); :data:`UNKNOWN_TAG` for any other tag."""
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"):
        return v
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return v.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        s = v.replace("_", "")
        try:
            low = s.lower()
            if "0o" in low:
                return int(low.replace("0o", ""), 8)
            if "0x" in low:
                return int(low, 16)
            return int(s)
        except ValueError:
            return v
    if tag == "tag:yaml.org,2002:float":
        s = v.lower()
        if s in (".inf", "+.inf"):
            return math.inf
        if s == "-.inf":
            return -math.inf
        if s == ".nan":
            return math.nan
        try:
            return float(v.replace("_", ""))
        except ValueError:
            return v
    return UNKNOWN_TAG


def plain_value(text: str) -> Any:
    """The value of the plain scalar ``text`` under YAML 1.2, exactly as the case loader reads it."""
    return scalar_value(resolve_plain(text), text)
