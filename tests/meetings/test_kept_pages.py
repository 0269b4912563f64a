"""Pages kept rendered under the fingerprint of every row they print (``meetings.kept``): a
second request reads the page from the cache, and any change to those rows, however written,
shows on the next request.

The meeting page: PostgreSQL only (its one-query fingerprint is that SQL; elsewhere it renders
every time, which the other meeting page tests cover). The live summary's preview and
published page: on any database (the summary's fingerprint has a portable form)."""
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.services import user_create_with_role

from meetings import kept
from meetings.models import Economy, Meeting, SummaryExport
from meetings.summary import fingerprint
from meetings.views import meetings as meeting_views
from tests.factories import DocumentFactory, ParticipantFactory
from tests.meetings.test_summary_fingerprint import RECORD_EDITS

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the meeting page's fingerprint is PostgreSQL's (CI runs this)"
)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|("X-CSRFToken": ")[^"]+')



@pytest.fixture
def reader(db):
    """A second Secretariat user's client that checks CSRF tokens as a browser's requests are
    checked: a form it posts from a page kept for someone else must carry its own token."""
    other = user_create_with_role(username="sec2", password="pw-sec2-long", role="Secretariat", email="s2@example.org")
    client = Client(enforce_csrf_checks=True)
    client.force_login(other)
    return client

def _page(client, meeting) -> str:
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(html: str) -> str:
    return TOKEN.sub(lambda match: (match.group(1) or match.group(2)) + "…", html)


def _counting(monkeypatch, module, name) -> list:
    """The calls made to ``module.name`` from now on (one item each)."""
    calls = []
    original = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(1) or original(*args, **kwargs))
    return calls


@on_postgresql
def test_second_request_is_the_kept_page_and_reads_the_same(secretariat_client, demo_meeting, monkeypatch):
    renderings = _counting(monkeypatch, meeting_views, "_meeting_page_render")

    first, second = _page(secretariat_client, demo_meeting), _page(secretariat_client, demo_meeting)

    assert len(renderings) == 1
    assert _without_tokens(second) == _without_tokens(first)
    assert "Conference on Strategic Alliances for Efficient Supply Chain Management" in second


@on_postgresql
@pytest.mark.parametrize("edit", RECORD_EDITS, ids=lambda edit: edit.__name__.removeprefix("_edit_"))
def test_any_edit_to_the_record_shows_on_the_next_request(secretariat_client, draft_meeting, monkeypatch, edit):
    ParticipantFactory(meeting=draft_meeting, name="Ms. Ana Torres", sex="female", economy=None)
    DocumentFactory(meeting=draft_meeting, symbol="2002/SMEWG14/005", title="SPAN: proposal to enhance the plan")
    _page(secretariat_client, draft_meeting)
    renderings = _counting(monkeypatch, meeting_views, "_meeting_page_render")

    edit(draft_meeting)
    after = _page(secretariat_client, draft_meeting)
    cache.clear()
    fresh = _page(secretariat_client, draft_meeting)

    assert len(renderings) == 2  # the edit was noticed: rendered anew, not read from the cache
    assert _without_tokens(after) == _without_tokens(fresh)


@on_postgresql
def test_renamed_economy_shows_on_the_next_request(secretariat_client, demo_meeting):
    _page(secretariat_client, demo_meeting)

    Economy.objects.filter(code="MEX").update(name_in_text="the United Mexican States")

    assert "the United Mexican States" in _page(secretariat_client, demo_meeting)


@on_postgresql
def test_participant_added_changes_the_count(secretariat_client, demo_meeting):
    before = re.search(r"(\d+) participants?", _page(secretariat_client, demo_meeting)).group(1)

    ParticipantFactory(meeting=demo_meeting)

    after = re.search(r"(\d+) participants?", _page(secretariat_client, demo_meeting)).group(1)
    assert int(after) == int(before) + 1


@on_postgresql
def test_export_status_change_shows_on_the_next_request(secretariat_client, secretariat_user, demo_meeting):
    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user, status="queued")
    assert "Queued" in _page(secretariat_client, demo_meeting)

    SummaryExport.objects.filter(pk=export.pk).update(status="failed")

    assert "Failed" in _page(secretariat_client, demo_meeting)


