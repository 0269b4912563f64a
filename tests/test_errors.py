"""Error pages in the app's look, with the request id that the logs carry; errors reach ADMINS."""
import gzip
import http.server
import logging
import os
import subprocess
import sys
import threading

import pytest
from django.core import mail
from django.test import RequestFactory

from smewg.errors import server_error
from smewg.logs import RequestIdFilter, request_id_var
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_server_error_page_shows_the_request_id_and_reads_no_session():
    request = RequestFactory().get("/meetings/")
    request.request_id = "abc123def4567890"

    response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert '<code id="request-id">abc123def4567890</code>' in page
    assert "vendor/bootstrap/bootstrap.min.css" in page


def test_request_id_header_given_by_a_proxy_is_kept(client):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="proxy-id-0001")

    assert response["X-Request-ID"] == "proxy-id-0001"


def test_request_id_header_not_like_an_id_is_replaced(client):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 16


def test_request_id_filter_tags_log_records_inside_and_outside_a_request():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)
    outside = RequestIdFilter().filter(record) and record.request_id
    token = request_id_var.set("req-0001")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    assert (outside, record.request_id) == ("-", "req-0001")


def test_not_found_page_is_in_the_apps_look(secretariat_client):
    response = secretariat_client.get("/meetings/999999/")

    assert response.status_code == 404
    assert "SMEWG Secretariat" in response.content.decode()
    assert "Back to the meetings" in response.content.decode()


def test_server_error_is_mailed_to_admins_with_the_request_id(settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    token = request_id_var.set("req-0002")
    try:
        logging.getLogger("django.request").error("Internal Server Error: /meetings/", extra={"status_code": 500})
    finally:
        request_id_var.reset(token)

    assert [m.to for m in mail.outbox] == [["ops@example.org"]]
    assert "Internal Server Error: /meetings/" in mail.outbox[0].subject
    assert "[req-0002] django.request: Internal Server Error: /meetings/" in mail.outbox[0].body


def test_sentry_dsn_sends_logged_errors_to_the_collector(tmp_path):
    """SENTRY_DSN set: an error logged in a process of the app reaches the collector (a
    local HTTP server standing in for Sentry)."""
    received: list[bytes] = []

    class Collector(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            # sentry-sdk compresses with brotli when it is installed (WeasyPrint brings it), else gzip.
            decode = {"br": lambda data: __import__("brotli").decompress(data), "gzip": gzip.decompress}.get(
                self.headers.get("Content-Encoding")
            )
            received.append(decode(body) if decode else body)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 8162), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "import logging; logging.getLogger('meetings').error('Chair summary broke: check 42')"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={**os.environ, "SENTRY_DSN": "http://publickey@127.0.0.1:8162/1"},
        )
    finally:
        server.shutdown()
        server.server_close()

    assert done.returncode == 0, done.stderr[-2000:]
    assert any(b"Chair summary broke: check 42" in body for body in received)
