"""render (PDF): WeasyPrint, archival (PDF/A-3b) and reproducible, with a fetcher that fetches nothing
from case content.

* The stylesheet is inlined by the template, so the only resources a brief may load are bundled
  template assets (``templates/assets/``); every other URL (file paths, http(s), ftp, large or
  non-image ``data:``) is refused and recorded so the build can warn with the field it came from.
* Reproducible: the document dates come from the case, fontTools' subset timestamps from
  ``SOURCE_DATE_EPOCH`` (set to the case date while rendering) and the PDF identifier from a hash
  of the input, so the same case gives the same bytes.
"""
from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import logging
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_DATA_URL = 64 * 1024
_ALLOWED_ASSET_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".ttf", ".otf"}
_ENV_LOCK = threading.Lock()


class SafeFetcher(URLFetcher):
    """Serves bundled template assets and small inline images; refuses and records everything else."""

    def __init__(self, assets: Path | None):
        super().__init__(allowed_protocols=set(), allow_redirects=False)
        self.assets = assets.resolve() if assets else None
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # noqa: D401 - WeasyPrint's API
        parsed = urlparse(url)
        if parsed.scheme == "data" and len(url) <= MAX_DATA_URL:
            head, _, payload = url[5:].partition(",")
            mime = head.split(";")[0]
            if mime in ("image/png", "image/jpeg", "image/svg+xml", "image/gif"):
                body = base64.b64decode(payload) if head.endswith(";base64") else unquote(payload).encode()
                return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
        if parsed.scheme == "file" and self.assets is not None:
            path = Path(unquote(parsed.path)).resolve()
            if path.is_relative_to(self.assets) and path.suffix.lower() in _ALLOWED_ASSET_SUFFIXES and path.is_file():
                return URLFetcherResponse(url, body=path.read_bytes())
        self.refused.append(url)
        raise ValueError(f"casebuilder refuses to fetch {url[:100]!r}")


@contextlib.contextmanager
def _source_date(date: dt.date):
    epoch = str(int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp()))
    with _ENV_LOCK:
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old


def render_pdf(html: str, date: dt.date, attachments: list[tuple[str, bytes, str]] = (),
               assets: Path | None = None, pdfa: bool = True) -> tuple[bytes, list[str]]:
    """HTML → PDF bytes; returns the PDF and the list of refused URLs."""
    fetcher = SafeFetcher(assets)
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
    digest = hashlib.sha256(html.encode("utf-8"))
    atts = []
    for name, data, description in attachments:
        digest.update(data)
        atts.append(Attachment(string=data, name=name, description=description, created=stamp, modified=stamp,
                               relationship="Data"))
    base = (assets.resolve().as_uri() + "/") if assets else None
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with _source_date(date):
            doc = HTML(string=html, url_fetcher=fetcher, base_url=base)
            # tagged (pdf_tags): headings, paragraphs, tables, lists and footnotes carry structure
            # tags in reading order, so a screen reader reads them and a paragraph copied into a word
            # processor keeps its order; the document language comes from <html lang>
            pdf = doc.write_pdf(pdf_variant="pdf/a-3b" if pdfa else None, attachments=atts,
                                pdf_identifier=digest.hexdigest()[:32].encode(), pdf_tags=True)
    finally:
        logger.setLevel(level)
    return pdf, fetcher.refused
