"""The workspace's leak audit of a page, which searches only the table rows it has not found clean
before (casebuilder/serve/pageaudit.py), answers as the full leak audit does: on the served pages,
and on pages with a protected name planted in a row, across two rows, in markup, or in a comment."""
from __future__ import annotations

import pytest

from .conftest import AUDIENCE, client_for


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import shutil

    from casebuilder.serve import create_app

    from .conftest import BUNDLED
    dst = tmp_path_factory.mktemp("pa") / "case"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    app = create_app(dst, AUDIENCE, watch=False)
    with client_for(app) as c:
        yield c, app.state.workspace


def _full(page: bytes, matcher) -> bool:
    from casebuilder.audit import audit_bytes
    return bool(audit_bytes(page, "html", matcher))


def _name(matcher) -> str:
    """A protected person's name (an identity string of more than one word)."""
    return next(n.item.value for n in matcher.needles if n.item.identity and " " in n.item.value.strip())


def test_pages_pass_as_the_full_audit_says_and_planted_names_are_found(served):
    from casebuilder.serve.pageaudit import PageAudit, cuttable

    client, ws = served
    m = ws.snapshot.matcher
    pa = PageAudit(m)
    page = client.get("/matrix").content
    text = page.decode()
    assert cuttable(text) and text.count("<tr ") > 5  # the matrix is cut into rows
    for url in ("/matrix", "/gaps", "/timeline", "/readiness", "/sources"):
        body = client.get(url).content
        assert pa.leaks(body) is _full(body, m) is False, url
        assert pa.leaks(body) is False, url  # again, from the rows remembered
    assert pa.clean, "clean rows are remembered"

    name = _name(m)
    first, _, last = name.strip().partition(" ")
    rows = [i for i in range(len(text)) if text.startswith('<tr id="row-', i)]
    at = text.index("</a>", rows[3])
    third_row_end = text.index("</tr>", rows[3])
    row4_open = text.index(">", rows[4]) + 1
    planted = {
        "in a row's text": text[:at] + " " + name + text[at:],
        "in a row's attribute": text[:rows[4]] + f'<tr data-x="{name}"></tr>' + text[rows[4]:],
        "as entities": text[:at] + " " + "".join(f"&#{ord(c)};" for c in name) + text[at:],
        "across two rows": text[:third_row_end] + f"<td>{first}</td>" + text[third_row_end:row4_open]
                           + f"<th>{last}</th>" + text[row4_open:],
        "split by markup in a row": text[:at] + f" {first}<b></b> {last}" + text[at:],
        "in a comment": text[:rows[2]] + f"<!-- {name} -->" + text[rows[2]:],
        "in the page's head": text.replace("<title>", f"<title>{name} ", 1),
    }
    for what, body in planted.items():
        data = body.encode()
        assert _full(data, m) is True, what  # the planted page leaks ...
        assert pa.leaks(data) is True, what  # ... and the remembering audit says so
        assert PageAudit(m).leaks(data) is True, what  # and so does a fresh one
    assert pa.leaks(page) is False
    # a row found clean once is not the row with a name in it: the changed piece is searched
    assert pa.leaks(planted["in a row's text"].encode()) is True

    # a matcher built again for the same strings keeps the clean rows; one for other strings does not
    same = PageAudit(m.subset(lambda it: True), pa)
    assert same.clean is pa.clean and same.leaks(page) is False
    assert same.leaks(planted["across two rows"].encode()) is True
    other = PageAudit(m.subset(lambda it: it.value != name), pa)
    assert not other.clean


def test_a_page_that_cannot_be_cut_is_audited_whole(served):
    from casebuilder.serve.pageaudit import PageAudit, cuttable

    client, ws = served
    m = ws.snapshot.matcher
    text = client.get("/matrix").text
    for body in (text.replace("</tbody>", "<script>var x = '<tr >'</script></tbody>"),
                 text.replace("<title>", "<title><tr >", 1), "<p>no table</p>",
                 text.replace("</tbody>", '<tr><td data-x="a <tr b"></td></tr></tbody>')):
        assert not cuttable(body)
        assert PageAudit(m).leaks(body.encode()) is _full(body.encode(), m)


def test_cutting_is_decided_piece_by_piece_as_on_the_whole_page(served):
    """cuttable_pieces (each piece's syntax, remembered) answers as cuttable (the whole page) does."""
    from casebuilder.serve.pageaudit import _CUT, cuttable, cuttable_pieces

    client, _ws = served
    text = client.get("/matrix").text
    rows = [i for i in range(len(text)) if text.startswith("<tr", i)]
    bodies = [client.get(u).text for u in ("/matrix", "/gaps", "/timeline", "/readiness", "/sources")]
    bodies += [
        text.replace("</tbody>", "<script>var x = '<tr >'</script></tbody>"),
        text.replace("<title>", "<title><tr >", 1), "<p>no table</p>", "<tr><td>starts with a row</td></tr>",
        text.replace("</tbody>", '<tr><td data-x="a <tr b"></td></tr></tbody>'),
        text[:rows[3]] + "<!-- a comment -->" + text[rows[3]:],
        text[:rows[3]] + "<?pi?>" + text[rows[3]:],
        text[:rows[3]] + "<STYLE>p{}</STYLE>" + text[rows[3]:],
        text[:rows[3]] + "<td class=x" + text[rows[3]:],  # a tag left open before a cut
        text[:rows[3]] + "<td class=x" + text[rows[3]:rows[4]].replace("<", "&lt;").replace(">", "&gt;") + text[rows[4]:],
        text.replace("<head>", "<head><!-- open", 1), text.replace("<head>", "<head><![CDATA[", 1),
        text.replace("</title>", "", 1), text.replace("<tr", "<TR"), "a > b <tr>x</tr> c < d <tr>y",
        "<tr>", "<tr><tr><tr>", "x<tr>" + "\u03a3<tr>" * 3,
    ]
    memo: dict = {}
    for body in bodies:
        pieces = _CUT.split(body)
        assert "".join(pieces) == body
        assert cuttable_pieces(pieces) is cuttable(body), body[:80]
        assert cuttable_pieces(pieces, memo) is cuttable(body), body[:80]  # with pieces remembered across pages
