"""Files in object storage (issue 16): downloads through presigned URLs that keep the read
rule, the health check, the two queues and the copy of an installation's files.

The S3 endpoint is moto in server mode, a process of its own answering real HTTP.
"""
import datetime
import io
import urllib.error
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings.downloads import stored_file_response
from meetings.management.commands.media_to_storage import media_copy
from tests.factories import DocumentFactory, MeetingFactory
from tests.storage.servers import RedisServer, s3_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3(s3_server, settings):
    """The app's default storage is a new, private bucket on the S3 server."""
    bucket = f"smewg-test-{uuid.uuid4().hex[:12]}"
    s3_server.bucket_create(bucket)
    for name, value in s3_settings(s3_server, bucket).items():
        setattr(settings, name, value)
    return s3_server


def _fetch(url: str):
    """Status, body and headers (case-insensitive) of a plain GET, as a browser would follow it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(), error.headers


def _read(name: str) -> bytes:
    with default_storage.open(name) as stored:
        return stored.read()


def _document(meeting_status: str, content: bytes = b"%PDF-1.7 paper on SME finance"):
    meeting = MeetingFactory(status=meeting_status)
    return DocumentFactory(meeting=meeting, file=ContentFile(content, name="sme-finance.pdf"))


def test_files_go_to_the_bucket_not_to_media_root(s3, settings, tmp_path):
    document = _document("adopted")

    assert (default_storage.exists(document.file.name), list(tmp_path.rglob("*.pdf"))) == (True, [])
    assert not any(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else True


def test_document_download_is_a_presigned_redirect_naming_the_file(s3, delegate_client):
    document = _document("adopted")

    response = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))
    status, body, headers = _fetch(response["Location"])

    query = parse_qs(urlsplit(response["Location"]).query)
    assert (response.status_code, response["Cache-Control"], query["X-Amz-Expires"]) == (302, "private, no-store",
                                                                                         ["300"])
    assert (status, body, headers["Content-Disposition"]) == (
        200, b"%PDF-1.7 paper on SME finance", 'attachment; filename="sme-finance.pdf"'
    )


def test_download_urls_are_signed_for_the_public_address_when_it_differs(s3, settings, delegate_client):
    # The app reaches the storage at 127.0.0.1; the browser, here, at localhost.
    public = s3.url.replace("127.0.0.1", "localhost")
    settings.S3_PUBLIC_ENDPOINT_URL = public
    document = _document("adopted")

    url = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))["Location"]
    status, body, _headers = _fetch(url)

    assert (url.startswith(public + "/"), status, body) == (True, 200, b"%PDF-1.7 paper on SME finance")


def test_the_bucket_is_not_public(s3):
    document = _document("adopted")

    status, _body, _headers = _fetch(f"{s3.url}/{default_storage.bucket_name}/{document.file.name}")

    assert status == 403


def test_delegate_gets_no_url_for_a_document_of_a_draft_meeting(s3, delegate_client):
    document = _document("drafted")

    response = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))

    assert (response.status_code, response.has_header("Location"), "X-Amz" in response.content.decode()) == (
        404, False, False
    )


def test_the_url_is_signed_to_expire_after_s3_url_seconds(s3, settings, delegate_client):
    # S3 refuses a presigned URL once X-Amz-Date + X-Amz-Expires has passed; moto does not
    # check expiry, so this asserts what the URL is signed with rather than waiting on it.
    settings.S3_URL_SECONDS = 60
    document = _document("adopted")

    url = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))["Location"]

    query = parse_qs(urlsplit(url).query)
    signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    age = abs((datetime.datetime.now(datetime.UTC) - signed_at).total_seconds())
    assert (query["X-Amz-Expires"], query["X-Amz-Algorithm"], age < 60, "X-Amz-Signature" in query) == (
        ["60"], ["AWS4-HMAC-SHA256"], True, True
    )


def test_a_file_gone_from_the_bucket_is_a_clear_404(s3, delegate_client):
    document = _document("adopted")
    default_storage.delete(document.file.name)

    response = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))

    assert (response.status_code, response.has_header("Location")) == (404, False)


def test_local_storage_streams_the_file(delegate_client):
    document = _document("adopted")

    response = delegate_client.get(reverse("meetings:document_download", args=[document.pk]))

    assert (response.status_code, response.streaming, b"".join(response.streaming_content)) == (
        200, True, b"%PDF-1.7 paper on SME finance"
    )


def test_stored_file_response_names_the_type(s3):
    document = _document("adopted")

    response = stored_file_response(document.file, filename="paper.pdf", content_type="application/pdf", gone="gone")
    _status, _body, headers = _fetch(response["Location"])

    assert headers["Content-Type"] == "application/pdf"


# Copying an installation's files to the storage.


def test_copy_command_copies_each_file_once_and_reports_the_missing(s3, tmp_path, settings):
    local = FileSystemStorage(location=tmp_path / "old-media")
    present = _local_document(local, "2002/SMEWG14/001.pdf", b"first paper")
    _local_document(local, "2002/SMEWG14/002.pdf", None)  # the database names it, the folder lost it
    out, again = io.StringIO(), io.StringIO()

    call_command("media_to_storage", source=str(tmp_path / "old-media"), stdout=out)
    call_command("media_to_storage", source=str(tmp_path / "old-media"), stdout=again)

    assert _read(present.file.name) == b"first paper"
    assert out.getvalue().splitlines()[-1] == f"1 copied, 0 already in the storage, 1 missing from {tmp_path / 'old-media'}."
    assert "missing  documents/" in out.getvalue()
    assert again.getvalue().splitlines()[-1].startswith("0 copied, 1 already in the storage, 1 missing")


def _local_document(local, symbol, content):
    from meetings.models import Document

    meeting = MeetingFactory()
    name = f"documents/{symbol.replace('/', '-')}"
    if content is not None:
        name = local.save(name, ContentFile(content))
    document = DocumentFactory.build(meeting=meeting, symbol=symbol)
    document.file.name = name
    document.save()
    return Document.objects.get(pk=document.pk)


def test_copy_command_refuses_to_copy_a_folder_onto_itself(settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)

    with pytest.raises(CommandError, match="set S3_BUCKET"):
        call_command("media_to_storage", source=str(settings.MEDIA_ROOT))


def test_copy_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="No folder at"):
        call_command("media_to_storage", source=str(tmp_path / "nowhere"))


def test_media_copy_leaves_a_file_already_there_alone(s3, tmp_path):
    local = FileSystemStorage(location=tmp_path)
    local.save("documents/a.pdf", ContentFile(b"old copy"))
    default_storage.save("documents/a.pdf", ContentFile(b"already moved"))

    report = media_copy(source=local, names=["documents/a.pdf"])

    assert (report.present, _read("documents/a.pdf")) == (["documents/a.pdf"], b"already moved")


# The health check.


def test_healthz_answers_with_every_part_up(client, settings):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a proxy probes by address

    expected_redis = "ok" if settings.REDIS_URL else "not used"
    assert (response.status_code, response.json(), response["Cache-Control"]) == (
        200, {"status": "ok", "database": "ok", "redis": expected_redis, "storage": "ok"}, "no-store"
    )


def test_healthz_says_redis_is_down_when_it_stops(client, settings):
    redis = RedisServer().start()
    settings.REDIS_URL = redis.url
    try:
        up = client.get("/healthz")
        redis.stop()
        down = client.get("/healthz")
    finally:
        redis.stop()

    assert (up.status_code, down.status_code, down.json()["status"], down.json()["redis"], down.json()["database"]) == (
        200, 503, "down", "down (ConnectionError)", "ok"
    )
    assert redis.url not in down.content.decode() and "127.0.0.1" not in down.content.decode()


def test_healthz_says_storage_is_down_when_the_bucket_is_gone(s3_server, client, settings):
    for name, value in s3_settings(s3_server, "no-such-bucket").items():
        setattr(settings, name, value)

    response = client.get("/healthz")

    assert (response.status_code, response.json()["storage"], response.json()["database"]) == (
        503, "down (ClientError)", "ok"
    )


def test_healthz_takes_get_only(client):
    assert client.post("/healthz").status_code == 405


# Queues.


@pytest.mark.parametrize("task, queue", [
    ("meetings.tasks.summary_export_render_task", "pdf"),
    ("meetings.tasks.adopted_record_render_task", "pdf"),
    ("meetings.tasks.action_progress_notify", "default"),
    ("meetings.tasks.action_reminders", "default"),
    ("background.tasks.outbox_sweep_task", "default"),
])
def test_renders_and_mail_go_to_queues_of_their_own(task, queue):
    from smewg.celery import app

    assert app.amqp.router.route({}, task)["queue"].name == queue
