"""The workspace in process (Starlette's TestClient): every page, the protection, the security
headers, CSRF, review notes and the live re-check.  The browser tests are in test_browser.py."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from casebuilder.api import check
from casebuilder.audit import audit_output
from casebuilder.protect import protected_strings

from .conftest import AUDIENCE, client_for

PAGES = ["/matrix", "/matrix?standard=beyond-reasonable-doubt", "/gaps", "/gaps?standard=reasonable-grounds", "/readiness", "/timeline", "/sources",
         "/suspects", "/notes", "/allegations/al-art7-murder", "/allegations/al-art7-murder?standard=reasonable-grounds",
         "/allegations/al-art7-murder/elements/rs.7.1.a.1", "/items/ev-ia-reuters-5000", "/sources/src-hengaw"]


def _all_links(html: str) -> set[str]:
    return set(re.findall(r'(?:href|src|action)="([^"]*)"', html))


def _crawl(client, start=("/matrix",), limit=400) -> dict[str, object]:
    """Every page reachable from the matrix by GET links (bounded)."""
    seen, todo, out = set(), list(start), {}
    while todo and len(out) < limit:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        out[url] = r
        if r.headers.get("content-type", "").startswith("text/html"):
            for link in _all_links(r.text):
                link = link.split("#")[0].replace("&amp;", "&")
                if link.startswith("/") and not link.startswith("/static") and link not in seen and link not in ("/notes/status",):
                    todo.append(link)
    return out


def test_every_page_renders_and_carries_the_case(client):
    for url in PAGES:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        assert "PUBLIC" in r.text  # the audience marking
    matrix = client.get("/matrix").text
    assert 'id="matrix"' in matrix and 'class="cell st-' in matrix
    assert "/allegations/al-art7-murder/elements/rs.7.1.a.1" in matrix


def test_root_redirects_to_the_matrix(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/matrix"


def test_element_page_shows_text_citation_status_and_chains(client):
    html = client.get("/allegations/al-art7-murder/elements/rs.7.1.a.1").text
    assert "Element rs.7.1.a.1" in html
    assert "Elements of Crimes" in html or "art. 7" in html  # the citation
    assert "Supporting items" in html and "Contradicting items" in html
    # a relayed item is followed back to its origin: Hengaw relayed by a news report
    assert 'href="/items/ev-erb-hengaw-direct-fire"' in html
    assert 'href="/items/ev-hengaw-malekshahi-report"' in html and ">origin<" in html


def _graph(html: str, name: str) -> tuple[dict, list]:
    """The nodes (item href or label -> (x, y, classes, kind line)) and edges ((x1, y1), (x2, y2)) of
    one origin graph on a page."""
    fig = re.search(rf'<figure class="origin-graph" id="graph-{name}">(.*?)</figure>', html, re.S)
    assert fig, f"no {name} graph"
    nodes = {}
    for g in re.finditer(r'<g class="node ([^"]*)">(.*?)</g>', fig.group(1), re.S):
        body = g.group(2)
        href = re.search(r'href="([^"]*)"', body)
        x, y = map(float, re.search(r'<rect x="([\d.]+)" y="([\d.]+)"', body).groups())
        key = href.group(1) if href else re.search(r'class="label">([^<]*)<', body).group(1)
        nodes[key] = (x, y, set(g.group(1).split()), re.search(r'class="kind">([^<]*)<', body).group(1))
    edges = [((float(a), float(b)), (float(c), float(d))) for a, b, c, d in
             re.findall(r'<path class="edge" d="M([\d.]+),([\d.]+) C[\d., ]+ ([\d.]+),([\d.]+)"', fig.group(1))]
    return nodes, edges


def _joined(nodes, edges, origin: str, relay: str) -> bool:
    """An arrow runs from the origin's box (its right side) to the relaying item's (its left side)."""
    ox, oy, *_ = nodes[origin]
    rx, ry, *_ = nodes[relay]
    return any(abs(a[0] - (ox + 230)) < 1 and oy < a[1] < oy + 42 and abs(b[0] - rx) < 3 and ry < b[1] < ry + 42
               for a, b in edges)


def test_element_page_draws_chains_as_a_graph_from_origin_to_relay(client):
    html = client.get("/allegations/al-art7-murder/elements/rs.7.1.a.1").text
    nodes, edges = _graph(html, "supporting")
    origin, relay = "/items/ev-hengaw-malekshahi-report", "/items/ev-erb-hengaw-direct-fire"
    assert "origin" in nodes[origin][2] and nodes[origin][3] == "origin"
    assert "linked" in nodes[relay][2] and nodes[relay][3] == "relays"
    assert nodes[origin][0] < nodes[relay][0]  # origins left, relays right
    assert _joined(nodes, edges, origin, relay)
    assert all(n[0] >= 0 and n[1] >= 0 for n in nodes.values())
    # one origin relayed by several items is one node, with an arrow to each
    fan = [k for k in nodes if sum(_joined(nodes, edges, k, r) for r in nodes if r != k) > 1]
    assert fan
    # a person's own account is an origin too, shown by the label this audience may see
    for url in _crawl(client, limit=120):
        if "/elements/" in url:
            page = client.get(url).text
            if "a person&#39;s own account" in page or "a person's own account" in page:
                m = re.search(r'<g class="node person origin">.*?class="label">([^<]*)<', page, re.S)
                if m:
                    snap = client.app.state.workspace.snapshot
                    labels = {snap.protector.person_label(p) for p in snap.persons}
                    assert any(lb.startswith(m.group(1).rstrip("…")) for lb in labels)
                    break
    else:
        pytest.fail("no element page draws a person as an origin")


def _leaves(node: dict):
    relays = node.get("relays") or []
    if not relays:
        yield node
    for r in relays:
        yield from _leaves(r)


def test_every_item_is_followed_to_its_origin_on_its_page(client):
    """Any item: its page shows its chain down to every origin (an original item, a person's own
    account, or where the chain goes out of this audience's sight)."""
    from html import escape

    snap = client.app.state.workspace.snapshot
    relaying = 0
    for key in sorted(snap.visible_items):
        html = client.get(f"/items/{key}").text
        block = re.search(r'<div class="chain-root">(.*?)</div>\n<h2>', html, re.S)
        assert block, key
        block = block.group(1)
        for leaf in _leaves(snap.chain(key)):
            if leaf["kind"] == "item" and not leaf["item"]["withheld"]:
                assert f'href="/items/{leaf["item"]["id"]}"' in block and 'class="origin"' in block, key
            else:
                assert escape(leaf.get("text") or leaf["item"]["text"], quote=False) in block, key
        if snap.chain(key)["relays"]:
            relaying += 1
            assert 'id="graph-chain"' in html, key  # and drawn
    assert relaying > 20


def test_graph_labels_are_escaped(case_copy):
    from casebuilder.serve import create_app
    path = case_copy / "evidence" / "origins.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "Hengaw report on the Malekshahi clashes"',
                                 'title: "</text></svg><script>alert(1)</script> Hengaw report"', 1), encoding="utf-8")
    with client_for(create_app(case_copy, AUDIENCE, watch=False)) as c:
        html = c.get("/allegations/al-art7-murder/elements/rs.7.1.a.1").text
        assert "<script>alert(1)" not in html and "</svg><script>" not in html
        nodes, _ = _graph(html, "supporting")
        assert nodes["/items/ev-hengaw-malekshahi-report"][2] >= {"item", "origin"}  # drawn, with its label escaped
        assert "&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;" in html


