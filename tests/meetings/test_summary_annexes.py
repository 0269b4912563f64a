"""Annexes to the chair's summary chosen at export, and the Word copy of the summary."""
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from docx import Document as WordDocument

from meetings.models import SummaryExport
from meetings.services import summary_export_request
from meetings.summary.context import Annexes
from meetings.summary.render import summary_html
from meetings import services
from tests.factories import DocumentFactory, ParticipantFactory

from .summary_fixtures import SEED_TITLES, pdf_text, plain_text

pytestmark = pytest.mark.django_db
BOTH = Annexes(participants=True, documents=True)


@pytest.fixture
def annexed_meeting(demo_meeting):
    ParticipantFactory(meeting=demo_meeting, name="Ms. Ana Torres", sex="female", economy=None)
    DocumentFactory(meeting=demo_meeting, symbol="2002/SMEWG14/005", title="SPAN: proposal to enhance the plan")
    return demo_meeting


def _export(meeting, user, capture, annexes: Annexes) -> SummaryExport:
    with capture(execute=True):
        export = summary_export_request(meeting=meeting, user=user, annexes=annexes)
    export.refresh_from_db()
    return export


def _pdf(export: SummaryExport) -> str:
    with default_storage.open(export.file.name, "rb") as pdf:
        return pdf_text(pdf.read())


def test_summary_html_without_annexes_has_none(annexed_meeting):
    assert "Annex" not in plain_text(summary_html(annexed_meeting.pk))


def test_summary_html_annexes_number_in_order_of_choice(annexed_meeting):
    only_documents = plain_text(summary_html(annexed_meeting.pk, annexes=Annexes(documents=True)))
    both = plain_text(summary_html(annexed_meeting.pk, annexes=BOTH))

    assert "Annex 1: Documents register" in only_documents
    assert both.index("Annex 1: List of participants") < both.index("Annex 2: Documents register")


def test_summary_html_participants_annex_counts_women_and_men(annexed_meeting):
    text = plain_text(summary_html(annexed_meeting.pk, annexes=Annexes(participants=True)))

    annex = text[text.index("Annex 1: List of participants"):]
    assert annex.startswith("Annex 1: List of participants 2 participants: 1 female, 1 male. Female Male Other / not stated Total 1 1 0 2")
    assert "Mexico Mr. Lic. Moises Gomez Reyna General Director for Exportable Goods, Ministry of Economy Male Chair" in annex
    assert "— Ms. Ana Torres" in annex


def test_summary_html_documents_annex_of_a_meeting_without_documents_says_so(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk, annexes=Annexes(documents=True)))

    assert "Annex 1: Documents register No documents are registered for this meeting." in text


def test_export_with_annexes_puts_them_in_the_pdf(
    annexed_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = _export(annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, BOTH)

    text = _pdf(export)
    assert (export.annex_participants, export.annex_documents, export.reused) == (True, True, False)
    assert "Annex 1: List of participants" in text
    assert "2 participants: 1 female, 1 male." in text
    assert "Ms. Ana Torres" in text
    assert "Annex 2: Documents register" in text
    assert "2002/SMEWG14/005" in text
    assert "SPAN: proposal to enhance the plan" in text
    assert export.page_count == 6  # the four pages of the summary, then one page per annex


def test_export_annexes_decide_whether_a_stored_pdf_is_reused(
    annexed_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    plain = _export(annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, Annexes())
    with_participants = _export(
        annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, Annexes(participants=True)
    )
    again = _export(annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, Annexes(participants=True))
    plain_again = _export(annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, Annexes())

    assert (plain.reused, with_participants.reused, again.reused, plain_again.reused) == (False, False, True, True)
    assert with_participants.file.name != plain.file.name
    assert again.file.name == with_participants.file.name
    assert plain_again.file.name == plain.file.name
    assert "Annex" not in _pdf(plain_again)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"annex_participants": "on"}, (True, False)),
        ({"annex_participants": "on", "annex_documents": "on"}, (True, True)),
        ({"annex_documents": "false", "annex_participants": ""}, (False, False)),
        ({"annex_everything": "on", "annex_documents": ["on", "on"]}, (False, True)),
        ({}, (False, False)),
    ],
)
def test_summary_export_view_reads_the_ticked_annexes(
    secretariat_client, annexed_meeting, eager_tasks, django_capture_on_commit_callbacks, data, expected
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("meetings:summary_export", args=[annexed_meeting.pk]), data)

    export = SummaryExport.objects.get()
    assert response.status_code == 302
    assert (export.annex_participants, export.annex_documents) == expected