@on_postgresql
def test_each_role_gets_its_own_page(client, secretariat_user, chair_user, delegate_user, demo_meeting):
    client.force_login(secretariat_user)
    secretariat_page = _page(client, demo_meeting)
    client.force_login(delegate_user)
    delegate_page = _page(client, demo_meeting)
    client.force_login(chair_user)
    chair_page = _page(client, demo_meeting)

    assert "Edit the record" in secretariat_page and "Export chair" in secretariat_page
    assert "Edit the record" not in delegate_page and "Participant list" not in delegate_page
    assert "Export chair" not in delegate_page
    assert "Edit the record" not in chair_page and "Participant list" in chair_page


@on_postgresql
def test_kept_page_still_refuses_a_delegate_a_draft(client, secretariat_user, delegate_user, draft_meeting):
    client.force_login(secretariat_user)
    _page(client, draft_meeting)
    client.force_login(delegate_user)

    response = client.get(reverse("meetings:detail", args=[draft_meeting.pk]))

    assert response.status_code == 404


@on_postgresql
def test_missing_meeting_is_404(secretariat_client):
    assert secretariat_client.get(reverse("meetings:detail", args=[987654])).status_code == 404


@on_postgresql
def test_forms_on_a_kept_page_carry_the_readers_own_token(client, secretariat_user, draft_meeting, reader):
    client.force_login(secretariat_user)
    _page(client, draft_meeting)  # kept by the first reader

    page = _page(reader, draft_meeting)
    token = re.search(r'id="summary-export-form">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', page)
    response = reader.post(reverse("meetings:summary_export", args=[draft_meeting.pk]), {"csrfmiddlewaretoken": token.group(1)})

    assert kept.CSRF_HOLE not in page
    assert response.status_code == 302  # accepted: a token from the kept page would be refused (403)


@on_postgresql
def test_published_link_names_the_address_it_was_asked_from(secretariat_client, demo_meeting, settings):
    settings.ALLOWED_HOSTS = ["testserver", "records.example.org", "smewg.example.net"]
    Meeting.objects.filter(pk=demo_meeting.pk).update(summary_is_public=True, summary_public_nonce="n1")
    url = reverse("meetings:detail", args=[demo_meeting.pk])

    first = secretariat_client.get(url, HTTP_HOST="records.example.org").content.decode()
    second = secretariat_client.get(url, HTTP_HOST="smewg.example.net").content.decode()

    assert "http://records.example.org/" in first and "http://smewg.example.net/" in second


