"""Leaks as the build reports them: located at the owner's id, never printing the protected value."""
from __future__ import annotations

from casebuilder.audit import audit_output, leak_diagnostics
from casebuilder.diagnostics import render_text

from .casefiles import evidence, load, person, write_case


def test_leak_diagnostics_point_at_the_owner_and_never_show_the_value(tmp_path):
    case = load(write_case(tmp_path, [person("p-a", name="Parisa Fictional", protection="pseudonym")],
                           [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential")]))
    data = b"<p>Parisa Fictional gave the Testimony of the night nurse in Rasht</p>"
    leaks = audit_output(data, "html", case, "public")
    diags = leak_diagnostics(leaks, case, "build/brief.html")
    assert [d.code for d in diags] == ["leak", "leak"]
    messages = sorted(d.message for d in diags)
    assert messages == [
        "protected identity of person p-a (name) found in HTML text near line 1 of build/brief.html; nothing was written",
        "withheld evidence ev-c (title) found in HTML text near line 1 of build/brief.html; nothing was written",
    ]
    for d in diags:
        shown = render_text(d)
        assert "Parisa" not in shown and "night nurse" not in shown
        assert d.location is not None and d.location.path.endswith("case.yaml")
        line = (tmp_path / "case" / "case.yaml").read_text(encoding="utf-8").splitlines()[d.location.line - 1]
        assert '"id":' in line
    assert audit_output(data, "html", case, "confidential") == []
