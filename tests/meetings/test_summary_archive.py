"""The chair's summary as an archive-grade PDF: PDF/A-3b, metadata, embedded fonts, tags."""
import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import Meeting
from meetings.services.meeting import meeting_change_status
from meetings.summary.context import summary_adopted_on
from meetings.summary.render import summary_html, summary_pdf
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _pdf(meeting) -> PdfReader:
    pdf, _pages = summary_pdf(summary_html(meeting.pk))
    return PdfReader(io.BytesIO(pdf))


def _when(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_summary_pdf_declares_pdfa_3b_in_its_xmp_metadata(demo_meeting):
    reader = _pdf(demo_meeting)

    description = reader.xmp_metadata.rdf_root.getElementsByTagNameNS("*", "Description")
    identification = [d for d in description if d.getAttribute("pdfaid:part")]
    assert [(d.getAttribute("pdfaid:part"), d.getAttribute("pdfaid:conformance")) for d in identification] == [
        ("3", "B")
    ]
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


def test_summary_pdf_metadata_names_title_forum_number_and_adoption_date(demo_meeting):
    Meeting.history.filter(id=demo_meeting.pk).update(history_date=_when(datetime.date(2002, 4, 5)))

    metadata = _pdf(demo_meeting).metadata

    assert metadata.title == "Chair’s Summary · 14th SMEWG Meeting, Vina del Mar"
    assert metadata["/forum"] == "SMEWG"
    assert metadata["/meetingnumber"] == "14"
    assert metadata["/adopted"] == "2002-04-05"
    assert metadata.author == "APEC Small and Medium Enterprises Working Group (SMEWG)"
    assert metadata.subject == (
        "Chair’s summary of the 14th SMEWG Meeting, Vina del Mar, Chile, 3-5 April 2002; adopted 5 April 2002"
    )


def test_summary_pdf_of_a_draft_has_no_adoption_date(draft_meeting):
    metadata = _pdf(draft_meeting).metadata

    assert "/adopted" not in metadata
    assert metadata.subject.endswith("; draft")


def test_summary_pdf_embeds_every_font_and_is_tagged(demo_meeting):
    reader = _pdf(demo_meeting)

    fonts = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    root = reader.trailer["/Root"]
    assert fonts and all(fonts.values()), fonts
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"


def test_summary_adopted_on_is_the_start_of_the_latest_adoption(secretariat_user):
    meeting = MeetingFactory(status="circulated")
    meeting_change_status(meeting=meeting, user=secretariat_user, status="adopted")
    Meeting.history.filter(id=meeting.pk, status="adopted").update(history_date=_when(datetime.date(2002, 4, 5)))
    meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="A typo in item 3.")
    Meeting.history.filter(id=meeting.pk, status="circulated").update(history_date=_when(datetime.date(2002, 5, 1)))
    meeting_change_status(meeting=meeting, user=secretariat_user, status="adopted")
    latest = Meeting.history.filter(id=meeting.pk).latest("history_date")
    Meeting.history.filter(pk=latest.pk).update(history_date=_when(datetime.date(2002, 5, 2)))
    meeting.refresh_from_db()

    assert summary_adopted_on(meeting) == datetime.date(2002, 5, 2)


def test_summary_adopted_on_a_reopened_record_is_none(secretariat_user):
    meeting = MeetingFactory(status="circulated")
    meeting_change_status(meeting=meeting, user=secretariat_user, status="adopted")
    meeting = meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="Typo.")

    assert summary_adopted_on(meeting) is None
