"""The reviewer's workspace: a small Starlette application over one :class:`~.workspace.Workspace`.

Security, in one place:

* every page is rendered from the protected view of the audience fixed at start, and its bytes are
  scanned with the leak audit's matcher before they are sent (a hit sends a refusal instead);
* a strict Content-Security-Policy: no inline script, script and style from ``/static`` only, no
  request to any other origin (``default-src 'none'``);
* every write (POST) needs the per-process CSRF token and a same-origin ``Origin``, if one is sent;
* the ``Host`` header must name the address the server listens on (no DNS rebinding);
* request bodies are bounded (:data:`MAX_BODY`), form-encoded only;
* no part of a URL is ever used as a path: static files are a fixed table read at start, ids are
  looked up in the snapshot, and notes go to ``reviews/<reviewer>.yaml`` with the reviewer's name
  reduced to ``[a-z0-9-]``.
"""
from __future__ import annotations

import hmac
import json
import secrets
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import reviews
from ..load import PACKAGE_ROOT
from .workspace import Workspace, origin_graph

TEMPLATES = PACKAGE_ROOT / "templates" / "workspace"
STATIC = {  # URL name -> (file under templates/workspace/static, media type); nothing else is served
    "workspace.js": ("workspace.js", "text/javascript; charset=utf-8"),
    "workspace.css": ("workspace.css", "text/css; charset=utf-8"),
}
MAX_BODY = 16 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # "no-referrer" would make Chromium send `Origin: null` on form posts
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
STATUS_ORDER = ("met", "for_legal_evaluation", "contested", "insufficient", "unsupported", "derived", "undetermined",
                "not_applicable")  # the matrix legend (a status no element has is left out)


