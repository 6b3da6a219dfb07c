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

    # a matcher built again for the same strings keeps the clean rows (the same table); one seeking a
    # string fewer keeps them too (clean against more forms is clean against fewer), in a table of its
    # own (rows it finds clean need not be clean for the matcher before)
    same = PageAudit(m.subset(lambda it: True), pa)
    assert same.clean is pa.clean and same.leaks(page) is False
    assert same.leaks(planted["across two rows"].encode()) is True
    fewer = m.subset(lambda it: it.value != name)
    other = PageAudit(fewer, pa)
    assert other.clean == pa.clean and other.clean is not pa.clean
    assert other.last == {"pieces kept": len(pa.clean), "pieces dropped": 0, "forms added": 0}
    for what, body in planted.items():
        assert other.leaks(body.encode()) is _full(body.encode(), fewer), what


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


# ---------------------------------------------------------------- the rows kept from matcher to matcher

def _item(value: str, identity: bool = True):
    """A protected string: a person's name (an identity), or a withheld item's sentence."""
    from casebuilder.protect.strings import Protected

    return Protected("p-1", "name", value) if identity else Protected("ev-1", "summary", value, "evidence")


# What may be sought: names, one a word of another ('Reza' in 'Reza Nodatokia'), one a prefix of another
# word ('Ali Rez' / 'Ali Rezaei'), a Persian name, a withheld sentence (not an identity: the joined tier
# does not report it), a phone number.
SOUGHT = ["Parisa Fictional", "Reza Nodatokia", "Reza", "Ali Rezaei", "Ali Rez", "رضا نوداتوکیا",
          "Protesters were held at the east gate", "+98 907 0005207"]

# Rows of a table: plain, and each of the strings above written as a reader would still read it.
ROWS = [
    "<td>Alleged detention at the central bazaar</td><td>established</td>",
    "<td>no name here</td><td><a href=\"/items/ev-1\">ev-1</a></td>",
    "<td>Parisa Fictional</td>",
    "<td>P\u0430risa Fictional</td>",  # a Cyrillic a
    "<td>Pari\u200dsa Fic\u00adtional</td>",  # zero-width joiner, soft hyphen
    "<td><a href=\"/q?who=Parisa%20Fictional\">x</a></td>",  # percent-encoded in an attribute
    "<td>&#80;arisa &#x46;ictional</td>",  # entities
    "<td>Pari<b>sa</b> Fictional</td>",  # split by inline markup
    "<td>REZA nodatokia</td>", "<td>Reza</td>", "<td>Rezaei</td>", "<td>Ali Rezaeipour</td>",
    "<td>Ali Rezaei</td>", "<td>Ali Rez</td>", "<td>رضا نوداتوكيا</td>",  # Arabic yeh and kaf
    "<td>Protesters were held at the east gate.</td>", "<td>protesters were HELD at the east-gate</td>",
    "<td>call +98 907 000 5207</td>", "<td>call 0907 000 5207</td>",
    "<td>Parisa</td>", "<td>Fictional</td>",  # a name across two rows, when these two follow each other
    "<td>Protesters were held</td>", "<td>at the east gate</td>",
]


def _page(rows: list[int]) -> bytes:
    body = "".join(f'<tr id="row-{n}">{ROWS[i]}</tr>' for n, i in enumerate(rows))
    return f"<!doctype html><html><head><title>Matrix</title></head><body><table>{body}</table></body></html>".encode()


def _check_steps(steps: list[tuple[list[int], list[list[int]]]]) -> list[dict]:
    """For each step (the strings sought, the pages served), the remembering audit chained from the
    step before says of every page what the full audit and a fresh PageAudit say."""
    from casebuilder.protect.match import Matcher
    from casebuilder.serve.pageaudit import PageAudit

    pa, lasts = None, []
    for sought, pages in steps:
        m = Matcher([_item(SOUGHT[i], identity=" held " not in SOUGHT[i]) for i in sought])
        pa = PageAudit(m, pa)
        lasts.append(dict(pa.last))
        for rows in pages:
            page = _page(rows)
            want = _full(page, m)
            assert PageAudit(m).leaks(page) is want, (sought, rows)
            assert pa.leaks(page) is want, (sought, rows, pa.last)
            assert pa.leaks(page) is want, (sought, rows)  # again, from what it remembers
    return lasts


def test_rows_kept_across_matchers_answer_as_a_fresh_audit():
    """Forms removed keep every clean row; forms added are searched for in the rows kept alone, and
    a row holding one is searched again (and found): after each step, each page's answer is the full
    audit's."""
    rows = list(range(len(ROWS)))
    everything = [rows]
    plain = [[0, 1, 0, 1]]
    steps = [
        ([], everything),                      # nothing sought: every row clean
        ([0], everything),                     # a name added: the rows writing it leak
        ([0], plain),
        ([], plain),                           # removed: kept
        ([1, 2], everything),                  # 'Reza' and 'Reza Nodatokia' (a form inside another)
        ([2], everything),                     # the longer one removed
        ([1], everything),                     # replaced by it
        ([3, 4], everything),                  # 'Ali Rezaei', 'Ali Rez' (not inside 'Ali Rezaeipour')
        ([5], everything),                     # the Persian name, written with Arabic letters
        ([6], everything),                     # a withheld sentence
        ([7], everything),                     # a phone number
        ([], [[19, 20], [20, 19], [21, 22]]),
        ([0], [[19, 20], [20, 19]]),           # across two rows only: the whole-page tiers find it
        ([6], [[21, 22], [22, 21]]),
        ([0, 1, 2, 3, 4, 5, 6, 7], everything),
    ]
    lasts = _check_steps(steps)
    assert lasts[3]["pieces kept"] > 0 and lasts[3]["pieces dropped"] == 0  # removed: nothing searched, all kept
    # the name added: the six rows writing it (as written, a look-alike, invisible characters, percent-encoded,
    # entities, inline markup) forgotten, the others kept
    assert lasts[1]["forms added"] == 1 and lasts[1]["pieces dropped"] == 6 and lasts[1]["pieces kept"] > 6
    # 'Reza' and 'Reza Nodatokia' added: the two rows writing them, not 'Rezaei' nor 'Ali Rezaeipour'
    assert lasts[4]["pieces dropped"] == 2 and lasts[4]["pieces kept"] > 0


