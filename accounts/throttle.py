"""Throttling of password guessing and of password-reset mail.

Sign-in: django-axes counts failures per (username, address) and per address, and takes the
larger; it has one failure limit for both. ``sign_in_failure_limit`` gives it two: a user at
an address is locked out after ``SIGN_IN_FAILURES_PER_USER`` failures, an address after
``SIGN_IN_FAILURES_PER_ADDRESS`` whatever usernames it tries (one password sprayed across many
accounts), which is set higher because delegates at a meeting share the venue's address.

Password reset: at most ``PASSWORD_RESETS_PER_EMAIL`` mails to one address and
``PASSWORD_RESETS_PER_ADDRESS`` requests from one client address an hour, counted in Django's
cache. A refused request looks like any other (no mail, the same "if an account has that
address" page), so the limit tells nobody which addresses have accounts.
"""
import hashlib
import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum

RESET_WINDOW_SECONDS = 3600


def client_address(request) -> str:
    """The client's IP address. With nothing in front of the app, ``REMOTE_ADDR``. Behind
    ``TRUSTED_PROXY_COUNT`` proxies, each of which adds the address it was reached from to
    X-Forwarded-For, the entry that many places from the right: the address the outermost
    trusted proxy saw. Entries further left are whatever the client claimed."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def sign_in_failure_limit(request, credentials) -> int:
    """django-axes' failure limit for this sign-in (``AXES_FAILURE_LIMIT``).

    Axes locks out when the larger of its counts (this username at this address; this
    address) reaches the limit, and the address's count is never the smaller. So: the
    per-user limit once this user at this address has reached it, else the per-address one.
    """
    user_at_address = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)[0]
    failures = user_at_address.aggregate(total=Sum("failures_since_start"))["total"] or 0
    per_user = settings.SIGN_IN_FAILURES_PER_USER
    return per_user if failures >= per_user else settings.SIGN_IN_FAILURES_PER_ADDRESS


def _within_limit(key: str, limit: int) -> bool:
    """Count one more request under ``key`` this hour; False once the count passes ``limit``."""
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def password_reset_allowed(*, request, email: str) -> bool:
    """Whether a reset mail may go to ``email`` for this request; counts the request."""
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_email = _within_limit(f"password-reset:email:{email_key}", settings.PASSWORD_RESETS_PER_EMAIL)
    by_address = _within_limit(f"password-reset:address:{client_address(request)}",
                               settings.PASSWORD_RESETS_PER_ADDRESS)
    return by_email and by_address
