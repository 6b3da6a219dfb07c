"""The renderer fetches nothing but bundled assets; a refused fetch is a warning, fatal under --strict."""
from __future__ import annotations

import datetime as dt

from casebuilder.cli import main
from casebuilder.render.html import DEFAULT_TEMPLATES
from casebuilder.render.pdf import SafeFetcher, render_pdf


def _templates_with(tmp_path, snippet: str):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    for f in DEFAULT_TEMPLATES.iterdir():
        if f.is_file():
            (tpl / f.name).write_bytes(f.read_bytes())
    base = (tpl / "base.html.j2").read_text(encoding="utf-8")
    (tpl / "base.html.j2").write_text(base.replace("{% block body %}", snippet + "{% block body %}"), encoding="utf-8")
    return tpl


def test_refused_fetch_is_a_warning_and_fatal_under_strict(small_case, tmp_path, capsys):
    tpl = _templates_with(tmp_path, '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">')
    out = tmp_path / "b.pdf"
    assert main(["build", str(small_case), "-o", str(out), "--templates", str(tpl)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning[refused-fetch]") == 2
    assert b"root:x:0:0" not in out.read_bytes()
    strict_out = tmp_path / "strict.pdf"
    assert main(["build", str(small_case), "-o", str(strict_out), "--templates", str(tpl), "--strict"]) == 1
    assert not strict_out.exists()


def test_fetcher_serves_only_assets_and_small_images(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8")
    (tmp_path / "secret.css").write_text("secret", encoding="utf-8")
    f = SafeFetcher(assets)
    assert f.fetch((assets / "logo.svg").as_uri()).status == 200
    for url in ((tmp_path / "secret.css").as_uri(), (assets / ".." / "secret.css").as_uri(), "http://127.0.0.1:9/",
                "data:text/html,<b>x</b>", "data:image/png;base64," + "A" * 70000, "ftp://example.invalid/x"):
        try:
            f.fetch(url)
        except ValueError:
            pass
        else:  # pragma: no cover - a served URL is the failure
            raise AssertionError(f"served {url}")
    assert len(f.refused) == 6


def test_render_pdf_reports_refused_urls():
    html = '<html><body><p style="background: url(file:///etc/passwd)">x</p><img src="https://127.0.0.1/"></body></html>'
    pdf, refused = render_pdf(html, dt.date(2026, 1, 1), pdfa=False)
    assert pdf.startswith(b"%PDF") and sorted(refused) == ["file:///etc/passwd", "https://127.0.0.1/"]