def test_standard_is_selectable_and_changes_statuses(client):
    low = client.get("/allegations/al-art7-murder").text
    high = client.get("/allegations/al-art7-murder?standard=beyond-reasonable-doubt").text
    assert 'value="beyond-reasonable-doubt" selected' in high
    assert low != high
    assert client.get("/matrix?standard=no-such-standard").status_code == 200  # falls back to the case's own


def test_unknown_ids_are_404_pages_not_errors(client):
    for url in ["/allegations/nope", "/allegations/al-art7-murder/elements/nope", "/items/nope", "/sources/nope",
                "/items/..%2F..%2Fetc%2Fpasswd", "/static/..%2Fapp.py", "/static/app.py"]:
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Traceback" not in r.text


def test_no_response_leaks_a_protected_identity(client):
    """Every page reachable from the matrix, scanned with the leak audit's matcher."""
    case = check(client.app.state.workspace.case_dir).case
    assert protected_strings(case, AUDIENCE)  # the bundled case does protect people at this level
    pages = _crawl(client)
    assert len(pages) > 50
    for url, r in pages.items():
        kind = "json" if r.headers.get("content-type", "").startswith("application/json") else "html"
        assert not audit_output(r.content, kind, case, AUDIENCE), url


def test_a_page_that_would_leak_is_not_sent(case_copy):
    """The server audits what it sends: a withheld person's name planted in an allegation note is refused."""
    from casebuilder.serve import create_app

    case = check(case_copy).case
    hidden = next(s for s in protected_strings(case, AUDIENCE) if s.identity and len(s.value) > 8)
    path = case_copy / "allegations.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace("title: Murder of protesters", f"title: Murder of {hidden.value} and protesters", 1)
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    with client_for(create_app(case_copy, AUDIENCE, watch=False)) as c:
        r = c.get("/allegations/al-art7-murder")
        if r.status_code == 200:  # the view may already pseudonymise it; then it must not be there
            assert hidden.value not in r.text
        else:
            assert r.status_code == 500 and "protected identity" in r.text and hidden.value not in r.text


