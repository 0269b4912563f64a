"""Request ids for the logs and error pages; the "busy, try again" page for database timeouts."""
import logging
import re
import uuid

from django.db import OperationalError
from django.template.loader import render_to_string
from django.http import HttpResponse

from .logs import request_id_var

logger = logging.getLogger(__name__)

# A proxy's id is kept if it looks like one; anything else is replaced.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# PostgreSQL's codes for a statement cancelled by statement_timeout and a lock not granted
# within lock_timeout.
BUSY_PGCODES = {"57014": "statement timeout", "55P03": "lock timeout"}


class RequestIdMiddleware:
    """Gives each request an id (``request.request_id``), logged with every line and returned
    in ``X-Request-ID``; the error pages show it so a user can quote it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        token = request_id_var.set(request.request_id)
        try:
            _sentry_tag(request.request_id)
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def _sentry_tag(request_id: str) -> None:
    try:
        import sentry_sdk
    except ImportError:  # sentry-sdk is optional at run time
        return
    if sentry_sdk.is_initialized():
        sentry_sdk.get_isolation_scope().set_tag("request_id", request_id)


def busy_reason(error: BaseException) -> str | None:
    """"statement timeout" or "lock timeout" if ``error`` is one of those, else None."""
    if not isinstance(error, OperationalError):
        return None
    return BUSY_PGCODES.get(getattr(error.__cause__, "pgcode", None) or "")


class DatabaseBusyMiddleware:
    """A statement or lock timeout becomes a 503 "busy, try again" page (nothing was saved:
    the transaction rolled back), logged as a warning rather than a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        reason = busy_reason(exception)
        if reason is None:
            return None
        logger.warning("Database busy (%s) on %s %s.", reason, request.method, request.path)
        body = render_to_string(
            "busy.html", {"request_id": getattr(request, "request_id", ""), "was_post": request.method == "POST"}
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "10"
        response._has_been_logged = True  # logged above as a warning: not a server error for ADMINS
        return response
