"""Renderings kept in the cache under a fingerprint of every row they print.

A record is read far more often than it changes, and printing a long one is most of what its
pages cost. A page keeps its rendering under a key naming the page and each way it reads for
a request (roles, the site's address), together with the fingerprint of its rows
(``meetings.summary.fingerprint``): while the fingerprint is the same the rendering is
current; when it changes, the next request renders afresh and replaces the entry, so the
cache never holds stale versions. The cache only saves work: if it is down, pages render; in
DEBUG they render every time (a template being edited shows at once).

A kept rendering holds no request's CSRF token: templates render with ``CSRF_HOLE`` as the
token, and ``csrf_filled`` puts the reader's own in its place.
"""
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token

logger = logging.getLogger(__name__)

KEPT_SECONDS = 24 * 60 * 60
# Stands for the CSRF token in a kept rendering (render with {"csrf_token": CSRF_HOLE}).
CSRF_HOLE = "csrf-token-hole-8e5b3c0a"


def kept_rendering(key: str, fingerprint: str, render: Callable[[], dict]) -> dict:
    """The rendering kept under ``key`` if it was made from rows of this ``fingerprint``;
    else ``render()``'s, kept in its place."""
    if settings.DEBUG:
        return render()
    kept = _cache_get(key)
    if kept is not None and kept.get("fingerprint") == fingerprint:
        return kept
    rendering = {**render(), "fingerprint": fingerprint}
    _cache_set(key, rendering)
    return rendering


def csrf_filled(html: str, request) -> str:
    """``html`` with the request's CSRF token where a kept rendering has ``CSRF_HOLE``."""
    return html.replace(CSRF_HOLE, get_token(request)) if CSRF_HOLE in html else html


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # the cache only saves work: a cache server that is down must not take the page with it
        logger.warning("Cache unavailable: the page is rendered afresh", exc_info=True)
        return None


def _cache_set(key: str, value) -> None:
    try:
        cache.set(key, value, KEPT_SECONDS)
    except Exception:  # as in _cache_get
        logger.warning("Cache unavailable: the rendered page is not kept", exc_info=True)