class SecurityHeaders:
    """Pure ASGI middleware: the security headers on every response, errors and redirects included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v})
    env.globals["matrix_row"] = _RowCache(env)
    return env


def _row_key(a: dict, q: str) -> tuple:
    """Everything one row of the matrix page reads (_matrix_row.html.j2)."""
    texts = (a["id"], a["title"], a["framework_title"], a["citation"], a["status"], a["status_label"])
    return (q, texts, tuple(map(type, texts)),  # a Markup equals its str, but is not escaped again
            tuple((e["id"], e["status"], e["status_label"], bool(e["contextual"])) for e in a["elements"]))


class _RowCache:
    """The matrix page's rows, each rendered once for what it shows: after an edit only the rows of
    allegations whose title, status or elements' statuses changed are rendered again (a large case's
    matrix has hundreds of rows and thousands of cells)."""

    LIMIT = 20_000

    def __init__(self, env: jinja2.Environment):
        self.env, self.rows, self._lock = env, {}, threading.Lock()

    def __call__(self, a: dict, q: str):
        key = _row_key(a, q)
        hit = self.rows.get(key)
        if hit is None:
            hit = self.env.get_template("_matrix_row.html.j2").module.row(a, q)
            with self._lock:
                if len(self.rows) >= self.LIMIT:
                    self.rows.clear()
                self.rows[key] = hit
        return hit


def create_app(case_dir: Path | str, audience: str | None = None, *, frameworks_dir=None, exhibits=None,
               allowed_hosts: list[str] | None = None, watch: bool = True, workspace: Workspace | None = None) -> Starlette:
    """The workspace application for one case and one audience. ``allowed_hosts``: the host names
    the browser may use to reach it (default: 127.0.0.1, localhost and ::1)."""
    ws = workspace or Workspace(case_dir, audience, frameworks_dir, exhibits)
    env = _environment()
    csrf = secrets.token_urlsafe(32)
    static = {name: ((TEMPLATES / "static" / fname).read_bytes(), media) for name, (fname, media) in STATIC.items()}
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "::1"]

    pages: dict[tuple, bytes] = {}  # (snapshot version, URL) -> the audited page: a snapshot never changes

    def cached(request: Request, make) -> Response:
        key = (ws.snapshot.version, request.url.path, request.url.query)
        hit = pages.get(key)
        if hit is not None:
            return Response(hit, 200, media_type="text/html; charset=utf-8")
        resp = make()
        if resp.status_code == 200:
            if len(pages) >= 256 or any(k[0] != key[0] for k in pages):
                pages.clear()
            pages[key] = resp.body
        return resp

    def prerender() -> None:
        """Render the landing page (the matrix, the case's own standard) for the current snapshot,
        so that the first browser request after a check finds it ready."""
        from starlette.datastructures import URL

        class _Req:  # what render() and cached() read from a request
            url = URL("/matrix")
            query_params: dict = {}
            path_params: dict = {}
        try:
            cached(_Req(), lambda: matrix(_Req()))
        except Exception:  # noqa: BLE001 - a warm-up only; the real request reports any problem
            pass

    ws.on_change.append(prerender)

    def cache(fn):
        def endpoint(request: Request) -> Response:
            return cached(request, lambda: fn(request))
        return endpoint

    def render(request: Request, template: str, status_code: int = 200, **ctx) -> Response:
        snap = ws.snapshot
        base = {"snap": snap, "audience": ws.audience or "", "csrf": csrf, "version": snap.version,
                "path": request.url.path, "query": request.url.query, "case_dir": ws.case_dir.name}
        if snap.ok:
            base["meta"] = snap.meta()
        html = env.get_template(template).render(**base, **ctx).encode("utf-8")
        return _audited(html, "html", snap, status_code, "text/html; charset=utf-8")

    def need_ok(request: Request) -> Response | None:
        if not ws.snapshot.ok:
            return render(request, "errors.html.j2", 200)
        return None

    def not_found(request: Request, what: str) -> Response:
        return render(request, "not_found.html.j2", 404, what=what)

    def standard_of(request: Request) -> str:
        sid = request.query_params.get("standard", "")
        return sid if sid in ws.snapshot.standard_ids else ws.snapshot.default_standard

    def index(request: Request):
        return RedirectResponse("/matrix", status_code=303)

    def matrix(request: Request):  # sync: Starlette runs it in its thread pool, off the event loop
        if (r := need_ok(request)) is not None:
            return r
        sid = standard_of(request)
        view = ws.snapshot.matrix(sid)  # only what the page reads: the whole view waits for a page that needs it
        return render(request, "matrix.html.j2", view=view, standard=sid, order=STATUS_ORDER)

    def gaps(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        sid = standard_of(request)
        return render(request, "gaps.html.j2", view=ws.snapshot.view(sid), standard=sid)

    def allegation(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        sid = standard_of(request)
        view = ws.snapshot.view(sid)
        al = next((a for a in view["allegations"] if a["id"] == request.path_params["aid"]), None)
        if al is None:
            return not_found(request, "allegation")
        return render(request, "allegation.html.j2", view=view, a=al, standard=sid,
                      notes=_notes(ws, "allegation", allegation=al["id"]))

    def element(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        sid = standard_of(request)
        snap = ws.snapshot
        view = snap.view(sid)
        al = next((a for a in view["allegations"] if a["id"] == request.path_params["aid"]), None)
        el = next((e for e in al["elements"] if e["id"] == request.path_params["eid"]), None) if al else None
        if el is None:
            return not_found(request, "element")
        chains = {w["id"]: snap.chain(w["id"]) for w in (*el["supporting"], *el["contradicting"])}
        graphs = {side: origin_graph([chains[w["id"]] for w in el[side]]) for side in ("supporting", "contradicting")}
        return render(request, "element.html.j2", view=view, a=al, e=el, standard=sid, chains=chains, graphs=graphs,
                      notes=_notes(ws, "element", allegation=al["id"], element=el["id"]))

    def item(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        snap = ws.snapshot
        key = request.path_params["key"]
        it = snap.items.get(key)
        if it is None:
            return not_found(request, "item")
        relayed_by = [] if it["withheld"] else sorted(
            snap.protector.evidence_key(e) for e in snap.evidence.values() if key in e.derived_from)
        view = snap.view(None)
        uses = [] if it["withheld"] else [
            {"allegation": a["id"], "title": a["title"], "element": e["id"], "status": e["status"],
             "status_label": e["status_label"], "stance": stance}
            for a in view["allegations"] for e in a["elements"]
            for stance, ws_ in (("supports", e["supporting"]), ("contradicts", e["contradicting"]))
            if any(w["id"] == key for w in ws_)]
        root = snap.chain(key)  # (not `chain`: the template's macro of that name would hide it)
        return render(request, "item.html.j2", it=it, root=root, chain_graph=origin_graph([root]),
                      relayed_by=[snap.items[k] for k in relayed_by],
                      uses=uses, notes=_notes(ws, "item", evidence=key) if not it["withheld"] else [])

    def source(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        snap = ws.snapshot
        view = snap.view(None)
        src = next((s for s in view["sources"] if s["id"] == request.path_params["sid"]), None)
        if src is None:
            return not_found(request, "source")
        items = [it for k, it in sorted(snap.items.items()) if not it["withheld"] and it["source_id"] == src["id"]]
        return render(request, "source.html.j2", src=src, items=items,
                      chains={it["id"]: snap.chain(it["id"]) for it in items if it["derived"]})

    def sources(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        return render(request, "sources.html.j2", view=ws.snapshot.view(None))

    def timeline(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        return render(request, "timeline.html.j2", view=ws.snapshot.view(None))

    def readiness(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        snap = ws.snapshot
        matrix = snap.readiness()
        return render(request, "readiness.html.j2", view=snap.view(None), matrix=matrix)

    def suspects(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        return render(request, "suspects.html.j2", view=ws.snapshot.view(None))

    def notes_page(request: Request):
        if (r := need_ok(request)) is not None:
            return r
        snap = ws.snapshot
        return render(request, "notes.html.j2",
                      notes=reviews.notes_view(snap.notes, snap.protector.text, snap.visible_items, only_open=False))

    def version(request: Request):
        snap = ws.snapshot
        body = json.dumps({"version": snap.version, "ok": snap.ok}).encode()
        return _audited(body, "json", snap, 200, "application/json")

    def static_file(request: Request):
        hit = static.get(request.path_params["name"])
        if hit is None:
            return Response(b"not found", 404, media_type="text/plain")
        return Response(hit[0], media_type=hit[1])

    async def add_note(request: Request):
        form = await _form(request, csrf, hosts)
        if isinstance(form, Response):
            return form
        snap = ws.snapshot
        if not snap.ok:
            return _refuse(400, "the case has errors; fix them before adding notes")
        on = form.get("on", "")
        target = {"allegation": form.get("allegation") or None, "element": form.get("element") or None,
                  "evidence": form.get("evidence") or None}
        problem = _target_problem(snap, on, **target)
        if problem:
            return _refuse(400, problem)
        text, author = form.get("text", ""), form.get("author", "")
        if snap.matcher is not None and _leaks(f"{author}\n{text}".encode(), "txt", snap.matcher):
            return _refuse(400, "the note names a protected person; refer to them as [[person-id]] instead")
        try:
            await run_in_threadpool(reviews.add_note, ws.case_dir, on=on, author=author, text=text,
                                    status=form.get("status", "open"), **target)
        except reviews.NoteError as e:
            return _refuse(400, str(e))
        await run_in_threadpool(ws.refresh)
        return RedirectResponse(_back(on, target), status_code=303)

    async def note_status(request: Request):
        form = await _form(request, csrf, hosts)
        if isinstance(form, Response):
            return form
        note = next((n for n in (ws.snapshot.notes.notes if ws.snapshot.notes else [])
                     if n.id == form.get("id") and n.reviewer == form.get("reviewer")), None)
        if note is None:
            return _refuse(404, "no such note")
        try:
            await run_in_threadpool(reviews.set_status, ws.case_dir, note.reviewer, note.id, form.get("status", ""))
        except reviews.NoteError as e:
            return _refuse(400, str(e))
        await run_in_threadpool(ws.refresh)
        return RedirectResponse(_back(note.on, {"allegation": note.allegation, "element": note.element,
                                                "evidence": note.evidence}), status_code=303)

    stop = threading.Event()

    @asynccontextmanager
    async def lifespan(app):
        thread = None
        threading.Thread(target=prerender, name="casebuilder-prerender", daemon=True).start()
        if watch:
            thread = threading.Thread(target=ws.watch, args=(stop,), name="casebuilder-watch", daemon=True)
            thread.start()
        try:
            yield
        finally:
            stop.set()
            if thread is not None:
                thread.join(timeout=5)

    routes = [
        Route("/", index),
        Route("/matrix", cache(matrix)),
        Route("/gaps", cache(gaps)),
        Route("/allegations/{aid}", cache(allegation)),
        Route("/allegations/{aid}/elements/{eid}", cache(element)),
        Route("/items/{key}", cache(item)),
        Route("/sources", cache(sources)),
        Route("/sources/{sid}", cache(source)),
        Route("/timeline", cache(timeline)),
        Route("/readiness", cache(readiness)),
        Route("/suspects", cache(suspects)),
        Route("/notes", notes_page, methods=["GET"]),
        Route("/notes", add_note, methods=["POST"]),
        Route("/notes/status", note_status, methods=["POST"]),
        Route("/version", version),
        Route("/static/{name}", static_file),
        Route("/favicon.ico", lambda request: Response(status_code=204)),  # browsers ask; nothing to send
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])
    app.state.workspace = ws
    app.state.csrf = csrf
    return app


def _notes(ws: Workspace, kind: str, **target) -> list[dict]:
    snap = ws.snapshot
    sel = reviews.Notes(notes=snap.notes.on(kind, **target)) if snap.notes else reviews.Notes()
    return reviews.notes_view(sel, snap.protector.text, snap.visible_items, only_open=False)


def _target_problem(snap, on: str, allegation=None, element=None, evidence=None) -> str | None:
    """Notes only on what this audience can see in the workspace."""
    view = snap.view(None)
    if on in ("allegation", "element"):
        al = next((a for a in view["allegations"] if a["id"] == allegation), None)
        if al is None:
            return "no such allegation"
        if on == "element" and not any(e["id"] == element for e in al["elements"]):
            return "no such element in that allegation"
        return None
    if on == "item":
        return None if evidence in snap.visible_items else "no such item"
    return "a note is on an element, an item or an allegation"


def _back(on: str, target: dict) -> str:
    if on == "element":
        return f"/allegations/{target['allegation']}/elements/{target['element']}#notes"
    if on == "item":
        return f"/items/{target['evidence']}#notes"
    return f"/allegations/{target['allegation']}#notes"


def _leaks(data: bytes, kind: str, matcher) -> bool:
    from ..audit import audit_bytes
    return bool(audit_bytes(data, kind, matcher))


_audits: list = []  # the last matcher's PageAudit (its clean rows serve the next snapshot that keeps the matcher)
_audits_lock = threading.Lock()


def _page_audit(matcher):
    from .pageaudit import PageAudit

    with _audits_lock:
        if not _audits or _audits[0].matcher is not matcher:  # the clean rows kept if it seeks the same strings
            _audits[:] = [PageAudit(matcher, _audits[0] if _audits else None)]
        return _audits[0]


def _audited(body: bytes, kind: str, snap, status_code: int, media_type: str) -> Response:
    """Send ``body`` only if the leak audit finds no protected string in it for this audience (the
    rows of a table already found clean with this matcher are not searched again: pageaudit.py)."""
    if snap.matcher is not None and _page_audit(snap.matcher).leaks(body, kind):
        return _refuse(500, "this page would show a protected identity to this audience; it was not sent. "
                            "Run `casebuilder audit` or `casebuilder build` on the case to see where.")
    return Response(body, status_code, media_type=media_type)


def _refuse(status: int, message: str) -> Response:
    return Response(f"casebuilder: {message}\n".encode(), status, media_type="text/plain; charset=utf-8")


async def _form(request: Request, csrf: str, hosts: list[str]) -> dict | Response:
    """The POSTed form, or a refusal: wrong type, too large, cross-origin or without the CSRF token."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        return _refuse(415, "forms only (application/x-www-form-urlencoded)")
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        return _refuse(400, "bad Content-Length")
    if declared > MAX_BODY:
        return _refuse(413, f"request body larger than {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return _refuse(413, f"request body larger than {MAX_BODY} bytes")
    origin = request.headers.get("origin")
    if origin is not None and (urlsplit(origin).hostname or "") not in {h.strip("[]") for h in hosts}:
        return _refuse(403, "cross-origin request refused")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return _refuse(400, "the form could not be read")
    form = {k: v[0] for k, v in fields.items()}
    if not hmac.compare_digest(form.get("csrf", "").encode(), csrf.encode()):
        return _refuse(403, "missing or wrong CSRF token; reload the page and try again")
    return form
