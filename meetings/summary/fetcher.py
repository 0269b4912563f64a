"""The only resources WeasyPrint may load while drawing a chair's summary: our own static files.

The summary is rendered with ``base_url=SUMMARY_BASE_URL``, so the template's
``{% static %}`` links resolve to ``http://summary.invalid/static/...``. The fetcher maps
exactly those URLs to files found by Django's staticfiles finders (or, after
collectstatic, under ``STATIC_ROOT``) and refuses everything else before any I/O:
``file://``, ``data:``, any other host or scheme, paths outside the static folders,
unknown file types. The ``.invalid`` host never resolves and no request is ever made, so
there is nothing to redirect.
"""
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

SUMMARY_HOST = "summary.invalid"
SUMMARY_BASE_URL = f"http://{SUMMARY_HOST}/"
# File types the summary's stylesheet may pull in.
ALLOWED_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".woff", ".woff2", ".ttf", ".otf"}


class RefusedURL(ValueError):
    """A URL the summary renderer will not load (WeasyPrint logs it and draws without it)."""


class StaticOnlyURLFetcher(URLFetcher):
    """A WeasyPrint 70 ``URLFetcher`` that serves the app's static files and nothing else.

    ``refused`` lists every URL it turned down, so callers and tests can see what the
    document asked for.
    """

    def __init__(self):
        # No protocol is allowed to the parent's opener: if anything ever reached it, it would refuse.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False, timeout=1)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = self.static_path(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        self.served.append(url)
        content_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type or "application/octet-stream"}
        )

    @staticmethod
    def static_path(url: str) -> Path:
        """The static file a summary URL names; ``RefusedURL`` for anything else."""
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise RefusedURL(f"Malformed URL refused: {url[:200]}") from error
        if parts.scheme != "http" or parts.netloc != SUMMARY_HOST or parts.query or parts.username:
            raise RefusedURL(f"Only the app's static files may be loaded, not {url[:200]}")
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        path = unquote(parts.path)
        if not path.startswith(static_prefix) or "\\" in path or "\x00" in path:
            raise RefusedURL(f"Not a static file: {url[:200]}")
        relative = path[len(static_prefix):]
        if not relative or posixpath.normpath(relative) != relative or relative.startswith(("/", "..")):
            raise RefusedURL(f"Not a static file: {url[:200]}")
        if Path(relative).suffix.lower() not in ALLOWED_SUFFIXES:
            raise RefusedURL(f"File type not allowed in the summary: {url[:200]}")
        found = finders.find(relative)
        if found:
            return Path(found)
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
        raise RefusedURL(f"No such static file: {url[:200]}")
