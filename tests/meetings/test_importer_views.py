"""The summary import in the browser: upload one file, review with highlights, confirm."""
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.importer import MAX_BYTES
from meetings.models import Meeting, MeetingStatus

pytestmark = pytest.mark.django_db

SUMMARIES = Path(__file__).resolve().parent / "summaries"
SEED = SUMMARIES / "seed" / "smewg14-chairs-summary.txt"
IMPORT_URL = reverse("meetings:import")


def _upload(client, path: Path = SEED, name: str | None = None, content: bytes | None = None, forum="SMEWG"):
    data = content if content is not None else path.read_bytes()
    upload = SimpleUploadedFile(name or path.name, data, content_type="text/plain")
    return client.post(IMPORT_URL, {"file": upload, "forum": forum})


def _header(**changes) -> dict:
    data = {
        "forum": "SMEWG",
        "number": "14",
        "city": "Vina del Mar",
        "host_economy": "Chile",
        "start_date": "2002-04-03",
        "end_date": "2002-04-05",
        "chair_name": "Mr. Lic. Moises Gomez Reyna",
        "chair_title": "General Director for Exportable Goods, Ministry of Economy",
        "chair_economy": "Mexico",
    }
    data.update(changes)
    return data


@pytest.fixture
def review_url(secretariat_client):
    response = _upload(secretariat_client)
    assert response.status_code == 302
    return response["Location"]


# Permissions.


def test_summary_import_anonymous_redirected_to_login(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user"])
def test_summary_import_other_roles_forbidden(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(IMPORT_URL)

    assert response.status_code == 403


def test_summary_import_secretariat_sees_the_upload_form(secretariat_client):
    response = secretariat_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert b'name="file"' in response.content


def test_summary_import_review_forbidden_to_a_delegate(client, review_url, delegate_user):
    client.force_login(delegate_user)

    response = client.get(review_url)

    assert response.status_code == 403


def test_summary_import_nav_link_only_for_the_secretariat(secretariat_client, client, chair_user):
    staff_page = secretariat_client.get(IMPORT_URL).content.decode()
    client.force_login(chair_user)
    chair_page = client.get(reverse("meetings:list")).content.decode()

    assert f'href="{IMPORT_URL}">Import summary' in staff_page
    assert "Import summary" not in chair_page


# Bad uploads.


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a binary file"),
        ("summary.docx", b"PK\x03\x04not really a zip", "not a readable .docx"),
        ("list.txt", b"eggs\nmilk\n", "Nothing here looks like a chair&#x27;s summary"),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_summary_import_bad_upload_message_beside_the_field(secretariat_client, name, content, message):
    response = _upload(secretariat_client, name=name, content=content, forum="SMEWG")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="error_1_id_file"' in response.content.decode()
    assert response.context["form"]["forum"].value() == "SMEWG"


def test_summary_import_upload_over_10_mb_refused(secretariat_client):
    response = _upload(secretariat_client, name="big.txt", content=b"a" * (MAX_BYTES + 1))

    assert "summaries over 10 MB are refused" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_summary_import_upload_without_file_asks_for_one(secretariat_client):
    response = secretariat_client.post(IMPORT_URL, {"forum": "SMEWG"})

    assert response.context["form"].errors == {"file": ["This field is required."]}


# Review and confirm.


def test_summary_import_upload_saves_no_meeting(secretariat_client):
    response = _upload(secretariat_client)

    assert response.status_code == 302
    assert Meeting.objects.count() == 0


def test_summary_import_review_shows_record_beside_source(secretariat_client, review_url):
    response = secretariat_client.get(review_url)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].initial["city"] == "Vina del Mar"
    assert "8. SMEWG Projects" in page
    assert "Portal Hub" in page
    assert 'id="line-1"' in page and 'id="line-99"' in page
    assert Meeting.objects.count() == 0


def test_summary_import_review_highlights_unknown_names_and_lines(secretariat_client):
    response = _upload(secretariat_client, SUMMARIES / "smewg30-acapulco.txt")

    page = secretariat_client.get(response["Location"]).content.decode()

    assert '<mark class="unknown-name">Narnia</mark>' in page
    assert '<mark class="unknown-name">The World Bank</mark>' in page
    assert 'class="source-line source-problem" id="line-5"' in page
    assert '<a href="#line-15">Line 15</a>: Looks like the heading of agenda item 4' in page


def test_summary_import_confirm_saves_draft_with_corrections(secretariat_client, review_url):
    response = secretariat_client.post(review_url, _header(city="Viña del Mar"))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.city, meeting.status) == ("Viña del Mar", MeetingStatus.DRAFTED)
    assert meeting.agenda_items.count() == 11
    assert meeting.project_reports.count() == 16
    assert meeting.attendances.count() == 19


def test_summary_import_confirm_bad_header_keeps_what_was_typed(secretariat_client, review_url):
    response = secretariat_client.post(review_url, _header(city="Santiago", end_date="2002-04-01", number="abc"))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {"number": ["Enter a whole number."], "end_date": ["The meeting cannot end before it starts."]}
    assert form["city"].value() == "Santiago"
    assert Meeting.objects.count() == 0


def test_summary_import_confirm_existing_number_refused_then_replaced(secretariat_client, review_url, demo_meeting):
    refused = secretariat_client.post(review_url, _header(city="Santiago"))
    replaced = secretariat_client.post(review_url, _header(city="Santiago", replace="on"))

    assert "is already recorded" in refused.context["form"].errors["number"][0]
    assert refused.context["form"]["city"].value() == "Santiago"
    assert replaced.status_code == 302
    assert Meeting.objects.get().city == "Santiago"


def test_summary_import_confirm_twice_finds_the_draft_saved(secretariat_client, review_url):
    secretariat_client.post(review_url, _header())

    response = secretariat_client.post(review_url, _header(number="15"))

    assert response.status_code == 404
    assert Meeting.objects.count() == 1


def test_summary_import_confirm_record_problems_listed(secretariat_client):
    response = _upload(secretariat_client, SUMMARIES / "smewg22-hanoi.txt")
    from tests.factories import DocumentFactory

    DocumentFactory(symbol="2006/SMEWG/027")

    confirmed = secretariat_client.post(
        response["Location"],
        _header(number="22", city="Hanoi", host_economy="Viet Nam", start_date="2006-03-21", end_date="2006-03-22"),
    )

    assert confirmed.status_code == 200
    assert confirmed.context["save_problems"] == [
        "Document 3: symbol 2006/SMEWG/027 is already registered at another meeting."
    ]
    assert not Meeting.objects.filter(number=22).exists()


def test_summary_import_docx_upload_reviewed(secretariat_client):
    import io

    import docx

    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    response = _upload(secretariat_client, name="summary.docx", content=buffer.getvalue())
    review = secretariat_client.get(response["Location"])

    assert review.context["form"].initial["number"] == 14
    assert len(review.context["record"]["agenda_items"]) == 11
