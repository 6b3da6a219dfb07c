"""Matcher.scan: the (item, where) pairs, their order, and agreement with the plain definition.

Splitting, word boundaries and reversed right-to-left text are exercised through the audit in
test_audit_formats.py; here the Matcher is driven directly, on what the audit alone cannot show.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from casebuilder.protect import Matcher, compact, loose


@dataclass(frozen=True)
class Item:
    value: str


def found(items, segments) -> list[tuple[str, str]]:
    return [(item.value, where) for item, where in Matcher(items).scan(segments)]


def test_an_item_is_reported_once_per_segment_label():
    segments = [("page 1", "Parisa Fictional"), ("page 2", "none here"), ("page 3", "Pari sa  fictional!"),
                ("page 3", "again: PARISA FICTIONAL"), ("page 4", "Parisa Fictional and Parisa Fictional")]
    assert found([Item("Parisa Fictional")], segments) == [
        ("Parisa Fictional", "page 1"), ("Parisa Fictional", "page 3"), ("Parisa Fictional", "page 4")]


def test_items_with_the_same_compact_form_are_each_reported():
    a, b, c = Item("Parisa Fictional"), Item("parisa-fictional"), Item("Parisa Fictional")
    got = Matcher([a, b, c]).scan([("x", "Pari saFictional")])
    assert [(id(i), w) for i, w in got] == [(id(a), "x"), (id(b), "x"), (id(c), "x")]


def test_the_same_item_twice_is_reported_once():
    a = Item("Nurse Zoleikha")
    assert Matcher([a, a]).scan([("x", "nurse zoleikha")]) == [(a, "x")]


def test_pairs_come_in_item_order_then_segment_order():
    items = [Item("Ali Rezaei"), Item("Nurse Zoleikha")]
    segments = [("s1", "nurse zoleikha"), ("s2", "Ali Rezaei met Nurse Zoleikha")]
    assert found(items, segments) == [("Ali Rezaei", "s2"), ("Nurse Zoleikha", "s1"), ("Nurse Zoleikha", "s2")]


def test_an_occurrence_inside_a_longer_word_does_not_hide_a_later_match():
    text = "Ali Rezaeipour, Ali Rezaeipour's brother and then " + "filler " * 500 + "Ali Rezaei himself"
    assert found([Item("Ali Rezaei")], [("long", text)]) == [("Ali Rezaei", "long")]
    assert found([Item("Ali Rezaei")], [("long", text.replace("Rezaei himself", "X"))]) == []


def test_a_match_never_spans_two_segments():
    assert found([Item("Parisa Fictional")], [("a", "Parisa"), ("b", "Fictional")]) == []


def test_reversed_right_to_left_form_is_one_pair_with_the_written_form():
    it = Item("پریسا ساختگی")
    assert found([it], [("p", "یگتخاس اسیرپ and پریسا ساختگی")]) == [("پریسا ساختگی", "p")]


def test_nothing_to_look_for_or_nowhere_to_look():
    assert Matcher([]).scan([("x", "text")]) == []
    assert Matcher([Item("..."), Item("Parisa")]).scan([("x", ""), ("y", "- -")]) == []


def reference(items, segments) -> list[tuple[int, str]]:
    """The definition, item by item and segment by segment."""
    out: dict = {}
    for it in items:
        c = compact(it.value)
        if not c:
            continue
        rtl = any(ch in "پرسیاختگ" for ch in c)
        for form in sorted({c, c[::-1]} if rtl else {c}):
            rx = re.compile(r"(?<!\S)" + " ?".join(map(re.escape, form)) + r"(?!\S)")
            for where, text in segments:
                if text and rx.search(loose(text)):
                    out.setdefault((id(it), where), None)
    return list(out)


text = st.text(st.sampled_from(list("ab ab-.پرس") + ["\u200d", "\n"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(text.map(Item), max_size=6),
       st.lists(st.tuples(st.sampled_from("wxyz"), text), max_size=6))
def test_agrees_with_the_definition(items, segments):
    got = Matcher(items).scan(segments)
    assert [(id(i), w) for i, w in got] == reference(items, segments)