@on_postgresql
def test_cache_down_the_page_is_rendered(secretariat_client, demo_meeting, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache server gone")

    monkeypatch.setattr(kept.cache, "get", refuse)
    monkeypatch.setattr(kept.cache, "set", refuse)

    assert "Conference on Strategic Alliances" in _page(secretariat_client, demo_meeting)


@on_postgresql
def test_kept_page_query_count(secretariat_client, demo_meeting, django_assert_num_queries):
    _page(secretariat_client, demo_meeting)

    # Session, user, roles, the fingerprint (with the meeting's status), the user's economy.
    with django_assert_num_queries(5):
        _page(secretariat_client, demo_meeting)


@on_postgresql
def test_fingerprint_prepared_once_a_session_and_after_a_reconnect(demo_meeting):
    first = fingerprint.meeting_page_fingerprint(demo_meeting.pk)
    assert fingerprint.meeting_page_fingerprint(demo_meeting.pk) == first

    connection._smewg_prepared_on = object()  # as after a reconnect: the session knows no statement
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")

    assert fingerprint.meeting_page_fingerprint(demo_meeting.pk) == first
    assert fingerprint.meeting_page_fingerprint(987654)[0] is None



@on_postgresql
def test_prepared_statement_after_a_failed_round_trip():
    from django.db import DatabaseError, transaction

    def divide(by: int):
        with connection.cursor() as cursor:
            fingerprint._execute_prepared(cursor, "smewg_test_divide", "SELECT 10 / %(meeting)s", by)
            return cursor.fetchone()[0]

    with pytest.raises(DatabaseError), transaction.atomic():
        divide(0)  # PREPARE takes, EXECUTE fails: unknown whether the statement exists
    assert divide(5) == 2  # asked pg_prepared_statements, so not prepared twice
    connection._smewg_prepared["smewg_test_divide"] = None
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE smewg_test_divide")
    assert divide(2) == 5  # and prepared again when it was not there


def test_deploy_digest_covers_the_page_template_and_its_view():
    files = {str(path) for path in fingerprint.deploy_files()}

    assert any(name.endswith("templates/meetings/partials/meeting_page.html") for name in files)
    assert any(name.endswith("templates/meetings/partials/summary_panel.html") for name in files)
    assert any(name.endswith("meetings/views/meetings.py") for name in files)
    assert not any("site-packages" in name for name in files)


# The live summary as a web page: the preview, and the published page of a meeting adopted
# without a record of adoption (an imported archive's).


def test_summary_preview_kept_until_the_record_changes(secretariat_client, draft_meeting, monkeypatch):
    from meetings.models import AgendaItem
    from meetings.views import summary as summary_views

    renders = _counting(monkeypatch, summary_views, "summary_html")
    url = reverse("meetings:summary_preview", args=[draft_meeting.pk])

    first, second = secretariat_client.get(url).content.decode(), secretariat_client.get(url).content.decode()
    AgendaItem.objects.filter(meeting=draft_meeting, position=2).update(title="Work Plan for 2002")
    third = secretariat_client.get(url).content.decode()

    assert len(renders) == 2
    assert _without_tokens(second) == _without_tokens(first)
    assert "Work Plan for 2002" in third and "Work Plan for 2002" not in first


def test_summary_preview_kept_export_form_carries_the_readers_token(client, secretariat_user, draft_meeting, reader):
    client.force_login(secretariat_user)
    url = reverse("meetings:summary_preview", args=[draft_meeting.pk])
    client.get(url)

    page = reader.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = reader.post(reverse("meetings:summary_export", args=[draft_meeting.pk]), {"csrfmiddlewaretoken": token})

    assert kept.CSRF_HOLE not in page
    assert response.status_code == 302


def test_summary_preview_of_a_delegate_has_no_export_form(client, secretariat_user, delegate_user, demo_meeting):
    from meetings.models import AdoptedRecord

    AdoptedRecord.objects.filter(meeting=demo_meeting).delete()  # adopted without a record: the live summary
    url = reverse("meetings:summary_preview", args=[demo_meeting.pk])
    client.force_login(secretariat_user)
    secretariat_page = client.get(url).content.decode()
    client.force_login(delegate_user)
    delegate_page = client.get(url).content.decode()

    assert 'name="csrfmiddlewaretoken"' in secretariat_page
    assert 'name="csrfmiddlewaretoken"' not in delegate_page
    assert "Invitation to OECD" in delegate_page


def test_published_live_summary_kept_and_sets_no_cookie(client, demo_meeting, monkeypatch):
    from meetings.models import AdoptedRecord
    from meetings.publication import public_summary_token
    from meetings.views import summary as summary_views

    AdoptedRecord.objects.filter(meeting=demo_meeting).delete()
    Meeting.objects.filter(pk=demo_meeting.pk).update(summary_is_public=True, summary_public_nonce="n1")
    demo_meeting.refresh_from_db()
    renders = _counting(monkeypatch, summary_views, "summary_html")
    url = reverse("public_summary", kwargs={"token": public_summary_token(demo_meeting)})

    first, second = client.get(url), client.get(url)

    assert (first.status_code, second.status_code, len(renders)) == (200, 200, 1)
    assert "Invitation to OECD" in second.content.decode()
    assert not second.cookies  # an anonymous reader gets no CSRF cookie from a page with no form


def test_in_debug_pages_render_every_time(secretariat_client, draft_meeting, monkeypatch, settings):
    from meetings.views import summary as summary_views

    settings.DEBUG = True
    renders = _counting(monkeypatch, summary_views, "summary_html")
    url = reverse("meetings:summary_preview", args=[draft_meeting.pk])

    secretariat_client.get(url), secretariat_client.get(url)

    assert len(renders) == 2  # a template being edited shows at once
