"""The chair's summary as HTML and PDF: wording, layout, queries, the URL fetcher, the command."""
import datetime
import http.server
import io
import threading

import pytest
from pypdf import PdfReader
from django.core.management import CommandError, call_command

from meetings.models import AgendaItem, Economy, Meeting
from meetings.services import review_list_refresh
from meetings.summary.context import join_names, list_punctuation, summary_context
from meetings.summary.fetcher import SUMMARY_BASE_URL, RefusedURL, StaticOnlyURLFetcher
from meetings.summary.render import summary_content_hash, summary_html, summary_pdf
from projects.models import ProjectReport
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    ProjectFactory,
)

from .summary_fixtures import SEED_CHAIR, SEED_MEMBERS_IN_TEXT, SEED_TITLES, pdf_text, plain_text

pytestmark = pytest.mark.django_db


def test_summary_opening_names_members_in_apec_order_like_the_seed(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))

    assert (
        "The APEC Small and Medium Enterprises Working Group (SMEWG) has had its 14th Meeting in Vina del Mar, "
        "Chile, on 3-5 April 2002. Representatives from Australia; Brunei Darussalam; Canada; Chile; the People's "
        "Republic of China; Hong Kong, China; Japan; the Republic of Korea; Malaysia; Mexico; New Zealand; the "
        "Russian Federation; Singapore; Chinese Taipei; Thailand; and the United States participated in the "
        "meeting. The APEC Secretariat and PECC were also represented. Macao, China also attended the meeting. "
        "The meeting was chaired by the SMEWG Chair, Mr. Lic. Moises Gomez Reyna, General Director for Exportable "
        "Goods, Ministry of Economy, Mexico. The Meeting discussed the following issues:"
    ) in text


def test_summary_item_8_lists_projects_reported_then_decision_then_projects_approved(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))
    item_8 = text[text.index("8. SMEWG Projects"):text.index("9. Preparation")].strip()

    assert item_8.startswith(
        "8. SMEWG Projects The Group received reports economies on completed and ongoing SME projects: "
        "Projects reported Conference on Strategic Alliances for Efficient Supply Chain Management; "
    )
    assert "Evolving Cooperation Initiatives for SME & New Business Support; and Portal Hub. " in item_8
    assert item_8.endswith(
        "Portal Hub. The Group also discussed and approved three new project proposals: Projects approved "
        "From Income Generation to Patent Creation: Incubating Innovative Micro-enterprises; Global Venture "
        "Investors Conference; and Consortium for Entrepreneurship."
    )


def test_summary_item_11_prints_the_decision_before_its_rationale_as_the_seed(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))
    item_11 = text[text.index("11. Invitation to OECD"):text.index("Agreed actions")].strip()

    assert item_11 == (
        "11. Invitation to OECD The Group discussed and agreed to invite OECD to attend the SMEWG Meeting in "
        "Acapulco, Mexico, August 2002. The attendance of OECD in the next SMEWG meeting would enable SMEWG and "
        "OECD to share experience, best practices and exchange information, in order to avoid re-inventing the "
        "wheels on how to encourage the development of SMEs. The Group agreed that a letter on this would be "
        "sent to the APEC Secretariat to seek SOM approval of the initiative."
    )


def test_summary_pdf_prints_item_11_in_the_seed_order_and_labels_project_lists(demo_meeting):
    text = pdf_text(summary_pdf(summary_html(demo_meeting.pk))[0])

    invite = text.index("The Group discussed and agreed to invite OECD")
    rationale = text.index("The attendance of OECD in the next SMEWG meeting")
    letter = text.index("The Group agreed that a letter on this would be sent")
    assert invite < rationale < letter
    assert text.index("Projects reported") < text.index("Conference on Strategic Alliances")
    assert text.index("Projects approved") < text.index("Global Venture Investors Conference")


def test_summary_opening_names_the_philippines_in_lower_case_mid_sentence(db):
    philippines = Economy.objects.get(code="PHL")
    meeting = MeetingFactory(number=22, city="Manila", host_economy=philippines, chair_name="Ana Cruz",
                             chair_title="Director", chair_economy=philippines)
    AttendanceFactory(meeting=meeting, economy=philippines)

    text = plain_text(summary_html(meeting.pk))

    assert "has had its 22nd Meeting in Manila, the Philippines, on 20-21 August 2002." in text
    assert "Representatives from the Philippines participated in the meeting." in text
    assert "chaired by the SMEWG Chair, Ana Cruz, Director, the Philippines." in text