def test_rows_kept_for_a_form_added_only_where_it_is_not_found():
    """A row found clean, then a form added that it holds: that row is forgotten (and found), the others kept."""
    from casebuilder.protect.match import Matcher
    from casebuilder.serve.pageaudit import PageAudit

    page = _page([0, 1, 2, 9])
    pa = PageAudit(Matcher([_item("Somebody Else")]))
    assert pa.leaks(page) is False and len(pa.clean) == 4 + 1  # the rows, and the head before them
    pa2 = PageAudit(Matcher([_item("Somebody Else"), _item("Parisa Fictional")]), pa)
    assert pa2.last == {"pieces kept": 4, "pieces dropped": 1, "forms added": 1}
    assert pa2.leaks(page) is True
    pa3 = PageAudit(Matcher([_item("Reza")]), pa)
    assert pa3.last["pieces dropped"] == 1 and pa3.leaks(page) is True
    assert pa.leaks(page) is False and len(pa.clean) == 5  # the audit before is as it was


@pytest.mark.parametrize("seed", range(3))
def test_random_sequences_of_forms_and_pages(seed):
    """Random sequences: the strings sought, and the pages served (rows in random order, so names
    span rows), after each step compared with the full audit and a fresh PageAudit."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sought = st.lists(st.integers(0, len(SOUGHT) - 1), max_size=4, unique=True)
    pages = st.lists(st.lists(st.integers(0, len(ROWS) - 1), min_size=1, max_size=8), min_size=1, max_size=3)

    @settings(max_examples=15, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(sought, pages), min_size=1, max_size=6), st.integers(0, 10 ** 6 + seed))
    def run(steps, _salt):
        _check_steps(steps)

    run()


# ---------------------------------------------------------------- the whole-page source read from its pieces

# Row contents that put at a cut (before '<tr') what could join across it if anything were read piece
# by piece: entities (with and without ';', a decoded '<' opening a block tag), dense Persian and sparse
# non-ASCII text, marks and invisible characters, an override, a <bdo>, Markdown references, URLs and
# percent-encoding.
FRAGMENTS = ["&amp;", "&lt;p ", "&lt;", "&#60;", "&#x3c;", "&gt;", "&amp", "&", "&notit;", "&#80;", "&#x46",
             "پریسا ساختگی", "رضا", "\u064a\u0643", "e\u0301", "\u0301", "\u200d", "\u00ad", "\u202e", "\u202c",
             "<bdo dir=\"rtl\">", "</bdo>", "[", "]", "](", "][", "[^1]", "https://x.org/", "www.", "%20", "%D9%BE",
             "Parisa", "FICTIONAL", "P\u0430risa", "\u212a", "\ufb01", "ß", "<b>", "</b>", " ", "\n", ">", "\"", "'",
             "<td>", "</td>", "<p>", "</p>", "x", "1"]


def _random_page(rows: list[list[int]], head: list[int]) -> str:
    body = "".join(f'<tr id="r{n}">{"".join(FRAGMENTS[i] for i in row)}</tr>\n' for n, row in enumerate(rows))
    return (f'<!doctype html><html><head><title>{"".join(FRAGMENTS[i] for i in head)}</title></head>'
            f'<body data-version="7"><table>{body}</table></body></html>')


def test_the_source_is_read_from_its_pieces_as_from_the_whole_page():
    """PageAudit.source_readings, the as-written reading joined from the pieces' (kept from page to
    page) and the others from the whole, is match.readings of the whole page with entities decoded —
    for random rows of everything that could join across a cut, on pages mostly ASCII and mostly
    Persian, read afresh and from pieces kept."""
    import html

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from casebuilder.protect.match import Matcher, readings
    from casebuilder.serve.pageaudit import _CUT, PageAudit

    kept = PageAudit(Matcher([]))
    fragment = st.integers(0, len(FRAGMENTS) - 1)
    persian = FRAGMENTS.index("پریسا ساختگی")

    @settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.lists(fragment, max_size=12), max_size=8), st.lists(fragment, max_size=6), st.booleans())
    def run(rows, head, dense):
        if dense:  # mostly Persian: the whole page folds in one pass, its ASCII rows each in runs
            rows = [row if n % 3 else [persian] * 30 + row for n, row in enumerate(rows)]
        page = _random_page(rows, head)
        pieces = _CUT.split(page)
        want = readings(html.unescape(page))
        assert PageAudit(Matcher([])).source_readings(page, pieces) == want
        assert kept.source_readings(page, pieces) == want

    run()
