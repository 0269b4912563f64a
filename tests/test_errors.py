"""Error pages in the app's look, with the request id that the logs carry; errors reach ADMINS."""
import logging

import pytest
from django.core import mail
from django.test import RequestFactory

from smewg.errors import server_error
from smewg.logs import RequestIdFilter, request_id_var

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