def test_summary_items_appear_numbered_in_order(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))

    positions = [text.index(f"{number}. {title}") for number, title in enumerate(SEED_TITLES, start=1)]
    assert positions == sorted(positions)


def test_summary_lists_agreed_actions_with_who_when_and_status(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))

    assert "Agreed actions Item Action Responsible Due Status 1.1 Designate one economy" in text
    assert (
        "11.2 Invite OECD to attend the 15th SMEWG meeting in Acapulco, once SOM has approved. "
        "Mexico; APEC Secretariat 20 August 2002 Open"
    ) in text


def test_summary_of_adopted_meeting_has_no_draft_watermark(demo_meeting):
    markup = summary_html(demo_meeting.pk)

    assert 'class="watermark"' not in markup


def test_summary_of_draft_meeting_has_draft_watermark(draft_meeting):
    markup = summary_html(draft_meeting.pk)

    assert '<div class="watermark" aria-hidden="true">DRAFT</div>' in markup


def test_summary_shows_open_actions_from_previous_meetings(demo_meeting):
    later = MeetingFactory(number=15, start_date=datetime.date(2002, 8, 20), end_date=datetime.date(2002, 8, 21))
    review_list_refresh(meeting=later)

    text = plain_text(summary_html(later.pk))

    assert "Status of actions from previous meetings" in text
    assert "14th SMEWG Meeting, item 7 Appoint a gender focal point for the SMEWG." in text
    # Done, but asked "by the next meeting": on the list, so the 15th can record it done.
    assert "Invite the representative of the ABAC SME Task Force to be present at SMEWG meetings." in text


def test_summary_first_meeting_has_no_previous_actions_section(demo_meeting):
    text = plain_text(summary_html(demo_meeting.pk))

    assert "Status of actions from previous meetings" not in text


def _meeting_with(rows: int, number: int) -> Meeting:
    day = datetime.date(2003, 1, number)
    meeting = MeetingFactory(number=number, start_date=day, end_date=day)
    for index, code in enumerate(["AUS", "CDA", "JPN"][:rows]):
        AttendanceFactory(meeting=meeting, economy=Economy.objects.get(code=code))
        ParticipantFactory(meeting=meeting)
        item = AgendaItemFactory(meeting=meeting, position=index + 1)
        DecisionFactory(agenda_item=item)
        ActionFactory(agenda_item=item, economies=[code], status="done")  # not carried to the other meeting
        ProjectReport.objects.create(project=ProjectFactory(), meeting=meeting, agenda_item=item, kind="reported")
        DocumentFactory(meeting=meeting, agenda_item=item)
    return meeting


def test_summary_context_query_count_is_constant(db, django_assert_num_queries):
    one, three = _meeting_with(1, 20), _meeting_with(3, 21)

    with django_assert_num_queries(16):
        summary_context(one.pk)
    with django_assert_num_queries(16):
        summary_context(three.pk)


def test_summary_escapes_markup_in_record_text(demo_meeting):
    item = AgendaItem.objects.get(meeting=demo_meeting, position=1)
    item.text = 'See <img src="file:///etc/passwd"> and <img src="http://127.0.0.1:9/x.png">'
    item.save()

    markup = summary_html(demo_meeting.pk)

    assert "<img" not in markup
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in markup


def test_join_names_follows_the_seed():
    assert join_names([]) == ""
    assert join_names(["PECC"]) == "PECC"
    assert join_names(["the APEC Secretariat", "PECC"]) == "the APEC Secretariat and PECC"
    assert join_names(["ABAC", "OECD", "PECC"]) == "ABAC, OECD and PECC"
    assert join_names(["Japan", "Hong Kong, China", "Peru"]) == "Japan; Hong Kong, China; and Peru"


def test_list_punctuation_ends_with_and_then_full_stop():
    assert list_punctuation(["A", "B;", "C."]) == ["A;", "B; and", "C."]
    assert list_punctuation(["Only"]) == ["Only."]