def test_security_headers_on_every_response(client):
    for url in [*PAGES, "/version", "/static/workspace.js", "/nope", "/"]:
        r = client.get(url, follow_redirects=False)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_and_no_external_reference(client):
    for url in PAGES:
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers
        for link in _all_links(html):
            assert link.startswith(("/", "#", "?")) or link == "", (url, link)


def test_static_assets_are_served_from_a_fixed_table(client):
    js = client.get("/static/workspace.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "fetch(\"/version\"" in js.text
    assert client.get("/static/workspace.css").status_code == 200


def test_host_header_must_be_loopback(case_copy):
    from casebuilder.serve import create_app

    with client_for(create_app(case_copy, AUDIENCE, watch=False)) as c:
        r = c.get("/matrix", headers={"host": "evil.example"})
        assert r.status_code == 400


# ------------------------------------------------------------------------------- review notes

def _token(client, url="/allegations/al-art7-murder/elements/rs.7.1.a.1") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)


def _note(client, token, **kw):
    data = {"csrf": token, "on": "element", "allegation": "al-art7-murder", "element": "rs.7.1.a.1",
            "author": "Ana Reviewer", "text": "Who filmed the Malekshahi video? Ask for the original.", "status": "open"}
    data.update(kw)
    return client.post("/notes", data=data, follow_redirects=False)


def test_note_needs_the_csrf_token(client, case_copy):
    assert _note(client, "").status_code == 403
    assert _note(client, "forged").status_code == 403
    assert not (case_copy / "reviews").exists()


def test_note_refused_cross_origin_oversized_or_not_a_form(client, case_copy):
    token = _token(client)
    r = client.post("/notes", data={"csrf": token, "on": "allegation", "allegation": "al-art7-murder", "author": "x",
                                    "text": "y"}, headers={"origin": "http://evil.example"}, follow_redirects=False)
    assert r.status_code == 403
    assert _note(client, token, text="x" * 20000).status_code == 413
    r = client.post("/notes", content=b'{"csrf": "%s"}' % token.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 415
    assert not (case_copy / "reviews").exists()


def test_note_is_saved_as_yaml_and_shown(client, case_copy):
    token = _token(client)
    before = client.app.state.workspace.snapshot
    r = _note(client, token)
    after = client.app.state.workspace.snapshot
    assert after.version == before.version + 1 and after.checked is before.checked  # notes only: no re-check
    assert r.status_code == 303 and r.headers["location"].endswith("/allegations/al-art7-murder/elements/rs.7.1.a.1#notes")
    path = case_copy / "reviews" / "ana-reviewer.yaml"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    (n,) = data["reviews"]
    assert n["on"] == "element" and n["allegation"] == "al-art7-murder" and n["element"] == "rs.7.1.a.1"
    assert n["status"] == "open" and n["author"] == "Ana Reviewer" and n["text"].startswith("Who filmed")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", n["date"])
    page = client.get("/allegations/al-art7-murder/elements/rs.7.1.a.1").text
    assert "Who filmed the Malekshahi video?" in page
    assert "Who filmed the Malekshahi video?" in client.get("/notes").text
    # status change, in place
    r = client.post("/notes/status", data={"csrf": token, "reviewer": "ana-reviewer", "id": n["id"], "status": "closed"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert YAML(typ="safe").load(path.read_text())["reviews"][0]["status"] == "closed"


def test_notes_on_items_and_allegations_and_comments_kept(client, case_copy):
    reviews = case_copy / "reviews"
    reviews.mkdir()
    (reviews / "ana-reviewer.yaml").write_text("# Ana's notes: keep this comment\nreviews: []\n", encoding="utf-8")
    token = _token(client)
    assert _note(client, token, on="item", evidence="ev-ia-reuters-5000", allegation="", element="").status_code == 303
    assert _note(client, token, on="allegation", element="", text="Extermination needs mortality data.").status_code == 303
    text = (reviews / "ana-reviewer.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Ana's notes: keep this comment\n")
    data = YAML(typ="safe").load(text)["reviews"]
    assert [n["on"] for n in data] == ["item", "allegation"]
    assert "evidence" in data[0] and "element" not in data[1]
    assert "Who filmed" in client.get("/items/ev-ia-reuters-5000").text


def test_note_on_something_not_visible_or_unknown_is_refused(client, case_copy):
    token = _token(client)
    snap = client.app.state.workspace.snapshot
    withheld = next((k for k, v in snap.items.items() if v["withheld"]), None)
    assert _note(client, token, allegation="al-nope").status_code == 400
    assert _note(client, token, element="rs.nope").status_code == 400
    if withheld:
        assert _note(client, token, on="item", evidence=withheld).status_code == 400
    assert _note(client, token, on="../../etc").status_code == 400
    assert not (case_copy / "reviews").exists()


def test_note_naming_a_protected_person_is_refused(client, case_copy):
    case = check(case_copy).case
    hidden = next(s for s in protected_strings(case, AUDIENCE) if s.identity and len(s.value) > 8)
    r = _note(client, _token(client), text=f"Ask {hidden.value} again")
    assert r.status_code == 400 and "protected" in r.text and hidden.value not in r.text
    assert not (case_copy / "reviews").exists()


def test_reviewer_name_never_becomes_a_path(client, case_copy):
    r = _note(client, _token(client), author="../../../etc/passwd")
    assert r.status_code == 303
    files = [p.relative_to(case_copy).as_posix() for p in (case_copy / "reviews").iterdir()]
    assert files == ["reviews/etc-passwd.yaml"]


def test_notes_do_not_disturb_check_and_show_in_gaps(client, case_copy):
    assert _note(client, _token(client)).status_code == 303
    run = subprocess.run([sys.executable, "-m", "casebuilder", "check", str(case_copy)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "casebuilder", "gaps", str(case_copy)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Open review notes" in run.stdout and "Who filmed the Malekshahi video?" in run.stdout
    assert "al-art7-murder › rs.7.1.a.1" in run.stdout


def _gaps(case_copy, *args) -> str:
    run = subprocess.run([sys.executable, "-m", "casebuilder", "gaps", str(case_copy), *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_gaps_json_and_csv_carry_the_open_notes(client, case_copy):
    import csv
    import io
    import json

    token = _token(client)
    assert _note(client, token).status_code == 303  # on al-art7-murder › rs.7.1.a.1
    assert _note(client, token, on="item", evidence="ev-hengaw-malekshahi-report", element="", allegation="",
                 text="Obtain the original report of [[p-shirin]]'s colleague.").status_code == 303  # an origin, relayed
    assert _note(client, token, on="allegation", element="", text="Closed already.", status="closed").status_code == 303
    doc = json.loads(_gaps(case_copy, "--format", "json"))
    notes = sorted(doc["review_notes"], key=lambda n: n["on"])
    assert [(n["on"], n["allegation"], n["element"], n["evidence"]) for n in notes] == [
        ("element", "al-art7-murder", "rs.7.1.a.1", None), ("item", None, None, "ev-hengaw-malekshahi-report")]
    assert all(n["status"] == "open" and n["author"] == "Ana Reviewer" and n["reviewer"] == "ana-reviewer" for n in notes)
    assert "[[p-shirin]]" not in notes[1]["text"] and "Shirin" in notes[1]["text"]  # the label this audience sees
    assert json.loads(_gaps(case_copy, "--standard", "all", "--format", "json"))["review_notes"] == doc["review_notes"]

    rows = list(csv.DictReader(io.StringIO(_gaps(case_copy, "--format", "csv"))))
    row = next(r for r in rows if r["allegation"] == "al-art7-murder" and r["element"] == "rs.7.1.a.1")
    assert row["open_notes"] == "2"  # its own note, and the note on an origin its items relay
    assert "Who filmed the Malekshahi video?" in row["notes"] and "item ev-hengaw-malekshahi-report:" in row["notes"]
    assert "Closed already." not in "".join(r["notes"] for r in rows)
    other = next(r for r in rows if r["allegation"] == "al-art7-imprisonment")
    assert other["open_notes"] == "0" and other["notes"] == ""
    every = list(csv.DictReader(io.StringIO(_gaps(case_copy, "--standard", "all", "--format", "csv"))))
    assert {r["standard"] for r in every if r["open_notes"] == "2" and r["element"] == "rs.7.1.a.1"
            and r["allegation"] == "al-art7-murder"} == {s["id"] for s in doc_standards(case_copy)}


def doc_standards(case_copy) -> list[dict]:
    import json
    return json.loads(_gaps(case_copy, "--standard", "all", "--format", "json"))["standards"]


# ------------------------------------------------------------------------------------ live

def test_an_edit_is_reflected_and_errors_show_as_positions(client, case_copy):
    ws = client.app.state.workspace
    v1 = client.get("/version").json()["version"]
    path = case_copy / "allegations.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "\n  - id: [unclosed\n", encoding="utf-8")
    assert ws.refresh()
    v2 = client.get("/version").json()
    assert v2["version"] > v1 and v2["ok"] is False
    page = client.get("/matrix")
    assert page.status_code == 200
    assert "The case has errors" in page.text and "Traceback" not in page.text
    assert re.search(r"allegations\.yaml:\d+:\d+", page.text)
    path.write_text(good, encoding="utf-8")
    assert ws.refresh()
    assert client.get("/version").json()["ok"] is True
    assert 'id="matrix"' in client.get("/matrix").text
    assert not ws.refresh()  # nothing changed: no rebuild


def test_watcher_thread_picks_up_an_edit(case_copy):
    import time
    from casebuilder.serve import create_app

    app = create_app(case_copy, AUDIENCE, watch=True)
    with client_for(app) as c:
        v1 = c.get("/version").json()["version"]
        p = case_copy / "allegations.yaml"  # a real edit (a comment alone changes nothing to show)
        p.write_text(p.read_text(encoding="utf-8").replace("stance: contradicts", "stance: supports", 1), encoding="utf-8")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and c.get("/version").json()["version"] == v1:
            time.sleep(0.2)
        assert c.get("/version").json()["version"] > v1


def test_audience_is_fixed_at_start(case_copy):
    from casebuilder.serve import create_app

    with client_for(create_app(case_copy, "restricted", watch=False)) as c:
        assert "RESTRICTED" in c.get("/matrix").text
        assert c.app.state.workspace.audience == "restricted"
        case = check(case_copy).case
        r = c.get("/timeline")
        assert not audit_output(r.content, "html", case, "restricted")


def test_serve_command_is_documented_in_help():
    run = subprocess.run([sys.executable, "-m", "casebuilder", "serve", "--help"], capture_output=True, text=True)
    assert run.returncode == 0
    for opt in ("--audience", "--port", "--host"):
        assert opt in run.stdout


@pytest.mark.parametrize("port", ["-1", "70000"])
def test_serve_rejects_bad_port(port, case_copy):
    run = subprocess.run([sys.executable, "-m", "casebuilder", "serve", str(case_copy), "--port", port],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_review_brief_lists_open_notes_only(client, case_copy, tmp_path):
    from casebuilder.build import build

    token = _token(client)
    assert _note(client, token, text="Still open: ask for the original video").status_code == 303
    assert _note(client, token, text="Already settled", status="closed").status_code == 303
    html = build(case_copy, brief="review", fmt="html", output=tmp_path / "r.html").data.decode()
    assert "Open review notes" in html and "Still open: ask for the original video" in html
    assert "Already settled" not in html
    legal = build(case_copy, brief="legal", fmt="html", output=tmp_path / "l.html").data.decode()
    assert "Open review notes" not in legal


def test_case_content_is_escaped(case_copy):
    """Markup in case text is shown as text, never run: the workspace escapes like the briefs."""
    from casebuilder.serve import create_app

    path = case_copy / "allegations.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = "    title: '<script>alert(1)</script><img src=http://evil.example/x> Murder of protesters'"
    path.write_text(re.sub(r"^    title: Murder of protesters.*$", hostile, text, count=1, flags=re.M), encoding="utf-8")
    with client_for(create_app(case_copy, AUDIENCE, watch=False)) as c:
        for url in ("/matrix", "/allegations/al-art7-murder", "/readiness"):
            html = c.get(url).text
            assert "<script>alert(1)" not in html and "<img src=http://evil" not in html, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_serve_listens_on_loopback_unless_told(case_copy):
    from casebuilder.commands.serve import _allowed_hosts, configure
    import argparse

    p = argparse.ArgumentParser()
    configure(p)
    assert p.parse_args([str(case_copy)]).host == "127.0.0.1"
    assert "10.0.0.5" in _allowed_hosts("10.0.0.5") and "evil.example" not in _allowed_hosts("127.0.0.1")


def test_malformed_notes_are_warnings_not_failures(case_copy):
    from casebuilder.serve import create_app

    reviews = case_copy / "reviews"
    reviews.mkdir()
    (reviews / "broken.yaml").write_text("reviews: [\n", encoding="utf-8")
    (reviews / "odd.yaml").write_text(
        "reviews:\n  - id: n-1\n    on: bogus\n    status: open\n    author: A\n    date: 2026-12-01\n    text: x\n"
        "  - id: n-2\n    on: allegation\n    allegation: al-art7-murder\n    status: open\n    author: A\n"
        "    date: 2026-12-01\n    text: A good note survives its bad neighbour\n", encoding="utf-8")
    with client_for(create_app(case_copy, AUDIENCE, watch=False)) as c:
        page = c.get("/notes")
        assert page.status_code == 200
        assert re.search(r"reviews/broken\.yaml:\d+:\d+: warning\[invalid-value\]", page.text)
        assert re.search(r"reviews/odd\.yaml:3:9: warning\[invalid-value\]: review note skipped: `on`", page.text)
        assert "A good note survives its bad neighbour" in page.text
        r = c.post("/notes/status", data={"csrf": c.app.state.csrf, "reviewer": "odd", "id": "n-404", "status": "closed"})
        assert r.status_code == 404
    run = subprocess.run([sys.executable, "-m", "casebuilder", "gaps", str(case_copy)], capture_output=True, text=True)
    assert run.returncode == 0 and "broken.yaml" in run.stderr and "A good note survives" in run.stdout


def test_serve_port_in_use_is_a_clear_error(case_copy):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "casebuilder", "serve", str(case_copy), "--port", str(port)],
                             capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in run.stderr and "Traceback" not in run.stderr
