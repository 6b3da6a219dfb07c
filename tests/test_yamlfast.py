"""The fast composer gives exactly ruamel's tags, values and positions (YAML 1.2 rules)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, SequenceNode

from casebuilder.yamlfast import compose, tag_name

SCALARS = ["yes", "no", "on", "off", "true", "False", "TRUE", "null", "Null", "~", "", "0o17", "017", "0x1F",
           "0b101", "1_000", "12", "-3", "+4", "1.5", ".5", "1e3", "-.inf", ".NaN", "2026-01-04", "2026-1-4",
           "2026-01-04T10:00:00Z", "1404-10-14 SH", "~2026-01-08", "<<", "=", "a: b", "p-01", "Ilam", "ایلام",
           "'quoted'", '"double"', "1:20", "0", "-0", "0.", "+.inf", ".inf"]


def _ruamel(text: str):
    y = YAML(typ="safe", pure=False)
    y.version = (1, 2)
    return y.compose(text)


def _shape(node):
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, MappingNode):
        return ("map", tag_name(node), marks, [(_shape(k), _shape(v)) for k, v in node.value])
    if isinstance(node, SequenceNode):
        return ("seq", tag_name(node), marks, [_shape(v) for v in node.value])
    return ("scalar", tag_name(node), marks, node.value, node.style)


def _doc(values: list[str]) -> str:
    lines = ["items:"]
    for i, v in enumerate(values):
        lines.append(f"  - key{i}: {v}")
        lines.append(f"    flow: [{v if v and v[0] not in '[]{{}},' else 'x'}, {i}]")
    lines.append("keys:")
    lines.extend(f"  {v if v else 'empty'}-{i}: {i}" for i, v in enumerate(values))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SCALARS), min_size=1, max_size=12))
def test_same_nodes_as_ruamel(values):
    text = _doc(values)
    try:
        expected = _shape(_ruamel(text))
    except Exception as e:  # then the fast path must fail the same way
        try:
            compose(text)
        except type(e) as got:
            assert str(got) == str(e)
            return
        raise AssertionError("ruamel refused the text, the fast composer did not")
    assert _shape(compose(text)) == expected


def test_explicit_tags_keep_their_names():
    node = compose("a: !!str 12\nb: !!python/object:os.system x\n")
    assert [tag_name(v) for _, v in node.value] == ["tag:yaml.org,2002:str", "tag:yaml.org,2002:python/object:os.system"]


def test_syntax_errors_are_ruamels():
    for bad in ("a: [1, 2\n", "a: *nowhere\n", "a: 1\n---\nb: 2\n", "a:\n\t- b\n"):
        try:
            _ruamel(bad)
        except Exception as e:
            expected = (type(e), str(e))
        try:
            compose(bad)
        except Exception as e:
            assert (type(e), str(e)) == expected
        else:
            raise AssertionError(f"accepted {bad!r}")