def test_meeting_page_offers_the_annexes_and_names_them_in_earlier_exports(
    secretariat_client, annexed_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    _export(annexed_meeting, secretariat_user, django_capture_on_commit_callbacks, BOTH)

    content = secretariat_client.get(annexed_meeting.get_absolute_url()).content.decode()

    assert 'name="annex_participants"' in content
    assert 'name="annex_documents"' in content
    assert "· with participants and documents" in content


# The Word copy.


def _word(response) -> list[str]:
    document = WordDocument(io.BytesIO(response.content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return lines


def test_word_copy_has_the_summary_in_the_recorded_order(secretariat_client, demo_meeting):
    response = secretariat_client.get(reverse("meetings:summary_word_copy", args=[demo_meeting.pk]))

    lines = _word(response)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="SMEWG14-chairs-summary.docx"'
    assert lines[2] == "Chair’s Summary"
    assert lines[5].startswith(
        "The APEC Small and Medium Enterprises Working Group (SMEWG) has had its 14th Meeting in Vina del Mar, Chile"
    )
    headings = [f"{number}. {title}" for number, title in enumerate(SEED_TITLES, start=1)]
    assert [line for line in lines if line in headings] == headings
    item_11 = lines[lines.index("11. Invitation to OECD") + 1:lines.index("11. Invitation to OECD") + 4]
    assert [line[:40] for line in item_11] == [
        "The Group discussed and agreed to invite",
        "The attendance of OECD in the next SMEWG",
        "The Group agreed that a letter on this w",
    ]
    item_8 = lines[lines.index("8. SMEWG Projects") + 1:]
    assert item_8[:3] == [
        "The Group received reports economies on completed and ongoing SME projects:",
        "Projects reported",
        "Conference on Strategic Alliances for Efficient Supply Chain Management;",
    ]
    assert "Item | Action | Responsible | Due | Status" in lines
    assert any(line.startswith("11.1 | Send a letter to the APEC Secretariat") for line in lines)
    paragraphs = [paragraph.text for paragraph in WordDocument(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[-1].startswith("Word copy of the record made on")
    assert paragraphs[-1].endswith("The record kept by the SMEWG Secretariat is the source: send changes to the Secretariat.")


def test_word_copy_of_a_draft_says_draft_and_follows_a_moved_block(secretariat_client, draft_meeting):
    item = draft_meeting.agenda_items.get(position=5)
    services.agenda_block_move(item=item, block="text", direction="down")

    response = secretariat_client.get(reverse("meetings:summary_word_copy", args=[draft_meeting.pk]))

    lines = _word(response)
    assert response["Content-Disposition"] == 'attachment; filename="SMEWG14-chairs-summary-draft.docx"'
    assert lines[0].startswith("DRAFT, not yet adopted")
    start = lines.index("5. High Level Meeting on Micro-Enterprises")
    assert lines[start + 1:start + 3] == [
        "The Group encouraged economies to participate actively in the high level meeting.",
        "The Group was briefed on the objective of the meeting and discussed possible ways on how to contribute "
        "to the Meeting.",
    ]


def test_word_copy_unknown_meeting_is_404_and_post_not_allowed(secretariat_client, demo_meeting):
    missing = secretariat_client.get(reverse("meetings:summary_word_copy", args=[999999]))
    posted = secretariat_client.post(reverse("meetings:summary_word_copy", args=[demo_meeting.pk]))

    assert (missing.status_code, posted.status_code) == (404, 405)


def test_meeting_page_links_the_word_copy_for_readers(delegate_client, demo_meeting):
    content = delegate_client.get(demo_meeting.get_absolute_url()).content.decode()

    assert reverse("meetings:summary_word_copy", args=[demo_meeting.pk]) in content


def test_failed_export_start_again_keeps_its_annexes(
    secretariat_client, demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="failed", error="Out of time.",
        annex_participants=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(reverse("meetings:summary_export_start_again", args=[export.pk]))

    export.refresh_from_db()
    assert (export.status, export.attempt) == ("done", 2)
    assert (export.annex_participants, export.annex_documents) == (True, False)