def test_content_hash_is_stable_and_follows_the_record(demo_meeting):
    first = summary_content_hash(summary_html(demo_meeting.pk))
    again = summary_content_hash(summary_html(demo_meeting.pk))
    AgendaItem.objects.filter(meeting=demo_meeting, position=2).update(title="Work Plan 2002")

    changed = summary_content_hash(summary_html(demo_meeting.pk))

    assert first == again
    assert changed != first


# The URL fetcher: only our static files, never the file system or the network.


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        _RecordingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A real HTTP server on the loopback, to show nothing ever reaches it."""
    _RecordingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _RecordingHandler.requests
    server.shutdown()
    server.server_close()


def test_fetcher_serves_the_summary_stylesheet():
    response = StaticOnlyURLFetcher().fetch(SUMMARY_BASE_URL + "static/css/summary.css")

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "data:text/css,body{}",
        "ftp://summary.invalid/static/css/summary.css",
        "https://summary.invalid/static/css/summary.css",
        "http://example.org/static/css/summary.css",
        "http://summary.invalid/media/summaries/other.pdf",
        "http://summary.invalid/static/../smewg/settings.py",
        "http://summary.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "http://summary.invalid/static/css/summary.css?x=1",
        "http://user@summary.invalid/static/css/summary.css",
        "http://summary.invalid/static/vendor/htmx/htmx.min.js",
        "http://summary.invalid/static/css/missing.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    fetcher = StaticOnlyURLFetcher()

    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_local_server_without_connecting(local_server):
    base, requests = local_server

    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(f"{base}/style.css")
    assert requests == []


def test_pdf_of_raw_html_with_file_and_remote_sources_fetches_neither(local_server):
    base, requests = local_server
    fetcher = StaticOnlyURLFetcher()
    markup = (
        f'<html><head><link rel="stylesheet" href="{base}/style.css"></head><body>'
        f'<img src="file:///etc/passwd"><img src="{base}/pixel.png"><p>Body text</p></body></html>'
    )

    pdf, pages = summary_pdf(markup, fetcher=fetcher)

    assert requests == []
    assert sorted(fetcher.refused) == sorted([f"{base}/style.css", "file:///etc/passwd", f"{base}/pixel.png"])
    assert "root:" not in pdf_text(pdf)
    assert pages == 1


def test_pdf_of_summary_loads_only_its_stylesheet(demo_meeting, local_server):
    base, requests = local_server
    item = AgendaItem.objects.get(meeting=demo_meeting, position=1)
    item.text = f'<img src="file:///etc/passwd"> <link rel="stylesheet" href="{base}/x.css">'
    item.save()
    fetcher = StaticOnlyURLFetcher()

    pdf, _ = summary_pdf(summary_html(demo_meeting.pk), fetcher=fetcher)

    assert fetcher.served == [SUMMARY_BASE_URL + "static/css/summary.css"]
    assert fetcher.refused == []
    assert requests == []
    assert '<img src="file:///etc/passwd">' in pdf_text(pdf)


# The command line.


def test_render_summary_command_writes_the_demo_pdf(demo_meeting, tmp_path):
    output = tmp_path / "smewg14.pdf"

    out = io.StringIO()
    call_command("render_summary", "SMEWG", "14", "-o", str(output), stdout=out)

    text = pdf_text(output.read_bytes())
    assert output.read_bytes().startswith(b"%PDF-")
    assert [title for title in SEED_TITLES if title not in text] == []
    assert [name for name in SEED_MEMBERS_IN_TEXT if name not in text] == []
    assert SEED_CHAIR in text
    assert "Page 1 of" in text
    assert out.getvalue().startswith(f"Wrote {output}: ")


def test_render_summary_command_unknown_meeting_says_so(demo_meeting, tmp_path):
    with pytest.raises(CommandError, match="No meeting 99 of forum “SMEWG”"):
        call_command("render_summary", "SMEWG", "99", "-o", str(tmp_path / "x.pdf"))


def test_render_summary_command_unwritable_output_says_so(demo_meeting, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("render_summary", "SMEWG", "14", "-o", str(tmp_path / "no-such-folder" / "x.pdf"))


def test_summary_pdf_is_a4_with_page_numbers(demo_meeting):
    pdf, pages = summary_pdf(summary_html(demo_meeting.pk))

    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    assert f"Page {pages} of {pages}" in pdf_text(pdf)
    assert Meeting.objects.get(pk=demo_meeting.pk).title in pdf_text(pdf)
