"""``GET /healthz``: whether this machine reaches the database, Redis and file storage.

For the proxy in front of several web machines, for compose's health checks and for a
monitor. No sign-in and nothing secret in the answer: each part is "ok", "down" (with the
kind of error, not its text, which may name hosts) or "not used". 200 when every part used
is up, else 503. ``HealthCheckMiddleware`` answers it before the host check and the session,
so a probe by address works and a health check costs no session row.
"""
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"
TIMEOUT_SECONDS = 2


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis() -> None:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=TIMEOUT_SECONDS,
                                  socket_timeout=TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


def _storage() -> None:
    """The bucket answers (object storage), or the folder may be written (local)."""
    from meetings.downloads import storage_presigns

    if storage_presigns(default_storage):
        default_storage.connection.meta.client.head_bucket(Bucket=default_storage.bucket_name)
        return
    folder = Path(default_storage.location)
    while not folder.exists():  # created on the first save
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        raise PermissionError("the media folder may not be written")


def health_checks() -> dict[str, str]:
    checks = {"database": _database, "redis": _redis if settings.REDIS_URL else None, "storage": _storage}
    report = {}
    for name, check in checks.items():
        if check is None:
            report[name] = "not used"
            continue
        try:
            check()
        except Exception as error:  # any failure means the part is down, whatever raised it
            logger.warning("Health check: %s is down (%s).", name, type(error).__name__)
            report[name] = f"down ({type(error).__name__})"
        else:
            report[name] = "ok"
    return report


def healthz(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    report = health_checks()
    healthy = all(state in ("ok", "not used") for state in report.values())
    response = JsonResponse({"status": "ok" if healthy else "down", **report}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers ``/healthz`` first, before the host check, HTTPS redirect and session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
