"""Documents: registering papers with their files, the upload limits, and signed-in downloads."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document, Economy, Meeting, MeetingStatus
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<doc/>")
    return buffer.getvalue()


@pytest.fixture
def meeting():
    return MeetingFactory(number=15)


def documents_url(meeting):
    return reverse("meetings:documents", args=[meeting.pk])


def register(client, meeting, *, name="paper.pdf", content=PDF, **fields):
    data = {
        "document-symbol": "2002/SMEWG15/005",
        "document-title": "SME finance in APEC",
        "document-submitted_by": "",
        "document-purpose": "information",
        "document-agenda_item": "",
        **{f"document-{key}": value for key, value in fields.items()},
    }
    if name is not None:
        data["document-file"] = SimpleUploadedFile(name, content)
    return client.post(documents_url(meeting), data)


# Roles.


def test_documents_anonymous_redirects_to_login(client, meeting):
    response = client.get(documents_url(meeting))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user"])
def test_documents_other_roles_forbidden(client, meeting, request, user_fixture):
    document = DocumentFactory(meeting=meeting)
    client.force_login(request.getfixturevalue(user_fixture))

    responses = [
        client.get(documents_url(meeting)),
        register(client, meeting, symbol="2002/SMEWG15/099"),
        client.post(reverse("meetings:document_edit", args=[meeting.pk, document.pk]), {}),
        client.post(reverse("meetings:document_delete", args=[meeting.pk, document.pk])),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert list(Document.objects.values_list("symbol", flat=True)) == [document.symbol]


def test_documents_secretariat_lists_papers(secretariat_client, meeting):
    DocumentFactory(meeting=meeting, symbol="2002/SMEWG15/001", title="Agenda")

    response = secretariat_client.get(documents_url(meeting))

    assert response.status_code == 200
    assert "2002/SMEWG15/001" in response.content.decode()
    assert "Register a paper" in response.content.decode()


# Registering.


def test_register_pdf_saves_document_and_file(secretariat_client, meeting):
    item = AgendaItemFactory(meeting=meeting, position=1)
    mexico = Economy.objects.get(code="MEX")

    response = register(
        secretariat_client, meeting, submitted_by=f"economy:{mexico.pk}", agenda_item=item.pk, purpose="decision"
    )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == documents_url(meeting) + f"#document-{document.pk}"
    assert (document.meeting, document.agenda_item, document.submitted_by, document.purpose) == (
        meeting, item, mexico, "decision",
    )
    with document.file.open("rb") as handle:
        assert handle.read() == PDF


def test_register_shows_success_message(secretariat_client, meeting):
    register(secretariat_client, meeting)

    response = secretariat_client.get(documents_url(meeting))

    assert "Document 2002/SMEWG15/005 registered." in response.content.decode()


def test_register_organisation_as_submitter(secretariat_client, meeting):
    from meetings.models import Organisation

    pecc = Organisation.objects.get(short_name="PECC")

    register(secretariat_client, meeting, submitted_by=f"organisation:{pecc.pk}")

    assert Document.objects.get().submitted_by_organisation == pecc


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("paper.docx", ooxml("word/")),
        ("sheet.xlsx", ooxml("xl/")),
        ("slides.pptx", ooxml("ppt/")),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("notes.txt", "Résumé of the meeting\n".encode()),
    ],
)
def test_register_accepts_allowed_types(secretariat_client, meeting, name, content):
    response = register(secretariat_client, meeting, name=name, content=content)

    assert response.status_code == 302
    assert Document.objects.get().file.name.endswith(name)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "This type of file is not accepted"),
        ("paper.pdf", b"MZ\x90\x00 not a pdf", "is not a PDF file"),
        ("paper.docx", ooxml("xl/"), "is not a DOCX file"),
        ("paper.docx", b"PK\x03\x04 broken zip", "is not a DOCX file"),
        ("notes.txt", b"text\x00with nul", "is not a TXT file"),
    ],
)
def test_register_refuses_wrong_type_beside_the_field(secretariat_client, meeting, name, content, message):
    response = register(secretariat_client, meeting, name=name, content=content, title="Kept title")

    content_html = response.content.decode()
    assert response.status_code == 400
    assert message in content_html
    assert 'id="error_1_id_document-file"' in content_html
    assert "Kept title" in content_html
    assert Document.objects.count() == 0


def test_register_refuses_too_big_file(secretariat_client, meeting, settings):
    settings.DOCUMENT_MAX_BYTES = 1024

    response = register(secretariat_client, meeting, content=PDF + b"x" * 2000)

    assert response.status_code == 400
    assert "the limit is 1.0\xa0KB" in response.content.decode()
    assert Document.objects.count() == 0


def test_register_requires_a_file(secretariat_client, meeting):
    response = register(secretariat_client, meeting, name=None)

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_register_refuses_duplicate_symbol(secretariat_client, meeting):
    DocumentFactory(meeting=MeetingFactory(number=14), symbol="2002/SMEWG15/005", title="Earlier paper")

    response = register(secretariat_client, meeting, symbol="2002/smewg15/005")

    assert response.status_code == 400
    assert "2002/SMEWG15/005 is already registered (Earlier paper" in response.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.parametrize("symbol", ["SMEWG15-5", "2002 SMEWG15 005", "02/SMEWG15/005", "2002/"])
def test_register_refuses_malformed_symbol(secretariat_client, meeting, symbol):
    response = register(secretariat_client, meeting, symbol=symbol)

    assert response.status_code == 400
    assert "Write the symbol as year/meeting/number, e.g. 2002/SMEWG15/005." in response.content.decode()


def test_register_refuses_agenda_item_of_another_meeting(secretariat_client, meeting):
    other_item = AgendaItemFactory(meeting=MeetingFactory(), position=1)

    response = register(secretariat_client, meeting, agenda_item=other_item.pk)

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_register_title_is_escaped(secretariat_client, meeting):
    register(secretariat_client, meeting, title="<script>alert(1)</script>")

    content = secretariat_client.get(documents_url(meeting)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_register_refused_on_locked_meeting(secretariat_client, meeting):
    meeting.status = "adopted"
    meeting.save()

    post = register(secretariat_client, meeting)
    get = secretariat_client.get(documents_url(meeting))

    assert (post.status_code, get.status_code) == (403, 200)
    assert "Register a paper" not in get.content.decode()
    assert Document.objects.count() == 0


# Editing and deleting.


def test_edit_keeps_file_when_none_chosen(secretariat_client, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()
    file_name = document.file.name

    response = secretariat_client.post(
        reverse("meetings:document_edit", args=[meeting.pk, document.pk]),
        {"document-symbol": document.symbol, "document-title": "Renamed", "document-purpose": "discussion"},
    )

    document.refresh_from_db()
    assert response.status_code == 302
    assert (document.title, document.purpose, document.file.name) == ("Renamed", "discussion", file_name)


def test_edit_page_does_not_link_media(secretariat_client, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()

    response = secretariat_client.get(reverse("meetings:document_edit", args=[meeting.pk, document.pk]))

    content = response.content.decode()
    assert "/media/" not in content
    assert reverse("meetings:document_download", args=[document.pk]) in content


def test_edit_refuses_wrong_file_type(secretariat_client, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()

    response = secretariat_client.post(
        reverse("meetings:document_edit", args=[meeting.pk, document.pk]),
        {
            "document-symbol": document.symbol,
            "document-title": "Renamed",
            "document-purpose": "information",
            "document-file": SimpleUploadedFile("evil.html", b"<script>"),
        },
    )

    document.refresh_from_db()
    assert response.status_code == 400
    assert "This type of file is not accepted" in response.content.decode()
    assert document.title == "SME finance in APEC"


def test_delete_document(secretariat_client, meeting):
    document = DocumentFactory(meeting=meeting)

    confirm = secretariat_client.get(reverse("meetings:document_delete", args=[meeting.pk, document.pk]))
    response = secretariat_client.post(reverse("meetings:document_delete", args=[meeting.pk, document.pk]))

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert Document.objects.count() == 0


# Downloads.


def test_download_needs_sign_in(client, secretariat_client, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()
    secretariat_client.logout()

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_download_streams_attachment_to_delegate(client, secretariat_client, delegate_user, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.ADOPTED)
    client.force_login(delegate_user)

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CIRCULATED])
def test_download_of_unadopted_meeting_not_found_for_delegate(client, secretariat_client, delegate_user, meeting, status):
    register(secretariat_client, meeting)
    document = Document.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    client.force_login(delegate_user)

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "chair_user"])
def test_download_of_unadopted_meeting_allowed_to_drafts_readers(client, secretariat_client, request, meeting, user_fixture):
    register(secretariat_client, meeting)
    document = Document.objects.get()
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


def test_download_without_file_is_404(secretariat_client, meeting):
    document = DocumentFactory(meeting=meeting)

    response = secretariat_client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 404


def test_media_is_not_served(secretariat_client, meeting):
    register(secretariat_client, meeting)
    document = Document.objects.get()

    response = secretariat_client.get("/media/" + document.file.name)

    assert response.status_code == 404
