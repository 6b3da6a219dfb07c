"""Property tests: whatever the case, an output for an audience below a person's clearance either
holds none of that person's protected identity, or the audit names exactly the persons leaked.

The outputs come from a deliberately simple renderer built on the Protector (the way briefs and
``gaps`` use it); leaks are planted by writing identities raw into free text, as careless authors do.
"""
from __future__ import annotations

import csv
import html
import io
import json
import tempfile
from pathlib import Path

import weasyprint
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protector, normalise, protected_strings

from .casefiles import case_info, load, write_case
from .strategies import FA_SYLLABLES, NEW_EXAMPLES, ONE_LEAK_EXAMPLES, ZWJ, ZWNJ, cases, persian_word, variant
from .strategies import example as fixed

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def view(case, audience: str) -> list[tuple[str, str]]:
    """(key, text) pairs: what a brief for this audience shows."""
    pr = Protector(case, audience)
    out = []
    for p in case.persons:
        out.append((p.id if pr.identity_visible(p) else pr.person_label(p.id), pr.person_label(p.id)))
        out += [(p.id, v) for v in filter(None, [pr.person_original(p.id), *pr.person_sensitive(p.id).values()])]
    for e in case.evidence:
        if pr.evidence_visible(e):
            out += [(e.id, pr.text(e.title)), (e.id, pr.text(e.summary))]
        else:
            out.append((pr.evidence_key(e), pr.withheld_ref(e)))
    for i in case.incidents:
        out.append((pr.incident_key(i), pr.text(i.description) if pr.incident_visible(i) else pr.withheld_ref(i)))
    return out


def render(rows: list[tuple[str, str]], kind: str) -> bytes:
    if kind == "json":
        return json.dumps([{"key": k, "text": t} for k, t in rows], ensure_ascii=bool(len(rows) % 2)).encode()
    if kind == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([("key", "text"), *rows])
        return buf.getvalue().encode()
    if kind == "txt":
        return "\n\n".join(f"{k}: {t}" for k, t in rows).encode()
    body = "".join(f"<p id='{html.escape(k)}'>{html.escape(t)}</p>" for k, t in rows)
    page = f"<html><body style=\"font-family:'DejaVu Sans'\">{body}</body></html>"
    return page.encode() if kind == "html" else weasyprint.HTML(string=page).write_pdf()


def expected_leaks(spec, case, audience: str) -> set[str]:
    """Persons whose identity was written raw into a text this audience is shown."""
    pr = Protector(case, audience)
    index = {o.id: o for o in [*case.evidence, *case.incidents]}
    out = set()
    for pid, fld, obj_id in spec.injected:
        visible = pr.sensitive_visible(pid) if fld == "sensitive" else pr.identity_visible(pid)
        if not visible and pr.can_see(index[obj_id]):
            out.add(pid)
    return out


def check_property(tmp_path, spec, audience: str, kind: str) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    case = load(write_case(root, spec.persons, spec.evidence, spec.incidents, info=case_info(spec.info_level)))
    data = render(view(case, audience), kind)
    leaks = audit_bytes(data, kind, protected_strings(case, audience))
    assert {lk.kind for lk in leaks} <= {"person"}, [lk.message() for lk in leaks]   # withheld items never shown
    assert {lk.person_id for lk in leaks} == expected_leaks(spec, case, audience), [lk.message() for lk in leaks]


def _with_examples(test, kinds):
    """The fixed cases of issue #24's variants, spread over the kinds of output, and one plainly leaked
    identity of each kind (one person, then two) in every kind of output, always tried."""
    for n, (how, fld) in enumerate(NEW_EXAMPLES):
        test = example(spec=fixed(how, fld), audience="public", kind=kinds[n % len(kinds)])(test)
    for how, fld, persons in ONE_LEAK_EXAMPLES:
        for kind in kinds:
            test = example(spec=fixed(how, fld, persons=persons), audience="public", kind=kind)(test)
    return test


@settings(max_examples=50, **SETTINGS)
@given(spec=cases(), audience=st.sampled_from(["public", "restricted"]), kind=st.sampled_from(["json", "csv", "html", "txt"]))
@lambda t: _with_examples(t, ["json", "csv", "html", "txt"])
def test_text_outputs_leak_nothing_or_fail_naming_the_person(tmp_path, spec, audience, kind):
    check_property(tmp_path, spec, audience, kind)


@settings(max_examples=4, **SETTINGS)
@given(spec=cases(max_persons=3), audience=st.sampled_from(["public", "restricted"]))
@example(spec=fixed("as-is", "name"), audience="public")
@example(spec=fixed("as-is", "name_original", persons=2), audience="public")
@example(spec=fixed("cyrillic", "name"), audience="restricted")
def test_pdf_outputs_leak_nothing_or_fail_naming_the_person(tmp_path, spec, audience):
    check_property(tmp_path, spec, audience, "pdf")


@settings(max_examples=40, **SETTINGS)
@given(first=persian_word, last=persian_word, joiners=st.lists(st.sampled_from([ZWJ, ZWNJ, "\u200b", "\u00ad"]), max_size=4),
       arabic=st.booleans(), kind=st.sampled_from(["txt", "json", "html"]), before=st.sampled_from(["", "گفت ", "said "]))
def test_persian_names_are_found_whatever_the_letters_and_joiners(tmp_path, first, last, joiners, arabic, kind, before):
    from casebuilder.protect import Protected
    name = f"{first} {last}"
    written = variant(name, "arabic-letters") if arabic else name
    for j in joiners:
        cut = len(written) // 2
        written = written[:cut] + j + written[cut:]
    rows = [("p", f"{before}{written} — گزارش")]
    leaks = audit_bytes(render(rows, kind), kind, [Protected("p-x", "name_original", name)])
    assert [lk.person_id for lk in leaks] == ["p-x"]


@settings(max_examples=40, **SETTINGS)
@given(spec=cases(max_persons=2), audience=st.sampled_from(["public", "restricted"]))
def test_withheld_items_never_appear_by_title_or_excerpt(tmp_path, spec, audience):
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    case = load(write_case(root, spec.persons, spec.evidence, spec.incidents, info=case_info(spec.info_level)))
    pr = Protector(case, audience)
    shown = normalise(" ".join(t for _, t in view(case, audience)))
    withheld = [e for e in case.evidence if not pr.evidence_visible(e)]
    for e in withheld:
        ref = pr.withheld_ref(e)
        assert normalise(e.title) not in shown and normalise(e.summary) not in shown
        assert e.title.split()[0].lower() not in normalise(ref)            # not even the tag word
    # and were one pasted into an output by hand, the audit would name it
    protected = protected_strings(case, audience)
    for e in withheld:
        for pasted in (e.title, pr.text(e.title)):
            leaks = audit_bytes(f"<p>Quoted: {pasted}</p>".encode(), "html", protected)
            assert (e.id, "title") in {(lk.person_id, lk.field) for lk in leaks}
